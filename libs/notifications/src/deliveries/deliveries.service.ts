import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository, type FindOptionsWhere } from 'typeorm';
import { AuditService } from '@accord/audit';
import { AppError, notFound, page, type Page } from '@accord/core';
import { Event } from '@accord/events';
import { deliveryJob } from '../queues/jobs.js';
import { NotificationQueues } from '../queues/notification-queues.js';
import { RETRYABLE_STATUSES } from './delivery-status.js';
import type { NotificationQueryDto } from './dto/notification-query.dto.js';
import { NotificationAttempt } from './notification-attempt.entity.js';
import { NotificationDelivery } from './notification-delivery.entity.js';

export interface WithTimeZone<T> {
  item: T;
  timeZone: string;
}

/** What organisers see of deliveries, and their retry. */
@Injectable()
export class DeliveriesService {
  private readonly logger = new Logger('Deliveries');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(NotificationDelivery) private readonly deliveries: Repository<NotificationDelivery>,
    @InjectRepository(NotificationAttempt) private readonly attempts: Repository<NotificationAttempt>,
    @InjectRepository(Event) private readonly events: Repository<Event>,
    private readonly queues: NotificationQueues,
    private readonly audit: AuditService,
  ) {}

  async list(query: NotificationQueryDto): Promise<Page<WithTimeZone<NotificationDelivery>>> {
    const where: FindOptionsWhere<NotificationDelivery> = {};
    if (query.status) where.status = query.status;
    if (query.kind) where.kind = query.kind;
    if (query.channel) where.channel = query.channel;
    if (query.eventId) where.eventId = query.eventId;
    if (query.recipient) where.recipientKey = query.recipient.trim().toLowerCase();
    const [items, total] = await this.deliveries.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    const zones = await this.timeZones(items.map((d) => d.eventId));
    return page(
      items.map((item) => ({ item, timeZone: zones.get(item.eventId ?? '') ?? 'UTC' })),
      total,
      query,
    );
  }

  async get(id: string): Promise<WithTimeZone<NotificationDelivery> & { attempts: NotificationAttempt[] }> {
    const item = await this.deliveries.findOneBy({ id });
    if (!item) throw notFound('Notification', id);
    const attempts = await this.attempts.find({ where: { deliveryId: id }, order: { number: 'ASC' } });
    const zones = await this.timeZones([item.eventId]);
    return { item, attempts, timeZone: zones.get(item.eventId ?? '') ?? 'UTC' };
  }

  /**
   * Sends a failed or dead delivery again, as a new generation with a fresh set of attempts. The job is added once
   * the change is committed: a job that ran before the commit would find the delivery still dead and do nothing.
   * If Redis refuses the job, the delivery stays queued and the worker's sweeper queues it once Redis is back.
   */
  async retry(id: string): Promise<void> {
    const { channel, generation } = await this.dataSource.transaction(async (manager) => {
      const delivery = await manager.findOne(NotificationDelivery, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!delivery) throw notFound('Notification', id);
      if (!RETRYABLE_STATUSES.includes(delivery.status)) {
        throw new AppError(409, 'NOTIFICATION.NOT_RETRYABLE', `A ${delivery.status} notification cannot be retried`, {
          deliveryStatus: delivery.status,
        });
      }
      if (delivery.channel === 'webhook') {
        const [endpoint] = await manager.query<{ enabled: boolean }[]>(
          `SELECT enabled FROM webhook_endpoints WHERE id = $1`,
          [delivery.webhookEndpointId],
        );
        if (!endpoint?.enabled) {
          throw new AppError(409, 'NOTIFICATION.ENDPOINT_UNAVAILABLE', 'Its webhook endpoint is deleted or disabled');
        }
      }
      const next = delivery.generation + 1;
      await manager.update(NotificationDelivery, { id }, { status: 'queued', generation: next });
      await this.audit.record(manager, {
        action: 'notification.retried',
        entityType: 'notification',
        entityId: id,
        eventId: delivery.eventId,
        before: { status: delivery.status, generation: delivery.generation },
        after: { status: 'queued', generation: next },
      });
      return { channel: delivery.channel, generation: next };
    });
    try {
      await this.queues.add(deliveryJob(channel, id, generation));
    } catch (error) {
      this.logger.warn(`retry of ${id} recorded; its job waits for Redis (${(error as Error).message})`);
    }
  }

  private async timeZones(eventIds: (string | null)[]): Promise<Map<string, string>> {
    const ids = [...new Set(eventIds.filter((id): id is string => id !== null))];
    if (!ids.length) return new Map();
    const events = await this.events.find({ where: { id: In(ids) }, select: { id: true, timeZone: true } });
    return new Map(events.map((e) => [e.id, e.timeZone]));
  }
}
