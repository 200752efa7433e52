import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, ApiProblems, MAX_PAGE_SIZE, sendCsv, wantsCsv, type CsvColumn, type Page } from '@accord/core';
import { AuditService } from './audit.service.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';
import { AuditEntryDto } from './dto/audit-entry.dto.js';

const CSV_COLUMNS: CsvColumn<AuditEntryDto>[] = [
  { header: 'occurred_at', value: (e) => e.occurredAt },
  { header: 'actor_kind', value: (e) => e.actorKind },
  { header: 'actor_id', value: (e) => e.actorId },
  { header: 'action', value: (e) => e.action },
  { header: 'entity_type', value: (e) => e.entityType },
  { header: 'entity_id', value: (e) => e.entityId },
  { header: 'event_id', value: (e) => e.eventId },
  { header: 'changes', value: (e) => JSON.stringify(e.changes) },
  { header: 'request_id', value: (e) => e.requestId },
  { header: 'client_ip', value: (e) => e.clientIp },
];

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'The append-only audit trail, newest first; `Accept: text/csv` for a CSV export' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'A page of audit entries' })
  @ApiProblems(400)
  async list(
    @Query() query: AuditQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Page<AuditEntryDto> | FastifyReply> {
    if (wantsCsv(request)) {
      // An export walks every page of the filter, not just the first.
      const rows: AuditEntryDto[] = [];
      for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
        const batch = await this.audit.list(
          Object.assign(new AuditQueryDto(), query, { limit: MAX_PAGE_SIZE, offset }),
        );
        rows.push(...batch.items.map(AuditEntryDto.from));
        if (batch.items.length < MAX_PAGE_SIZE) break;
      }
      return sendCsv(reply, 'audit.csv', CSV_COLUMNS, rows);
    }
    const result = await this.audit.list(query);
    return { ...result, items: result.items.map(AuditEntryDto.from) };
  }
}
