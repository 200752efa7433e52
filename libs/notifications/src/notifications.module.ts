import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxMessage } from './outbox/outbox-message.entity.js';
import { OutboxService } from './outbox/outbox.service.js';

/** Producer side of the notifications pipeline: every feature library writes to the outbox through it. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage])],
  providers: [OutboxService],
  exports: [OutboxService],
})
export class NotificationsModule {}
