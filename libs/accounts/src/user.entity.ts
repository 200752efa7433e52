import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@accord/core';

/** An organiser account (secretariat, protocol officers, treaty officers). Delegations never have one. */
@Entity('users')
@Check('users_email_lower_case', 'email = lower(email)')
@Check('users_totp_needs_secret', 'NOT totp_enabled OR totp_secret IS NOT NULL')
@Check('users_roles_known', `cardinality(roles) > 0 AND roles <@ ARRAY['admin','protocol','treaty','viewer']::text[]`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'text', unique: true })
  email!: string;

  @Column({ type: 'text' })
  displayName!: string;

  /** argon2id PHC string. */
  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Base32 TOTP secret (second factor); set at enrolment, required at login once `totpEnabled`. */
  @Column({ type: 'text', nullable: true })
  totpSecret!: string | null;

  @Column({ type: 'boolean', default: false })
  totpEnabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
