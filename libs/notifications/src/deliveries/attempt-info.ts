import { UnrecoverableError } from 'bullmq';

/** Where a job is in its retries, as BullMQ reports it. */
export interface AttemptInfo {
  /** Attempts BullMQ made before this one (failed ones). */
  attemptsMade: number;
  maxAttempts: number;
}

export const isLastAttempt = (info: AttemptInfo) => info.attemptsMade + 1 >= info.maxAttempts;

/** What a delivery job did (the job's return value, shown in the dashboard). */
export type DeliveryResult = 'sent' | 'skipped' | 'not-due';

/**
 * The error a processor throws after recording a failed attempt: retried with backoff unless it is final, in
 * which case BullMQ must not retry it (UnrecoverableError) because the delivery is already dead.
 */
export function attemptError(message: string, final: boolean): Error {
  return final ? new UnrecoverableError(message) : new Error(message);
}
