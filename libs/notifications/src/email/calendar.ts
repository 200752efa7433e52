import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { CalendarEntry } from './email-template.js';

/**
 * An iCalendar file (METHOD:PUBLISH: information, not a meeting request) with one event. Times are written in UTC,
 * which every client converts exactly; the email text gives them in the event's own time zone.
 */
export function calendarFile(entry: CalendarEntry, language: string): string {
  const calendar = ical({
    prodId: { company: 'Accord', product: 'notifications', language: language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  });
  calendar.createEvent({
    id: entry.uid,
    sequence: entry.sequence ?? 0,
    start: entry.start,
    end: entry.end ?? entry.start,
    summary: entry.summary,
    description: entry.description,
    location: entry.location,
    status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
