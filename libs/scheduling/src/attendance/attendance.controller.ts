import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  Access,
  ANY_ORGANISER,
  ApiProblems,
  csvHeaders,
  CurrentCaller,
  renderCsv,
  wantsCsv,
  type Caller,
} from '@accord/core';
import { AttendanceService } from './attendance.service.js';
import { AttendeeDto, RegisterAttendeeDto } from './dto/attendance.dto.js';

@ApiTags('programme')
@Controller('events/:eventId/sessions/:sessionId/attendees')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get()
  @Access('focal-point', ...ANY_ORGANISER)
  @ApiOperation({
    summary: 'Who has a seat, and the waitlist in order',
    description: "A focal point sees its own delegation's requests. `Accept: text/csv` for a spreadsheet.",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: [AttendeeDto] })
  @ApiProblems(400, 404)
  async list(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @CurrentCaller() caller: Caller,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttendeeDto[] | string> {
    const rows = await this.attendance.list(caller, eventId, sessionId);
    const timeZone = await this.timeZone(eventId);
    const items = rows.map((r) => AttendeeDto.from(r.attendee, timeZone, r.waitlistPosition));
    if (!wantsCsv(request)) return items;
    csvHeaders(reply, `attendees-${sessionId}.csv`);
    return renderCsv(
      [
        { header: 'Status', value: (a: AttendeeDto) => a.status },
        { header: 'Waitlist position', value: (a) => a.waitlistPosition },
        { header: 'Name', value: (a) => a.fullName },
        { header: 'Delegation', value: (a) => a.delegationName },
        { header: 'Requested at', value: (a) => a.requestedAt },
        { header: 'Promoted at', value: (a) => a.promotedAt },
      ],
      items,
    );
  }

  @Post()
  @Access('focal-point', 'protocol')
  @ApiOperation({
    summary: 'Ask for a seat for a member',
    description:
      'For a published session: a seat while there is one (`registered`), else a place on the waitlist ' +
      '(`waitlisted`, promoted automatically in order when a seat is freed). Never more seats than the capacity, ' +
      'however many requests arrive at once. Members of approved delegations only.',
  })
  @ApiCreatedResponse({ type: AttendeeDto })
  @ApiProblems(400, 404, 409, 422)
  async register(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() dto: RegisterAttendeeDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AttendeeDto> {
    const { attendee, waitlistPosition } = await this.attendance.register(caller, eventId, sessionId, dto.memberId);
    return AttendeeDto.from(attendee, await this.timeZone(eventId), waitlistPosition);
  }

  @Delete(':attendeeId')
  @HttpCode(204)
  @Access('focal-point', 'protocol')
  @ApiOperation({ summary: 'Give up a seat or a place on the waitlist (the next in line gets the seat)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  async cancel(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Param('attendeeId', ParseUUIDPipe) attendeeId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    await this.attendance.cancel(caller, eventId, sessionId, attendeeId);
  }

  private async timeZone(eventId: string): Promise<string> {
    return (await this.attendance.event(eventId)).timeZone;
  }
}
