import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Event } from '@accord/events';
import { eventWindow } from '../shared/event-time.js';
import { vtimezone } from './vtimezone.js';

export type CalendarLanguage = 'en' | 'fr';

export interface CalendarEntry {
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  location: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  /** Last change: written as DTSTAMP and LAST-MODIFIED, so an unchanged feed is byte-for-byte the same. */
  updatedAt: Date;
  category: string;
  url?: string;
}

const STATUS: Record<CalendarEntry['status'], ICalEventStatus> = {
  confirmed: ICalEventStatus.CONFIRMED,
  tentative: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
};

/**
 * An iCalendar feed (METHOD:PUBLISH) whose times are written in the event's zone (DTSTART;TZID=…) with a VTIMEZONE
 * for it, so every calendar app shows the local times of the venue and converts them correctly.
 */
export function renderCalendar(
  event: Event,
  name: string,
  language: CalendarLanguage,
  entries: CalendarEntry[],
): string {
  const zone = event.timeZone;
  const window = eventWindow(event);
  const calendar = ical({
    name,
    prodId: { company: 'Accord', product: 'programme', language: language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone (ical-generator would then misread the instants): each event names its own, and the
    // generator writes the VTIMEZONE for it.
    timezone: { name: null, generator: (tz) => vtimezone(tz, [window.start, window.end]) },
    x: { 'X-WR-TIMEZONE': zone },
  });
  for (const entry of entries) {
    calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      start: DateTime.fromJSDate(entry.startsAt).setZone(zone),
      end: DateTime.fromJSDate(entry.endsAt).setZone(zone),
      timezone: zone,
      stamp: entry.updatedAt,
      lastModified: entry.updatedAt,
      summary: entry.summary,
      description: entry.description,
      location: entry.location,
      status: STATUS[entry.status],
      categories: [{ name: entry.category }],
      url: entry.url,
    });
  }
  return calendar.toString();
}
