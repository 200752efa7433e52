import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { DataSource, In } from 'typeorm';
import { AppError, notFound, type Caller } from '@accord/core';
import { Event } from '@accord/events';
import { DelegationKind, isPartyKind, MemberRole } from '../delegation-kind.js';
import { Delegation } from '../delegation.entity.js';
import { DelegationsService } from '../delegations.service.js';
import { RegisterDelegationDto } from '../dto/register-delegation.dto.js';
import { Participant } from '../participants/participant.entity.js';
import { ParticipantKind } from '../participants/regional-group.js';
import { pgError } from '../pg-errors.js';
import { planColumns, type ImportField } from './import-columns.js';

export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_ROWS = 1000;

export interface ImportError {
  /** Line of the file (the header is line 1). */
  line: number;
  /** The file's column header, when the problem is in one cell. */
  column?: string;
  field?: string;
  message: string;
}

export interface ImportResult {
  dryRun: boolean;
  rowCount: number;
  ignoredColumns: string[];
  delegationIds: string[];
}

interface Row {
  line: number;
  values: Partial<Record<ImportField, string>>;
}

const KIND_WORDS: Record<string, DelegationKind> = {
  government: DelegationKind.State,
  member_state: DelegationKind.State,
  eu: DelegationKind.Reio,
  intergovernmental_organisation: DelegationKind.Igo,
  intergovernmental_organization: DelegationKind.Igo,
  un: DelegationKind.UnEntity,
  united_nations: DelegationKind.UnEntity,
  non_governmental_organisation: DelegationKind.Ngo,
  non_governmental_organization: DelegationKind.Ngo,
  business: DelegationKind.PrivateSector,
  company: DelegationKind.PrivateSector,
  academic: DelegationKind.Academia,
  university: DelegationKind.Academia,
};

function parseKind(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const word = raw
    .trim()
    .toLowerCase()
    .replace(/[^a-z]+/g, '_')
    .replace(/^_|_$/g, '');
  return (Object.values(DelegationKind) as string[]).includes(word) ? word : (KIND_WORDS[word] ?? raw.trim());
}

const YES = new Set(['yes', 'y', 'true', '1', 'oui', 'x']);

const nonEmpty = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** Where a DTO validation error points, as import fields. */
const DTO_TO_FIELD: Record<string, ImportField> = {
  kind: 'kind',
  participantCode: 'participant',
  organisationName: 'organisationName',
  countryCode: 'countryCode',
  'focalPoint.name': 'focalPointName',
  'focalPoint.email': 'focalPointEmail',
  'focalPoint.phone': 'focalPointPhone',
  'focalPoint.language': 'focalPointLanguage',
  'members[0].fullName': 'headName',
  'members[0].title': 'headTitle',
  'members[0].email': 'headEmail',
  'members[0].willSign': 'headWillSign',
  notes: 'notes',
};

