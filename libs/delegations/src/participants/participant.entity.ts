import { Check, Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { sqlList } from '../delegation-kind.js';
import { ParticipantKind, REGIONAL_GROUPS, RegionalGroup, UnStatus } from './regional-group.js';

/** Names in the UN languages (and Vietnamese, the host's), keyed by ISO 639-1 code. */
export type ParticipantNames = Partial<Record<'en' | 'fr' | 'es' | 'ru' | 'zh' | 'ar' | 'vi', string>>;

/**
 * A party that may sign the treaty: a State (UN member or non-member observer) or a regional economic integration
 * organisation. Reference data, synchronised from i18n-iso-countries plus the curated regional groups.
 */
@Entity('participants')
@Check('participants_kind', `kind IN (${sqlList(Object.values(ParticipantKind))})`)
@Check('participants_code_format', `code ~ '^[A-Z]{2,3}$'`)
@Check(
  'participants_state_codes',
  `kind <> 'state' OR (alpha3 IS NOT NULL AND alpha2 IS NOT NULL AND un_status IS NOT NULL)`,
)
@Check('participants_un_status', `un_status IS NULL OR un_status IN (${sqlList(Object.values(UnStatus))})`)
@Check('participants_regional_group', `regional_group IS NULL OR regional_group IN (${sqlList(REGIONAL_GROUPS)})`)
@Index('participants_kind_group', ['kind', 'regionalGroup'])
export class Participant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stable key: ISO 3166-1 alpha-3 for States, `EU` for the European Union. */
  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  kind!: ParticipantKind;

  @Column({ type: 'char', length: 3, nullable: true, unique: true })
  alpha3!: string | null;

  @Column({ type: 'char', length: 2, nullable: true, unique: true })
  alpha2!: string | null;

  @Column({ type: 'text' })
  nameEn!: string;

  @Column({ type: 'text' })
  nameFr!: string;

  @Column({ type: 'jsonb', default: {} })
  names!: ParticipantNames;

  @Column({ type: 'text', nullable: true })
  unStatus!: UnStatus | null;

  /** Null for the Holy See (in no group) and for REIOs. */
  @Column({ type: 'text', nullable: true })
  regionalGroup!: RegionalGroup | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
