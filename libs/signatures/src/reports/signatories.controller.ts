import type { OutgoingHttpHeaders } from 'node:http';
import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, ANY_ORGANISER, ApiProblems, sendCsv, wantsCsv } from '@accord/core';
import { ChartQueryDto } from './dto/chart-query.dto.js';
import { SignatoryListDto, type SignatoryListItemDto } from './dto/signatory-list.dto.js';
import { SignatorySummaryDto } from './dto/summary.dto.js';
import { sendWithEtag } from './http-caching.js';
import { SignatoriesStreamHub } from './signatories-stream.hub.js';
import { SignatoryReportsService } from './signatory-reports.service.js';
import { SummaryCache } from './summary-cache.service.js';

const CSV_COLUMNS = [
  { header: 'order', value: (r: SignatoryListItemDto) => r.order },
  { header: 'participant_code', value: (r: SignatoryListItemDto) => r.participant.code },
  { header: 'participant', value: (r: SignatoryListItemDto) => r.participant.name },
  { header: 'kind', value: (r: SignatoryListItemDto) => r.participant.kind },
  { header: 'regional_group', value: (r: SignatoryListItemDto) => r.regionalGroup },
  { header: 'signed_at', value: (r: SignatoryListItemDto) => r.signedAt },
  { header: 'date', value: (r: SignatoryListItemDto) => r.date },
  { header: 'place', value: (r: SignatoryListItemDto) => r.place },
];

/** What the press, the public and the screens in the hall read. */
@ApiTags('signatories')
@Controller('events/:eventId/signatories')
export class SignatoriesController {
  constructor(
    private readonly cache: SummaryCache,
    private readonly reports: SignatoryReportsService,
    private readonly hub: SignatoriesStreamHub,
  ) {}

  @Get('summary')
  @Access('anyone')
  @ApiOperation({
    summary: 'The count against the goal, by regional group, by day and by rank; instruments and entry into force',
    description:
      'Cached and shared by every API process; revalidate with If-None-Match (304 when unchanged). Changes the ' +
      'moment a signature or instrument is recorded or voided.',
  })
  @ApiOkResponse({ type: SignatorySummaryDto, headers: { ETag: { schema: { type: 'string' } } } })
  @ApiResponse({ status: 304, description: 'Not modified (the If-None-Match ETag is current)' })
  @ApiProblems(400, 404)
  async summary(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply, // sends the reply itself
  ): Promise<FastifyReply> {
    const cached = await this.cache.get(eventId);
    return sendWithEtag(request, reply, cached.body, 'application/json; charset=utf-8', cached.etag);
  }

  @Get()
  @Access('anyone')
  @ApiOperation({
    summary: 'The signatories in order of signature',
    description: "Times in the event's zone. Send `Accept: text/csv` for a CSV download.",
  })
  @ApiOkResponse({ type: SignatoryListDto })
  @ApiProduces('application/json', 'text/csv')
  @ApiProblems(400, 404)
  async list(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply, // sends the reply itself
  ): Promise<FastifyReply> {
    const { event, items } = await this.reports.list(eventId);
    if (wantsCsv(request)) return sendCsv(reply, `${event.slug}-signatories.csv`, CSV_COLUMNS, items);
    const body: SignatoryListDto = {
      items,
      total: items.length,
      states: items.filter((i) => i.participant.kind === 'state').length,
    };
    return sendWithEtag(request, reply, JSON.stringify(body), 'application/json; charset=utf-8');
  }

  @Get('stream')
  @Access('anyone')
  @ApiOperation({
    summary: 'Live summary (Server-Sent Events)',
    description:
      '`event: summary` with the summary as data each time it changes, whichever API process recorded the change; ' +
      'the `id:` is the version of the record. A comment line every few seconds keeps the connection open. ' +
      'Reconnecting with `Last-Event-ID` skips the current summary if the client already has it.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiOkResponse({
    description: 'A stream of `summary` events (data: the summary as JSON)',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiProblems(400, 404)
  async stream(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const current = await this.cache.get(eventId); // 404 for an unknown event, before the stream starts
    reply.hijack();
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
    reply.raw.writeHead(200, {
      ...headers, // security, CORS and rate-limit headers set by the hooks so far
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // nginx: do not buffer the stream
      'x-request-id': String(request.id),
    });
    const lastEventId = request.headers['last-event-id'];
    await this.hub.attach(eventId, reply.raw, current, typeof lastEventId === 'string' ? lastEventId : undefined);
  }

  @Get('chart.svg')
  @Access('anyone')
  @ApiOperation({ summary: 'Cumulative signatures over time against the goal line (SVG, sized for a projector)' })
  @ApiProduces('image/svg+xml')
  @ApiProblems(400, 404)
  async chart(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Query() query: ChartQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply, // sends the reply itself
  ): Promise<FastifyReply> {
    const svg = await this.reports.chart(eventId, query.period ?? 'all');
    return sendWithEtag(request, reply, svg, 'image/svg+xml; charset=utf-8');
  }

  @Get('report.pdf')
  @Access(...ANY_ORGANISER)
  @ApiOperation({ summary: 'Printable report for the organisers: the summary, the chart and the list (PDF)' })
  @ApiProduces('application/pdf')
  @ApiProblems(400, 404)
  async report(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Res() reply: FastifyReply, // sends the reply itself
  ): Promise<FastifyReply> {
    const { event, pdf } = await this.reports.pdf(eventId);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${event.slug}-signatories.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  }
}
