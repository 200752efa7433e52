import type { Language } from './recipient.js';

/**
 * Every notification Accord sends, and the data its templates need. Producers and consumers share this one map,
 * so a payload can't drift from its template. Each domain library adds its kinds here, and a template for each in
 * `email/templates/` (the template map is exhaustive, so a kind without one fails type-checking).
 *
 * Payloads carry ids plus the facts of the change at the moment it happened (e.g. a session's old and new time):
 * a notification describes that change, which re-reading the current state later could not reconstruct.
 * Times are ISO 8601 strings (payloads are JSON).
 */
export interface NotificationData {
  /** A bulk message from the organisers (honours the per-person opt-out). */
  announcement: {
    announcementId: string;
    subject: string;
    body: string;
    /** The subject and body in other languages; recipients whose language is missing get the text above. */
    translations?: AnnouncementTranslations;
    /** The moment the announcement is about, if any: the email then carries an .ics. */
    startsAt?: string;
    endsAt?: string;
    location?: string;
  };
  /** To the focal point: the registration was received (by the public form, an organiser, or an import). */
  'delegation.submitted': {
    delegationId: string;
    /** The State's English name or the organisation's name, as at submission. */
    delegationName: string;
    kind: string;
    memberCount: number;
    /** 'form' (public registration), 'organiser' (entered by the secretariat) or 'import' (bulk CSV). */
    channel: 'form' | 'organiser' | 'import';
    submittedAt: string;
  };
  /** To the focal point: the registration's status changed (every transition of the review workflow). */
  'delegation.status_changed': {
    delegationId: string;
    delegationName: string;
    transitionId: string;
    from: string;
    to: string;
    /** Required for a rejection, optional otherwise; shown to the focal point. */
    reason: string | null;
    /** Who made the change: 'organiser' or 'focal-point' (a focal point cancelling its own registration). */
    actor: 'organiser' | 'focal-point';
    changedAt: string;
  };
}

export type NotificationKind = keyof NotificationData;

export type AnnouncementTranslations = Partial<Record<Language, { subject: string; body: string }>>;
