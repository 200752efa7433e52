import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AudienceRegistry } from './audiences/audience-registry.js';
import { NOTIFICATION_ENTITIES, NOTIFICATION_ENTITY_DEPENDENCIES } from './notification-entities.js';
import { OutboxService } from './outbox/outbox.service.js';
import { NotificationQueues } from './queues/notification-queues.js';

/**
 * The producer side of the notifications pipeline, in every process: the outbox every feature library writes to,
 * the queues, and the registry where libraries add their announcement audiences.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([...NOTIFICATION_ENTITIES, ...NOTIFICATION_ENTITY_DEPENDENCIES])],
  providers: [OutboxService, NotificationQueues, AudienceRegistry],
  exports: [OutboxService, NotificationQueues, AudienceRegistry],
})
export class NotificationsModule {}
