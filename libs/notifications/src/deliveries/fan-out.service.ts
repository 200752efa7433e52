import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { deliveryJob } from '../queues/jobs.js';
import { NotificationQueues } from '../queues/notification-queues.js';
import { rows } from '../sql.js';
import type { Channel } from './delivery-status.js';

/**
 * One outbox message becomes one delivery per recipient (deduplicated by address) and per subscribed webhook
 * endpoint, then one job per delivery. Safe to run twice: the unique key skips existing deliveries, and jobs are
 * re-added (with their deterministic ids) only for deliveries still due.
 */
@Injectable()
export class FanOutService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: NotificationQueues,
  ) {}

  async fanOut(outboxMessageId: string): Promise<number> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO notification_deliveries (outbox_message_id, kind, event_id, channel, recipient_key,
                                              recipient_email, recipient_name, language, delegation_id, person_id)
         SELECT m.id, m.kind, m.event_id, 'email', lower(r.value->>'email'), r.value->>'email', r.value->>'name',
                coalesce(r.value->>'language', 'en'), (r.value->>'delegationId')::uuid, (r.value->>'personId')::uuid
         FROM outbox_messages m CROSS JOIN LATERAL jsonb_array_elements(m.recipients) WITH ORDINALITY AS r(value, n)
         WHERE m.id = $1
         ORDER BY r.n
         ON CONFLICT (outbox_message_id, channel, recipient_key) DO NOTHING`,
        [outboxMessageId],
      );
      await manager.query(
        `INSERT INTO notification_deliveries (outbox_message_id, kind, event_id, channel, recipient_key,
                                              webhook_endpoint_id)
         SELECT m.id, m.kind, m.event_id, 'webhook', w.id::text, w.id
         FROM outbox_messages m
         JOIN webhook_endpoints w
           ON w.enabled AND m.kind = ANY(w.kinds) AND (w.event_id IS NULL OR w.event_id = m.event_id)
         WHERE m.id = $1 AND m.webhook
         ON CONFLICT (outbox_message_id, channel, recipient_key) DO NOTHING`,
        [outboxMessageId],
      );
    });
    const due = await rows<{ id: string; channel: Channel; generation: number }>(
      this.dataSource,
      `SELECT id, channel, generation FROM notification_deliveries
       WHERE outbox_message_id = $1 AND status IN ('queued', 'failed') ORDER BY created_at, id`,
      [outboxMessageId],
    );
    await this.queues.addBulk(due.map((d) => deliveryJob(d.channel, d.id, d.generation)));
    await this.dataSource.query(`UPDATE outbox_messages SET fanned_out_at = now() WHERE id = $1`, [outboxMessageId]);
    return due.length;
  }
}
