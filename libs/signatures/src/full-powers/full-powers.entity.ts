import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Delegation, Participant, sqlList } from '@accord/delegations';
import { Event } from '@accord/events';

export enum FullPowersStatus {
  Pending = 'pending',
  Verified = 'verified',
  Rejected = 'rejected',
  /** Replaced by a newer upload, or no longer naming the designated signatory after the designation changed. */
  Superseded = 'superseded',
}

export const FULL_POWERS_STATUSES = Object.values(FullPowersStatus);
export const FULL_POWERS_CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type FullPowersContentType = (typeof FULL_POWERS_CONTENT_TYPES)[number];

/**
 * An instrument of full powers (VCLT art. 7; UN Treaty Handbook 3.2 and annex 3): a copy uploaded in advance, then
 * reviewed by the treaty section. The bytes live in `full_powers_contents`, so listing and reviewing never load
 * them. At most one document per party is current (pending or verified); older ones stay for the record.
 */
@Entity('full_powers')
@Check('full_powers_status', `status IN (${sqlList(FULL_POWERS_STATUSES)})`)
@Check('full_powers_content_type', `content_type IN (${sqlList(FULL_POWERS_CONTENT_TYPES)})`)
@Check('full_powers_size', `size_bytes > 0`)
@Check('full_powers_sha256', `sha256 ~ '^[0-9a-f]{64}$'`)
@Check('full_powers_rejection_reason', `status <> 'rejected' OR length(btrim(rejection_reason)) > 0`)
@Check('full_powers_reviewed', `status IN ('pending', 'superseded') OR reviewed_at IS NOT NULL`)
@Index('full_powers_one_current', ['eventId', 'participantId'], {
  unique: true,
  where: `status IN ('pending', 'verified')`,
})
@Index('full_powers_event_status', ['eventId', 'status', 'createdAt'])
export class FullPowers {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'uuid' })
  participantId!: string;

  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;

  /** The delegation whose focal point uploaded it, if any. */
  @Column({ type: 'uuid', nullable: true })
  delegationId!: string | null;

  @ManyToOne(() => Delegation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Delegation | null;

  /** The representative the full powers are for: the designated signatory's name when it was uploaded. */
  @Column({ type: 'text' })
  representativeName!: string;

  @Column({ type: 'text' })
  fileName!: string;

  /** Sniffed from the bytes, never taken from the client. */
  @Column({ type: 'text' })
  contentType!: FullPowersContentType;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'text', default: FullPowersStatus.Pending })
  status!: FullPowersStatus;

  @Column({ type: 'text', nullable: true })
  rejectionReason!: string | null;

  /** 'organiser' or 'focal-point', and the organiser's id when one uploaded it. */
  @Column({ type: 'text' })
  uploadedByKind!: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
