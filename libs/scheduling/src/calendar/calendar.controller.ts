import { createHash } from 'node:crypto';
import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, ANY_ORGANISER, ApiProblems, QueryToken } from '@accord/core';
import { CalendarQueryDto, DelegationCalendarQueryDto } from './calendar-query.dto.js';
import { CalendarService } from './calendar.service.js';

/**
 * iCalendar feeds for calendar apps to subscribe to. Each answer carries an ETag (a hash of the body, which does
 * not change unless the timetable does), so polling apps get a 304 when nothing moved. The handlers send the
 * reply themselves (`@Res()`), once.
 */
@ApiTags('programme')
@Controller('events/:eventId')
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Get('calendar.ics')
  @Access('anyone')
  @ApiOperation({ summary: 'The public programme as an iCalendar feed (times in the event’s zone, with VTIMEZONE)' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar' })
  @ApiProblems(400, 404)
  async programme(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Query() query: CalendarQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return send(request, reply, 'programme.ics', await this.calendars.publicFeed(eventId, query.lang ?? 'en'));
  }

  @Get('delegations/:delegationId/calendar.ics')
  @Access('focal-point', ...ANY_ORGANISER)
  @QueryToken()
  @ApiOperation({
    summary: "A delegation's own timetable as an iCalendar feed",
    description:
      'Its signing appointment and the sessions where its members speak or have a seat. Authenticated by the ' +
      'focal-point token: in the Authorization header, or (for calendar apps, which cannot send headers) as ' +
      '`?token=fp_…` on this route only. Organisers may read any delegation’s feed.',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar' })
  @ApiProblems(400, 401, 404)
  async delegation(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @Query() query: DelegationCalendarQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const body = await this.calendars.delegationFeed(eventId, delegationId, query.lang ?? 'en');
    // The URL holds a credential: keep it out of shared caches.
    void reply.header('cache-control', 'private, no-cache');
    return send(request, reply, 'delegation.ics', body);
  }
}

function send(request: FastifyRequest, reply: FastifyReply, filename: string, body: string): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  void reply.header('etag', etag);
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply
    .header('content-type', 'text/calendar; charset=utf-8')
    .header('content-disposition', `inline; filename="${filename}"`)
    .send(body);
}
