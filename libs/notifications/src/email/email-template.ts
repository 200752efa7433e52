import type { NotificationData, NotificationKind } from '../notification-kinds.js';
import type { Language } from '../recipient.js';

/** The ceremony as templates see it (looked up by the notification's eventId). */
export interface EventFacts {
  id: string;
  name: string;
  treatyShortTitle: string;
  venue: string;
  city: string;
  timeZone: string;
}

export interface TemplateContext {
  /** The language being written (the recipient's, or English when the template lacks it). */
  language: Language;
  /** `language` here is the recipient's preference, which may differ from the one being written. */
  recipient: { name: string; email: string; language: Language };
  event: EventFacts | null;
  /** A moment or span in the event's time zone and this language, offset included. */
  timeRange(startIso: string, endIso?: string): string;
  /** Base URL for links back to Accord. */
  publicUrl: string;
}

/** What an email says, in one language. The renderer adds greeting, sign-off and footer, and makes both parts. */
export interface EmailContent {
  /** Says what happened, e.g. "Signing appointment moved to 10:30". */
  subject: string;
  /** Paragraphs of plain text. */
  paragraphs: string[];
  /** Short label–value lines (When, Where, …), shown as a list in text and a table in HTML. */
  facts?: Array<{ label: string; value: string }>;
}

/** A moment the email is about; the renderer attaches it as an .ics file. */
export interface CalendarEntry {
  /** Stable per thing (e.g. `appointment-<id>@accord`), so a later update replaces it in calendars. */
  uid: string;
  /** Increase on every change of the same uid. */
  sequence?: number;
  start: Date;
  end?: Date;
  summary: string;
  description?: string;
  location?: string;
  /** The thing will not take place: the entry is sent as STATUS:CANCELLED so calendars drop it. */
  cancelled?: boolean;
}

export type Compose<K extends NotificationKind> = (data: NotificationData[K], ctx: TemplateContext) => EmailContent;

/** How one notification kind reads, per language. */
export interface EmailTemplate<K extends NotificationKind> {
  /** Bulk mail honours the per-person opt-out and carries an unsubscribe link; transactional mail does neither. */
  bulk: boolean;
  /** English is required (the fallback); add a language by adding its key. */
  compose: { en: Compose<K> } & Partial<Record<Language, Compose<K>>>;
  /** When the email is about a time: the entry for the .ics attachment (null when this payload has no time). */
  calendar?: (data: NotificationData[K], ctx: TemplateContext) => CalendarEntry | null;
}
