import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Event } from '@accord/events';
import { Session } from '../sessions/session.entity.js';

/**
 * A time at the signing table, within a signing session. Slots of one session never overlap. The constraint is
 * deferrable (checked at the end of each statement) so that moving a signing session shifts all its slots in one
 * UPDATE without a row colliding with its not-yet-moved neighbour.
 */
@Entity('signing_slots')
@Check('signing_slots_times_ordered', `ends_at > starts_at`)
@Exclusion(
  'signing_slots_no_overlap',
  `USING gist ("session_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)`,
  { deferrable: 'INITIALLY IMMEDIATE' },
)
@Index('signing_slots_session_starts', ['sessionId', 'startsAt'])
@Index('signing_slots_event_starts', ['eventId', 'startsAt'])
export class SigningSlot {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Session;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
