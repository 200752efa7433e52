import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Delegation } from '../delegation.entity.js';
import { sqlList } from '../delegation-kind.js';

export enum DocumentKind {
  /** Government delegations: the note verbale listing the delegates. */
  NoteVerbale = 'note_verbale',
  /** Government delegations: a credentials letter, instead of or besides the note verbale. */
  Credentials = 'credentials',
  /** Other kinds: the organisation's nomination letter. */
  NominationLetter = 'nomination_letter',
}

export const DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

/**
 * A letter attached to a delegation. The bytes live here, not on the delegation row, and the column is never
 * selected unless asked for, so listing delegations or documents never loads them.
 */
@Entity('delegation_documents')
@Check('delegation_documents_kind', `kind IN (${sqlList(Object.values(DocumentKind))})`)
@Check('delegation_documents_content_type', `content_type IN (${sqlList(DOCUMENT_CONTENT_TYPES)})`)
@Check('delegation_documents_size', `size_bytes > 0 AND size_bytes = octet_length(content)`)
@Check('delegation_documents_sha256', `sha256 ~ '^[0-9a-f]{64}$'`)
@Index('delegation_documents_delegation', ['delegationId', 'createdAt'])
export class DelegationDocument {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  delegationId!: string;

  @ManyToOne(() => Delegation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Delegation;

  @Column({ type: 'text' })
  kind!: DocumentKind;

  /** The uploader's file name, sanitised; only for display and the download's Content-Disposition. */
  @Column({ type: 'text' })
  fileName!: string;

  /** Sniffed from the bytes, never taken from the client. */
  @Column({ type: 'text' })
  contentType!: DocumentContentType;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bytea', select: false })
  content?: Buffer;

  /** 'organiser' or 'focal-point', and the organiser's id when one uploaded it. */
  @Column({ type: 'text' })
  uploadedByKind!: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
