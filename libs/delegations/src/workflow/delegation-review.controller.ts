import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  Access,
  ANY_ORGANISER,
  ApiProblems,
  CurrentCaller,
  csvHeaders,
  renderCsv,
  wantsCsv,
  type Caller,
  type Page,
} from '@accord/core';
import { DelegationDto } from '../dto/delegation.dto.js';
import { DelegationsService } from '../delegations.service.js';
import { delegationColumns, memberColumns, memberRows } from '../exports/delegation-export.js';
import { xlsx } from '../exports/xlsx-writer.js';
import { DelegationExportQueryDto, DelegationFilterDto, DelegationQueryDto } from '../search/delegation-query.dto.js';
import { DelegationSearchService } from '../search/delegation-search.service.js';
import { DelegationStatsDto } from '../search/delegation-stats.dto.js';
import { DelegationWorkflowService } from './delegation-workflow.service.js';
import { BulkTransitionDto, PromoteDto, TransitionDto, TransitionRecordDto } from './dto/transition.dto.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const wantsXlsx = (request: FastifyRequest) => (request.headers.accept ?? '').includes(XLSX_TYPE);

/** The organisers' side: list, search, export, count, and the review workflow. */
@ApiTags('delegations')
@Controller('events/:eventId/delegations')
export class DelegationReviewController {
  constructor(
    private readonly search: DelegationSearchService,
    private readonly workflow: DelegationWorkflowService,
    private readonly delegations: DelegationsService,
  ) {}

