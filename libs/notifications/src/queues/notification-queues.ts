import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_CONFIG, redisOptions, type AppConfig } from '@accord/core';
import { jobOptions } from './job-options.js';
import { JOB_QUEUE, QueueName, type JobItem } from './jobs.js';

/**
 * A connection for producers: fails fast while Redis is down or hangs (the outbox keeps the work until it is back),
 * so the relay never holds its row locks waiting on Redis.
 */
export function producerConnection(url: string): Redis {
  const redis = new Redis(url, { ...redisOptions(url), commandTimeout: 5000 });
  redis.on('error', () => undefined); // reconnection is automatic; callers see the failed command
  return redis;
}

/** A connection for BullMQ workers: blocking commands must wait for Redis rather than fail (BullMQ requires it). */
export function workerConnection(url: string): Redis {
  const redis = new Redis(url, { ...redisOptions(url), maxRetriesPerRequest: null, enableOfflineQueue: true });
  redis.on('error', () => undefined);
  return redis;
}

/** The producer side of the queues: every job is added through here, with the options of job-options.ts. */
@Injectable()
export class NotificationQueues implements OnApplicationShutdown {
  private readonly logger = new Logger('NotificationQueues');
  private readonly connection: Redis;
  private readonly queues: Map<QueueName, Queue>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = producerConnection(config.redisUrl);
    this.queues = new Map(
      Object.values(QueueName).map((name) => {
        const queue = new Queue(name, { connection: this.connection, prefix: config.queuePrefix });
        queue.on('error', (error) => this.logger.debug(`queue ${name}: ${error.message}`));
        return [name, queue];
      }),
    );
  }

  /** Every queue, for dashboards. */
  all(): Queue[] {
    return [...this.queues.values()];
  }

  get(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  async add(item: JobItem): Promise<void> {
    await this.get(JOB_QUEUE[item.name]).add(item.name, item.data, jobOptions(item, this.config.notifications));
  }

  /** Adds many jobs, grouped per queue, in chunks (one round trip per chunk). */
  async addBulk(items: JobItem[], chunkSize = 500): Promise<void> {
    for (let start = 0; start < items.length; start += chunkSize) {
      const chunk = items.slice(start, start + chunkSize);
      const byQueue = new Map<QueueName, JobItem[]>();
      for (const item of chunk) {
        const queue = JOB_QUEUE[item.name];
        if (!byQueue.has(queue)) byQueue.set(queue, []);
        byQueue.get(queue)!.push(item);
      }
      for (const [queue, jobs] of byQueue) {
        await this.get(queue).addBulk(
          jobs.map((item) => ({ name: item.name, data: item.data, opts: jobOptions(item, this.config.notifications) })),
        );
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.all().map((queue) => queue.close().catch(() => undefined)));
    this.connection.disconnect();
  }
}
