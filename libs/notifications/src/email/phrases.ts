import type { Language } from '../recipient.js';

/** The words every email shares, around the kind-specific content. English is the fallback. */
export interface Phrases {
  greeting(name: string): string;
  /** Between a label and its value: French typography puts a space before the colon. */
  colon: string;
  signOff(eventName: string): string;
  when: string;
  where: string;
  timeZoneNote(city: string, timeZone: string): string;
  /** Bulk mail only: why the recipient gets it, and how to stop. */
  bulkReason(eventName: string): string;
  unsubscribe: string;
}

const en: Phrases = {
  greeting: (name) => `Dear ${name},`,
  colon: ': ',
  signOff: (eventName) => `The organisers, ${eventName}`,
  when: 'When',
  where: 'Where',
  timeZoneNote: (city, timeZone) => `Times are local time in ${city} (${timeZone}).`,
  bulkReason: (eventName) => `You receive the announcements of “${eventName}” because you take part in it.`,
  unsubscribe: 'Stop receiving announcements for this event',
};

const fr: Phrases = {
  greeting: (name) => `Bonjour ${name},`,
  colon: '\u00a0: ',
  signOff: (eventName) => `Les organisateurs, ${eventName}`,
  when: 'Quand',
  where: 'Lieu',
  timeZoneNote: (city, timeZone) => `Les heures sont celles de ${city} (${timeZone}).`,
  bulkReason: (eventName) => `Vous recevez les annonces de « ${eventName} » parce que vous y participez.`,
  unsubscribe: 'Ne plus recevoir d’annonces pour cet événement',
};

export const PHRASES: { en: Phrases } & Partial<Record<Language, Phrases>> = { en, fr };