  @Get()
  @Access(...ANY_ORGANISER)
  @ApiOperation({
    summary: 'List and search delegations',
    description:
      'Filter by kind, status, regional group and text; sort; page. With `Accept: text/csv` the whole filtered ' +
      `list comes as CSV, with \`Accept: ${XLSX_TYPE}\` as an Excel workbook (see also /export).`,
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ description: 'A page of delegations (members omitted; see memberCount)' })
  @ApiProblems(400, 404)
  async list(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Query() query: DelegationQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Page<DelegationDto> | string | Buffer> {
    if (wantsCsv(request) || wantsXlsx(request)) {
      const format = wantsXlsx(request) ? 'xlsx' : 'csv';
      const { limit: _limit, offset: _offset, ...filter } = query;
      return this.sendExport(eventId, Object.assign(new DelegationExportQueryDto(), filter, { format }), reply);
    }
    const event = await this.search.event(eventId);
    const result = await this.search.list(eventId, query);
    return {
      items: result.items.map((d) => DelegationDto.from(d, event.timeZone, result.memberCounts.get(d.id) ?? 0)),
      total: result.total,
      limit: result.limit,
      offset: result.offset,
    };
  }

  @Get('export')
  @Access(...ANY_ORGANISER)
  @ApiOperation({
    summary: 'Export delegations (or their members) as CSV or an Excel workbook',
    description:
      '`format=csv`: RFC 4180, UTF-8 with a byte-order mark, comma-separated, CRLF (Excel opens it with accents ' +
      'intact). `format=xlsx`: a real workbook with a bold, frozen, filterable header row. `rows=members`: one row ' +
      'per person instead of per delegation. Cells that a spreadsheet would run as formulas are neutralised.',
  })
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiProblems(400, 404)
  async export(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Query() query: DelegationExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    return this.sendExport(eventId, query, reply);
  }

  @Get('stats')
  @Access(...ANY_ORGANISER)
  @ApiOperation({ summary: 'Counts by status, kind and regional group, and the caps with what they leave' })
  @ApiOkResponse({ type: DelegationStatsDto })
  @ApiProblems(400, 404)
  async stats(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Query() filter: DelegationFilterDto,
  ): Promise<DelegationStatsDto> {
    return this.search.stats(eventId, filter);
  }

  @Post('bulk-transitions')
  @HttpCode(200)
  @Access('protocol')
  @ApiOperation({
    summary: 'Approve, waitlist or reject several delegations at once',
    description: 'All or none: if any cannot make the change (or a cap would be exceeded) nothing changes (409).',
  })
  @ApiOkResponse({ type: [DelegationDto] })
  @ApiProblems(400, 404, 409)
  async bulk(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Body() dto: BulkTransitionDto,
    @CurrentCaller() caller: Caller,
  ): Promise<DelegationDto[]> {
    const changed = await this.workflow.transition(caller, eventId, dto.delegationIds, dto.to, dto.reason);
    const event = await this.search.event(eventId);
    return changed.map((d) => DelegationDto.from(d, event.timeZone));
  }

  @Post('waitlist/promote')
  @HttpCode(200)
  @Access('protocol')
  @ApiOperation({
    summary: 'Approve waitlisted delegations, longest-waiting first, as far as the caps allow',
  })
  @ApiOkResponse({ type: [DelegationDto] })
  @ApiProblems(400, 404)
  async promote(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Body() dto: PromoteDto,
    @CurrentCaller() caller: Caller,
  ): Promise<DelegationDto[]> {
    const promoted = await this.workflow.promoteFromWaitlist(caller, eventId, dto.group, dto.max ?? 200);
    const event = await this.search.event(eventId);
    return promoted.map((d) => DelegationDto.from(d, event.timeZone));
  }

  @Post(':delegationId/transitions')
  @HttpCode(200)
  @Access('focal-point', 'protocol')
  @ApiOperation({
    summary: "Change a delegation's status",
    description:
      'Organisers (protocol): approve, waitlist, reject (reason required), cancel, or reset to submitted. ' +
      'A focal point: cancel its own registration. An invalid change is a 409 listing the allowed ones.',
  })
  @ApiOkResponse({ type: DelegationDto })
  @ApiProblems(400, 404, 409)
  async transition(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @Body() dto: TransitionDto,
    @CurrentCaller() caller: Caller,
  ): Promise<DelegationDto> {
    await this.workflow.transition(caller, eventId, [delegationId], dto.to, dto.reason);
    const delegation = await this.delegations.getVisible(caller, eventId, delegationId);
    return DelegationDto.from(delegation, delegation.event!.timeZone);
  }

  @Get(':delegationId/transitions')
  @Access('focal-point', ...ANY_ORGANISER)
  @ApiOperation({ summary: "A delegation's status history: who, when, from, to, why" })
  @ApiOkResponse({ type: [TransitionRecordDto] })
  @ApiProblems(400, 404)
  async history(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<TransitionRecordDto[]> {
    const transitions = await this.workflow.history(caller, eventId, delegationId);
    const event = await this.search.event(eventId);
    return transitions.map((t) => TransitionRecordDto.from(t, event.timeZone, caller.kind === 'focal-point'));
  }

  /**
   * Sets the download's headers and returns its body: the handlers use `@Res({ passthrough: true })`, so Nest sends
   * what they return (sending it here as well would answer twice).
   */
  private async sendExport(
    eventId: string,
    query: DelegationExportQueryDto,
    reply: FastifyReply,
  ): Promise<string | Buffer> {
    const event = await this.search.event(eventId);
    const { format = 'csv', rows = 'delegations', sort, ...filter } = query;
    const delegations = await this.search.all(eventId, filter, sort);
    const name = `${event.slug}-${rows}`;
    if (format === 'csv') {
      csvHeaders(reply, `${name}.csv`);
      return rows === 'members'
        ? renderCsv(memberColumns(), memberRows(delegations))
        : renderCsv(delegationColumns(event.timeZone), delegations);
    }
    const sheet = <T>(columns: { header: string; value: (row: T) => unknown }[], data: T[]) =>
      xlsx(
        rows,
        columns.map((c) => c.header),
        data.map((row) => columns.map((c) => c.value(row) as string | number | null | undefined)),
      );
    void reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename="${name}.xlsx"`);
    return rows === 'members'
      ? sheet(memberColumns(), memberRows(delegations))
      : sheet(delegationColumns(event.timeZone), delegations);
  }
}
