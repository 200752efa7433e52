import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@accord/core';
import { attemptError, isLastAttempt, type AttemptInfo, type DeliveryResult } from '../deliveries/attempt-info.js';
import { DeliveryStore, type ClaimedDelivery } from '../deliveries/delivery-store.js';
import { MessageContext } from '../deliveries/message-context.js';
import { deriveKey } from '../keys.js';
import type { NotificationData, NotificationKind } from '../notification-kinds.js';
import { createOptOutToken } from '../opt-outs/opt-out-token.js';
import type { DeliveryJobData } from '../queues/jobs.js';
import type { Language } from '../recipient.js';
import { MailTransport, type SentMail } from './mail-transport.js';
import { renderEmail } from './render-email.js';
import { classifySmtpError } from './smtp-errors.js';
import { EMAIL_TEMPLATES, NOTIFICATION_KINDS } from './templates/index.js';

/** Sends one email delivery: renders it in the recipient's language, sends it over SMTP, records the attempt. */
@Injectable()
export class EmailSender {
  private readonly logger = new Logger('EmailSender');
  private readonly bulkKinds = NOTIFICATION_KINDS.filter((kind) => EMAIL_TEMPLATES[kind].bulk);
  private readonly optOutKey: Buffer;
  private readonly messageIdDomain: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: DeliveryStore,
    private readonly context: MessageContext,
    private readonly transport: MailTransport,
  ) {
    this.optOutKey = deriveKey(config, 'opt-out-links');
    this.messageIdDomain = /@([^>\s]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? 'accord.local';
  }

  async deliver(job: DeliveryJobData, info: AttemptInfo): Promise<DeliveryResult> {
    if (await this.store.skipIfOptedOut(job.deliveryId, job.generation, this.bulkKinds)) return 'skipped';
    const delivery = await this.store.claim(job.deliveryId, job.generation);
    if (!delivery) return 'not-due'; // already sent, dead, skipped, or retried under a newer generation
    let mail;
    try {
      mail = await this.compose(delivery);
    } catch (error) {
      // A message that cannot be rendered will not render on the next attempt either.
      await this.store.fail(delivery, `Rendering failed: ${(error as Error).message}`, null, true);
      throw attemptError('rendering failed', true);
    }
    let sent: SentMail;
    try {
      sent = await this.transport.send(mail);
    } catch (error) {
      const failure = classifySmtpError(error);
      const final = failure.permanent || isLastAttempt(info);
      await this.store.fail(delivery, failure.description, null, final);
      this.logger.warn(
        { deliveryId: delivery.id, attempt: delivery.attempt, code: failure.code, final },
        'email failed',
      );
      throw attemptError(failure.code, final);
    }
    // Outside the try: the server accepted the mail, so a failure to record it is not an SMTP failure.
    await this.store.succeed(delivery, sent.messageId, sent.response);
    return 'sent';
  }

  private async compose(delivery: ClaimedDelivery) {
    const message = await this.context.message(delivery.outboxMessageId);
    if (!message) throw new Error('the outbox message is gone');
    const event = await this.context.event(delivery.eventId);
    const kind = delivery.kind as NotificationKind;
    const bulk = EMAIL_TEMPLATES[kind].bulk;
    const email = delivery.recipientEmail!;
    const unsubscribeUrl =
      bulk && delivery.eventId
        ? `${this.config.publicUrl}/v1/unsubscribe?token=${createOptOutToken(this.optOutKey, { eventId: delivery.eventId, email })}`
        : undefined;
    const rendered = renderEmail({
      kind,
      data: message.data as NotificationData[typeof kind],
      recipient: { email, name: delivery.recipientName ?? email, language: (delivery.language ?? 'en') as Language },
      event,
      publicUrl: this.config.publicUrl,
      unsubscribeUrl,
    });
    return {
      to: delivery.recipientName ? { name: delivery.recipientName, address: email } : email,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      // The same Message-ID on every attempt lets receiving systems drop a copy sent again after a crash that
      // came between the server's acceptance and our record of it.
      messageId: `<${delivery.id}@${this.messageIdDomain}>`,
      headers: {
        'Content-Language': rendered.language,
        'Auto-Submitted': 'auto-generated',
        'X-Accord-Delivery': delivery.id,
        ...(unsubscribeUrl
          ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
          : {}),
      },
      attachments: rendered.calendar
        ? [
            {
              filename: rendered.calendar.filename,
              content: rendered.calendar.content,
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            },
          ]
        : [],
    };
  }
}
