import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Participant, sqlList } from '@accord/delegations';
import { Event } from '@accord/events';
import { Signature } from '../signatures/signature.entity.js';

export enum MilestoneKind {
  GoalReached = 'signatories.goal_reached',
}

/**
 * A milestone that fired. The unique (event, kind) row is what makes "the goal was reached" happen exactly once:
 * it is inserted in the transaction that records the crossing signature, under the event lock, and it stays when
 * a signature is voided, so a later re-crossing finds it and stays silent.
 */
@Entity('signatory_milestones')
@Unique('signatory_milestones_once', ['eventId', 'kind'])
@Check('signatory_milestones_kind', `kind IN (${sqlList(Object.values(MilestoneKind))})`)
export class SignatoryMilestone {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'text' })
  kind!: MilestoneKind;

  /** The count when it fired, and the goal then in force. */
  @Column({ type: 'integer' })
  count!: number;

  @Column({ type: 'integer' })
  goal!: number;

  /** Time of the signature that made the count reach the goal, in order of time of signature, as known then. */
  @Column({ type: 'timestamptz' })
  reachedAt!: Date;

  @Column({ type: 'uuid' })
  signatureId!: string;

  // NO ACTION is checked at the end of the statement, so deleting the event can cascade through both tables.
  @ManyToOne(() => Signature, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'signature_id' })
  signature?: Signature;

  @Column({ type: 'uuid' })
  participantId!: string;

  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;

  @CreateDateColumn({ type: 'timestamptz' })
  firedAt!: Date;
}
