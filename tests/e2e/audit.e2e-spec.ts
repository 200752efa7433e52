import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../support/test-api.js';

const EVENT = {
  slug: 'audit-ceremony',
  name: 'Audit ceremony',
  treatyTitle: 'Treaty',
  treatyShortTitle: 'T',
  venue: 'Hall',
  city: 'Hanoi',
  timeZone: 'Asia/Ho_Chi_Minh',
  startsOn: '2025-10-25',
  endsOn: '2025-10-26',
};

describe('Audit trail (e2e)', () => {
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.adminToken();
  });
  afterAll(async () => api.close());

  it('should record who changed an event, what changed and the request id when an admin edits it', async () => {
    const created = await api.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${admin}` },
      payload: EVENT,
    });
    const eventId = created.json().id as string;
    const patched = await api.app.inject({
      method: 'PATCH',
      url: `/v1/events/${eventId}`,
      headers: { authorization: `Bearer ${admin}`, 'x-request-id': 'req-audit-1' },
      payload: { signatoryGoal: 42 },
    });
    expect(patched.statusCode).toBe(200);

    const res = await api.app.inject({
      method: 'GET',
      url: `/v1/audit?entityType=event&entityId=${eventId}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.statusCode).toBe(200);
    const [updated, createdEntry] = res.json().items;
    expect(updated).toMatchObject({
      action: 'event.updated',
      actorKind: 'organiser',
      requestId: 'req-audit-1',
      changes: { signatoryGoal: { from: 40, to: 42 } },
    });
    expect(Object.keys(updated.changes)).toEqual(['signatoryGoal']);
    expect(createdEntry.action).toBe('event.created');
  });

  it('should redact personal data and never record password hashes when an account changes', async () => {
    await api.tokenFor('viewer');
    const res = await api.app.inject({
      method: 'GET',
      url: '/v1/audit?entityType=user&action=user.created',
      headers: { authorization: `Bearer ${admin}` },
    });
    const entry = res.json().items[0];
    expect(entry.changes.email).toEqual({ from: null, to: '[redacted]' });
    expect(entry.changes.password).toEqual({ from: null, to: '[redacted]' });
    expect(JSON.stringify(entry)).not.toMatch(/argon2|@accord\.test/);
  });

  it('should refuse UPDATE, DELETE and TRUNCATE on the audit log for every writer', async () => {
    const dataSource = api.app.get(DataSource);
    await expect(dataSource.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(dataSource.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('should export the filtered trail as CSV when asked for text/csv', async () => {
    const res = await api.app.inject({
      method: 'GET',
      url: '/v1/audit?entityType=event',
      headers: { authorization: `Bearer ${admin}`, accept: 'text/csv' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parse(res.body, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.action).sort()).toEqual(['event.created', 'event.updated']);
  });

  it('should keep the audit trail for admins only', async () => {
    const viewer = await api.tokenFor('viewer');
    expect(
      (await api.app.inject({ method: 'GET', url: '/v1/audit', headers: { authorization: `Bearer ${viewer}` } }))
        .statusCode,
    ).toBe(403);
    expect((await api.app.inject({ method: 'GET', url: '/v1/audit' })).statusCode).toBe(401);
  });
});
