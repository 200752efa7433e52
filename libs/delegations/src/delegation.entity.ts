import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Event } from '@accord/events';
import type { Language } from '@accord/notifications';
import { DELEGATION_KINDS, DELEGATION_STATUSES, DelegationKind, DelegationStatus, sqlList } from './delegation-kind.js';
import { Participant } from './participants/participant.entity.js';
import type { DelegationMember } from './delegation-member.entity.js';

export const FOCAL_POINT_LANGUAGES = ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const satisfies readonly Language[];

/**
 * One registration for one event: a State, a REIO or an organisation, with one focal point who registers and
 * manages it. A State (or REIO) registers once per event; the unique constraint says so even under races.
 */
@Entity('delegations')
@Unique('delegations_one_per_participant', ['eventId', 'participantId'])
@Check('delegations_kind', `kind IN (${sqlList(DELEGATION_KINDS)})`)
@Check('delegations_status', `status IN (${sqlList(DELEGATION_STATUSES)})`)
@Check(
  'delegations_party_reference',
  `(kind IN ('state','reio')) = (participant_id IS NOT NULL) AND (kind IN ('state','reio') OR organisation_name IS NOT NULL)`,
)
@Check('delegations_country_code', `country_code IS NULL OR country_code ~ '^[A-Z]{3}$'`)
@Check('delegations_focal_point_language', `focal_point_language IN (${sqlList(FOCAL_POINT_LANGUAGES)})`)
@Check('delegations_focal_point_email_lower', `focal_point_email = lower(focal_point_email)`)
@Index('delegations_event_status', ['eventId', 'status'])
@Index('delegations_event_kind', ['eventId', 'kind'])
export class Delegation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'text' })
  kind!: DelegationKind;

  /** The State or REIO represented; null for organisations. */
  @Column({ type: 'uuid', nullable: true })
  participantId!: string | null;

  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant | null;

  /** For organisations (IGO, UN entity, NGO, company, university): its name. */
  @Column({ type: 'text', nullable: true })
  organisationName!: string | null;

  /** For organisations: the ISO 3166-1 alpha-3 code of the country of its seat, when it has one. */
  @Column({ type: 'char', length: 3, nullable: true })
  countryCode!: string | null;

  @Column({ type: 'text', default: DelegationStatus.Submitted })
  status!: DelegationStatus;

  /** When the status last changed, and the reason given then (the full history is in delegation_transitions). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  statusChangedAt!: Date;

  @Column({ type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ type: 'text' })
  focalPointName!: string;

  /** Stored lower-cased. */
  @Column({ type: 'text' })
  focalPointEmail!: string;

  @Column({ type: 'text', nullable: true })
  focalPointPhone!: string | null;

  @Column({ type: 'text', default: 'en' })
  focalPointLanguage!: Language;

  /** Anything the focal point wants the secretariat to know. */
  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @OneToMany('DelegationMember', (member: DelegationMember) => member.delegation)
  members?: DelegationMember[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
