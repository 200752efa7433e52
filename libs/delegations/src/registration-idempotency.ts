import { createCipheriv, createDecipheriv, createHmac, hash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppError, jsonValue, secureRandomBytes } from '@accord/core';
import { RegistrationIdempotencyKey } from './registration-idempotency.entity.js';

/** How long a key is remembered: long enough for a retried or double-clicked form, short enough to stay small. */
export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY_SHAPE = /^[\x21-\x7e]{8,255}$/;

// One-shot: no Hash object per call (on every registration, twice).
const sha256 = (text: string) => hash('sha256', text, 'hex');

/** JSON with sorted keys, so the same form gives the same hash whatever order its fields came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let out = '{';
    for (const key of Object.keys(record).sort()) {
      if (record[key] === undefined) continue;
      out += `${out.length > 1 ? ',' : ''}${jsonValue(key)}:${canonicalJson(record[key])}`;
    }
    return `${out}}`;
  }
  // The same text as JSON.stringify, without a call into it for each of a form's few dozen strings.
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return jsonValue(value);
  return JSON.stringify(value);
}

/**
 * The key that seals a focal-point token under an idempotency key (the server keeps only the key's hash, so a copy
 * of the database alone opens nothing): NIST SP 800-56C's one-step KDF, H(counter ‖ Z ‖ FixedInfo) with SHA-256 —
 * one 32-byte block, so counter 1 — Z the idempotency key, FixedInfo a label and the event. One hash call: the
 * HKDF it replaced (two HMACs) was ~5 % of the API's CPU per registration.
 */
export function encryptionKey(idempotencyKey: string, eventId: string): Buffer {
  return hash(
    'sha256',
    `\u0000\u0000\u0000\u0001${idempotencyKey}\u0000accord registration token\u0000${eventId}`,
    'buffer',
  );
}

const LEGACY_KEY_INFO = Buffer.from('accord registration token\x01', 'latin1');

/**
 * HKDF-SHA256 (RFC 5869) of the idempotency key, salted with the event: the key of tokens sealed before 5 December
 * 2026 (no version byte). Answers are kept IDEMPOTENCY_TTL_HOURS, so this can go once a release with SEALED_V2 has
 * been running that long.
 */
export function legacyEncryptionKey(idempotencyKey: string, eventId: string): Buffer {
  const pseudoRandomKey = createHmac('sha256', eventId).update(idempotencyKey).digest();
  return createHmac('sha256', pseudoRandomKey).update(LEGACY_KEY_INFO).digest();
}

/** The first byte of a token sealed under encryptionKey: version, then IV (12), tag (16), ciphertext. */
const SEALED_V2 = 0x02;

export function sealToken(token: string, idempotencyKey: string, eventId: string): Buffer {
  const iv = secureRandomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(idempotencyKey, eventId), iv);
  const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(SEALED_V2), iv, cipher.getAuthTag(), ciphertext]);
}

function open(sealed: Buffer, key: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}

export function openToken(sealed: Buffer, idempotencyKey: string, eventId: string): string {
  if (sealed[0] === SEALED_V2) {
    try {
      return open(sealed.subarray(1), encryptionKey(idempotencyKey, eventId));
    } catch {
      // A legacy token whose random IV began with the version byte (1 in 256): GCM's tag tells them apart.
    }
  }
  return open(sealed, legacyEncryptionKey(idempotencyKey, eventId));
}

export interface IdempotentRequest {
  eventId: string;
  key: string;
  keyHash: string;
  requestHash: string;
}

/** Validates the header and hashes the key and the body. */
export function idempotentRequest(eventId: string, key: string, body: unknown): IdempotentRequest {
  if (!KEY_SHAPE.test(key)) {
    throw new AppError(
      400,
      'IDEMPOTENCY.KEY_INVALID',
      'Idempotency-Key must be 8 to 255 visible ASCII characters (a UUID is a good choice)',
    );
  }
  return { eventId, key, keyHash: sha256(key), requestHash: sha256(canonicalJson(body)) };
}

export interface Replay {
  body: Record<string, unknown>;
  focalPointToken: string;
}

/** The stored answer for a key, as the registration statement writes it (see claimKey). */
export type RememberedAnswer = Pick<
  RegistrationIdempotencyKey,
  'eventId' | 'keyHash' | 'requestHash' | 'delegationId' | 'responseBody' | 'encryptedToken'
>;

export function rememberedAnswer(
  request: IdempotentRequest,
  delegationId: string,
  body: object,
  focalPointToken: string,
): RememberedAnswer {
  return {
    eventId: request.eventId,
    keyHash: request.keyHash,
    requestHash: request.requestHash,
    delegationId,
    responseBody: body as Record<string, unknown>,
    encryptedToken: sealToken(focalPointToken, request.key, request.eventId),
  };
}

const EXPIRED = `registration_idempotency_keys.created_at < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`;

/**
 * Turns the INSERT of a RememberedAnswer into the claim of its key, for the CTE that gates the rest of the
 * registration statement: it returns a row only if the key was free (or its answer had expired, which it then
 * replaces). Requests carrying the same key are serialised by the primary key: a second one waits until the first
 * commits or rolls back, then finds the key taken (answer it with findAnswer) or free.
 */
export function claimKey(insertAnswer: string): string {
  return (
    `${insertAnswer} ON CONFLICT (event_id, key_hash) DO UPDATE SET ` +
    ['request_hash', 'delegation_id', 'response_body', 'encrypted_token', 'created_at']
      .map((column) => `${column} = EXCLUDED.${column}`)
      .join(', ') +
    ` WHERE ${EXPIRED} RETURNING delegation_id`
  );
}

/**
 * The earlier answer to a request with this key: the stored one for a repeat of the same form, a 422 for the key
 * reused for another form, null when the key is unknown (or its answer has expired).
 */
export async function findAnswer(manager: EntityManager, request: IdempotentRequest): Promise<Replay | null> {
  const stored = await manager
    .createQueryBuilder(RegistrationIdempotencyKey, 'k')
    .where('k.event_id = :eventId AND k.key_hash = :keyHash', { eventId: request.eventId, keyHash: request.keyHash })
    .andWhere(`NOT (${EXPIRED.replaceAll('registration_idempotency_keys.', 'k.')})`)
    .getOne();
  if (!stored) return null;
  if (stored.requestHash !== request.requestHash) {
    throw new AppError(
      422,
      'IDEMPOTENCY.KEY_REUSED',
      'This Idempotency-Key was already used for a different registration; use a new key for a new form',
    );
  }
  return { body: stored.responseBody, focalPointToken: openToken(stored.encryptedToken, request.key, request.eventId) };
}

/** Deletes the answers older than the TTL (they no longer count: this only keeps the table small). */
export async function forgetExpiredAnswers(manager: EntityManager): Promise<number> {
  const [, deleted] = (await manager.query(`DELETE FROM registration_idempotency_keys WHERE ${EXPIRED}`)) as [
    unknown,
    number,
  ];
  return deleted;
}
