import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Delegation, Participant, sqlList } from '@accord/delegations';
import { Event } from '@accord/events';
import {
  SIGNATORY_CAPACITIES,
  SIGNATORY_RANKS,
  SignatoryCapacity,
  SignatoryRank,
} from '../shared/signatory-capacity.js';
import { FullPowers } from '../full-powers/full-powers.entity.js';
import { DEPOSITARY_NOTIFICATION_SQL } from './depositary-notification.js';

/**
 * A signature of the treaty by a State or REIO, as the depositary records it (art. 64). Never deleted: a signature
 * recorded in error is voided with a reason. Each party signs at most once, which the partial unique index
 * enforces among the signatures that are not voided, also when two officers record the same party at once.
 */
@Entity('signatures')
@Index('signatures_one_per_party', ['eventId', 'participantId'], { unique: true, where: 'voided_at IS NULL' })
@Index('signatures_event_signed_at', ['eventId', 'signedAt'])
@Check('signatures_capacity', `capacity IN (${sqlList(SIGNATORY_CAPACITIES)})`)
@Check('signatures_rank', `rank IN (${sqlList(SIGNATORY_RANKS)})`)
@Check('signatures_party_kind', `party_kind IN ('state','reio')`)
@Check('signatures_signatory_name', `length(btrim(signatory_name)) > 0`)
@Check('signatures_place', `length(btrim(place)) > 0`)
@Check(
  'signatures_depositary_notification',
  `depositary_notification IS NULL OR depositary_notification ~ '${DEPOSITARY_NOTIFICATION_SQL}'`,
)
@Check(
  'signatures_void',
  `(voided_at IS NULL AND void_reason IS NULL AND voided_by IS NULL) OR (voided_at IS NOT NULL AND length(btrim(void_reason)) > 0)`,
)
@Check('signatures_full_powers', `full_powers_id IS NOT NULL OR (party_kind = 'state' AND capacity <> 'other')`)
export class Signature {
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

  /** `state` or `reio`, copied from the catalogue: only States count toward the goal. */
  @Column({ type: 'text' })
  partyKind!: 'state' | 'reio';

  /** The party's delegation at this event, when it registered one (its signing appointment is marked done). */
  @Column({ type: 'uuid', nullable: true })
  delegationId!: string | null;

  @ManyToOne(() => Delegation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Delegation | null;

  @Column({ type: 'text' })
  signatoryName!: string;

  @Column({ type: 'text', nullable: true })
  signatoryTitle!: string | null;

  @Column({ type: 'text' })
  capacity!: SignatoryCapacity;

  @Column({ type: 'text' })
  rank!: SignatoryRank;

  /** The verified full powers the signature relied on; null only for the three offices exempt under VCLT art. 7(2)(a). */
  @Column({ type: 'uuid', nullable: true })
  fullPowersId!: string | null;

  // NO ACTION is checked at the end of the statement, so deleting the event can cascade through both tables.
  @ManyToOne(() => FullPowers, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'full_powers_id' })
  fullPowers?: FullPowers | null;

  @Column({ type: 'timestamptz' })
  signedAt!: Date;

  /** Where it was signed: the ceremony's city during the ceremony, the depositary's seat afterwards. */
  @Column({ type: 'text' })
  place!: string;

  @Column({ type: 'text', nullable: true })
  declarations!: string | null;

  @Column({ type: 'text', nullable: true })
  reservations!: string | null;

  /** The depositary notification announcing it, e.g. `C.N.196.2025.TREATIES-XVIII.16`, once issued. */
  @Column({ type: 'text', nullable: true })
  depositaryNotification!: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  voidedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  voidedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  voidReason!: string | null;
}
