import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Participant, sqlList } from '@accord/delegations';
import { Event } from '@accord/events';
import { DEPOSITARY_NOTIFICATION_SQL } from '../signatures/depositary-notification.js';
import { Signature } from '../signatures/signature.entity.js';
import { INSTRUMENT_KINDS, InstrumentKind } from './instrument-kind.js';

/**
 * An instrument deposited with the depositary. The order of deposit decides which is "the fortieth" (art. 65), so
 * every instrument gets a sequence number per event at recording, under the event lock; instruments deposited on
 * the same day are ordered by it. Voided, never deleted, like signatures.
 */
@Entity('instruments')
@Index('instruments_one_per_party', ['eventId', 'participantId'], { unique: true, where: 'voided_at IS NULL' })
@Index('instruments_sequence', ['eventId', 'sequence'], { unique: true })
@Check('instruments_kind', `kind IN (${sqlList(INSTRUMENT_KINDS)})`)
@Check('instruments_party_kind', `party_kind IN ('state','reio')`)
@Check(
  'instruments_kind_for_party',
  `(kind <> 'formal_confirmation' OR party_kind = 'reio') AND (kind <> 'ratification' OR party_kind = 'state')`,
)
@Check('instruments_signature', `(kind = 'accession') = (signature_id IS NULL)`)
@Check('instruments_sequence_positive', `sequence > 0`)
@Check(
  'instruments_depositary_notification',
  `depositary_notification IS NULL OR depositary_notification ~ '${DEPOSITARY_NOTIFICATION_SQL}'`,
)
@Check(
  'instruments_void',
  `(voided_at IS NULL AND void_reason IS NULL AND voided_by IS NULL) OR (voided_at IS NOT NULL AND length(btrim(void_reason)) > 0)`,
)
export class Instrument {
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

  @Column({ type: 'text' })
  partyKind!: 'state' | 'reio';

  @Column({ type: 'text' })
  kind!: InstrumentKind;

  /** The signature it follows; null for an accession. */
  @Column({ type: 'uuid', nullable: true })
  signatureId!: string | null;

  // NO ACTION is checked at the end of the statement, so deleting the event can cascade through both tables.
  @ManyToOne(() => Signature, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'signature_id' })
  signature?: Signature | null;

  /** Date of deposit with the depositary (the depositary records dates, not times). */
  @Column({ type: 'date' })
  depositedOn!: string;

  /** Order of recording within the event; with `depositedOn` it gives the order of deposit. */
  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'text', nullable: true })
  declarations!: string | null;

  @Column({ type: 'text', nullable: true })
  reservations!: string | null;

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
