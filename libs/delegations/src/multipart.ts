import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError, validationFailed } from '@accord/core';

export interface ReceivedFile {
  fileName: string;
  content: Buffer;
  /** Plain form fields sent before the file part. */
  fields: Record<string, string | undefined>;
}

/** Reads the one `file` part of a multipart request, refusing anything larger than `maxBytes` with a 413. */
export async function readSingleFile(
  request: FastifyRequest,
  maxBytes: number,
  tooLargeCode: string,
): Promise<ReceivedFile> {
  if (!request.isMultipart()) {
    throw new AppError(
      415,
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      'Send the file as multipart/form-data with a "file" part',
    );
  }
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part || part.fieldname !== 'file')
    throw validationFailed([{ field: 'file', message: 'a "file" part is required' }]);
  const content = await part.toBuffer().catch((error: unknown) => {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, tooLargeCode, `The file is larger than ${Math.round(maxBytes / 1024)} KiB`, {
        maxBytes,
      });
    }
    throw error;
  });
  if (content.length === 0) throw validationFailed([{ field: 'file', message: 'the file is empty' }]);
  const fields: Record<string, string | undefined> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const value = Array.isArray(field) ? field[0] : field;
    if (value && value.type === 'field') fields[name] = String(value.value);
  }
  return { fileName: part.filename, content, fields };
}
