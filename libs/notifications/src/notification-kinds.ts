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

export type NotificationKind = keyof NotificationData;
