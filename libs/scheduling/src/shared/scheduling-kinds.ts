/** What a session of the programme is. `signing` sessions hold the signing appointments. */
export enum SessionKind {
  Opening = 'opening',
  Signing = 'signing',
  Plenary = 'plenary',
  RoundTable = 'round_table',
  SideEvent = 'side_event',
  Bilateral = 'bilateral',
  Press = 'press',
  Other = 'other',
}
export const SESSION_KINDS = Object.values(SessionKind);

/** Drafts are seen by organisers only; published sessions are the programme; cancelled ones stay for the record. */
export enum SessionStatus {
  Draft = 'draft',
  Published = 'published',
  Cancelled = 'cancelled',
}
export const SESSION_STATUSES = Object.values(SessionStatus);

export enum SessionVisibility {
  Public = 'public',
  Organisers = 'organisers',
}
export const SESSION_VISIBILITIES = Object.values(SessionVisibility);

export enum SpeakerRole {
  Chair = 'chair',
  Moderator = 'moderator',
  Speaker = 'speaker',
  Panellist = 'panellist',
}
export const SPEAKER_ROLES = Object.values(SpeakerRole);

/** A seat is taken (`registered`), queued (`waitlisted`, promoted in order when one frees) or given up. */
export enum AttendanceStatus {
  Registered = 'registered',
  Waitlisted = 'waitlisted',
  Cancelled = 'cancelled',
}
export const ATTENDANCE_STATUSES = Object.values(AttendanceStatus);

/**
 * A signing appointment: `booked` until the ceremony, then `done` (signed), `missed` (did not come) or
 * `rescheduled` (the slot was given up for a later one); `cancelled` when withdrawn. Only `booked` and `done`
 * hold their slot and count as the delegation's one appointment.
 */
export enum AppointmentStatus {
  Booked = 'booked',
  Done = 'done',
  Missed = 'missed',
  Rescheduled = 'rescheduled',
  Cancelled = 'cancelled',
}
export const APPOINTMENT_STATUSES = Object.values(AppointmentStatus);
export const ACTIVE_APPOINTMENT_STATUSES = [AppointmentStatus.Booked, AppointmentStatus.Done] as const;

/** SQL list literal of enum values, for CHECK constraints and partial-index predicates. */
export const sqlValues = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');
