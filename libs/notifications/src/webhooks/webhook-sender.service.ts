import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Webhook } from 'standardwebhooks';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@accord/core';
import { attemptError, isLastAttempt, type AttemptInfo, type DeliveryResult } from '../deliveries/attempt-info.js';
import { DeliveryStore } from '../deliveries/delivery-store.js';
import { MessageContext } from '../deliveries/message-context.js';
import { deriveKey } from '../keys.js';
import type { DeliveryJobData } from '../queues/jobs.js';
import { rows } from '../sql.js';
import { openSecret } from './webhook-secret-box.js';

const TIMEOUT_MS = 10_000;

/**
 * Delivers one webhook: a JSON POST signed per Standard Webhooks (webhook-id, webhook-timestamp,
 * webhook-signature). 2xx is success; 410 Gone disables the endpoint (the receiver asked us to stop); anything
 * else is retried with backoff. Redirects are not followed, so an endpoint cannot bounce us to another address.
 */
@Injectable()
export class WebhookSender {
  private readonly logger = new Logger('WebhookSender');
  private readonly secretKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: DeliveryStore,
    private readonly context: MessageContext,
  ) {
    this.secretKey = deriveKey(config, 'webhook-secrets');
  }

  async deliver(job: DeliveryJobData, info: AttemptInfo): Promise<DeliveryResult> {
    const delivery = await this.store.claim(job.deliveryId, job.generation);
    if (!delivery) return 'not-due';
    const [endpoint] = await rows<{ id: string; url: string; enabled: boolean; secretCiphertext: string }>(
      this.dataSource,
      `SELECT id, url, enabled, secret_ciphertext AS "secretCiphertext" FROM webhook_endpoints WHERE id = $1`,
      [delivery.webhookEndpointId],
    );
    const message = await this.context.message(delivery.outboxMessageId);
    if (!endpoint || !endpoint.enabled || !message) {
      const reason = !endpoint
        ? 'The endpoint was deleted'
        : !message
          ? 'The message is gone'
          : 'The endpoint is disabled';
      await this.store.fail(delivery, reason, null, true);
      throw attemptError(reason, true);
    }
    const payload = JSON.stringify({
      type: message.kind,
      timestamp: message.createdAt.toISOString(),
      data: { eventId: message.eventId, ...message.data },
    });
    // The id is the message's, the same on every retry and every endpoint: receivers deduplicate on it.
    const webhookId = `msg_${message.id}`;
    let signer: Webhook;
    try {
      signer = new Webhook(openSecret(this.secretKey, endpoint.secretCiphertext));
    } catch {
      const reason = 'The endpoint secret cannot be decrypted (WEBHOOK_SECRET_KEY or JWT_SECRET changed?)';
      await this.store.fail(delivery, reason, null, true);
      throw attemptError('endpoint secret unreadable', true);
    }
    const now = new Date();
    let status: number;
    try {
      const signature = signer.sign(webhookId, now, payload);
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Accord-Webhooks/1',
          'webhook-id': webhookId,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined); // the answer's body is not needed
    } catch (error) {
      const final = isLastAttempt(info);
      const description =
        (error as Error).name === 'TimeoutError' ? `No answer within ${TIMEOUT_MS / 1000} s` : (error as Error).message;
      await this.store.fail(delivery, description, null, final);
      this.logger.warn({ deliveryId: delivery.id, attempt: delivery.attempt, final }, 'webhook unreachable');
      throw attemptError('webhook unreachable', final);
    }
    if (status >= 200 && status < 300) {
      await this.store.succeed(delivery, `HTTP ${status}`, `HTTP ${status}`);
      return 'sent';
    }
    if (status === 410) {
      await this.dataSource.query(
        `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, updated_at = now() WHERE id = $1`,
        [endpoint.id, `Answered 410 Gone on ${now.toISOString()}`],
      );
      await this.store.fail(delivery, 'The endpoint answered 410 Gone and was disabled', `HTTP ${status}`, true);
      this.logger.warn({ endpointId: endpoint.id }, 'webhook endpoint answered 410 Gone: disabled');
      throw attemptError('endpoint gone', true);
    }
    const final = isLastAttempt(info);
    await this.store.fail(delivery, `The endpoint answered HTTP ${status}`, `HTTP ${status}`, final);
    this.logger.warn({ deliveryId: delivery.id, attempt: delivery.attempt, status, final }, 'webhook refused');
    throw attemptError(`HTTP ${status}`, final);
  }
}
