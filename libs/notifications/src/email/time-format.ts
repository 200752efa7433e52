import { DateTime } from 'luxon';
import type { Language } from '../recipient.js';

/** The locale each language is written in (UN English is British: day before month). */
const LOCALES: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es', ru: 'ru', zh: 'zh-CN', ar: 'ar' };

const DATE = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } as const;
const TIME = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

/** `UTC+7`, `UTC+5:30`, `UTC` */
function offsetLabel(at: DateTime): string {
  if (at.offset === 0) return 'UTC';
  const sign = at.offset > 0 ? '+' : '-';
  const minutes = Math.abs(at.offset);
  const hours = Math.floor(minutes / 60);
  return `UTC${sign}${hours}${minutes % 60 ? `:${String(minutes % 60).padStart(2, '0')}` : ''}`;
}

/**
 * A moment, or a span, as people at the event read it: in the event's time zone and the recipient's language, with
 * the offset spelled out so nobody reading it elsewhere converts it wrongly. e.g. "Saturday, 25 October 2025,
 * 14:00–15:30 (UTC+7)".
 */
export function formatTimeRange(startIso: string, endIso: string | undefined, timeZone: string, language: Language) {
  const locale = LOCALES[language];
  const start = DateTime.fromISO(startIso, { zone: timeZone }).setLocale(locale);
  const end = endIso ? DateTime.fromISO(endIso, { zone: timeZone }).setLocale(locale) : undefined;
  const day = start.toLocaleString(DATE);
  const from = start.toLocaleString(TIME);
  let text: string;
  if (!end) text = `${day}, ${from}`;
  else if (end.hasSame(start, 'day')) text = `${day}, ${from}–${end.toLocaleString(TIME)}`;
  else text = `${day}, ${from} – ${end.toLocaleString(DATE)}, ${end.toLocaleString(TIME)}`;
  return `${text} (${offsetLabel(start)})`;
}
