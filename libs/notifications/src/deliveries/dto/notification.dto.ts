import { ApiProperty } from '@nestjs/swagger';
import { toZonedIso } from '@accord/core';
import { LANGUAGES, type Language } from '../../recipient.js';
import type { NotificationAttempt } from '../notification-attempt.entity.js';
import type { NotificationDelivery } from '../notification-delivery.entity.js';
import {
  ATTEMPT_OUTCOMES,
  CHANNELS,
  DELIVERY_STATUSES,
  type AttemptOutcome,
  type Channel,
  type DeliveryStatus,
} from '../delivery-status.js';

export class NotificationRecipientDto {
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
}

const zoned = (date: Date | null, timeZone: string) => (date ? toZonedIso(date, timeZone) : null);

/** One delivery: a notification to one recipient on one channel. Times in the event's zone. */
export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: Channel;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) eventId!: string | null;
  @ApiProperty({ type: NotificationRecipientDto, nullable: true, description: 'For email' })
  recipient!: NotificationRecipientDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'For webhooks' })
  webhookEndpointId!: string | null;
  @ApiProperty({ description: 'Attempts started so far' }) attemptCount!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Message-ID of the email, or HTTP status of the webhook' })
  providerMessageId!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(delivery: NotificationDelivery, timeZone = 'UTC'): NotificationDto {
    return {
      id: delivery.id,
      kind: delivery.kind,
      channel: delivery.channel,
      status: delivery.status,
      eventId: delivery.eventId,
      recipient:
        delivery.channel === 'email'
          ? {
              email: delivery.recipientEmail!,
              name: delivery.recipientName ?? delivery.recipientEmail!,
              language: delivery.language ?? 'en',
            }
          : null,
      webhookEndpointId: delivery.webhookEndpointId,
      attemptCount: delivery.attempts,
      lastError: delivery.lastError,
      providerMessageId: delivery.providerMessageId,
      sentAt: zoned(delivery.sentAt, timeZone),
      createdAt: zoned(delivery.createdAt, timeZone)!,
      updatedAt: zoned(delivery.updatedAt, timeZone)!,
    };
  }
}

export class NotificationAttemptDto {
  @ApiProperty() number!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ enum: ['running', ...ATTEMPT_OUTCOMES], description: 'running: not finished yet' })
  outcome!: AttemptOutcome | 'running';
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'SMTP answer or HTTP status' }) response!: string | null;

  static from(attempt: NotificationAttempt, timeZone: string): NotificationAttemptDto {
    return {
      number: attempt.number,
      startedAt: zoned(attempt.startedAt, timeZone)!,
      finishedAt: zoned(attempt.finishedAt, timeZone),
      outcome: attempt.outcome ?? 'running',
      error: attempt.error,
      response: attempt.response,
    };
  }
}

export class NotificationDetailDto extends NotificationDto {
  @ApiProperty({ type: [NotificationAttemptDto], description: 'Every attempt, oldest first' })
  attempts!: NotificationAttemptDto[];
}
