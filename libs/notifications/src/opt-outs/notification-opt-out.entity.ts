import { Check, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Event } from '@accord/events';

/** A person who asked for no more announcements (bulk mail) about one ceremony. Transactional mail still goes. */
@Entity('notification_opt_outs')
@Check('notification_opt_outs_email_lower', `email = lower(email)`)
export class NotificationOptOut {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'notification_opt_outs_event_fk' })
  event?: Event;

  /** Lower-cased. */
  @PrimaryColumn({ type: 'text' })
  email!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