function flatten(errors: ValidationError[], parent = ''): { path: string; message: string }[] {
  return errors.flatMap((e) => {
    const path = parent
      ? /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`
      : e.property;
    return [
      ...Object.values(e.constraints ?? {}).map((message) => ({ path, message })),
      ...flatten(e.children ?? [], path),
    ];
  });
}

/**
 * Bulk pre-registration from a CSV file: every row is checked first (each bad row reported by line), and the file
 * is imported in one transaction only when every row is good: a bad file imports nothing.
 */
@Injectable()
export class DelegationImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly delegations: DelegationsService,
  ) {}

  async import(
    caller: Caller,
    eventId: string,
    csv: Buffer,
    mapping: Record<string, string> | undefined,
    dryRun: boolean,
  ): Promise<ImportResult> {
    const event = await this.dataSource.manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    const { headers, rows } = this.parse(csv);
    const plan = planColumns(headers, mapping);
    const errors: ImportError[] = plan.errors.map((e) => ({ line: 1, column: e.column, message: e.message }));
    const columnOf = (field: ImportField) => headers[plan.fields.indexOf(field)];
    for (const required of ['kind', 'focalPointName', 'focalPointEmail', 'headName'] as const) {
      if (!plan.fields.includes(required))
        errors.push({ line: 1, field: required, message: `no column for ${required}` });
    }
    if (!plan.fields.includes('participant') && !plan.fields.includes('organisationName')) {
      errors.push({ line: 1, field: 'participant', message: 'no column for participant or organisationName' });
    }
    if (errors.length) throw invalidFile(errors, rows.length);

    const records: Row[] = rows.map(({ line, cells }) => ({
      line,
      values: Object.fromEntries(
        plan.fields.flatMap((field, i) => (field && nonEmpty(cells[i]) ? [[field, cells[i]!.trim()]] : [])),
      ),
    }));
    const participants = await this.dataSource.manager.find(Participant);
    const byKey = new Map<string, Participant>();
    for (const p of participants) {
      for (const key of [p.code, p.alpha3, p.alpha2, p.nameEn, p.nameFr]) if (key) byKey.set(key.toLowerCase(), p);
    }
    const existing = new Set(
      (
        await this.dataSource.manager.find(Delegation, {
          where: { eventId, participantId: In(participants.map((p) => p.id)) },
          select: { participantId: true },
        })
      ).map((d) => d.participantId),
    );
    const linesByParticipant = new Map<string, number>();
    const prepared: { line: number; dto: RegisterDelegationDto; participant: Participant | null }[] = [];

    for (const { line, values } of records) {
      const cell = (field: ImportField, message: string): ImportError => ({
        line,
        column: columnOf(field),
        field,
        message,
      });
      const kind = parseKind(values.kind);
      const party = kind !== undefined && isPartyKind(kind as DelegationKind);
      const participant = party && values.participant ? (byKey.get(values.participant.toLowerCase()) ?? null) : null;
      const dto = plainToInstance(RegisterDelegationDto, {
        kind,
        ...(party ? { participantCode: participant?.code ?? values.participant } : {}),
        ...(!party && kind ? { organisationName: values.organisationName } : {}),
        ...(!party && values.countryCode ? { countryCode: values.countryCode } : {}),
        focalPoint: {
          name: values.focalPointName,
          email: values.focalPointEmail,
          ...(values.focalPointPhone ? { phone: values.focalPointPhone } : {}),
          language: values.focalPointLanguage?.toLowerCase() ?? 'en',
        },
        members: [
          {
            fullName: values.headName,
            role: MemberRole.Head,
            ...(values.headTitle ? { title: values.headTitle } : {}),
            ...(values.headEmail ? { email: values.headEmail } : {}),
            willSign: party && YES.has((values.headWillSign ?? '').toLowerCase()),
          },
        ],
        ...(values.notes ? { notes: values.notes } : {}),
      });
      const rowErrors = flatten(await validate(dto, { forbidUnknownValues: true })).map(({ path, message }) => {
        const field = DTO_TO_FIELD[path];
        return field ? cell(field, message) : { line, field: path, message };
      });
      if (party && values.participant && !participant) {
        // One clear message instead of the code-format complaint as well.
        rowErrors.splice(0, rowErrors.length, ...rowErrors.filter((e) => e.field !== 'participant'));
        rowErrors.push(
          cell('participant', `"${values.participant}" is not a participant code or name in the catalogue`),
        );
      }
      if (participant) {
        const expected = kind === DelegationKind.State ? ParticipantKind.State : ParticipantKind.Reio;
        if (participant.kind !== expected)
          rowErrors.push(cell('participant', `${participant.code} is not a ${expected}`));
        if (existing.has(participant.id))
          rowErrors.push(cell('participant', `${participant.nameEn} is already registered for this event`));
        const earlier = linesByParticipant.get(participant.id);
        if (earlier) rowErrors.push(cell('participant', `${participant.nameEn} is also on line ${earlier}`));
        else linesByParticipant.set(participant.id, line);
      }
      const knownKind = (Object.values(DelegationKind) as (string | undefined)[]).includes(kind);
      if (!party && values.participant && knownKind)
        rowErrors.push(cell('participant', `a ${kind} delegation has no participant; use organisationName`));
      if (rowErrors.length) errors.push(...rowErrors);
      else prepared.push({ line, dto, participant });
    }
    if (errors.length) throw invalidFile(errors, rows.length);
    if (dryRun) return { dryRun, rowCount: rows.length, ignoredColumns: plan.ignored, delegationIds: [] };

    let current = 0;
    try {
      const ids = await this.dataSource.transaction(async (manager) => {
        const created: string[] = [];
        for (const [index, { dto, participant }] of prepared.entries()) {
          current = index;
          created.push((await this.delegations.create(manager, caller, event, dto, participant, 'import')).id);
        }
        return created;
      });
      return { dryRun, rowCount: rows.length, ignoredColumns: plan.ignored, delegationIds: ids };
    } catch (error) {
      // A State registered through the form while the file was being imported.
      if (pgError(error).constraint === 'delegations_one_per_participant') {
        const row = prepared[current]!;
        throw invalidFile(
          [
            {
              line: row.line,
              column: columnOf('participant'),
              field: 'participant',
              message: 'already registered for this event',
            },
          ],
          rows.length,
        );
      }
      throw error;
    }
  }

  private parse(csv: Buffer): { headers: string[]; rows: { line: number; cells: string[] }[] } {
    const text = csv.toString('utf8');
    const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    // Spreadsheets in many European locales save CSV with semicolons.
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parse(text, {
        bom: true,
        delimiter,
        info: true,
        skip_empty_lines: true,
        relax_column_count: false,
      }) as unknown as typeof records;
    } catch (error) {
      const line = (error as { lines?: number }).lines ?? 1;
      throw invalidFile([{ line, message: `not valid CSV: ${(error as Error).message}` }], 0);
    }
    if (!records.length) throw invalidFile([{ line: 1, message: 'the file is empty' }], 0);
    const [header, ...body] = records;
    if (body.length > MAX_IMPORT_ROWS)
      throw invalidFile(
        [{ line: 1, message: `at most ${MAX_IMPORT_ROWS} rows per file (found ${body.length})` }],
        body.length,
      );
    return { headers: header!.record, rows: body.map((r) => ({ line: r.info.lines, cells: r.record })) };
  }
}

function invalidFile(errors: ImportError[], rowCount: number): AppError {
  const lines = new Set(errors.map((e) => e.line)).size;
  return new AppError(
    422,
    'IMPORT.INVALID_ROWS',
    `The file was not imported: ${errors.length} problem(s) on ${lines} line(s); nothing was saved`,
    { errors: errors.sort((a, b) => a.line - b.line), rowCount },
  );
}
