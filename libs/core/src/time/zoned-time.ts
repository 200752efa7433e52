import { DateTime } from 'luxon';

/** ISO 8601 with the offset of the given IANA zone, e.g. `2025-10-25T09:00:00.000+07:00`. */
export function toZonedIso(date: Date, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).toISO({ suppressMilliseconds: true })!;
}

/** True when the name is an IANA time zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  return DateTime.local().setZone(timeZone).isValid;
}
