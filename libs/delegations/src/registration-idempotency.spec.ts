import { createCipheriv, createHash, hkdfSync } from 'node:crypto';
import {
  canonicalJson,
  encryptionKey,
  idempotentRequest,
  legacyEncryptionKey,
  openToken,
  sealToken,
} from './registration-idempotency.js';

describe('registration idempotency', () => {
  it('should hash the same form the same way whatever the order of its fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    const odd = { 'quote"key': 'line\nbreak \ud83d\ude00 \ud800', n: -1.5e-7, big: 1e21, nan: NaN, t: true, z: null };
    const sorted = Object.fromEntries(Object.entries(odd).sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(canonicalJson([odd, 'x"y', 3])).toBe(JSON.stringify([sorted, 'x"y', 3]));
    const one = idempotentRequest('e', 'key-12345', { kind: 'state', members: [{ role: 'head' }] });
    const two = idempotentRequest('e', 'key-12345', { members: [{ role: 'head' }], kind: 'state' });
    expect(one.requestHash).toBe(two.requestHash);
    expect(one.keyHash).not.toContain('key-12345');
  });

  it('should refuse a key that is too short or has spaces', () => {
    expect(() => idempotentRequest('e', 'short', {})).toThrow(/Idempotency-Key/);
    expect(() => idempotentRequest('e', 'has a space in it', {})).toThrow(/Idempotency-Key/);
  });

  it('should seal the token so that only the idempotency key opens it', () => {
    const sealed = sealToken('fp_secret', 'the-client-key', 'event-1');
    expect(sealed.toString('latin1')).not.toContain('fp_secret');
    expect(openToken(sealed, 'the-client-key', 'event-1')).toBe('fp_secret');
    expect(() => openToken(sealed, 'another-key', 'event-1')).toThrow();
    expect(() => openToken(sealed, 'the-client-key', 'event-2')).toThrow();
  });

  it('should derive the key by the one-step KDF of NIST SP 800-56C: SHA-256(counter 1, the key, label, event)', () => {
    const expected = createHash('sha256')
      .update(Buffer.from([0, 0, 0, 1]))
      .update('the-client-key\u0000accord registration token\u0000event-1')
      .digest();
    expect(encryptionKey('the-client-key', 'event-1').equals(expected)).toBe(true);
    expect(encryptionKey('the-client-key', 'event-2').equals(expected)).toBe(false);
  });

  it('should still open tokens sealed before the version byte, under the HKDF key', () => {
    const [key, event] = ['0f8fad5b-d9cb-469f-a165-70867728950e', '7c9e6679-7425-40de-944b-e07fc1f90ae7'];
    const hkdf = Buffer.from(hkdfSync('sha256', key, event, 'accord registration token', 32));
    expect(legacyEncryptionKey(key, event).equals(hkdf)).toBe(true);
    // As sealToken wrote them: IV, tag, ciphertext; one IV starting with the new version byte, by chance.
    for (const iv of [Buffer.alloc(12, 7), Buffer.from([2, ...Array<number>(11).fill(9)])]) {
      const cipher = createCipheriv('aes-256-gcm', hkdf, iv);
      const ciphertext = Buffer.concat([cipher.update('fp_legacy', 'utf8'), cipher.final()]);
      const sealed = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
      expect(openToken(sealed, key, event)).toBe('fp_legacy');
      expect(() => openToken(sealed, 'another-key', event)).toThrow();
    }
  });

  it('should mark what it seals with the version byte', () => {
    expect(sealToken('fp_secret', 'the-client-key', 'event-1')[0]).toBe(2);
  });
});
