import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Delegation } from '../delegation.entity.js';

/**
 * A bearer token that lets a focal point read and edit one delegation. Only its SHA-256 is stored: the token itself
 * is shown once (at registration or when organisers reissue it) and cannot be recovered from the database.
 */
@Entity('focal_point_tokens')
@Index('focal_point_tokens_delegation', ['delegationId'])
export class FocalPointToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  delegationId!: string;

  @ManyToOne(() => Delegation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Delegation;

  /** Hex SHA-256 of the whole token; tokens carry 256 random bits, so a fast hash is enough. */
  @Column({ type: 'char', length: 64, unique: true })
  tokenHash!: string;

  /** The organiser who issued it; null when issued by the public registration form. */
  @Column({ type: 'uuid', nullable: true })
  issuedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
