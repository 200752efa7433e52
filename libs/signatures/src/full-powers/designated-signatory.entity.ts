import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Delegation, DelegationMember, Participant, sqlList } from '@accord/delegations';
import { Event } from '@accord/events';
import {
  SIGNATORY_CAPACITIES,
  SIGNATORY_RANKS,
  SignatoryCapacity,
  SignatoryRank,
} from '../shared/signatory-capacity.js';

/**
 * The person a party intends to sign for it, and in what capacity (which decides whether full powers are needed).
 * Kept per party and event, not per delegation, so the treaty section can also register a signatory for a party
 * whose delegation never registered (an ambassador already in post, say); `delegationId` says which delegation
 * named them when one did.
 */
@Entity('designated_signatories')
@Unique('designated_signatories_one_per_party', ['eventId', 'participantId'])
@Check('designated_signatories_capacity', `capacity IN (${sqlList(SIGNATORY_CAPACITIES)})`)
@Check('designated_signatories_rank', `rank IN (${sqlList(SIGNATORY_RANKS)})`)
@Check('designated_signatories_name', `length(btrim(full_name)) > 0`)
export class DesignatedSignatory {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'uuid' })
  participantId!: string;

  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;

  @Column({ type: 'uuid', nullable: true })
  delegationId!: string | null;

  @ManyToOne(() => Delegation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Delegation | null;

  /** The delegation member who will sign, when the signatory is one of them. */
  @Column({ type: 'uuid', nullable: true })
  memberId!: string | null;

  @ManyToOne(() => DelegationMember, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'member_id' })
  member?: DelegationMember | null;

  @Column({ type: 'text' })
  fullName!: string;

  /** Function as it should appear in the record ("Minister of Public Security", "Permanent Representative"). */
  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ type: 'text' })
  capacity!: SignatoryCapacity;

  @Column({ type: 'text' })
  rank!: SignatoryRank;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
