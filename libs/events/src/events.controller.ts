import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, PageQueryDto, type Page } from '@accord/core';
import { CreateEventDto } from './dto/create-event.dto.js';
import { UpdateEventDto } from './dto/update-event.dto.js';
import { EventDto } from './dto/event.dto.js';
import { EventsService } from './events.service.js';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @Access('anyone')
  @ApiOperation({ summary: 'List signing ceremonies' })
  @ApiProblems(400)
  async list(@Query() query: PageQueryDto): Promise<Page<EventDto>> {
    const result = await this.events.list(query);
    return { ...result, items: result.items.map((e) => EventDto.from(e)) };
  }

  @Post()
  @Access('admin')
  @ApiOperation({ summary: 'Create a signing ceremony' })
  @ApiCreatedResponse({ type: EventDto })
  @ApiProblems(400, 409)
  async create(@Body() dto: CreateEventDto): Promise<EventDto> {
    return EventDto.from(await this.events.create(dto));
  }

  @Get(':eventId')
  @Access('anyone')
  @ApiOkResponse({ type: EventDto })
  @ApiProblems(400, 404)
  async get(@Param('eventId', ParseUUIDPipe) id: string): Promise<EventDto> {
    return EventDto.from(await this.events.get(id));
  }

  @Patch(':eventId')
  @Access('admin')
  @ApiOperation({ summary: 'Change a ceremony: dates, goal, entry-into-force rule, registration window' })
  @ApiOkResponse({ type: EventDto })
  @ApiProblems(400, 404, 409)
  async update(@Param('eventId', ParseUUIDPipe) id: string, @Body() dto: UpdateEventDto): Promise<EventDto> {
    return EventDto.from(await this.events.update(id, dto));
  }
}
