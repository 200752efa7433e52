import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ANY_ORGANISER, ApiProblems, CurrentCaller, PageQueryDto, type Caller, type Page } from '@accord/core';
import { AnnouncementsService, type AnnouncementView } from './announcements.service.js';
import { AnnouncementDto } from './dto/announcement.dto.js';
import { CreateAnnouncementDto } from './dto/create-announcement.dto.js';

const toDto = ({ announcement, timeZone, counts }: AnnouncementView) =>
  AnnouncementDto.from(announcement, timeZone, counts);

@ApiTags('notifications')
@Controller('events/:eventId/announcements')
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  @Post()
  @Access('admin', 'protocol')
  @ApiOperation({
    summary: 'Send an announcement to explicit recipients or an audience',
    description:
      'Stored, then sent as one email per recipient (each honouring the per-person opt-out) and to webhook ' +
      'endpoints subscribed to `announcement`. Give `startsAt` when it is about a moment: the email carries an .ics.',
  })
  @ApiCreatedResponse({ type: AnnouncementDto })
  @ApiProblems(400, 404, 422)
  async create(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Body() dto: CreateAnnouncementDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AnnouncementDto> {
    return toDto(await this.announcements.create(eventId, dto, caller.kind === 'organiser' ? caller.userId : null));
  }

  @Get()
  @Access(...ANY_ORGANISER)
  @ApiOperation({ summary: "List an event's announcements with their delivery counts" })
  @ApiProblems(400, 404)
  async list(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<AnnouncementDto>> {
    const result = await this.announcements.list(eventId, query);
    return { ...result, items: result.items.map(toDto) };
  }

  @Get(':announcementId')
  @Access(...ANY_ORGANISER)
  @ApiOkResponse({ type: AnnouncementDto })
  @ApiProblems(400, 404)
  async get(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('announcementId', ParseUUIDPipe) id: string,
  ): Promise<AnnouncementDto> {
    return toDto(await this.announcements.get(eventId, id));
  }
}
