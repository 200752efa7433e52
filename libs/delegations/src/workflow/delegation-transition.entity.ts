import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DELEGATION_STATUSES, DelegationStatus, sqlList } from '../delegation-kind.js';
import { Delegation } from '../delegation.entity.js';

export enum ActorKind {
  Organiser = 'organiser',
  FocalPoint = 'focal-point',
  Public = 'public',
}

/** One change of a delegation's status: who, when, from, to and why. Append-only history. */
@Entity('delegation_transitions')
@Check('delegation_transitions_to', `to_status IN (${sqlList(DELEGATION_STATUSES)})`)
@Check('delegation_transitions_from', `from_status IS NULL OR from_status IN (${sqlList(DELEGATION_STATUSES)})`)
@Check('delegation_transitions_actor', `actor_kind IN (${sqlList(Object.values(ActorKind))})`)
@Check('delegation_transitions_rejection_reason', `to_status <> 'rejected' OR length(btrim(reason)) > 0`)
@Index('delegation_transitions_delegation', ['delegationId', 'createdAt'])
export class DelegationTransition {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  delegationId!: string;

  @ManyToOne(() => Delegation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Delegation;

  /** Null for the registration itself. */
  @Column({ type: 'text', nullable: true })
  fromStatus!: DelegationStatus | null;

  @Column({ type: 'text' })
  toStatus!: DelegationStatus;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text' })
  actorKind!: ActorKind;

  /** The organiser's user id, when an organiser made the change. */
  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
