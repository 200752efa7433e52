import { Controller, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { Access, ApiProblems, CurrentCaller, validationFailed, type Caller } from '@accord/core';
import { readSingleFile } from '../multipart.js';
import { IMPORT_FIELDS, IMPORT_FIELD_NAMES } from './import-columns.js';
import { DelegationImportService, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './delegation-import.service.js';

export class ImportQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Check the file and report, without importing' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportResultDto {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() rowCount!: number;
  @ApiProperty({ type: [String], description: 'Columns of the file that no field uses' }) ignoredColumns!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) delegationIds!: string[];
}

const COLUMN_HELP = IMPORT_FIELD_NAMES.map((f) => `\`${f}\` (${IMPORT_FIELDS[f].join(', ')})`).join('; ');

@ApiTags('delegations')
@Controller('events/:eventId/delegations/import')
export class DelegationImportController {
  constructor(private readonly importer: DelegationImportService) {}

  @Post()
  @HttpCode(200)
  @Access('protocol')
  @ApiOperation({
    summary: 'Pre-register delegations from a CSV file (all rows or none)',
    description:
      `multipart/form-data: \`file\` (CSV, comma- or semicolon-separated, UTF-8, at most ${MAX_IMPORT_ROWS} rows) ` +
      'and optionally `mapping`, a JSON object from the file\'s header names to fields (or "ignore"), sent before ' +
      `the file. Columns are otherwise recognised by header name: ${COLUMN_HELP}. Each row is one delegation with its ` +
      'head. Any bad row makes the whole file a 422 listing every problem by line; nothing is imported. No focal-point ' +
      'token is issued: organisers issue one per delegation when they hand it over.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        mapping: { type: 'string', example: '{"Pays":"participant"}' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiProblems(400, 404, 413, 415, 422)
  async import(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Query() query: ImportQueryDto,
    @CurrentCaller() caller: Caller,
    @Req() request: FastifyRequest,
  ): Promise<ImportResultDto> {
    const file = await readSingleFile(request, MAX_IMPORT_BYTES, 'IMPORT.TOO_LARGE');
    let mapping: Record<string, string> | undefined;
    if (file.fields.mapping) {
      try {
        const parsed: unknown = JSON.parse(file.fields.mapping);
        if (
          !parsed ||
          typeof parsed !== 'object' ||
          Array.isArray(parsed) ||
          Object.values(parsed).some((v) => typeof v !== 'string')
        )
          throw new Error('not an object of strings');
        mapping = parsed as Record<string, string>;
      } catch {
        throw validationFailed([
          { field: 'mapping', message: 'mapping must be a JSON object of header → field names' },
        ]);
      }
    }
    return this.importer.import(caller, eventId, file.content, mapping, query.dryRun ?? false);
  }
}
