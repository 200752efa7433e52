import type { Channel } from '../deliveries/delivery-status.js';

/**
 * Every queue and job of the notifications pipeline, declared once and shared by producers (the relay, the API's
 * retry) and consumers (the worker's handlers). Payloads carry ids only: handlers reload the state they need.
 */
export enum QueueName {
  /** Outbox messages become one delivery (and one job) per recipient and per subscribed webhook endpoint. */
  FanOut = 'notifications-fan-out',
  Email = 'notifications-email',
  Webhook = 'notifications-webhook',
}

export enum JobName {
  FanOut = 'fan-out',
  SendEmail = 'send-email',
  SendWebhook = 'send-webhook',
}

export interface FanOutJobData {
  outboxMessageId: string;
}

/** A delivery and its generation: an organiser's retry starts a new generation, so older jobs become no-ops. */
export interface DeliveryJobData {
  deliveryId: string;
  generation: number;
}

/** Each job name with its payload: the one typed union producer and consumer agree on. */
export type JobItem =
  | { name: JobName.FanOut; data: FanOutJobData }
  | { name: JobName.SendEmail; data: DeliveryJobData }
  | { name: JobName.SendWebhook; data: DeliveryJobData };

export type JobData<N extends JobName> = Extract<JobItem, { name: N }>['data'];

/** Which queue each job runs on (one queue per channel, so each has its own rate limit). */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.FanOut]: QueueName.FanOut,
  [JobName.SendEmail]: QueueName.Email,
  [JobName.SendWebhook]: QueueName.Webhook,
};

/** The job that sends a delivery on its channel. */
export function deliveryJob(channel: Channel, deliveryId: string, generation: number): JobItem {
  const data = { deliveryId, generation };
  switch (channel) {
    case 'email':
      return { name: JobName.SendEmail, data };
    case 'webhook':
      return { name: JobName.SendWebhook, data };
  }
}
