import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Delegation, DelegationMember } from '@accord/delegations';
import { ATTENDANCE_STATUSES, AttendanceStatus, sqlValues } from '../shared/scheduling-kinds.js';
import { Session } from '../sessions/session.entity.js';

/**
 * A delegation member's seat (or place on the waitlist) in a session. A trigger keeps `sessions.seats_taken` equal
 * to the registered rows, and a CHECK there keeps it within capacity: PostgreSQL refuses a seat too many.
 */
@Entity('session_attendees')
@Check('session_attendees_status', `status IN (${sqlValues(ATTENDANCE_STATUSES)})`)
@Index('session_attendees_once', ['sessionId', 'memberId'], { unique: true, where: `status <> 'cancelled'` })
@Index('session_attendees_queue', ['sessionId', 'status', 'requestedAt'])
@Index('session_attendees_delegation', ['delegationId'])
export class SessionAttendee {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Session;

  @Column({ type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => DelegationMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: DelegationMember;

  @Column({ type: 'uuid' })
  delegationId!: string;

  @ManyToOne(() => Delegation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Delegation;

  @Column({ type: 'text' })
  status!: AttendanceStatus;

  /** When the seat was asked for: the waitlist is served in this order. */
  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt!: Date;

  /** Set when a waitlisted request was given a freed seat. */
  @Column({ type: 'timestamptz', nullable: true })
  promotedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
