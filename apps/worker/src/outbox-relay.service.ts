import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@accord/core';
import { JobName, NotificationQueues } from '@accord/notifications';
import { crashPoint } from './fault-injection.js';
import { PeriodicTask } from './periodic-task.js';

const BATCH = 50;

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so several workers relay
 * side by side without taking the same row; each becomes a fan-out job whose id is derived from the row, so a row
 * relayed twice (a crash between adding the job and marking the row) is still one job. While Redis is down the
 * rows stay pending, and go out when it is back. A row with `deliver_after` waits until then (reminders), and one
 * whose `expires_at` has passed is dropped.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly task: PeriodicTask;
  private failing = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: NotificationQueues,
  ) {
    this.task = new PeriodicTask(
      config.notifications.outboxPollMs,
      () => this.relayBatch(),
      (error) => this.reportFailure(error),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Relays one batch; true when the batch was full (more rows are probably waiting). */
  async relayBatch(): Promise<boolean> {
    if (!this.dataSource.isInitialized) return false; // still connecting to PostgreSQL
    const relayed = await this.dataSource.transaction(async (manager) => {
      // A scheduled message (a reminder) still here when its moment has passed is dropped, never sent late. It is
      // marked published and fanned out, with the reason, so neither the relay nor the sweeper takes it up again.
      await manager.query(
        `UPDATE outbox_messages SET published_at = now(), fanned_out_at = now(), last_relay_error = 'expired'
         WHERE id IN (SELECT id FROM outbox_messages WHERE published_at IS NULL AND expires_at <= now()
                      FOR UPDATE SKIP LOCKED)`,
      );
      // Scheduled messages wait in the table until due (their producer may still withdraw them), then go as any other.
      const pending: { id: string }[] = await manager.query(
        `SELECT id FROM outbox_messages
         WHERE published_at IS NULL AND (deliver_after IS NULL OR deliver_after <= now())
           AND (expires_at IS NULL OR expires_at > now())
         ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (!pending.length) return 0;
      const ids = pending.map((row) => row.id);
      try {
        await this.queues.addBulk(ids.map((id) => ({ name: JobName.FanOut, data: { outboxMessageId: id } })));
      } catch (error) {
        // Redis is unreachable: the rows stay pending (and say why) until a later batch gets through.
        await manager.query(
          `UPDATE outbox_messages SET relay_attempts = relay_attempts + 1, last_relay_error = $2 WHERE id = ANY($1)`,
          [ids, (error as Error).message.slice(0, 500)],
        );
        this.reportFailure(error);
        return 0;
      }
      crashPoint('relay-crash-after-enqueue'); // the drills' crash between enqueue and marking the rows
      await manager.query(
        `UPDATE outbox_messages SET published_at = now(), relay_attempts = relay_attempts + 1, last_relay_error = NULL
         WHERE id = ANY($1)`,
        [ids],
      );
      return ids.length;
    });
    if (relayed && this.failing) {
      this.failing = false;
      this.logger.log('outbox relay recovered');
    }
    return relayed === BATCH;
  }

  /** Logs the first failure of an outage, not every poll of it. */
  private reportFailure(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn(`outbox relay cannot publish (${(error as Error).message}); rows stay pending`);
  }
}
