import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { NotificationKind } from '../notification-kinds.js';
import type { Language } from '../recipient.js';
import { rows } from '../sql.js';
import { retryWhileUnavailable } from './retry-while-unavailable.js';
import type { Channel } from './delivery-status.js';

/** How long recording a sent delivery keeps retrying while PostgreSQL is unreachable. */
const RECORD_SENT_BUDGET_MS = 30_000;

/** A delivery an attempt has been started for. */
export interface ClaimedDelivery {
  id: string;
  generation: number;
  outboxMessageId: string;
  eventId: string | null;
  kind: NotificationKind;
  channel: Channel;
  recipientEmail: string | null;
  recipientName: string | null;
  language: Language | null;
  webhookEndpointId: string | null;
  /** The number of this attempt, and its row. */
  attempt: number;
  attemptId: string;
}

/**
 * The state changes of a delivery while it is processed. Every change is conditional on the delivery still being
 * due (status queued or failed, same generation), which is what makes the processors idempotent: a delivery
 * already sent, dead, skipped or retried by an organiser in the meantime is left alone.
 */
@Injectable()
export class DeliveryStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Starts an attempt: counts it, records it, and marks attempts whose worker died as interrupted. */
  async claim(deliveryId: string, generation: number): Promise<ClaimedDelivery | null> {
    const [claimed] = await rows<ClaimedDelivery>(
      this.dataSource,
      `WITH claimed AS (
         UPDATE notification_deliveries SET attempts = attempts + 1, updated_at = now()
         WHERE id = $1 AND generation = $2 AND status IN ('queued', 'failed')
         RETURNING *
       ), interrupted AS (
         UPDATE notification_attempts SET outcome = 'interrupted', finished_at = now()
         WHERE delivery_id IN (SELECT id FROM claimed) AND outcome IS NULL
       ), attempt AS (
         INSERT INTO notification_attempts (delivery_id, number) SELECT id, attempts FROM claimed RETURNING id
       )
       SELECT c.id, c.generation, c.outbox_message_id AS "outboxMessageId", c.event_id AS "eventId", c.kind,
              c.channel, c.recipient_email AS "recipientEmail", c.recipient_name AS "recipientName", c.language,
              c.webhook_endpoint_id AS "webhookEndpointId", c.attempts AS attempt, a.id AS "attemptId"
       FROM claimed c CROSS JOIN attempt a`,
      [deliveryId, generation],
    );
    return claimed ?? null;
  }

  /**
   * Records the delivery as sent. The mail or webhook call is already out: if PostgreSQL is unreachable just now (a
   * restart, a failover), failing here would make the job run again and send it twice, so the write is retried
   * for a while instead (BullMQ keeps renewing the job's lock meanwhile).
   */
  async succeed(delivery: ClaimedDelivery, providerMessageId: string | null, response: string | null): Promise<void> {
    await retryWhileUnavailable(() => this.recordSent(delivery, providerMessageId, response), {
      budgetMs: RECORD_SENT_BUDGET_MS,
    });
  }

  private async recordSent(
    delivery: ClaimedDelivery,
    providerMessageId: string | null,
    response: string | null,
  ): Promise<void> {
    await this.dataSource.query(
      `WITH attempt AS (
         UPDATE notification_attempts SET outcome = 'sent', finished_at = now(), response = $3 WHERE id = $2
       )
       UPDATE notification_deliveries
       SET status = 'sent', sent_at = now(), provider_message_id = $4, last_error = NULL, updated_at = now()
       WHERE id = $1`,
      [delivery.id, delivery.attemptId, truncate(response), truncate(providerMessageId)],
    );
  }

  /** `final`: no automatic attempt follows, the delivery is dead. */
  async fail(delivery: ClaimedDelivery, error: string, response: string | null, final: boolean): Promise<void> {
    await this.dataSource.query(
      `WITH attempt AS (
         UPDATE notification_attempts SET outcome = 'failed', finished_at = now(), error = $3, response = $4
         WHERE id = $2
       )
       UPDATE notification_deliveries SET status = $5, last_error = $3, updated_at = now()
       WHERE id = $1 AND generation = $6 AND status IN ('queued', 'failed')`,
      [
        delivery.id,
        delivery.attemptId,
        truncate(error),
        truncate(response),
        final ? 'dead' : 'failed',
        delivery.generation,
      ],
    );
  }

  /** Skips a bulk email whose recipient opted out of this event's announcements; true when it did. */
  async skipIfOptedOut(deliveryId: string, generation: number, bulkKinds: NotificationKind[]): Promise<boolean> {
    const skipped = await rows(
      this.dataSource,
      `UPDATE notification_deliveries d
       SET status = 'skipped', last_error = 'The recipient opted out of announcements', updated_at = now()
       WHERE d.id = $1 AND d.generation = $2 AND d.status IN ('queued', 'failed') AND d.channel = 'email'
         AND d.kind = ANY($3::text[])
         AND EXISTS (SELECT 1 FROM notification_opt_outs o WHERE o.event_id = d.event_id AND o.email = d.recipient_key)
       RETURNING d.id`,
      [deliveryId, generation, bulkKinds],
    );
    return skipped.length > 0;
  }

  /** Starts a new generation of a due delivery (whose job was lost); its new generation, or null if not due. */
  async requeue(deliveryId: string, generation: number): Promise<number | null> {
    const [requeued] = await rows<{ generation: number }>(
      this.dataSource,
      `UPDATE notification_deliveries SET generation = generation + 1, updated_at = now()
       WHERE id = $1 AND generation = $2 AND status IN ('queued', 'failed') RETURNING generation`,
      [deliveryId, generation],
    );
    return requeued?.generation ?? null;
  }

  /** For jobs BullMQ gave up on without the processor saying so (e.g. stalled too often): dead, and visible. */
  async markDead(deliveryId: string, generation: number, reason: string): Promise<void> {
    await this.dataSource.query(
      `WITH interrupted AS (
         UPDATE notification_attempts SET outcome = 'interrupted', finished_at = now()
         WHERE delivery_id = $1 AND outcome IS NULL
       )
       UPDATE notification_deliveries SET status = 'dead', last_error = $3, updated_at = now()
       WHERE id = $1 AND generation = $2 AND status IN ('queued', 'failed')`,
      [deliveryId, generation, truncate(reason)],
    );
  }
}

function truncate(value: string | null): string | null {
  return value === null ? null : value.slice(0, 1000);
}
