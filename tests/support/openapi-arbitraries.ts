import fc from 'fast-check';

/** The subset of JSON Schema (OpenAPI 3.1) the API's documents use. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
}

export type Components = Record<string, Schema>;

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  "'; DROP TABLE events; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '{{7*7}}',
  '=cmd|/C calc',
  'null',
  'undefined',
  'NaN',
  '-1',
  '9'.repeat(400),
  'é'.repeat(300),
  '\u202e',
  '😀',
  'a'.repeat(5000),
  '2025-13-45',
  '2025-10-25T25:61:00Z',
  '00000000-0000-0000-0000-000000000000',
  'Asia/Nowhere',
  'x@',
  '@x',
];

const NASTY_NUMBERS = [0, -1, 1, -0, 2 ** 31, -(2 ** 31), 2 ** 53, 1e308, -1e308, 0.5, Number.MIN_VALUE];

function resolve(schema: Schema, components: Components): Schema {
  let current = schema;
  for (let i = 0; current.$ref && i < 10; i++) current = components[current.$ref.split('/').pop()!] ?? {};
  if (current.allOf?.length === 1) return resolve(current.allOf[0]!, components);
  return current;
}

function typeOf(schema: Schema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

function validString(schema: Schema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return fc
        .date({ min: new Date('2024-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({ min: new Date('2024-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    default:
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 60) });
  }
}

/** Values that satisfy the schema as far as its types, formats, enums and bounds say. */
export function validValue(schema: Schema, components: Components, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  const options = s.anyOf ?? s.oneOf;
  if (options?.length) return fc.oneof(...options.map((o) => validValue(o, components, depth + 1)));
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  switch (typeOf(s)) {
    case 'string':
      return validString(s);
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 100000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(validValue(s.items ?? {}, components, depth + 1), { maxLength: 3 });
    case 'object':
    default: {
      if (!s.properties || depth > 3) return fc.constant({});
      const required = new Set(s.required ?? []);
      const entries = Object.entries(s.properties).map(
        ([key, prop]) => [key, validValue(prop, components, depth + 1)] as const,
      );
      return fc.record(Object.fromEntries(entries), { requiredKeys: [...required].filter((k) => k in s.properties!) });
    }
  }
}

/** Anything at all, weighted towards the values that break naive parsers. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(...NASTY_NUMBERS),
  fc.constantFrom(null, true, false, [], {}, [null], { $gt: '' }, { __proto__: { admin: true } }),
  fc.string(),
  fc.jsonValue({ maxDepth: 2 }),
);

/**
 * A request body for an operation: a valid one, a valid one with one field made hostile, one with a required field
 * missing, one with an unknown field (mass assignment), or something that is not even an object.
 */
export function bodyFor(schema: Schema | undefined, components: Components): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof(fc.constant(undefined), hostileValue);
  const resolved = resolve(schema, components);
  const valid = validValue(resolved, components);
  const keys = Object.keys(resolved.properties ?? {});
  const arbitraries: fc.Arbitrary<unknown>[] = [valid, hostileValue];
  if (keys.length) {
    arbitraries.push(
      fc
        .tuple(valid, fc.constantFrom(...keys), hostileValue)
        .map(([body, key, bad]) => ({ ...(body as object), [key]: bad })),
      fc.tuple(valid, fc.constantFrom(...keys)).map(([body, key]) => {
        const copy = { ...(body as Record<string, unknown>) };
        delete copy[key];
        return copy;
      }),
    );
  }
  arbitraries.push(
    fc
      .tuple(
        valid,
        fc.constantFrom('id', 'status', 'roles', 'createdAt', 'eventId', 'isAdmin', 'passwordHash'),
        hostileValue,
      )
      .map(([body, key, value]) =>
        body && typeof body === 'object' && !Array.isArray(body) ? { ...body, [key]: value } : body,
      ),
  );
  return fc.oneof(...arbitraries);
}

/** A path parameter: mostly well-formed ids that exist or not, sometimes junk. */
export function pathValue(schema: Schema | undefined, knownIds: string[]): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [
    fc.uuid(),
    fc.constantFrom('not-a-uuid', '0', '-1', '%27', 'null', 'a'.repeat(300)),
  ];
  if (knownIds.length) options.push(fc.constantFrom(...knownIds));
  if (schema?.format !== 'uuid') options.push(fc.string({ minLength: 1, maxLength: 20 }));
  return fc.oneof(...options).map((v) => encodeURIComponent(v));
}

export function queryValue(schema: Schema | undefined, components: Components): fc.Arbitrary<string> {
  return fc.oneof(
    validValue(schema ?? { type: 'string' }, components).map((v) =>
      typeof v === 'object' ? JSON.stringify(v) : String(v),
    ),
    fc.constantFrom(...NASTY_STRINGS.slice(0, 20)),
    fc.constantFrom('-5', '1000000000', '1.5', 'abc', ''),
  );
}
