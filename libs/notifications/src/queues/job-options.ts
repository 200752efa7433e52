import type { JobsOptions } from 'bullmq';
import type { NotificationsConfig } from '@accord/core';
import { JobName, type JobItem } from './jobs.js';

/**
 * The job id is derived from what the job is about, so adding the same job twice (a row relayed twice, a fan-out
 * run twice) is one job while it is retained. Beyond retention the handlers are idempotent anyway.
 */
export function jobId(item: JobItem): string {
  switch (item.name) {
    case JobName.FanOut:
      return `${item.name}.${item.data.outboxMessageId}`;
    case JobName.SendEmail:
    case JobName.SendWebhook:
      return `${item.name}.${item.data.deliveryId}.${item.data.generation}`;
  }
}

/** The one place that sets job options: attempts, exponential backoff with jitter, retention, deterministic id. */
export function jobOptions(item: JobItem, config: NotificationsConfig): JobsOptions {
  return {
    jobId: jobId(item),
    attempts: config.attempts,
    backoff: { type: 'exponential', delay: config.backoffMs, jitter: 0.5 },
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
  };
}
