import { DateTime } from 'luxon';

// Offsets change at most a few times a year, never twice in a day: scan daily, then narrow to the minute.
const STEP = 24 * 3_600_000;

/** `+0700`, `-0330`: an offset in minutes as iCalendar writes it. */
function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

const local = (dt: DateTime) => dt.toFormat("yyyyMMdd'T'HHmmss");

interface Transition {
  at: number;
  from: number;
  to: number;
}

/** The instants in [from, to) at which the zone's UTC offset changes, to the minute. */
function transitions(zone: string, from: number, to: number): Transition[] {
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const found: Transition[] = [];
  let previous = offsetAt(from);
  for (let t = from + STEP; t < to; t += STEP) {
    const current = offsetAt(t);
    if (current === previous) continue;
    // The change happened within the last step: find its minute.
    let lo = t - STEP;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(mid) === previous) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, from: previous, to: current });
    previous = current;
  }
  return found;
}

/**
 * A VTIMEZONE component for an IANA zone (RFC 5545 §3.6.5), from the runtime's time-zone database, covering the
 * years around the given instants: the offset in force at the start, then every change (explicit DTSTARTs, no
 * RRULE, which every client reads). Calendar apps then show the times in the zone's own terms.
 */
export function vtimezone(zone: string, around: Date[]): string {
  const years = around.map((d) => d.getUTCFullYear());
  const key = `${zone}|${Math.min(...years)}|${Math.max(...years)}`;
  let text = cache.get(key);
  if (text === undefined) {
    text = build(zone, around);
    if (cache.size > 100) cache.clear();
    cache.set(key, text);
  }
  return text;
}

const cache = new Map<string, string>();

function build(zone: string, around: Date[]): string {
  const instants = around.length ? around.map((d) => d.getTime()) : [Date.now()];
  const start = DateTime.fromMillis(Math.min(...instants), { zone })
    .startOf('year')
    .minus({ years: 1 });
  const end = DateTime.fromMillis(Math.max(...instants), { zone })
    .endOf('year')
    .plus({ years: 1 });
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const observance = (kind: 'STANDARD' | 'DAYLIGHT', dtstart: string, from: number, to: number, name: string) => {
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${dtstart}`,
      `TZOFFSETFROM:${offsetText(from)}`,
      `TZOFFSETTO:${offsetText(to)}`,
      `TZNAME:${name}`,
      `END:${kind}`,
    );
  };
  const name = (dt: DateTime) => dt.offsetNameShort ?? offsetText(dt.offset);
  observance(start.isInDST ? 'DAYLIGHT' : 'STANDARD', local(start), start.offset, start.offset, name(start));
  for (const t of transitions(zone, start.toMillis(), end.toMillis())) {
    const after = DateTime.fromMillis(t.at, { zone });
    // DTSTART is the wall-clock time of the change as read in the offset in force before it.
    const wallClockBefore = DateTime.fromMillis(t.at + t.from * 60_000, { zone: 'UTC' });
    observance(after.isInDST ? 'DAYLIGHT' : 'STANDARD', local(wallClockBefore), t.from, t.to, name(after));
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
