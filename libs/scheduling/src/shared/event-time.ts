import { DateTime } from 'luxon';
import { toZonedDate, validationFailed } from '@accord/core';
import type { Event } from '@accord/events';

/**
 * A date-time as clients send it: ISO 8601 with an offset or `Z`, or without one, in which case it is read in the
 * event's zone ("10:00 on the 25th" means 10:00 in Hanoi, whoever sends it).
 */
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;
export const DATE_TIME_MESSAGE = 'must be an ISO 8601 date-time, e.g. 2025-10-25T10:00:00+07:00';
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function parseEventTime(value: string, timeZone: string, field: string): Date {
  const parsed = DateTime.fromISO(value, { zone: timeZone });
  if (!parsed.isValid) throw validationFailed([{ field, message: `${field} ${DATE_TIME_MESSAGE}` }]);
  return parsed.toJSDate();
}

/** The event's first day from midnight to the end of its last day, in its zone, as instants. */
export function eventWindow(event: Pick<Event, 'startsOn' | 'endsOn' | 'timeZone'>): { start: Date; end: Date } {
  const start = DateTime.fromISO(event.startsOn, { zone: event.timeZone }).startOf('day');
  const end = DateTime.fromISO(event.endsOn, { zone: event.timeZone }).plus({ days: 1 }).startOf('day');
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDay(date: Date, timeZone: string): string {
  return toZonedDate(date, timeZone);
}

/** Midnight to midnight of a calendar day in a zone, as instants; null for a day that does not exist. */
export function dayBounds(day: string, timeZone: string): { start: Date; end: Date } | null {
  const start = DateTime.fromISO(day, { zone: timeZone }).startOf('day');
  if (!start.isValid) return null;
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

/** An instant at a local time (HH:mm) on a local day in a zone. */
export function atLocalTime(day: string, time: string, timeZone: string): Date {
  return DateTime.fromISO(`${day}T${time}`, { zone: timeZone }).toJSDate();
}

/** Half-open ranges [a, b) and [c, d) overlap. */
export const overlaps = (aStart: Date, aEnd: Date, bStart: Date, bEnd: Date) => aStart < bEnd && bStart < aEnd;
