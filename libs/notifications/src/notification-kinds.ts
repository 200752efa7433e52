/**
 * Every notification Accord sends, and the data its templates need. Producers and consumers share this one map,
 * so a payload can't drift from its template. Each domain library adds its kinds here.
 *
 * Payloads carry ids plus the facts of the change at the moment it happened (e.g. a session's old and new time):
 * a notification describes that change, which re-reading the current state later could not reconstruct.
 */
export interface NotificationData {
  /** A bulk message from the organisers (honours the per-person opt-out). */
  announcement: { announcementId: string; subject: string; body: string };
}

export type NotificationKind = keyof NotificationData;
