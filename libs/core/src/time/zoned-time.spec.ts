import { isValidTimeZone, toZonedIso } from './zoned-time.js';

describe('toZonedIso', () => {
  it('should render the instant with the offset of the zone when given Hanoi', () => {
    expect(toZonedIso(new Date('2025-10-25T02:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2025-10-25T09:00:00+07:00');
  });
  it('should recognise IANA zones and reject made-up ones', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
