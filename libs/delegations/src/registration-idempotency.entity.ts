import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Delegation } from './delegation.entity.js';

/**
 * The outcome of a public registration submitted with an `Idempotency-Key`, so that resubmitting the same form
 * gets the same answer instead of a second delegation. The focal-point token of that answer is stored encrypted
 * with a key derived from the idempotency key, which only the client holds: the table alone does not reveal it.
 */
@Entity('registration_idempotency_keys')
export class RegistrationIdempotencyKey {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  /** Hex SHA-256 of the client's key (the key itself is the encryption secret, so it is not stored). */
  @PrimaryColumn({ type: 'char', length: 64 })
  keyHash!: string;

  /** Hex SHA-256 of the canonical request body: the same key with another body is refused. */
  @Column({ type: 'char', length: 64 })
  requestHash!: string;

  @Column({ type: 'uuid' })
  delegationId!: string;

  @ManyToOne(() => Delegation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Delegation;

  /** The 201 body as first sent, without the token. */
  @Column({ type: 'jsonb' })
  responseBody!: Record<string, unknown>;

  /** AES-256-GCM of the focal-point token: iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext. */
  @Column({ type: 'bytea' })
  encryptedToken!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
