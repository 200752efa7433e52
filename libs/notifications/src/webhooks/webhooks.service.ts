import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
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
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
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
      const endpoint = await this.endpoints.save(
        this.endpoints.create({
          url: dto.url,
          kinds: dto.kinds,
          eventId: dto.eventId ?? null,
          description: dto.description ?? null,
          secretCiphertext: sealSecret(this.secretKey, secret),
          createdBy,
        }),
      );
      return { endpoint, secret };
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
    const result = await this.endpoints.delete({ id });
    if (!result.affected) throw notFound('Webhook', id);
  }
}
