import { DateTime } from 'luxon';

const HOUR_MS = 3_600_000;
/** Offsets kept per zone and hour; plenty for the instants a process formats, then started afresh. */
const MAX_CACHED_HOURS = 50_000;
/** Where the fast path applies: modern instants, four-digit years (luxon keeps its own rules for the rest). */
const FAST_FROM = Date.UTC(1970, 0, 1);
const FAST_UNTIL = Date.UTC(10000, 0, 1);

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The zone's offset from UTC at an instant, in ms, read from the runtime's time-zone data. */
function offsetAt(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(ms)) parts[type] = Number(value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The offset at an instant, in whole minutes, or undefined where the fast path does not apply. Offsets are kept per
 * zone and hour once the hour is known to have one offset throughout (no change of offset in it): formatting the
 * thousands of instants of a report, or every answer of a busy route, then costs one lookup each.
 */
function offsetMinutes(ms: number, timeZone: string): number | undefined {
  if (!(ms >= FAST_FROM && ms < FAST_UNTIL)) return undefined;
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${timeZone}\u0000${hour}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const start = offsetAt(hour * HOUR_MS, timeZone);
  const uniform = start === offsetAt(hour * HOUR_MS + HOUR_MS - 1000, timeZone);
  const offset = uniform ? start : offsetAt(ms, timeZone);
  if (offset % 60_000 !== 0) return undefined;
  if (uniform) {
    if (offsets.size >= MAX_CACHED_HOURS) offsets.clear();
    offsets.set(key, offset / 60_000);
  }
  return offset / 60_000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The wall-clock fields of an instant shifted by `minutes` (read as UTC). */
function wallClock(ms: number, minutes: number): Date {
  return new Date(ms + minutes * 60_000);
}

function isoDate(wall: Date): string {
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
}

/** luxon's spelling of an offset: `Z` for the zones it treats as UTC itself, `±HH:MM` for every other. */
function offsetText(minutes: number, timeZone: string): string {
  const lower = timeZone.toLowerCase();
  if (lower === 'utc' || lower === 'gmt') return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** ISO 8601 with the offset of the given IANA zone, e.g. `2025-10-25T09:00:00+07:00` (milliseconds only if any). */
export function toZonedIso(date: Date, timeZone: string): string {
  const ms = date.getTime();
  const minutes = offsetMinutes(ms, timeZone);
  if (minutes === undefined)
    return DateTime.fromJSDate(date, { zone: timeZone }).toISO({ suppressMilliseconds: true })!;
  const wall = wallClock(ms, minutes);
  const millis = wall.getUTCMilliseconds();
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  return `${isoDate(wall)}T${time}${millis ? `.${pad(millis, 3)}` : ''}${offsetText(minutes, timeZone)}`;
}

/** The calendar date (`YYYY-MM-DD`) of an instant in the given IANA zone. */
export function toZonedDate(date: Date, timeZone: string): string {
  const ms = date.getTime();
  const minutes = offsetMinutes(ms, timeZone);
  if (minutes === undefined) return DateTime.fromJSDate(date, { zone: timeZone }).toISODate()!;
  return isoDate(wallClock(ms, minutes));
}

/** True when the name is an IANA time zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  return DateTime.local().setZone(timeZone).isValid;
}
