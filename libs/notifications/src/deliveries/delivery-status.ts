/**
 * queued: waiting for (or in) an attempt · sent: the channel accepted it · failed: the last attempt failed and a
 * retry is scheduled · dead: no more automatic attempts (an organiser may retry) · skipped: not sent on purpose
 * (the recipient opted out of announcements).
 */
export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'dead', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const CHANNELS = ['email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What happened in one attempt; `interrupted` marks an attempt whose worker died before it could say. */
export const ATTEMPT_OUTCOMES = ['sent', 'failed', 'interrupted'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** Statuses an organiser may retry. */
export const RETRYABLE_STATUSES: readonly DeliveryStatus[] = ['failed', 'dead'];
