/**
 * iCalendar UIDs: derived from the row's id only, so every regeneration of a feed (and every .ics attached to an
 * email about the same thing) names the same entry and calendar apps update it in place.
 */
export const sessionUid = (sessionId: string) => `session-${sessionId}@accord`;
export const appointmentUid = (appointmentId: string) => `signing-appointment-${appointmentId}@accord`;
