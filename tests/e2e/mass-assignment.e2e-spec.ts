import { startTestApi, type TestApi } from '../support/test-api.js';
import { bearer, createEvent, statePayload } from '../support/delegation-fixtures.js';
import { registerAs } from '../support/scheduling-fixtures.js';

/** Fields no client may ever set directly: they are the server's to decide. */
const SERVER_OWNED = [
  'id',
  'status',
  'roles',
  'createdAt',
  'updatedAt',
  'statusChangedAt',
  'seatsTaken',
  'sequence',
  'passwordHash',
  'tokenHash',
  'voidedAt',
  'recordedBy',
  'publishedAt',
];

interface Schema {
  $ref?: string;
  properties?: Record<string, unknown>;
  allOf?: Schema[];
}

/**
 * Mass assignment (OWASP API3): every request body is validated against a DTO that rejects unknown fields, so a
 * field the caller may not set is refused by name rather than silently written.
 */
describe('Mass assignment (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '10000000' });
  });
  afterAll(async () => api.close());

  it('should refuse, naming it, every server-owned field a request schema does not declare', async () => {
    const admin = await api.adminToken();
    const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const schemas = doc.components.schemas as Record<string, Schema>;
    const resolve = (s: Schema | undefined): Schema | undefined =>
      s?.$ref ? schemas[s.$ref.split('/').pop()!] : s?.allOf?.length === 1 ? resolve(s.allOf[0]) : s;
    let checked = 0;
    const failures: string[] = [];
    for (const [path, item] of Object.entries(
      doc.paths as Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>,
    )) {
      for (const [method, op] of Object.entries(item)) {
        const schema = resolve(op.requestBody?.content?.['application/json']?.schema);
        if (!schema?.properties) continue;
        const url = path.replace(/\{(\w+)\}/g, '00000000-0000-4000-8000-000000000000');
        for (const field of SERVER_OWNED.filter((f) => !(f in schema.properties!))) {
          checked += 1;
          const res = await api.app.inject({
            method: method.toUpperCase() as 'POST',
            url,
            headers: bearer(admin),
            payload: { [field]: 'x' },
          });
          const named =
            res.statusCode === 400 && (res.json().errors ?? []).some((e: { field: string }) => e.field === field);
          if (!named)
            failures.push(`${method.toUpperCase()} ${path} accepted or did not name "${field}" (${res.statusCode})`);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });

  it('should not let a focal point approve its own delegation by sending a status', async () => {
    const eventId = await createEvent(api);
    const party = await registerAs(api, eventId, statePayload('VNM'));
    const res = await api.app.inject({
      method: 'PATCH',
      url: `/v1/events/${eventId}/delegations/${party.id}`,
      headers: bearer(party.token),
      payload: { status: 'approved' },
    });
    expect(res.statusCode).toBe(400);
    const read = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/delegations/${party.id}`,
      headers: bearer(party.token),
    });
    expect(read.json().status).toBe('submitted');
  });
});
