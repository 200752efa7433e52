import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CoreModule, type AppConfig } from '@accord/core';
import { NotificationsDeliveryModule, NotificationsModule } from '@accord/notifications';
import { DeliverySweeper } from './delivery-sweeper.service.js';
import { FanOutHandler } from './handlers/fan-out.handler.js';
import { SendEmailHandler } from './handlers/send-email.handler.js';
import { SendWebhookHandler } from './handlers/send-webhook.handler.js';
import { JobWorkers } from './jobs/job-workers.service.js';
import { OutboxRelay } from './outbox-relay.service.js';

/** The queue worker: the outbox relay, the BullMQ processors and the sweeper; no HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config), DiscoveryModule, NotificationsModule, NotificationsDeliveryModule],
      providers: [OutboxRelay, DeliverySweeper, JobWorkers, FanOutHandler, SendEmailHandler, SendWebhookHandler],
    };
  }
}
