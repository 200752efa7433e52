import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Seat caps keyed by delegation kind (the kinds are defined by the delegations library). */
export type SeatsPerDelegation = Partial<
  Record<'state' | 'reio' | 'igo' | 'un_entity' | 'ngo' | 'private_sector' | 'academia', number>
>;

/** A signing ceremony: the opening for signature of one treaty at one venue. */
@Entity('events')
@Check('events_slug_format', `slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check('events_dates_ordered', `ends_on >= starts_on`)
@Check('events_signature_closes_after_start', `signature_closes_on IS NULL OR signature_closes_on >= starts_on`)
@Check(
  'events_registration_window',
  `registration_opens_at IS NULL OR registration_closes_at IS NULL OR registration_closes_at > registration_opens_at`,
)
@Check('events_goal_positive', `signatory_goal > 0`)
@Check(
  'events_delegation_caps',
  `(max_government_delegations IS NULL OR max_government_delegations >= 0) AND (max_non_government_delegations IS NULL OR max_non_government_delegations >= 0)`,
)
@Check('events_eif_positive', `eif_threshold > 0 AND eif_days_after >= 0 AND eif_days_after_later_deposit >= 0`)
export class Event {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  treatyTitle!: string;

  @Column({ type: 'text' })
  treatyShortTitle!: string;

  @Column({ type: 'text' })
  venue!: string;

  @Column({ type: 'text' })
  city!: string;

  /** IANA zone every local time of the event is shown in, e.g. Asia/Ho_Chi_Minh. */
  @Column({ type: 'text' })
  timeZone!: string;

  /** First and last day of the ceremony, in the event's zone (YYYY-MM-DD). */
  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  endsOn!: string;

  /** Last day the treaty stays open for signature (after the ceremony, at the depositary). */
  @Column({ type: 'date', nullable: true })
  signatureClosesOn!: string | null;

  /** The organisers' goal of signatory States (REIOs are listed but not counted). */
  @Column({ type: 'integer', default: 40 })
  signatoryGoal!: number;

  /** Entry into force: the treaty enters into force `eifDaysAfter` days after the `eifThreshold`-th instrument. */
  @Column({ type: 'integer', default: 40 })
  eifThreshold!: number;

  @Column({ type: 'integer', default: 90 })
  eifDaysAfter!: number;

  /** For a party depositing after the threshold: days after its own deposit (unconfirmed for this treaty). */
  @Column({ type: 'integer', default: 30 })
  eifDaysAfterLaterDeposit!: number;

  @Column({ type: 'timestamptz', nullable: true })
  registrationOpensAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  registrationClosesAt!: Date | null;

  /** Most approved government delegations (States and REIOs); null means no cap. */
  @Column({ type: 'integer', nullable: true })
  maxGovernmentDelegations!: number | null;

  /** Most approved delegations of every other kind together; null means no cap. */
  @Column({ type: 'integer', nullable: true })
  maxNonGovernmentDelegations!: number | null;

  /** Most members (seats) per delegation, by delegation kind (e.g. `{"state": 6, "ngo": 2}`); a missing kind is uncapped. */
  @Column({ type: 'jsonb', default: {} })
  seatsPerDelegation!: SeatsPerDelegation;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
