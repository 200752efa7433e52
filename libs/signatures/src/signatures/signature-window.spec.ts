import { AppError } from '@accord/core';
import { checkSigningTime, placeFor, resolvePlace } from './signature-window.js';

const EVENT = {
  timeZone: 'Asia/Ho_Chi_Minh',
  startsOn: '2025-10-25',
  endsOn: '2025-10-26',
  signatureClosesOn: '2026-12-31',
  city: 'Hanoi',
};

describe('signature window', () => {
  it('should place a signature in Hanoi during the ceremony and in New York afterwards', () => {
    expect(placeFor(EVENT, new Date('2025-10-25T02:00:00Z'))).toBe('Hanoi');
    expect(placeFor(EVENT, new Date('2025-10-26T16:59:00Z'))).toBe('Hanoi'); // 23:59 in Hanoi
    expect(placeFor(EVENT, new Date('2025-10-26T17:00:00Z'))).toBe('New York'); // 27 October in Hanoi
    expect(placeFor(EVENT, new Date('2026-03-02T15:00:00Z'))).toBe('New York');
  });

  it('should refuse a place that contradicts art. 64 when one is given', () => {
    expect(resolvePlace(EVENT, new Date('2025-10-25T02:00:00Z'), 'hanoi')).toBe('Hanoi');
    expect(() => resolvePlace(EVENT, new Date('2026-03-02T15:00:00Z'), 'Hanoi')).toThrow(AppError);
  });

  it('should refuse times before the opening, after the closing date or in the future', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(() => checkSigningTime(EVENT, new Date('2025-10-24T16:59:00Z'), now)).toThrow(/opens for signature/);
    expect(() => checkSigningTime(EVENT, new Date('2025-10-24T17:00:00Z'), now)).not.toThrow();
    expect(() => checkSigningTime(EVENT, new Date('2026-06-01T01:00:00Z'), now)).toThrow(/has taken place/);
    expect(() =>
      checkSigningTime(EVENT, new Date('2027-01-01T00:00:00+07:00'), new Date('2027-02-01T00:00:00Z')),
    ).toThrow(/accede/);
  });
});
