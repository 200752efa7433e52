import { DateTime } from 'luxon';
import { isValidTimeZone, toZonedDate, toZonedIso } from './zoned-time.js';

/** Zones with whole-hour, half-hour and 45-minute offsets, daylight saving both ways, and luxon's UTC spellings. */
const ZONES = [
  'Asia/Ho_Chi_Minh',
  'America/New_York',
  'Europe/Paris',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Chatham',
  'Africa/Casablanca',
  'UTC',
  'Etc/UTC',
  'GMT',
  'Etc/GMT+5',
];

/** A deterministic spread of instants from 1950 to 2100, many of them on or next to a change of offset. */
function instants(): Date[] {
  const out: Date[] = [];
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 1500; i++)
    out.push(new Date(Date.UTC(1950, 0, 1) + Math.floor(next() * 150 * 365.25 * 86_400_000)));
  for (const zone of ['America/New_York', 'Europe/Paris', 'Australia/Lord_Howe']) {
    // Every minute around the 2025 changes of offset (found by luxon), milliseconds included.
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2026, 0, 1); ms += 3_600_000) {
      if (DateTime.fromMillis(ms, { zone }).offset !== DateTime.fromMillis(ms + 3_600_000, { zone }).offset) {
        for (let m = -90; m <= 90; m++) out.push(new Date(ms + m * 60_000 + (m % 7) * 111));
      }
    }
  }
  return out;
}

describe('toZonedIso', () => {
  it('should render the instant with the offset of the zone when given Hanoi', () => {
    expect(toZonedIso(new Date('2025-10-25T02:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2025-10-25T09:00:00+07:00');
    expect(toZonedIso(new Date('2025-10-25T02:00:00.045Z'), 'Asia/Ho_Chi_Minh')).toBe('2025-10-25T09:00:00.045+07:00');
  });

  it('should agree with luxon when given instants across zones, years and changes of offset', () => {
    const all = instants();
    for (const zone of ZONES) {
      for (const at of all) {
        const expected = DateTime.fromJSDate(at, { zone });
        expect(`${zone} ${toZonedIso(at, zone)}`).toBe(`${zone} ${expected.toISO({ suppressMilliseconds: true })}`);
        expect(`${zone} ${toZonedDate(at, zone)}`).toBe(`${zone} ${expected.toISODate()}`);
      }
    }
  });

  it('should recognise IANA zones and reject made-up ones', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
