import { hkdfSync } from 'node:crypto';
import { canonicalJson, encryptionKey, idempotentRequest, openToken, sealToken } from './registration-idempotency.js';

describe('registration idempotency', () => {
  it('should hash the same form the same way whatever the order of its fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
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

  it('should derive the same key as HKDF-SHA256, so tokens sealed before still open', () => {
    for (const [key, event] of [
      ['the-client-key', 'event-1'],
      ['0f8fad5b-d9cb-469f-a165-70867728950e', '7c9e6679-7425-40de-944b-e07fc1f90ae7'],
    ]) {
      const expected = Buffer.from(hkdfSync('sha256', key!, event!, 'accord registration token', 32));
      expect(encryptionKey(key!, event!).equals(expected)).toBe(true);
    }
  });
});
