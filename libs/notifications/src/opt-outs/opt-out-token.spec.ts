import { randomBytes } from 'node:crypto';
import { createOptOutToken, verifyOptOutToken } from './opt-out-token.js';

describe('opt-out tokens', () => {
  const key = randomBytes(32);
  const subject = { eventId: '0b9e1f5e-6c1b-4d8a-9a53-2f1a3c7b8d90', email: 'Ana@Example.org' };

  it('should name the event and the lower-cased address when genuine', () => {
    expect(verifyOptOutToken(key, createOptOutToken(key, subject))).toEqual({ ...subject, email: 'ana@example.org' });
  });

  it('should refuse a token signed with another key, altered, truncated or malformed', () => {
    const token = createOptOutToken(key, subject);
    const [payload, signature] = token.split('.') as [string, string];
    const other = createOptOutToken(key, { ...subject, email: 'someone-else@example.org' }).split('.')[0];
    expect(verifyOptOutToken(randomBytes(32), token)).toBeNull();
    expect(verifyOptOutToken(key, `${other}.${signature}`)).toBeNull();
    expect(verifyOptOutToken(key, token.slice(0, -1))).toBeNull();
    expect(verifyOptOutToken(key, payload)).toBeNull();
    expect(verifyOptOutToken(key, `${token}.extra`)).toBeNull();
    expect(verifyOptOutToken(key, '')).toBeNull();
  });
});
