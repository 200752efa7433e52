import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { AuditService } from '@accord/audit';
import {
  APP_CONFIG,
  notFound,
  page,
  validationFailed,
  type AppConfig,
  type Page,
  type PageQueryDto,
} from '@accord/core';
import { deriveKey } from '../keys.js';
import type { CreateWebhookDto } from './dto/create-webhook.dto.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { generateWebhookSecret, sealSecret } from './webhook-secret-box.js';

@Injectable()
export class WebhooksService {
  private readonly secretKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    private readonly audit: AuditService,
  ) {
    this.secretKey = deriveKey(config, 'webhook-secrets');
  }

  /** Registers an endpoint and returns it with its secret, which is never shown again. */
  async create(
    dto: CreateWebhookDto,
    createdBy: string | null,
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const secret = generateWebhookSecret();
    try {
      return await this.dataSource.transaction(async (manager) => {
        const endpoint = await manager.save(
          manager.create(WebhookEndpoint, {
            url: dto.url,
            kinds: dto.kinds,
            eventId: dto.eventId ?? null,
            description: dto.description ?? null,
            secretCiphertext: sealSecret(this.secretKey, secret),
            createdBy,
          }),
        );
        await this.audit.record(manager, {
          action: 'webhook.registered',
          entityType: 'webhook',
          entityId: endpoint.id,
          eventId: endpoint.eventId,
          after: { url: endpoint.url, kinds: endpoint.kinds },
        });
        return { endpoint, secret };
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { code?: string }).code === '23503') {
        throw validationFailed([{ field: 'eventId', message: 'No such event' }]);
      }
      throw error;
    }
  }

  async list(query: PageQueryDto): Promise<Page<WebhookEndpoint>> {
    const [items, total] = await this.endpoints.findAndCount({
      order: { createdAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return page(items, total, query);
  }

  async get(id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.findOneBy({ id });
    if (!endpoint) throw notFound('Webhook', id);
    return endpoint;
  }

  /** Deletes the endpoint; its delivery history stays (pending deliveries to it become dead). */
  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const endpoint = await manager.findOneBy(WebhookEndpoint, { id });
      if (!endpoint) throw notFound('Webhook', id);
      await manager.delete(WebhookEndpoint, { id });
      await this.audit.record(manager, {
        action: 'webhook.deleted',
        entityType: 'webhook',
        entityId: id,
        eventId: endpoint.eventId,
        before: { url: endpoint.url, kinds: endpoint.kinds, enabled: endpoint.enabled },
      });
    });
  }
}
