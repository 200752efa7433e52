import { Module } from '@nestjs/common';
import { DeliveryStore } from './deliveries/delivery-store.js';
import { FanOutService } from './deliveries/fan-out.service.js';
import { MessageContext } from './deliveries/message-context.js';
import { EmailSender } from './email/email-sender.service.js';
import { MailTransport } from './email/mail-transport.js';
import { WebhookSender } from './webhooks/webhook-sender.service.js';

/** The consumer side, for the worker: fan-out, email over SMTP, signed webhooks. */
@Module({
  providers: [DeliveryStore, MessageContext, FanOutService, MailTransport, EmailSender, WebhookSender],
  exports: [DeliveryStore, FanOutService, EmailSender, WebhookSender],
})
export class NotificationsDeliveryModule {}
