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

  // --- Scheduling (libs/scheduling). Times are ISO 8601 with the event's offset; `timeZone` is the event's zone.
  // `calendarUid` and `sequence` are those of the entry in the iCalendar feeds, so an attached .ics updates it.

  /** To the delegations of its speakers (and, for a signing session, of its appointments): it is in the programme. */
  'session.published': SessionFacts & { startsAt: string; endsAt: string; roomName: string };
  /** To the delegations of its speakers and registered or waitlisted attendees: its time or room changed. */
  'session.moved': SessionFacts & { from: SessionPlace; to: SessionPlace };
  /** To the delegations of its speakers and attendees: it will not take place. */
  'session.cancelled': SessionFacts & { startsAt: string; endsAt: string; roomName: string; reason: string | null };
  /** To the member (when reachable) and the focal point: a freed seat went to this waitlisted request. */
  'attendance.promoted': SessionFacts & {
    attendeeId: string;
    memberId: string;
    delegationId: string;
    startsAt: string;
    endsAt: string;
    roomName: string;
  };
  /** To the focal point and the signatory: the delegation has a signing appointment. */
  'appointment.booked': AppointmentFacts & { startsAt: string; endsAt: string };
  /**
   * Its time changed: moved by the delegation or the organisers, reordered, shifted with its signing session, or
   * given a new slot after being marked rescheduled (then `appointmentId` is the new one, `previousAppointmentId`
   * the old).
   */
  'appointment.moved': AppointmentFacts & {
    cause: 'moved' | 'reordered' | 'session_moved' | 'rescheduled';
    previousAppointmentId: string | null;
    from: { startsAt: string; endsAt: string };
    to: { startsAt: string; endsAt: string };
  };
  /** Withdrawn (by the delegation or the organisers), its signing session cancelled, or to be rescheduled. */
  'appointment.cancelled': AppointmentFacts & {
    cause: 'cancelled' | 'session_cancelled' | 'rescheduled';
    startsAt: string;
    endsAt: string;
    reason: string | null;
  };
  /** Scheduled (deliverAfter) 24 hours and 1 hour before the appointment; withdrawn when it moves or is cancelled. */
  'appointment.reminder': AppointmentFacts & { hoursBefore: 24 | 1; startsAt: string; endsAt: string };

  // --- Signatures (libs/signatures).

  /** To the focal point: the treaty section verified or rejected the full powers it uploaded. */
  'full_powers.reviewed': {
    fullPowersId: string;
    delegationId: string | null;
    partyCode: string;
    partyName: string;
    /** The representative the full powers name. */
    representativeName: string;
    status: 'verified' | 'rejected';
    /** Why it was rejected (the focal point can upload a corrected instrument); null when verified. */
    reason: string | null;
    reviewedAt: string;
  };
  /** To the organisers (treaty and admin roles) and to webhooks: the signatory goal was reached, once per event. */
  'signatories.goal_reached': {
    milestoneId: string;
    goal: number;
    /** Signatory States when it fired (REIOs are not counted). */
    count: number;
    /** Time of the signature that made the count reach the goal, in order of time of signature. */
    reachedAt: string;
    signatureId: string;
    partyCode: string;
    partyName: string;
    place: string;
    firedAt: string;
  };
}

/** What every scheduling notification about a session says. */
export interface SessionFacts {
  sessionId: string;
  kind: string;
  titleEn: string;
  titleFr: string;
  timeZone: string;
  calendarUid: string;
  sequence: number;
}

export interface SessionPlace {
  startsAt: string;
  endsAt: string;
  roomId: string;
  roomName: string;
}

/** What every notification about a signing appointment says. */
export interface AppointmentFacts {
  appointmentId: string;
  delegationId: string;
  delegationName: string;
  sessionId: string;
  /** The signing session's room. */
  location: string;
  timeZone: string;
  calendarUid: string;
  sequence: number;
}

export type NotificationKind = keyof NotificationData;

export type AnnouncementTranslations = Partial<Record<Language, { subject: string; body: string }>>;
