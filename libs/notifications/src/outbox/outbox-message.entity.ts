import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind } from '../notification-kinds.js';
import type { Recipient } from '../recipient.js';

/**
 * A notification that a committed change calls for. Written in the same transaction as the change (so a rollback
 * sends nothing) and relayed to BullMQ by the worker (so a Redis outage delays it but never loses it).
 */
@Entity('outbox_messages')
@Index('outbox_messages_pending', ['createdAt'], { where: 'published_at IS NULL' })
@Index('outbox_messages_not_fanned_out', ['publishedAt'], {
  where: 'published_at IS NOT NULL AND fanned_out_at IS NULL',
})
@Check('outbox_messages_delivery_window', 'expires_at IS NULL OR deliver_after IS NULL OR expires_at > deliver_after')
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  /** The ceremony the change belongs to (templates show its name and time zone). */
  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  @Column({ type: 'jsonb' })
  recipients!: Recipient[];

  /** Template data: ids plus the facts of the change (see NotificationData). */
  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  /** Whether subscribed webhook endpoints receive this as an event too. */
  @Column({ type: 'boolean', default: false })
  webhook!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /**
   * Hold the message until this time (e.g. an appointment reminder): the relay leaves a row alone while
   * `deliver_after > now()`. Until then the producer may withdraw it (OutboxService.withdraw). Null: at once.
   */
  @Column({ type: 'timestamptz', nullable: true })
  deliverAfter!: Date | null;

  /** Never deliver at or after this time (a reminder for a moment that has passed): the relay drops the row. */
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** Set once the relay has handed the message to BullMQ. */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** Set once its deliveries exist (one per recipient and subscribed endpoint) and their jobs are queued. */
  @Column({ type: 'timestamptz', nullable: true })
  fannedOutAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  relayAttempts!: number;

  @Column({ type: 'text', nullable: true })
  lastRelayError!: string | null;
}
