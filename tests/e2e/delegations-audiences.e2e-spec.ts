import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { bearer, createEvent, organisationPayload, register, statePayload } from '../support/delegation-fixtures.js';

describe('Announcement audiences of delegations (e2e)', () => {
  let api: TestApi;
  let admin: string;
  let eventId: string;

  const approve = (id: string) =>
    api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/delegations/${id}/transitions`,
      headers: bearer(admin),
      payload: { to: 'approved' },
    });

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.adminToken();
    eventId = await createEvent(api);
    const vietNam = await register(api, eventId, statePayload('VNM'));
    const france = await register(api, eventId, statePayload('FRA'));
    await register(api, eventId, statePayload('KEN')); // stays submitted: never in an audience
    const ngo = await register(api, eventId, organisationPayload('ngo', 'Digital Rights Watch'));
    for (const d of [vietNam, france, ngo]) expect((await approve(d.id)).statusCode).toBe(200);
  });
  afterAll(async () => api.close());

  async function recipientsOf(audience: Record<string, unknown>): Promise<string[]> {
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/announcements`,
      headers: bearer(admin),
      payload: { subject: 'Shuttle times', body: 'Buses leave at 07:30.', audience },
    });
    expect(res.statusCode).toBe(201);
    const [row] = await api.app
      .get(DataSource)
      .query(`SELECT recipients FROM outbox_messages WHERE kind = 'announcement' ORDER BY created_at DESC LIMIT 1`);
    return (row.recipients as Array<{ email: string }>).map((r) => r.email).sort();
  }

  it('should reach every focal point and member with an email of the approved delegations only', async () => {
    expect(await recipientsOf({ type: 'approved-delegations' })).toEqual([
      'adviser.fra@mfa.example',
      'adviser.vnm@mfa.example',
      'contact@digital-rights-watch.example',
      'focal.fra@mfa.example',
      'focal.vnm@mfa.example',
    ]);
  });

  it('should narrow to a kind or a group of kinds when asked', async () => {
    expect(await recipientsOf({ type: 'delegation-kind', params: { kind: 'ngo' } })).toEqual([
      'contact@digital-rights-watch.example',
    ]);
    expect(await recipientsOf({ type: 'delegation-kind', params: { kind: 'government' } })).toHaveLength(4);
  });

  it('should name the bad param when the kind is unknown', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/announcements`,
      headers: bearer(admin),
      payload: { subject: 'x', body: 'x', audience: { type: 'delegation-kind', params: { kind: 'pirates' } } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'audience.params.kind' })]);
  });
});
