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
import type { Language } from '@accord/notifications';
import { MEMBER_ROLES, MemberRole, sqlList } from './delegation-kind.js';
import { Delegation, FOCAL_POINT_LANGUAGES } from './delegation.entity.js';

/** A person in a delegation. Each member takes one seat; the event caps seats per delegation kind. */
@Entity('delegation_members')
@Check('delegation_members_role', `role IN (${sqlList(MEMBER_ROLES)})`)
@Check('delegation_members_language', `preferred_language IN (${sqlList(FOCAL_POINT_LANGUAGES)})`)
@Check('delegation_members_email_lower', `email IS NULL OR email = lower(email)`)
// At most one head per delegation; "at least one" is checked by the service, which owns the whole list.
@Index('delegation_members_one_head', ['delegationId'], { unique: true, where: `role = 'head'` })
@Index('delegation_members_email', ['delegationId', 'email'], { unique: true, where: 'email IS NOT NULL' })
export class DelegationMember {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  delegationId!: string;

  @ManyToOne(() => Delegation, (delegation) => delegation.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Delegation;

  @Column({ type: 'text' })
  fullName!: string;

  /** Title or function, as it should appear on badges and in the list of participants ("Minister of Justice"). */
  @Column({ type: 'text', nullable: true })
  title!: string | null;

  /** Stored lower-cased. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', default: 'en' })
  preferredLanguage!: Language;

  @Column({ type: 'text', default: MemberRole.Member })
  role!: MemberRole;

  @Column({ type: 'text', nullable: true })
  accessibilityNeeds!: string | null;

  @Column({ type: 'text', nullable: true })
  protocolNeeds!: string | null;

  /** Whether this person is expected to sign the treaty for the party (scheduling and full powers follow). */
  @Column({ type: 'boolean', default: false })
  willSign!: boolean;

  /** Order in the delegation's list (head first by convention). */
  @Column({ type: 'integer', default: 0 })
  position!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
