import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@accord/core';
import {
  deliveryJob,
  DeliveryStore,
  JOB_QUEUE,
  jobId,
  JobName,
  NotificationQueues,
  type Channel,
  type JobItem,
} from '@accord/notifications';
import { PeriodicTask } from './periodic-task.js';

/** Job states in which BullMQ still holds the work. */
const LIVE = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * PostgreSQL is the record of what must be delivered; Redis only holds the work in progress. Now and then this
 * compares the two and repairs what Redis lost (a Redis restarted without persistence, a job evicted): a due
 * delivery without a live job is requeued under a new generation, and a published outbox message that was never
 * fanned out gets its fan-out job again. A job BullMQ gave up on without the processor saying so (its worker died
 * while running it, repeatedly) is marked dead, so it is visible and an organiser can retry it.
 */
@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DeliverySweeper');
  private readonly task: PeriodicTask;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: NotificationQueues,
    private readonly store: DeliveryStore,
  ) {
    this.task = new PeriodicTask(
      config.notifications.sweepMs,
      () => this.sweep(),
      (error) => this.logger.debug(`sweep skipped: ${(error as Error).message}`),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** One pass; false: wait for the next interval. */
  async sweep(): Promise<boolean> {
    if (!this.dataSource.isInitialized) return false;
    await this.sweepDeliveries();
    await this.sweepFanOuts();
    return false;
  }

  private async sweepDeliveries(): Promise<void> {
    const due: { id: string; channel: Channel; generation: number }[] = await this.dataSource.query(
      `SELECT id, channel, generation FROM notification_deliveries
       WHERE status IN ('queued', 'failed') AND updated_at < now() - make_interval(secs => $1)
       ORDER BY updated_at LIMIT 1000`,
      [this.config.notifications.sweepMs / 1000],
    );
    for (const delivery of due) {
      const job = deliveryJob(delivery.channel, delivery.id, delivery.generation);
      const state = await this.state(job);
      if (LIVE.has(state)) continue;
      if (state === 'failed') {
        await this.store.markDead(delivery.id, delivery.generation, 'The worker stopped while sending it, repeatedly');
        continue;
      }
      // unknown (lost) or completed without recording an outcome: a new generation, so a new job id.
      const generation = await this.store.requeue(delivery.id, delivery.generation);
      if (generation === null) continue;
      await this.queues.add(deliveryJob(delivery.channel, delivery.id, generation));
      this.logger.warn({ deliveryId: delivery.id }, 'requeued a delivery whose job was lost');
    }
  }

  private async sweepFanOuts(): Promise<void> {
    const messages: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM outbox_messages
       WHERE published_at IS NOT NULL AND fanned_out_at IS NULL AND published_at < now() - make_interval(secs => $1)
       ORDER BY published_at LIMIT 100`,
      [this.config.notifications.sweepMs / 1000],
    );
    for (const { id } of messages) {
      const job: JobItem = { name: JobName.FanOut, data: { outboxMessageId: id } };
      const state = await this.state(job);
      if (LIVE.has(state)) continue;
      if (state !== 'unknown') await this.queues.get(JOB_QUEUE[job.name]).remove(jobId(job));
      await this.queues.add(job);
      this.logger.warn({ outboxMessageId: id }, `re-queued a fan-out (its job was ${state})`);
    }
  }

  private state(job: JobItem): Promise<string> {
    return this.queues.get(JOB_QUEUE[job.name]).getJobState(jobId(job));
  }
}
