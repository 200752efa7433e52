import { isConnectionError } from '@accord/core';

export interface RetryOptions {
  /** Give up (and throw the last error) after this long. */
  budgetMs: number;
  /** First pause between tries; it doubles, up to 2 s. */
  firstDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `write` again while it fails because PostgreSQL is unreachable (a restart, a failover), for at most
 * `budgetMs`; any other error is thrown at once. For writes that must not be lost to a short outage.
 */
export async function retryWhileUnavailable<T>(write: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { budgetMs, sleep = pause, now = Date.now } = options;
  const deadline = now() + budgetMs;
  let delay = options.firstDelayMs ?? 100;
  for (;;) {
    try {
      return await write();
    } catch (error) {
      if (!isConnectionError(error) || now() + delay > deadline) throw error;
      await sleep(delay);
      delay = Math.min(delay * 2, 2000);
    }
  }
}
