import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ANY_ORGANISER, ApiProblems, type Page } from '@accord/core';
import { DeliveriesService } from './deliveries.service.js';
import { NotificationAttemptDto, NotificationDetailDto, NotificationDto } from './dto/notification.dto.js';
import { NotificationQueryDto } from './dto/notification-query.dto.js';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @Access(...ANY_ORGANISER)
  @ApiOperation({ summary: 'List deliveries (one per recipient and channel), newest first' })
  @ApiProblems(400)
  async list(@Query() query: NotificationQueryDto): Promise<Page<NotificationDto>> {
    const result = await this.deliveries.list(query);
    return { ...result, items: result.items.map(({ item, timeZone }) => NotificationDto.from(item, timeZone)) };
  }

  @Get(':notificationId')
  @Access(...ANY_ORGANISER)
  @ApiOperation({ summary: 'A delivery with every attempt (SMTP or HTTP answers included)' })
  @ApiOkResponse({ type: NotificationDetailDto })
  @ApiProblems(400, 404)
  async get(@Param('notificationId', ParseUUIDPipe) id: string): Promise<NotificationDetailDto> {
    const { item, attempts, timeZone } = await this.deliveries.get(id);
    return {
      ...NotificationDto.from(item, timeZone),
      attempts: attempts.map((a) => NotificationAttemptDto.from(a, timeZone)),
    };
  }

  @Post(':notificationId/retry')
  @Access('admin', 'protocol')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a failed or dead delivery again (with a fresh set of attempts)' })
  @ApiAcceptedResponse({ type: NotificationDetailDto })
  @ApiProblems(400, 404, 409)
  async retry(@Param('notificationId', ParseUUIDPipe) id: string): Promise<NotificationDetailDto> {
    await this.deliveries.retry(id);
    return this.get(id);
  }
}
