import '@fastify/multipart';
import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  Access,
  ANY_ORGANISER,
  ApiProblems,
  AppError,
  CurrentCaller,
  validationFailed,
  type Caller,
} from '@accord/core';
import { DocumentKind } from './delegation-document.entity.js';
import { DelegationDocumentsService, MAX_DOCUMENT_BYTES } from './delegation-documents.service.js';
import { DocumentDto } from './document.dto.js';
import { readSingleFile } from '../multipart.js';

@ApiTags('delegations')
@Controller('events/:eventId/delegations/:delegationId/documents')
export class DelegationDocumentsController {
  constructor(private readonly documents: DelegationDocumentsService) {}

  @Post()
  @Access('focal-point', 'protocol')
  @ApiOperation({
    summary: 'Attach the note verbale, credentials or nomination letter',
    description:
      `multipart/form-data with one \`file\` (PDF, PNG or JPEG, checked by content, at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB). ` +
      'States and REIOs attach a note_verbale (default) or credentials; other kinds a nomination_letter (default). ' +
      'A focal point may attach until the registration is decided.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiQuery({ name: 'kind', enum: DocumentKind, required: false })
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiCreatedResponse({ type: DocumentDto })
  @ApiProblems(400, 404, 409, 413, 415)
  async upload(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @Query('kind') kind: string | undefined,
    @CurrentCaller() caller: Caller,
    @Req() request: FastifyRequest,
  ): Promise<DocumentDto> {
    if (kind !== undefined && !(Object.values(DocumentKind) as string[]).includes(kind))
      throw validationFailed([
        { field: 'kind', message: `kind must be one of ${Object.values(DocumentKind).join(', ')}` },
      ]);
    const file = await readSingleFile(request, MAX_DOCUMENT_BYTES, 'DOCUMENT.TOO_LARGE');
    const document = await this.documents.upload(caller, eventId, delegationId, {
      kind: kind ?? file.fields.kind,
      fileName: file.fileName,
      content: file.content,
    });
    return DocumentDto.from(document);
  }

  @Get()
  @Access('focal-point', ...ANY_ORGANISER)
  @ApiOperation({ summary: "A delegation's documents (metadata; download each by id)" })
  @ApiOkResponse({ type: [DocumentDto] })
  @ApiProblems(400, 404)
  async list(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<DocumentDto[]> {
    return (await this.documents.list(caller, eventId, delegationId)).map((d) => DocumentDto.from(d));
  }

  @Get(':documentId')
  @Access('focal-point', ...ANY_ORGANISER)
  @ApiOperation({ summary: "Download a document (organisers and the delegation's focal point only)" })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiProblems(400, 404)
  async download(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const document = await this.documents.download(caller, eventId, delegationId, documentId);
    if (!document.content) throw new AppError(500, 'INTERNAL.ERROR', 'Document content missing');
    // Headers here, the body returned: with passthrough, Nest sends it (sending it here too would answer twice).
    void reply
      .header('content-type', document.contentType)
      .header('content-disposition', `attachment; filename="${document.fileName}"`)
      .header('content-length', String(document.sizeBytes))
      .header('etag', `"${document.sha256}"`)
      .header('cache-control', 'private, no-store');
    return document.content;
  }
}
