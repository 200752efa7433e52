import { createHmac, timingSafeEqual } from 'node:crypto';

export interface OptOutSubject {
  eventId: string;
  email: string;
}

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

/**
 * The token of an unsubscribe link: who (event and address) plus an HMAC, so the link works without a login and
 * cannot be forged for someone else's address. It does not expire: an old email's link must keep working.
 */
export function createOptOutToken(key: Buffer, subject: OptOutSubject): string {
  const payload = Buffer.from(JSON.stringify([subject.eventId, subject.email.toLowerCase()])).toString('base64url');
  return `${payload}.${sign(key, payload)}`;
}

/** The subject of a genuine token, or null for anything forged, truncated or malformed. */
export function verifyOptOutToken(key: Buffer, token: string): OptOutSubject | null {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length) return null;
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((v) => typeof v === 'string')) return null;
    return { eventId: parsed[0] as string, email: parsed[1] as string };
  } catch {
    return null;
  }
}
