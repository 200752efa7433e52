import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fileTypeFromBuffer } from 'file-type';
import { DataSource } from 'typeorm';
import { AuditService } from '@accord/audit';
import { AppError, notFound, validationFailed, type Caller } from '@accord/core';
import { isPartyKind } from '../delegation-kind.js';
import { DelegationsService, assertVisible } from '../delegations.service.js';
import {
  DOCUMENT_CONTENT_TYPES,
  DelegationDocument,
  DocumentKind,
  type DocumentContentType,
} from './delegation-document.entity.js';

/** Largest accepted letter: a scanned note verbale of a few pages fits comfortably. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export interface Upload {
  kind: string | undefined;
  fileName: string;
  content: Buffer;
}

/** A file name safe to show and to put in a Content-Disposition header. */
export function sanitiseFileName(name: string, contentType: DocumentContentType): string {
  const extension = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' }[contentType];
  const base = name
    .normalize('NFKD')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[._]+|_+$/g, '')
    .slice(0, 100);
  return `${base || 'document'}.${extension}`;
}

/** Notes verbales, credentials and nomination letters: checked by content, hashed, kept in PostgreSQL. */
@Injectable()
export class DelegationDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly delegations: DelegationsService,
    private readonly audit: AuditService,
  ) {}

  async upload(caller: Caller, eventId: string, delegationId: string, upload: Upload): Promise<DelegationDocument> {
    const sniffed = await fileTypeFromBuffer(upload.content);
    const contentType = sniffed?.mime as DocumentContentType | undefined;
    if (!contentType || !DOCUMENT_CONTENT_TYPES.includes(contentType)) {
      throw new AppError(
        415,
        'DOCUMENT.UNSUPPORTED_TYPE',
        `The file must be a PDF, PNG or JPEG (its content looks like ${sniffed?.mime ?? 'something else'})`,
        { accepted: DOCUMENT_CONTENT_TYPES },
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const delegation = await this.delegations.lockForEdit(manager, caller, eventId, delegationId);
      const allowed = isPartyKind(delegation.kind)
        ? [DocumentKind.NoteVerbale, DocumentKind.Credentials]
        : [DocumentKind.NominationLetter];
      const kind = (upload.kind ?? allowed[0]) as DocumentKind;
      if (!allowed.includes(kind)) {
        throw validationFailed([
          { field: 'kind', message: `a ${delegation.kind} delegation attaches ${allowed.join(' or ')}` },
        ]);
      }
      const document = await manager.save(
        manager.create(DelegationDocument, {
          delegationId,
          kind,
          fileName: sanitiseFileName(upload.fileName, contentType),
          contentType,
          sizeBytes: upload.content.length,
          sha256: createHash('sha256').update(upload.content).digest('hex'),
          content: upload.content,
          uploadedByKind: caller.kind,
          uploadedBy: caller.kind === 'organiser' ? caller.userId : null,
        }),
      );
      await this.audit.record(manager, {
        action: 'delegation.document_uploaded',
        entityType: 'delegation_document',
        entityId: document.id,
        eventId,
        after: { delegationId, kind, contentType, sizeBytes: document.sizeBytes, sha256: document.sha256 },
      });
      delete document.content;
      return document;
    });
  }

  /** Metadata only: the bytes are never selected here. */
  async list(caller: Caller, eventId: string, delegationId: string): Promise<DelegationDocument[]> {
    await this.delegations.getVisible(caller, eventId, delegationId);
    return this.dataSource.manager.find(DelegationDocument, {
      where: { delegationId },
      order: { createdAt: 'DESC' },
    });
  }

  async download(
    caller: Caller,
    eventId: string,
    delegationId: string,
    documentId: string,
  ): Promise<DelegationDocument> {
    assertVisible(caller, eventId, delegationId);
    const document = await this.dataSource.manager
      .createQueryBuilder(DelegationDocument, 'doc')
      .addSelect('doc.content')
      .innerJoin('doc.delegation', 'd')
      .where('doc.id = :documentId AND doc.delegation_id = :delegationId AND d.event_id = :eventId', {
        documentId,
        delegationId,
        eventId,
      })
      .getOne();
    if (!document) throw notFound('Document', documentId);
    return document;
  }
}
