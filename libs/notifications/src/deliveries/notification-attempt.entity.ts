import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { NotificationDelivery } from './notification-delivery.entity.js';
import type { AttemptOutcome } from './delivery-status.js';

/** One try at sending a delivery, kept so organisers can see every SMTP or HTTP error, not just the last one. */
@Entity('notification_attempts')
@Unique('notification_attempts_number', ['deliveryId', 'number'])
@Check('notification_attempts_outcome', `outcome IS NULL OR outcome IN ('sent', 'failed', 'interrupted')`)
export class NotificationAttempt {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  deliveryId!: string;

  @ManyToOne(() => NotificationDelivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'notification_attempts_delivery_fk' })
  delivery?: NotificationDelivery;

  /** 1 for the first attempt of the delivery, and so on across retries. */
  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Null while the attempt runs (or when its worker died; the next attempt then marks it interrupted). */
  @Column({ type: 'text', nullable: true })
  outcome!: AttemptOutcome | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** The SMTP server's answer, or the webhook's HTTP status. */
  @Column({ type: 'text', nullable: true })
  response!: string | null;
}
