import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Event } from '@accord/events';
import type { NotificationKind } from '../notification-kinds.js';

/** An organiser's system that receives notifications as signed HTTP POSTs (Standard Webhooks). */
@Entity('webhook_endpoints')
@Check('webhook_endpoints_http_url', `url ~ '^https?://'`)
@Check('webhook_endpoints_kinds', `cardinality(kinds) > 0`)
@Check('webhook_endpoints_disabled_reason', `enabled OR disabled_reason IS NOT NULL`)
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** The notification kinds it subscribes to. */
  @Column({ type: 'text', array: true })
  kinds!: NotificationKind[];

  /** Only this ceremony's notifications; null for every ceremony. */
  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'webhook_endpoints_event_fk' })
  event?: Event | null;

  /** The signing secret, encrypted (AES-256-GCM) with a key from the configuration: see webhook-secret-box.ts. */
  @Column({ type: 'text' })
  secretCiphertext!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** Why it stopped receiving, e.g. it answered 410 Gone. */
  @Column({ type: 'text', nullable: true })
  disabledReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
