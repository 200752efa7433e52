import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '../../scripts/all-entities.js';
import { startTestApi, TEST_ADMIN, type TestApi } from '../support/test-api.js';

const HANOI = {
  slug: 'hanoi-2025',
  name: 'Signing ceremony of the United Nations Convention against Cybercrime',
  treatyTitle: 'United Nations Convention against Cybercrime',
  treatyShortTitle: 'Hanoi Convention',
  venue: 'National Convention Center',
  city: 'Hanoi',
  timeZone: 'Asia/Ho_Chi_Minh',
  startsOn: '2025-10-25',
  endsOn: '2025-10-26',
  registrationOpensAt: '2025-09-01T00:00:00+07:00',
  registrationClosesAt: '2025-10-20T17:00:00+07:00',
};

describe('Foundation (e2e)', () => {
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.adminToken();
  });
  afterAll(async () => api.close());

  const inject = (options: Parameters<TestApi['app']['inject']>[0]) => api.app.inject(options);

  it('should log the bootstrap admin in and describe the account when asked /auth/me', async () => {
    const res = await inject({ method: 'GET', url: '/v1/auth/me', headers: { authorization: `Bearer ${admin}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: TEST_ADMIN.email, roles: ['admin'] });
    expect(res.body).not.toContain('password');
  });

  it('should refuse a wrong password with a problem+json 401', async () => {
    const res = await inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: TEST_ADMIN.email, password: 'wrong' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, code: 'AUTH.INVALID_CREDENTIALS' });
  });

  it('should create an event and read it back with times in the event zone when an admin posts it', async () => {
    const created = await inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${admin}` },
      payload: HANOI,
    });
    expect(created.statusCode).toBe(201);
    const event = created.json();
    expect(event).toMatchObject({
      slug: 'hanoi-2025',
      signatoryGoal: 40,
      eifThreshold: 40,
      eifDaysAfter: 90,
      registrationOpensAt: '2025-09-01T00:00:00+07:00',
      registrationClosesAt: '2025-10-20T17:00:00+07:00',
    });
    const read = await inject({ method: 'GET', url: `/v1/events/${event.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(event);
    const list = await inject({ method: 'GET', url: '/v1/events' });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: event.id }] });

    const patched = await inject({
      method: 'PATCH',
      url: `/v1/events/${event.id}`,
      headers: { authorization: `Bearer ${admin}` },
      payload: { signatoryGoal: 45 },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().signatoryGoal).toBe(45);

    const duplicate = await inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${admin}` },
      payload: HANOI,
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('EVENT.SLUG_TAKEN');
  });

  it('should refuse event creation by a viewer (403) and user listing by anonymous callers (401)', async () => {
    const viewer = await api.tokenFor('viewer');
    const res = await inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${viewer}` },
      payload: { ...HANOI, slug: 'other' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('AUTH.FORBIDDEN');
    const anonymous = await inject({ method: 'GET', url: '/v1/users' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    const forged = await inject({
      method: 'GET',
      url: '/v1/users',
      headers: { authorization: `Bearer ${admin.slice(0, -3)}abc` },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('should name each invalid field when the body fails validation', async () => {
    const res = await inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${admin}` },
      payload: { ...HANOI, slug: 'Bad Slug', timeZone: 'Mars/Olympus', startsOn: '25/10/2025' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body).toMatchObject({ status: 400, code: 'VALIDATION.FAILED', title: 'Bad Request' });
    expect(body.requestId).toBe(res.headers['x-request-id']);
    const fields = body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['slug', 'timeZone', 'startsOn']));
  });

  it('should reject an unknown field instead of ignoring it', async () => {
    const res = await inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${admin}` },
      payload: { ...HANOI, slug: 'with-extra', id: '00000000-0000-0000-0000-000000000000' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });

  it('should answer a malformed JSON body with a problem+json 400', async () => {
    const res = await inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      payload: '{"slug": "x",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('REQUEST.MALFORMED_JSON');
  });

  it('should answer a bad UUID in a path with 400 and an unknown id or route with 404', async () => {
    const bad = await inject({ method: 'GET', url: '/v1/events/not-a-uuid' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const missing = await inject({ method: 'GET', url: '/v1/events/5b0c8f3e-2f55-4c7e-9d43-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ status: 404, code: 'EVENT.NOT_FOUND' });
    const route = await inject({ method: 'GET', url: '/v1/nowhere' });
    expect(route.statusCode).toBe(404);
    expect(route.headers['content-type']).toContain('application/problem+json');
  });

  it('should serve the OpenAPI 3.1 document with every operation declaring who may call it', async () => {
    const res = await inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths as Record<string, Record<string, { 'x-access'?: string[] }>>).flatMap(
      (p) => Object.values(p),
    );
    expect(operations.length).toBeGreaterThan(5);
    for (const op of operations) expect(op['x-access']?.length).toBeGreaterThan(0);
    const docs = await inject({ method: 'GET', url: '/docs' });
    expect(docs.statusCode).toBe(200);
  });

  it('should list every entity the API registers in ALL_ENTITIES when the migration scripts read it', () => {
    const registered = api.app.get(DataSource).entityMetadatas.map((m) => m.target);
    expect(new Set(registered)).toEqual(new Set(ALL_ENTITIES));
  });

  it('should report liveness and readiness when PostgreSQL and Redis are up', async () => {
    expect((await inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });
  });
});
