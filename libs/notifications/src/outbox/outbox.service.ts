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
  /** Deliver no earlier than this (scheduled messages such as reminders); omitted or null: at once. */
  deliverAfter?: Date | null;
  /** Deliver no later than this: a message still undelivered then is dropped (e.g. a reminder of a past moment). */
  expiresAt?: Date | null;
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
    assertInTransaction(manager, `enqueue(${notification.kind})`);
    return manager.save(manager.create(OutboxMessage, this.message(notification)));
  }

  /**
   * The outbox row `enqueue` saves, for a caller that inserts it in the same single statement as the change (one
   * statement is one transaction: the notification still commits or vanishes with the change).
   */
  message<K extends NotificationKind>(
    notification: Notification<K>,
  ): Pick<OutboxMessage, 'kind' | 'eventId' | 'recipients' | 'data' | 'webhook' | 'deliverAfter' | 'expiresAt'> {
    return {
      kind: notification.kind,
      eventId: notification.eventId,
      recipients: notification.recipients,
      data: notification.data as Record<string, unknown>,
      webhook: notification.webhook ?? false,
      deliverAfter: notification.deliverAfter ?? null,
      expiresAt: notification.expiresAt ?? null,
    };
  }

  /**
   * Withdraws scheduled messages of a kind whose data contains `match` (JSON containment) and that the relay has
   * not taken yet, inside the transaction of the change that makes them pointless (a moved or cancelled
   * appointment's reminders). Returns how many were withdrawn.
   */
  async withdraw<K extends NotificationKind>(
    manager: EntityManager,
    kind: K,
    match: Partial<NotificationData[K]>,
  ): Promise<number> {
    assertInTransaction(manager, `withdraw(${kind})`);
    const result = await manager
      .createQueryBuilder()
      .delete()
      .from(OutboxMessage)
      .where('kind = :kind AND published_at IS NULL AND data @> CAST(:match AS jsonb)', {
        kind,
        match: JSON.stringify(match),
      })
      .execute();
    return result.affected ?? 0;
  }
}

function assertInTransaction(manager: EntityManager, call: string): void {
  if (!manager.queryRunner?.isTransactionActive) {
    // A notification outside a transaction could be sent for a change that never commits, or lost after one that does.
    throw new Error(`OutboxService.${call} must run inside the transaction of the change`);
  }
}
