import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationData, NotificationKind } from '../notification-kinds.js';
import type { Recipient } from '../recipient.js';
import { OutboxMessage } from './outbox-message.entity.js';

export interface Notification<K extends NotificationKind> {
  kind: K;
  eventId: string | null;
  recipients: Recipient[];
  data: NotificationData[K];
  /** Also deliver to the event's subscribed webhook endpoints. */
  webhook?: boolean;
}

/**
 * The one way to send a notification: call it with the EntityManager of the transaction that makes the change.
 * Nothing is sent if that transaction rolls back; everything is sent (once) if it commits.
 */
@Injectable()
export class OutboxService {
  async enqueue<K extends NotificationKind>(
    manager: EntityManager,
    notification: Notification<K>,
  ): Promise<OutboxMessage> {
    if (!manager.queryRunner?.isTransactionActive) {
      // A notification outside a transaction could be sent for a change that never commits, or lost after one that does.
      throw new Error(`OutboxService.enqueue(${notification.kind}) must run inside the transaction of the change`);
    }
    return manager.save(
      manager.create(OutboxMessage, {
        kind: notification.kind,
        eventId: notification.eventId,
        recipients: notification.recipients,
        data: notification.data as Record<string, unknown>,
        webhook: notification.webhook ?? false,
      }),
    );
  }
}
