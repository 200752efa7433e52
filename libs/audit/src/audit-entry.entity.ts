import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ActorKind = 'organiser' | 'focal-point' | 'anonymous' | 'system';

/**
 * One change to the record, written in the same transaction as the change. Append-only: a trigger (see the
 * migration) refuses UPDATE, DELETE and TRUNCATE for every writer, the application included.
 */
@Entity('audit_log')
@Index('audit_log_entity', ['entityType', 'entityId', 'occurredAt'])
@Index('audit_log_occurred_at', ['occurredAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  actorKind!: ActorKind;

  /** The organiser's user id, or the focal point's delegation id. */
  @Column({ type: 'text', nullable: true })
  actorId!: string | null;

  /** e.g. `delegation.approved`, `signature.recorded`, `user.updated`. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  entityType!: string;

  @Column({ type: 'text' })
  entityId!: string;

  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  /** Changed fields only: `{ field: { from, to } }`, personal data redacted. */
  @Column({ type: 'jsonb', default: {} })
  changes!: Record<string, { from: unknown; to: unknown }>;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'text', nullable: true })
  clientIp!: string | null;
}
