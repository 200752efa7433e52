import { formatTimeRange } from './time-format.js';

describe('formatTimeRange', () => {
  it('should show a span in the event time zone with its offset, in the language asked for', () => {
    const start = '2025-10-25T07:00:00Z';
    const end = '2025-10-25T08:30:00Z';
    expect(formatTimeRange(start, end, 'Asia/Ho_Chi_Minh', 'en')).toBe(
      'Saturday, 25 October 2025, 14:00–15:30 (UTC+7)',
    );
    expect(formatTimeRange(start, end, 'Asia/Ho_Chi_Minh', 'fr')).toBe('samedi 25 octobre 2025, 14:00–15:30 (UTC+7)');
  });

  it('should follow daylight saving time and name half-hour offsets', () => {
    expect(formatTimeRange('2026-07-01T12:00:00Z', undefined, 'Europe/Paris', 'en')).toMatch(/14:00 \(UTC\+2\)$/);
    expect(formatTimeRange('2026-12-01T12:00:00Z', undefined, 'Europe/Paris', 'en')).toMatch(/13:00 \(UTC\+1\)$/);
    expect(formatTimeRange('2026-12-01T12:00:00Z', undefined, 'Asia/Kolkata', 'en')).toMatch(/17:30 \(UTC\+5:30\)$/);
    expect(formatTimeRange('2026-12-01T12:00:00Z', undefined, 'America/New_York', 'en')).toMatch(/07:00 \(UTC-5\)$/);
  });

  it('should repeat the date when a span ends on another day', () => {
    expect(formatTimeRange('2025-10-25T15:00:00Z', '2025-10-26T02:00:00Z', 'Asia/Ho_Chi_Minh', 'en')).toBe(
      'Saturday, 25 October 2025, 22:00 – Sunday, 26 October 2025, 09:00 (UTC+7)',
    );
  });
});
