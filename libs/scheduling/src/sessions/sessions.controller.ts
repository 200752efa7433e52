import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, CurrentCaller, type Caller, type Page } from '@accord/core';
import { CancelSessionDto, CreateSessionDto, SetSpeakersDto, UpdateSessionDto } from './dto/session-input.dto.js';
import { SessionQueryDto } from './dto/session-query.dto.js';
import { SessionDto } from './dto/session.dto.js';
import { ProgrammeService } from './programme.service.js';
import { SessionsService } from './sessions.service.js';

const CONFLICTS =
  'A 409 `SESSION.ROOM_OVERLAP` or `SESSION.SPEAKER_DOUBLE_BOOKED` names the `conflictingSession` (PostgreSQL ' +
  'refuses overlaps in a room and a person speaking in two overlapping sessions, whatever the race).';

@ApiTags('programme')
@Controller('events/:eventId/sessions')
export class SessionsController {
  constructor(
    private readonly programme: ProgrammeService,
    private readonly sessions: SessionsService,
  ) {}

  @Get()
  @Access('anyone')
  @ApiOperation({
    summary: 'The programme',
    description:
      'Published, public sessions in time order for everyone; organisers see every session (filter by status and ' +
      "visibility). Times are in the event's zone. Filter by day (in that zone), kind and room.",
  })
  @ApiOkResponse({ description: 'A page of sessions' })
  @ApiProblems(400, 404)
  async list(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Query() query: SessionQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<Page<SessionDto>> {
    return this.programme.list(caller, eventId, query);
  }

  @Get(':sessionId')
  @Access('anyone')
  @ApiOperation({ summary: 'One session, with its speakers and seats' })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 404)
  async get(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<SessionDto> {
    return this.programme.get(caller, eventId, sessionId);
  }

  @Post()
  @Access('protocol')
  @ApiOperation({
    summary: 'Add a session (as a draft)',
    description: `Within the event's dates; capacity defaults to the room's. ${CONFLICTS}`,
  })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiProblems(400, 404, 409, 422)
  async create(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Body() dto: CreateSessionDto,
    @CurrentCaller() caller: Caller,
  ): Promise<SessionDto> {
    const session = await this.sessions.create(eventId, dto);
    return this.programme.get(caller, eventId, session.id);
  }

  @Patch(':sessionId')
  @Access('protocol')
  @ApiOperation({
    summary: 'Change or move a session',
    description:
      'Moving a published session (time or room) notifies the delegations of its speakers and attendees with the ' +
      "old and new times; a signing session's slots and appointments move with it. Raising the capacity gives " +
      `freed seats to the waitlist. ${CONFLICTS}`,
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 404, 409, 422)
  async update(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() dto: UpdateSessionDto,
    @CurrentCaller() caller: Caller,
  ): Promise<SessionDto> {
    await this.sessions.update(eventId, sessionId, dto);
    return this.programme.get(caller, eventId, sessionId);
  }

  @Post(':sessionId/publish')
  @HttpCode(200)
  @Access('protocol')
  @ApiOperation({ summary: 'Publish a draft: it joins the public programme and its speakers are notified' })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 404, 409)
  async publish(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<SessionDto> {
    await this.sessions.publish(eventId, sessionId);
    return this.programme.get(caller, eventId, sessionId);
  }

  @Post(':sessionId/cancel')
  @HttpCode(200)
  @Access('protocol')
  @ApiOperation({
    summary: 'Cancel a session',
    description:
      'It stays in the record as cancelled. Speakers and attendees are notified; the appointments of a signing ' +
      'session are cancelled and their delegations notified.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 404)
  async cancel(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() dto: CancelSessionDto,
    @CurrentCaller() caller: Caller,
  ): Promise<SessionDto> {
    await this.sessions.cancel(eventId, sessionId, dto.reason ?? null);
    return this.programme.get(caller, eventId, sessionId);
  }

  @Delete(':sessionId')
  @HttpCode(204)
  @Access('protocol')
  @ApiOperation({ summary: 'Delete a draft that was never published' })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  async remove(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
  ): Promise<void> {
    await this.sessions.remove(eventId, sessionId);
  }

  @Put(':sessionId/speakers')
  @Access('protocol')
  @ApiOperation({
    summary: 'Set the speakers (members of delegations), in speaking order',
    description: CONFLICTS,
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 404, 409, 422)
  async setSpeakers(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() dto: SetSpeakersDto,
    @CurrentCaller() caller: Caller,
  ): Promise<SessionDto> {
    await this.sessions.setSpeakers(eventId, sessionId, dto);
    return this.programme.get(caller, eventId, sessionId);
  }
}
