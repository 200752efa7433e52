import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@accord/core';

export interface SentMail {
  messageId: string;
  response: string;
}

/** The SMTP connection pool (SMTP_URL), opened on first use so processes that never send mail never connect. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private transporter?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(message: SendMailOptions): Promise<SentMail> {
    this.transporter ??= nodemailer.createTransport({
      url: this.config.smtpUrl,
      pool: true,
      maxConnections: this.config.notifications.concurrency,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      // A server that stops answering must not hold a job (or a graceful shutdown) for nodemailer's default 10 min.
      socketTimeout: 60_000,
    });
    const info = (await this.transporter.sendMail({ from: this.config.mailFrom, ...message })) as SentMail;
    return { messageId: info.messageId, response: info.response };
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}
