import type { FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';

/** True when the client asked for CSV (`Accept: text/csv`) rather than JSON. */
export function wantsCsv(request: FastifyRequest): boolean {
  return /\btext\/csv\b/i.test(request.headers.accept ?? '');
}

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/** Cells a spreadsheet would run as a formula are prefixed with a quote (CSV injection, OWASP). */
function safeCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
}

/** Renders rows as RFC 4180 CSV, UTF-8 with a BOM so spreadsheets read accents right. */
export function renderCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const body = stringify(
    [columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => safeCell(c.value(row))))],
    {
      record_delimiter: '\r\n',
    },
  );
  return `\uFEFF${body}`;
}

/** The download headers of a CSV file. */
export function csvHeaders(reply: FastifyReply, filename: string): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`);
}

/**
 * Renders rows as CSV and sends it as a download. For a handler that sends the reply itself (`@Res()`); one with
 * `@Res({ passthrough: true })` returns `renderCsv(...)` after `csvHeaders(...)` instead, so the body is sent once.
 */
export function sendCsv<T>(reply: FastifyReply, filename: string, columns: CsvColumn<T>[], rows: T[]): FastifyReply {
  return csvHeaders(reply, filename).send(renderCsv(columns, rows));
}
