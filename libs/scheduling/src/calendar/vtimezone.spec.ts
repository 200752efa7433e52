import { vtimezone } from './vtimezone.js';

describe('vtimezone', () => {
  it('should describe a zone without daylight saving time with one standard observance', () => {
    const text = vtimezone('Asia/Ho_Chi_Minh', [new Date('2025-10-25T03:00:00Z')]);
    expect(text).toContain('TZID:Asia/Ho_Chi_Minh');
    expect(text.match(/BEGIN:STANDARD/g)).toHaveLength(1);
    expect(text).not.toContain('BEGIN:DAYLIGHT');
    expect(text).toContain('TZOFFSETTO:+0700');
  });

  it('should list every change of offset around the dates when the zone observes daylight saving time', () => {
    const text = vtimezone('Europe/Paris', [new Date('2025-10-25T08:00:00Z')]);
    // 2024, 2025 and 2026: three springs forward, three autumns back.
    expect(text.match(/BEGIN:DAYLIGHT/g)).toHaveLength(3);
    expect(text).toContain('DTSTART:20251026T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100');
    expect(text).toContain('DTSTART:20250330T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200');
  });

  it('should write negative and half-hour offsets', () => {
    expect(vtimezone('America/St_Johns', [new Date('2025-01-15T12:00:00Z')])).toContain('TZOFFSETTO:-0330');
  });
});
