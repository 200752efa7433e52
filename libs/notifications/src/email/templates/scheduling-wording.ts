import type { AppointmentFacts, SessionFacts } from '../../notification-kinds.js';
import type { CalendarEntry, TemplateContext } from '../email-template.js';

/** Session kinds as the programme names them. */
export const SESSION_KIND_LABELS: Record<'en' | 'fr', Record<string, string>> = {
  en: {
    opening: 'Opening ceremony',
    signing: 'Signing session',
    plenary: 'Plenary',
    round_table: 'Round table',
    side_event: 'Side event',
    bilateral: 'Bilateral meeting',
    press: 'Press',
    other: 'Session',
  },
  fr: {
    opening: "Cérémonie d'ouverture",
    signing: 'Séance de signature',
    plenary: 'Plénière',
    round_table: 'Table ronde',
    side_event: 'Manifestation parallèle',
    bilateral: 'Réunion bilatérale',
    press: 'Presse',
    other: 'Séance',
  },
};

export const treaty = (ctx: TemplateContext) => ctx.event?.treatyShortTitle ?? 'Accord';

/** The session's title in the language being written (French or English). */
export const sessionTitle = (data: SessionFacts, ctx: TemplateContext) =>
  ctx.language === 'fr' ? data.titleFr : data.titleEn;

/** A room of the venue, as a full address line. */
export const place = (room: string, ctx: TemplateContext) =>
  [room, ctx.event?.venue, ctx.event?.city].filter(Boolean).join(', ');

/** The session's entry, the same UID and SEQUENCE as in the programme's iCalendar feeds. */
export function sessionEntry(
  data: SessionFacts,
  at: { startsAt: string; endsAt: string; roomName: string },
  ctx: TemplateContext,
  cancelled = false,
): CalendarEntry {
  return {
    uid: data.calendarUid,
    sequence: data.sequence,
    start: new Date(at.startsAt),
    end: new Date(at.endsAt),
    summary: sessionTitle(data, ctx),
    location: place(at.roomName, ctx),
    cancelled,
  };
}

/** The appointment's entry, the same UID and SEQUENCE as in the delegation's iCalendar feed. */
export function appointmentEntry(
  data: AppointmentFacts,
  at: { startsAt: string; endsAt: string },
  ctx: TemplateContext,
  cancelled = false,
): CalendarEntry {
  return {
    uid: data.calendarUid,
    sequence: data.sequence,
    start: new Date(at.startsAt),
    end: new Date(at.endsAt),
    summary: `${ctx.language === 'fr' ? 'Signature' : 'Signing'}: ${treaty(ctx)} – ${data.delegationName}`,
    location: place(data.location, ctx),
    cancelled,
  };
}

/** What the signatory brings, by the depositary's practice (VCLT art. 7; UN Treaty Handbook 3.2). */
export const FULL_POWERS_NOTE = {
  en:
    'Unless the signatory is Head of State, Head of Government or Minister for Foreign Affairs, please bring the ' +
    'original instrument of full powers.',
  fr:
    'Si le signataire n’est pas chef d’État, chef de gouvernement ou ministre des affaires étrangères, merci ' +
    'd’apporter l’original de l’instrument de pleins pouvoirs.',
};
