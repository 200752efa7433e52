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
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Event } from '@accord/events';
import { Room } from '../rooms/room.entity.js';
import {
  SESSION_KINDS,
  SESSION_STATUSES,
  SESSION_VISIBILITIES,
  SessionKind,
  SessionStatus,
  SessionVisibility,
  sqlValues,
} from '../shared/scheduling-kinds.js';

/**
 * A session of the programme. PostgreSQL refuses two sessions that are not cancelled overlapping in one room
 * (exclusion constraint on the time range, half-open so back-to-back sessions are fine), whichever code path
 * writes them.
 */
@Entity('sessions')
@Check('sessions_kind', `kind IN (${sqlValues(SESSION_KINDS)})`)
@Check('sessions_status', `status IN (${sqlValues(SESSION_STATUSES)})`)
@Check('sessions_visibility', `visibility IN (${sqlValues(SESSION_VISIBILITIES)})`)
@Check('sessions_times_ordered', `ends_at > starts_at`)
@Check('sessions_titles', `length(btrim(title_en)) > 0 AND length(btrim(title_fr)) > 0`)
@Check('sessions_seats', `capacity > 0 AND seats_taken >= 0 AND seats_taken <= capacity`)
@Check('sessions_max_per_delegation', `max_per_delegation IS NULL OR max_per_delegation > 0`)
@Check('sessions_sequence', `sequence >= 0`)
// Referenced by session_speakers with ON UPDATE CASCADE, so each speaker row always carries its session's times.
@Unique('sessions_speaker_reference', ['id', 'startsAt', 'endsAt', 'status'])
@Exclusion(
  'sessions_no_room_overlap',
  `USING gist ("room_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE (status <> 'cancelled')`,
)
@Index('sessions_event_starts', ['eventId', 'startsAt'])
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'text' })
  kind!: SessionKind;

  @Column({ type: 'text' })
  titleEn!: string;

  @Column({ type: 'text' })
  titleFr!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'uuid' })
  roomId!: string;

  @ManyToOne(() => Room, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'room_id' })
  room?: Room;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  /** Seats offered; the room's capacity unless the organisers set another. */
  @Column({ type: 'integer' })
  capacity!: number;

  /**
   * Registered attendees, kept by a trigger on session_attendees (see the migration) so the CHECK above holds
   * whatever writes attendance. Never written by the application.
   */
  @Column({ type: 'integer', default: 0, insert: false, update: false })
  seatsTaken!: number;

  /** Most seats one delegation may take (e.g. 2 in the room); null for no per-delegation cap. */
  @Column({ type: 'integer', nullable: true })
  maxPerDelegation!: number | null;

  @Column({ type: 'text', default: SessionVisibility.Public })
  visibility!: SessionVisibility;

  @Column({ type: 'text', default: SessionStatus.Draft })
  status!: SessionStatus;

  /** iCalendar SEQUENCE: incremented on every change, so calendar apps update the entry in place. */
  @Column({ type: 'integer', default: 0 })
  sequence!: number;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  cancellationReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
