import { Event } from '@accord/events';
import { Announcement } from './announcements/announcement.entity.js';
import { NotificationAttempt } from './deliveries/notification-attempt.entity.js';
import { NotificationDelivery } from './deliveries/notification-delivery.entity.js';
import { NotificationOptOut } from './opt-outs/notification-opt-out.entity.js';
import { OutboxMessage } from './outbox/outbox-message.entity.js';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity.js';

/** The tables of this library. */
export const NOTIFICATION_ENTITIES = [
  OutboxMessage,
  NotificationDelivery,
  NotificationAttempt,
  WebhookEndpoint,
  NotificationOptOut,
  Announcement,
];

/** Registered with them: entities they reference (TypeORM needs the targets of relations). */
export const NOTIFICATION_ENTITY_DEPENDENCIES = [Event];
