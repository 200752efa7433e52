import type { EntityMetadata } from 'typeorm';
import { jsonInsert, jsonValue } from './json-insert.js';

/** Just enough of TypeORM's metadata: properties in camelCase, columns in snake_case. */
const metadata = {
  name: 'Sample',
  tableName: 'samples',
  findColumnWithPropertyName: (property: string) =>
    ['id', 'createdAt', 'payload', 'secret', 'note', 'count', 'flag'].includes(property)
      ? { databaseName: property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) }
      : undefined,
} as unknown as EntityMetadata;

describe('jsonInsert', () => {
  it('should write every row keyed by column, dates as ISO and bytes as hex, when given entity-shaped rows', () => {
    const at = new Date('2025-10-25T02:00:00.120Z');
    const rows = [
      {
        id: 'a',
        createdAt: at,
        payload: { nested: ['x', 1, null], quote: 'say "hi"\n' },
        secret: Buffer.from([1, 255]),
      },
      { id: 'b', createdAt: at, payload: null, secret: Buffer.alloc(0), ignored: undefined },
    ];
    const { sql, json } = jsonInsert(metadata, rows, 3, 'r.id IN (SELECT id FROM admitted)');
    expect(sql).toBe(
      'INSERT INTO "samples" ("id", "created_at", "payload", "secret") SELECT r."id", r."created_at", r."payload", ' +
        'r."secret" FROM jsonb_populate_recordset(NULL::"samples", $3::jsonb) AS r WHERE r.id IN (SELECT id FROM admitted)',
    );
    expect(JSON.parse(json)).toEqual([
      {
        id: 'a',
        created_at: '2025-10-25T02:00:00.120Z',
        payload: { nested: ['x', 1, null], quote: 'say "hi"\n' },
        secret: '\\x01ff',
      },
      { id: 'b', created_at: '2025-10-25T02:00:00.120Z', payload: null, secret: '\\x' },
    ]);
  });

  it('should take a computed property from SQL instead of the row when given one', () => {
    const { sql, json } = jsonInsert(metadata, [{ id: 'a', note: null }], 1, undefined, { note: '(SELECT 1)' });
    expect(sql).toContain('SELECT r."id", (SELECT 1) FROM jsonb_populate_recordset');
    expect(JSON.parse(json)).toEqual([{ id: 'a', note: null }]);
  });

  it('should refuse a row that leaves out a property the first row sets', () => {
    expect(() => jsonInsert(metadata, [{ id: 'a', note: 'n' }, { id: 'b' }], 1)).toThrow(/must set the properties/);
  });

  it('should refuse a property the entity has no column for', () => {
    expect(() => jsonInsert(metadata, [{ id: 'a', nickname: 'n' }], 1)).toThrow(/no column for property nickname/);
  });

  it('should write each value as JSON.stringify does, when given strings that need escaping, numbers and dates', () => {
    const values: unknown[] = [
      'plain',
      '',
      'say "hi"',
      'back\\slash',
      'line\nbreak',
      'tab\there',
      '\u0000',
      '\u001f',
      'Nguyễn Thị Bình',
      '😀 paired surrogates',
      'lone \ud800 surrogate',
      '\u2028',
      0,
      -0,
      1.5,
      -42,
      1e21,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
      false,
      new Date('2025-10-25T02:00:00.120Z'),
      new Date(Number.NaN),
      { nested: ['x', 1, null] },
      ['a', 2],
    ];
    for (const value of values) expect(jsonValue(value)).toBe(JSON.stringify(value));
    expect(jsonValue(null)).toBe('null');
    expect(jsonValue(Buffer.from([1, 255]))).toBe(JSON.stringify('\\x01ff'));
  });
});
