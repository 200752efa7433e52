import { ApiProperty } from '@nestjs/swagger';
import { toZonedIso } from '@accord/core';
import type { DeliveryStatus } from '../../deliveries/delivery-status.js';
import type { Announcement } from '../announcement.entity.js';

export class DeliveryCountsDto {
  @ApiProperty() queued!: number;
  @ApiProperty() sent!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() dead!: number;
  @ApiProperty({ description: 'Opted out' }) skipped!: number;
}

export class AnnouncementDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) translations!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startsAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endsAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) location!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { type: 'approved-delegations' } })
  audience!: Record<string, unknown>;
  @ApiProperty() recipientCount!: number;
  @ApiProperty({ type: DeliveryCountsDto, description: 'Email deliveries by status' }) deliveries!: DeliveryCountsDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(
    announcement: Announcement,
    timeZone: string,
    counts: Partial<Record<DeliveryStatus, number>>,
  ): AnnouncementDto {
    const zoned = (d: Date | null) => (d ? toZonedIso(d, timeZone) : null);
    return {
      id: announcement.id,
      eventId: announcement.eventId,
      subject: announcement.subject,
      body: announcement.body,
      translations: announcement.translations,
      startsAt: zoned(announcement.startsAt),
      endsAt: zoned(announcement.endsAt),
      location: announcement.location,
      audience: { ...announcement.audience },
      recipientCount: announcement.recipientCount,
      deliveries: {
        queued: counts.queued ?? 0,
        sent: counts.sent ?? 0,
        failed: counts.failed ?? 0,
        dead: counts.dead ?? 0,
        skipped: counts.skipped ?? 0,
      },
      createdAt: zoned(announcement.createdAt)!,
    };
  }
}
