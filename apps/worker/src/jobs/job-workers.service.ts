import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@accord/core';
import { JobName, QueueName, workerConnection } from '@accord/notifications';
import { buildHandlerMap } from './handler-map.js';
import { JOB_HANDLER, type JobHandler } from './job-handler.js';

/**
 * How often each queue looks for jobs whose worker died. BullMQ moves a job back to waiting only when it was active
 * at the previous check and its lock has expired since, and skips a check when another ran within the interval:
 * with the interval equal to the lock (30 s) a killed worker's jobs waited up to 90 s (the worker-kill drill).
 * Checking often is cheap and safe, since a job whose worker still renews its lock is never moved.
 */
const STALLED_CHECK_MS = 5000;

/**
 * Runs one BullMQ worker per queue and dispatches each job to its handler by name. The handler map is checked when
 * the module initialises, so a missing or doubled handler stops the process before it takes any job. On shutdown
 * the workers stop taking jobs and wait for the ones in progress (a job cut off by a crash instead is taken over by
 * another worker once its lock expires).
 */
@Injectable()
export class JobWorkers implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobWorkers');
  private handlers = new Map<JobName, JobHandler>();
  private workers: Worker[] = [];
  private connection?: Redis;
  private redisDown = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.handlers = buildHandlerMap(
      this.discovery
        .getProviders()
        .filter((wrapper) => wrapper.metatype && wrapper.instance)
        .flatMap((wrapper) => {
          const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, wrapper.metatype as never);
          return name ? [{ name, handler: wrapper.instance as JobHandler, owner: wrapper.name }] : [];
        }),
    );
  }

  onApplicationBootstrap(): void {
    const settings = this.config.notifications;
    this.connection = workerConnection(this.config.redisUrl);
    this.connection.on('ready', () => this.onRedisBack());
    const limits: Record<QueueName, number | undefined> = {
      [QueueName.FanOut]: undefined,
      [QueueName.Email]: settings.emailRatePerSecond,
      [QueueName.Webhook]: settings.webhookRatePerSecond,
    };
    this.workers = Object.values(QueueName).map((queue) => {
      const perSecond = limits[queue];
      const worker = new Worker(queue, (job) => this.dispatch(job), {
        connection: this.connection!,
        prefix: this.config.queuePrefix,
        concurrency: settings.concurrency,
        limiter: perSecond ? { max: perSecond, duration: 1000 } : undefined,
        lockDuration: settings.lockMs,
        stalledInterval: Math.min(settings.lockMs, STALLED_CHECK_MS),
        maxStalledCount: 2,
      });
      worker.on('error', (error) => this.onRedisError(error));
      return worker;
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.logger.log('closing queue workers (waiting for jobs in progress)');
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.connection?.disconnect();
  }

  private dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
    return handler.handle(job.data as never, job);
  }

  private onRedisError(error: Error): void {
    if (this.redisDown) return;
    this.redisDown = true;
    this.logger.warn(`queue workers lost Redis (${error.message}); reconnecting`);
  }

  private onRedisBack(): void {
    if (!this.redisDown) return;
    this.redisDown = false;
    this.logger.log('queue workers reconnected to Redis');
  }
}
