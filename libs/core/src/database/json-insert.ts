import type { EntityMetadata } from 'typeorm';

export interface JsonInsert {
  /** `INSERT INTO "table" (…) SELECT … FROM jsonb_populate_recordset(NULL::"table", $n::jsonb) AS r[ WHERE …]`. */
  sql: string;
  /** The rows as a JSON array keyed by column name: the value of parameter `$n`. */
  json: string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A character JSON.stringify would escape: quote, backslash, control characters, surrogates (lone or not). */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON for a column value: dates as ISO strings (JSON's default), bytea as PostgreSQL's hex input form. The same
 * text as JSON.stringify; plain strings, dates and numbers are written directly (a registration has some eighty
 * values, and the call into JSON.stringify cost more than the writing).
 */
export function jsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date && !Number.isNaN(value.getTime())) return `"${value.toISOString()}"`;
  if (Buffer.isBuffer(value)) return `"\\\\x${value.toString('hex')}"`;
  return JSON.stringify(value);
}

/**
 * An INSERT of rows given as entity-shaped objects (property names, as for `manager.insert`), all passed in one
 * jsonb parameter and typed by the table's own row type: one parameter per table whatever the number of rows, no
 * casts to keep in step with the entity, and it composes into a data-modifying CTE (several tables written by one
 * statement, one round trip). Every row must set the same properties (the first row's); columns it leaves out keep
 * their database defaults. `where` filters the rows (as `r`), e.g. to those a CTE earlier in the statement admitted;
 * `computed` gives some properties' values as SQL instead (e.g. a key looked up by the same statement).
 * The JSON is written column by column (no object per row keyed by column name): it is on the hottest write paths.
 */
export function jsonInsert(
  metadata: EntityMetadata,
  rows: readonly object[],
  parameter: number,
  where?: string,
  computed: Readonly<Record<string, string>> = {},
): JsonInsert {
  const first = (rows[0] ?? {}) as Record<string, unknown>;
  const properties = Object.keys(first).filter((p) => first[p] !== undefined);
  const { keys, head, tail } = shapeOf(metadata, properties, computed);
  let json = '[';
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>;
    json += r ? ',{' : '{';
    for (let i = 0; i < properties.length; i++) {
      const value = row[properties[i]!];
      // A property the first row sets and this one leaves out would be NULL, not the column's default.
      if (value === undefined)
        throw new Error(`every ${metadata.name} row must set the properties of the first: ${properties.join(', ')}`);
      json += keys[i]! + jsonValue(value);
    }
    json += '}';
  }
  return { sql: `${head}$${parameter}${tail}${where ? ` WHERE ${where}` : ''}`, json: `${json}]` };
}

interface Shape {
  /** Per property, its column's JSON key and colon (and the comma before it but for the first). */
  keys: string[];
  /** The statement up to the parameter's number, and after it. */
  head: string;
  tail: string;
}

/** Per entity and set of properties (a handful each: the callers' row shapes), the column names and the SQL. */
const shapes = new WeakMap<EntityMetadata, Map<string, Shape>>();

function shapeOf(metadata: EntityMetadata, properties: string[], computed: Readonly<Record<string, string>>): Shape {
  let byProperties = shapes.get(metadata);
  if (!byProperties) shapes.set(metadata, (byProperties = new Map()));
  const signature = `${properties.join(',')}\u0000${JSON.stringify(computed)}`;
  let shape = byProperties.get(signature);
  if (!shape) {
    const columns = properties.map((property) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${metadata.name} has no column for property ${property}`);
      return column.databaseName;
    });
    const table = quote(metadata.tableName);
    shape = {
      keys: columns.map((c, i) => `${i ? ',' : ''}${JSON.stringify(c)}:`),
      head:
        `INSERT INTO ${table} (${columns.map(quote).join(', ')}) ` +
        `SELECT ${columns.map((c, i) => computed[properties[i]!] ?? `r.${quote(c)}`).join(', ')} ` +
        `FROM jsonb_populate_recordset(NULL::${table}, `,
      tail: '::jsonb) AS r',
    };
    byProperties.set(signature, shape);
  }
  return shape;
}
