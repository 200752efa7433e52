import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '@accord/events';
import { OutboxMessage } from '../outbox/outbox-message.entity.js';
import type { AnnouncementTranslations } from '../notification-kinds.js';

/** Who an announcement went to, as the organiser chose it: explicit recipients, or a registered audience. */
export interface AnnouncementAudience {
  type: string;
  params?: Record<string, unknown>;
}

/** A bulk message from the organisers to an audience, sent as one email per recipient. */
@Entity('announcements')
@Index('announcements_event', ['eventId', 'createdAt'])
@Check('announcements_subject_length', `char_length(subject) BETWEEN 1 AND 200`)
@Check('announcements_time_order', `ends_at IS NULL OR (starts_at IS NOT NULL AND ends_at >= starts_at)`)
@Check('announcements_recipient_count', `recipient_count >= 0`)
export class Announcement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'announcements_event_fk' })
  event?: Event;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  /** The subject and body in other languages, chosen per recipient (else the text above). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  translations!: AnnouncementTranslations;

  /** The moment it is about, if any (the email then carries an .ics). */
  @Column({ type: 'timestamptz', nullable: true })
  startsAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @Column({ type: 'jsonb' })
  audience!: AnnouncementAudience;

  /** Recipients the audience resolved to when the announcement was made. */
  @Column({ type: 'integer' })
  recipientCount!: number;

  @Column({ type: 'uuid' })
  outboxMessageId!: string;

  @ManyToOne(() => OutboxMessage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'outbox_message_id', foreignKeyConstraintName: 'announcements_outbox_message_fk' })
  outboxMessage?: OutboxMessage;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
