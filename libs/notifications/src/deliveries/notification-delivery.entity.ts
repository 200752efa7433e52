import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { OutboxMessage } from '../outbox/outbox-message.entity.js';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity.js';
import type { NotificationKind } from '../notification-kinds.js';
import type { Language } from '../recipient.js';
import type { Channel, DeliveryStatus } from './delivery-status.js';

/**
 * One notification to one recipient on one channel: the unit that is sent, retried and reported. Created by the
 * fan-out of an outbox message; unique per (message, channel, recipient) so a fan-out that runs twice adds nothing.
 */
@Entity('notification_deliveries')
@Unique('notification_deliveries_once', ['outboxMessageId', 'channel', 'recipientKey'])
@Index('notification_deliveries_status', ['status', 'createdAt'])
@Index('notification_deliveries_recipient', ['recipientKey'])
@Index('notification_deliveries_event', ['eventId', 'createdAt'])
@Index('notification_deliveries_due', ['updatedAt'], { where: `status IN ('queued', 'failed')` })
@Check('notification_deliveries_channel', `channel IN ('email', 'webhook')`)
@Check('notification_deliveries_status_known', `status IN ('queued', 'sent', 'failed', 'dead', 'skipped')`)
@Check('notification_deliveries_email_has_address', `channel <> 'email' OR recipient_email IS NOT NULL`)
@Check('notification_deliveries_sent_has_time', `status <> 'sent' OR sent_at IS NOT NULL`)
@Check('notification_deliveries_counters', `attempts >= 0 AND generation >= 0`)
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  outboxMessageId!: string;

  @ManyToOne(() => OutboxMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outbox_message_id', foreignKeyConstraintName: 'notification_deliveries_outbox_message_fk' })
  outboxMessage?: OutboxMessage;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  @Column({ type: 'text' })
  channel!: Channel;

  /** Who, per channel: the lower-cased email address, or the webhook endpoint id. */
  @Column({ type: 'text' })
  recipientKey!: string;

  @Column({ type: 'text', nullable: true })
  recipientEmail!: string | null;

  @Column({ type: 'text', nullable: true })
  recipientName!: string | null;

  @Column({ type: 'text', nullable: true })
  language!: Language | null;

  @Column({ type: 'uuid', nullable: true })
  delegationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  /** Null for email, and once the endpoint is deleted (the delivery history stays). */
  @Column({ type: 'uuid', nullable: true })
  webhookEndpointId!: string | null;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'webhook_endpoint_id', foreignKeyConstraintName: 'notification_deliveries_endpoint_fk' })
  webhookEndpoint?: WebhookEndpoint | null;

  @Column({ type: 'text', default: 'queued' })
  status!: DeliveryStatus;

  /** Attempts started, across every generation. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Bumped by an organiser's retry: jobs of an older generation find nothing to do. */
  @Column({ type: 'integer', default: 0 })
  generation!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** The Message-ID of the email, or the HTTP status of the webhook answer. */
  @Column({ type: 'text', nullable: true })
  providerMessageId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
