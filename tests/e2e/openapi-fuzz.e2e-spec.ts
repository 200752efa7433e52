import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { bodyFor, pathValue, queryValue, type Components, type Schema } from '../support/openapi-arbitraries.js';

/** Cases per operation; CI runs the default, a deeper local run can raise it. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

interface Operation {
  method: string;
  path: string;
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  'x-access'?: string[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

/**
 * Property-based fuzzing of every operation in the OpenAPI document: valid, boundary and malformed bodies, query
 * strings and path parameters. Whatever comes in, the API never answers 5xx, every error is problem+json, and a
 * refused write leaves the database exactly as it was.
 */
describe('OpenAPI fuzzing (e2e)', () => {
  let api: TestApi;
  let admin: string;
  let components: Components;
  let operations: Operation[];
  let knownIds: string[];
  let tables: string[];

  beforeAll(async () => {
    api = await startTestApi({
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '10000000',
      RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '10000000',
      LOGIN_FAILURES_BEFORE_LOCKOUT: '1000',
    });
    admin = await api.adminToken();
    const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    components = doc.components?.schemas ?? {};
    operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
    );
    const event = await api.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${admin}` },
      payload: {
        slug: 'fuzz',
        name: 'Fuzz',
        treatyTitle: 'T',
        treatyShortTitle: 'T',
        venue: 'V',
        city: 'C',
        timeZone: 'UTC',
        startsOn: '2025-10-25',
        endsOn: '2025-10-26',
      },
    });
    const me = await api.app.inject({
      method: 'GET',
      url: '/v1/auth/me',
      headers: { authorization: `Bearer ${admin}` },
    });
    knownIds = [event.json().id, me.json().id];
    tables = (
      await api.app
        .get(DataSource)
        .query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`)
    ).map((r: { tablename: string }) => r.tablename);
  });
  afterAll(async () => api.close());

  const rowCounts = async () =>
    JSON.stringify(
      await api.app
        .get(DataSource)
        .query(`SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(', ')}`),
    );

  it('should cover every operation of the document', () => {
    expect(operations.length).toBeGreaterThan(10);
  });

  it('should never answer 5xx, always use problem+json for errors, and leave no partial writes when fuzzed', async () => {
    const perOperation: Record<string, number> = {};
    for (const op of operations) {
      // A stream never ends, so inject would wait forever; the SSE suite covers it over real HTTP.
      if (op.responses?.['200']?.content?.['text/event-stream']) continue;
      const label = `${op.method} ${op.path}`;
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
      const jsonSchema = op.requestBody?.content?.['application/json']?.schema;
      const hasBody = ['POST', 'PUT', 'PATCH'].includes(op.method);
      const mutating = op.method !== 'GET' && op.method !== 'HEAD';
      perOperation[label] = 0;

      await fc.assert(
        fc.asyncProperty(
          fc.record({
            path: fc.tuple(...pathParams.map((p) => pathValue(p.schema, knownIds)), fc.constant('')),
            query: fc.array(
              fc.tuple(fc.constantFrom(...queryParams.map((p) => p.name), 'unknownParam'), fc.constant(null)),
              { maxLength: 3 },
            ),
            queryValues: fc.array(queryValue(undefined, components), { minLength: 3, maxLength: 3 }),
            body: hasBody ? bodyFor(jsonSchema, components) : fc.constant(undefined),
            anonymous: fc.boolean().map((b) => b && Math.random() < 0.2),
            rawBody: fc.constantFrom(false, false, false, false, true),
          }),
          async (input) => {
            perOperation[label]! += 1;
            let url = op.path;
            pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, input.path[i] as string)));
            const query = input.query
              .map(([name], i) => `${encodeURIComponent(name)}=${encodeURIComponent(input.queryValues[i % 3]!)}`)
              .join('&');
            if (query) url += `?${query}`;
            const before = mutating ? await rowCounts() : '';
            const headers: Record<string, string> = input.anonymous ? {} : { authorization: `Bearer ${admin}` };
            let payload: string | undefined;
            if (hasBody) {
              headers['content-type'] = 'application/json';
              payload = input.rawBody ? '{"unterminated": ' : JSON.stringify(input.body ?? null);
            }
            const res = await api.app.inject({ method: op.method as 'GET', url, headers, payload });
            if (res.statusCode >= 500)
              throw new Error(`${label} → ${res.statusCode} for ${url} ${payload ?? ''}: ${res.body}`);
            if (res.statusCode >= 400) {
              expect(res.headers['content-type']).toContain('application/problem+json');
              const problem = res.json();
              expect(problem.status).toBe(res.statusCode);
              expect(typeof problem.code).toBe('string');
              if (mutating) expect(await rowCounts()).toBe(before);
            }
          },
        ),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20251025) },
      );
    }
    const counts = Object.values(perOperation);
    console.log(
      `fuzzed ${counts.length} operations, ${Math.min(...counts)}–${Math.max(...counts)} cases each, ${counts.reduce((a, b) => a + b, 0)} requests`,
    );
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(RUNS);
  }, 900_000);
});
