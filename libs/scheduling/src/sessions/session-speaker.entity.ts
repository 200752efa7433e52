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
} from 'typeorm';
import { Delegation, DelegationMember } from '@accord/delegations';
import { SessionStatus, SPEAKER_ROLES, SpeakerRole, sqlValues } from '../shared/scheduling-kinds.js';
import { Session } from './session.entity.js';

/**
 * A delegation member speaking in a session. The session's time range and status are copied onto the row and kept
 * equal by a composite foreign key with ON UPDATE CASCADE (moving or cancelling a session rewrites its speaker
 * rows in the same statement), so an exclusion constraint can refuse one person speaking in two overlapping
 * sessions: PostgreSQL checks it, including when a session is moved and when two requests race.
 */
@Entity('session_speakers')
@Unique('session_speakers_once', ['sessionId', 'memberId'])
@Check('session_speakers_role', `role IN (${sqlValues(SPEAKER_ROLES)})`)
@Exclusion(
  'session_speakers_no_double_booking',
  `USING gist ("member_id" WITH =, tstzrange("session_starts_at", "session_ends_at", '[)') WITH &&) WHERE (session_status <> 'cancelled')`,
)
@Index('session_speakers_delegation', ['delegationId'])
export class SessionSpeaker {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'timestamptz' })
  sessionStartsAt!: Date;

  @Column({ type: 'timestamptz' })
  sessionEndsAt!: Date;

  @Column({ type: 'text' })
  sessionStatus!: SessionStatus;

  @ManyToOne(() => Session, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  @JoinColumn([
    { name: 'session_id', referencedColumnName: 'id' },
    { name: 'session_starts_at', referencedColumnName: 'startsAt' },
    { name: 'session_ends_at', referencedColumnName: 'endsAt' },
    { name: 'session_status', referencedColumnName: 'status' },
  ])
  session?: Session;

  @Column({ type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => DelegationMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: DelegationMember;

  /** The member's delegation (for notifications and the delegation's calendar). */
  @Column({ type: 'uuid' })
  delegationId!: string;

  @ManyToOne(() => Delegation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Delegation;

  @Column({ type: 'text', default: SpeakerRole.Speaker })
  role!: SpeakerRole;

  /** Order of speaking (or of listing). */
  @Column({ type: 'integer', default: 0 })
  position!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
