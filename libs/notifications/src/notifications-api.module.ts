import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Event } from '@accord/events';
import { AnnouncementsController } from './announcements/announcements.controller.js';
import { AnnouncementsService } from './announcements/announcements.service.js';
import { DeliveriesService } from './deliveries/deliveries.service.js';
import { NotificationAttempt } from './deliveries/notification-attempt.entity.js';
import { NotificationDelivery } from './deliveries/notification-delivery.entity.js';
import { NotificationsController } from './deliveries/notifications.controller.js';
import { OptOutsService } from './opt-outs/opt-outs.service.js';
import { UnsubscribeController } from './opt-outs/unsubscribe.controller.js';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity.js';
import { WebhooksController } from './webhooks/webhooks.controller.js';
import { WebhooksService } from './webhooks/webhooks.service.js';

/** The organisers' side (deliveries, retries, announcements, webhooks) and the public unsubscribe link. */
@Module({
  imports: [TypeOrmModule.forFeature([NotificationDelivery, NotificationAttempt, WebhookEndpoint, Event])],
  controllers: [NotificationsController, AnnouncementsController, WebhooksController, UnsubscribeController],
  providers: [DeliveriesService, AnnouncementsService, WebhooksService, OptOutsService],
})
export class NotificationsApiModule {}
