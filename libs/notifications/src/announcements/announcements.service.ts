import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@accord/audit';
import { AppError, notFound, page, validationFailed, type Page, type PageQueryDto } from '@accord/core';
import { Event } from '@accord/events';
import { AudienceRegistry } from '../audiences/audience-registry.js';
import type { DeliveryStatus } from '../deliveries/delivery-status.js';
import type { NotificationData } from '../notification-kinds.js';
import { OutboxService } from '../outbox/outbox.service.js';
import type { Recipient } from '../recipient.js';
import { rows } from '../sql.js';
import { Announcement, type AnnouncementAudience } from './announcement.entity.js';
import type { CreateAnnouncementDto } from './dto/create-announcement.dto.js';

export interface AnnouncementView {
  announcement: Announcement;
  timeZone: string;
  counts: Partial<Record<DeliveryStatus, number>>;
}

/** Organisers' bulk messages: stored, resolved to recipients, and handed to the outbox in one transaction. */
@Injectable()
export class AnnouncementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audiences: AudienceRegistry,
    private readonly audit: AuditService,
  ) {}

  async create(eventId: string, dto: CreateAnnouncementDto, createdBy: string | null): Promise<AnnouncementView> {
    this.checkShape(dto);
    return this.dataSource.transaction(async (manager) => {
      const event = await manager.findOneBy(Event, { id: eventId });
      if (!event) throw notFound('Event', eventId);
      const { recipients, audience } = await this.recipients(manager, eventId, dto);
      const unique = new Set(recipients.map((r) => r.email.toLowerCase()));
      if (unique.size === 0) {
        throw new AppError(422, 'ANNOUNCEMENT.NO_RECIPIENTS', 'The audience has no recipients');
      }
      const id = randomUUID();
      const data: NotificationData['announcement'] = {
        announcementId: id,
        subject: dto.subject,
        body: dto.body,
        ...(dto.translations ? { translations: { ...dto.translations } } : {}),
        ...(dto.startsAt ? { startsAt: new Date(dto.startsAt).toISOString() } : {}),
        ...(dto.endsAt ? { endsAt: new Date(dto.endsAt).toISOString() } : {}),
        ...(dto.location ? { location: dto.location } : {}),
      };
      const message = await this.outbox.enqueue(manager, {
        kind: 'announcement',
        eventId,
        recipients,
        data,
        webhook: true,
      });
      const announcement = await manager.save(
        manager.create(Announcement, {
          id,
          eventId,
          subject: dto.subject,
          body: dto.body,
          translations: data.translations ?? {},
          startsAt: dto.startsAt ? new Date(dto.startsAt) : null,
          endsAt: dto.endsAt ? new Date(dto.endsAt) : null,
          location: dto.location ?? null,
          audience,
          recipientCount: unique.size,
          outboxMessageId: message.id,
          createdBy,
        }),
      );
      await this.audit.record(manager, {
        action: 'announcement.sent',
        entityType: 'announcement',
        entityId: id,
        eventId,
        after: { subject: dto.subject, audience, recipientCount: unique.size, startsAt: data.startsAt ?? null },
      });
      return { announcement, timeZone: event.timeZone, counts: { queued: unique.size } };
    });
  }

  async list(eventId: string, query: PageQueryDto): Promise<Page<AnnouncementView>> {
    const event = await this.event(eventId);
    const [items, total] = await this.dataSource.getRepository(Announcement).findAndCount({
      where: { eventId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    const counts = await this.counts(items.map((a) => a.outboxMessageId));
    return page(
      items.map((announcement) => ({
        announcement,
        timeZone: event.timeZone,
        counts: counts.get(announcement.outboxMessageId) ?? {},
      })),
      total,
      query,
    );
  }

  async get(eventId: string, id: string): Promise<AnnouncementView> {
    const event = await this.event(eventId);
    const announcement = await this.dataSource.getRepository(Announcement).findOneBy({ id, eventId });
    if (!announcement) throw notFound('Announcement', id);
    const counts = await this.counts([announcement.outboxMessageId]);
    return { announcement, timeZone: event.timeZone, counts: counts.get(announcement.outboxMessageId) ?? {} };
  }

  private checkShape(dto: CreateAnnouncementDto): void {
    if (Boolean(dto.recipients) === Boolean(dto.audience)) {
      throw validationFailed([{ field: 'audience', message: 'Give either recipients or an audience' }]);
    }
    if (dto.endsAt && !dto.startsAt) {
      throw validationFailed([{ field: 'startsAt', message: 'startsAt is required with endsAt' }]);
    }
    if (dto.startsAt && dto.endsAt && new Date(dto.endsAt) < new Date(dto.startsAt)) {
      throw validationFailed([{ field: 'endsAt', message: 'endsAt must not be before startsAt' }]);
    }
  }

  private async recipients(
    manager: EntityManager,
    eventId: string,
    dto: CreateAnnouncementDto,
  ): Promise<{ recipients: Recipient[]; audience: AnnouncementAudience }> {
    if (dto.recipients) {
      return {
        recipients: dto.recipients.map((r) => ({ email: r.email, name: r.name, language: r.language ?? 'en' })),
        audience: { type: 'recipients' },
      };
    }
    const { type, params = {} } = dto.audience!;
    const resolver = this.audiences.get(type);
    const parsed = resolver.parse(params);
    return { recipients: await resolver.resolve(manager, eventId, parsed), audience: { type, params } };
  }

  private async event(eventId: string): Promise<Event> {
    const event = await this.dataSource.getRepository(Event).findOneBy({ id: eventId });
    if (!event) throw notFound('Event', eventId);
    return event;
  }

  private async counts(outboxMessageIds: string[]): Promise<Map<string, Partial<Record<DeliveryStatus, number>>>> {
    const result = new Map<string, Partial<Record<DeliveryStatus, number>>>();
    if (!outboxMessageIds.length) return result;
    const counted = await rows<{ outboxMessageId: string; status: DeliveryStatus; count: number }>(
      this.dataSource,
      `SELECT outbox_message_id AS "outboxMessageId", status, count(*)::int AS count
       FROM notification_deliveries
       WHERE outbox_message_id = ANY($1::uuid[]) AND channel = 'email'
       GROUP BY 1, 2`,
      [outboxMessageIds],
    );
    for (const { outboxMessageId, status, count } of counted) {
      result.set(outboxMessageId, { ...result.get(outboxMessageId), [status]: count });
    }
    return result;
  }
}
