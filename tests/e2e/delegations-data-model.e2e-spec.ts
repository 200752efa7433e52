import { DataSource } from 'typeorm';
import {
  Delegation,
  DelegationKind,
  DelegationMember,
  DelegationStatus,
  FocalPointTokensService,
  MemberRole,
  Participant,
} from '@accord/delegations';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { createEvent } from '../support/delegation-fixtures.js';
import { seedDelegations } from '../../scripts/seed/seed-delegations.js';
import { seedEvent } from '../../scripts/seed/seed-event.js';

describe('Delegations data model (e2e)', () => {
  let api: TestApi;
  let dataSource: DataSource;
  let eventId: string;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
    eventId = await createEvent(api);
  });
  afterAll(async () => api.close());

  /** A delegation written straight to the database, with a token issued the way registration issues one. */
  async function delegationWithToken(code: string): Promise<{ id: string; token: string }> {
    return dataSource.transaction(async (manager) => {
      const participant = await manager.findOneByOrFail(Participant, { code });
      const delegation = await manager.save(
        manager.create(Delegation, {
          eventId,
          kind: DelegationKind.State,
          participantId: participant.id,
          focalPointName: 'Focal Point',
          focalPointEmail: `fp-${code.toLowerCase()}@example.org`,
          focalPointLanguage: 'fr',
        }),
      );
      await manager.save(
        manager.create(DelegationMember, {
          delegationId: delegation.id,
          fullName: 'Head of Delegation',
          role: MemberRole.Head,
          willSign: true,
        }),
      );
      const { token } = await api.app.get(FocalPointTokensService).issue(manager, delegation.id);
      return { id: delegation.id, token };
    });
  }

  it('should serve the catalogue of 195 States and the EU when anyone lists participants', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/v1/participants' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(196);
    expect(body.items.find((p: { code: string }) => p.code === 'VNM')).toMatchObject({
      kind: 'state',
      alpha2: 'VN',
      nameEn: 'Viet Nam',
      regionalGroup: 'asia_pacific',
      unStatus: 'member',
    });
    expect(body.items.find((p: { code: string }) => p.code === 'EU')).toMatchObject({ kind: 'reio' });
  });

  it('should filter participants by kind, regional group and text in any language', async () => {
    const reio = await api.app.inject({ method: 'GET', url: '/v1/participants?kind=reio' });
    expect(reio.json().items.map((p: { code: string }) => p.code)).toEqual(['EU']);
    const eeg = await api.app.inject({ method: 'GET', url: '/v1/participants?regionalGroup=eastern_european' });
    expect(eeg.json().total).toBe(23);
    const vi = await api.app.inject({ method: 'GET', url: `/v1/participants?q=${encodeURIComponent('Việt')}` });
    expect(vi.json().items.map((p: { code: string }) => p.code)).toEqual(['VNM']);
    const code = await api.app.inject({ method: 'GET', url: '/v1/participants?q=fr' });
    expect(code.json().items.map((p: { code: string }) => p.code)).toContain('FRA');
    const bad = await api.app.inject({ method: 'GET', url: '/v1/participants?regionalGroup=nowhere' });
    expect(bad.statusCode).toBe(400);
  });

  it('should let a focal-point token read its own delegation and answer 404 for another when used', async () => {
    const a = await delegationWithToken('FRA');
    const b = await delegationWithToken('DEU');
    const own = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/delegations/${a.id}`,
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      id: a.id,
      name: 'France',
      status: DelegationStatus.Submitted,
      members: [{ role: 'head', willSign: true }],
    });
    const other = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/delegations/${b.id}`,
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('Germany');
  });

  it('should refuse a revoked or unknown focal-point token with 401', async () => {
    const c = await delegationWithToken('ITA');
    await dataSource.transaction((manager) => api.app.get(FocalPointTokensService).revokeAll(manager, c.id));
    const revoked = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/delegations/${c.id}`,
      headers: { authorization: `Bearer ${c.token}` },
    });
    expect(revoked.statusCode).toBe(401);
    const unknown = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/delegations/${c.id}`,
      headers: { authorization: `Bearer fp_${'x'.repeat(43)}` },
    });
    expect(unknown.statusCode).toBe(401);
  });

  it('should store only the SHA-256 of a focal-point token', async () => {
    const d = await delegationWithToken('ESP');
    const rows: { token_hash: string }[] = await dataSource.query(
      'SELECT token_hash FROM focal_point_tokens WHERE delegation_id = $1',
      [d.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.token_hash).not.toContain(d.token.slice(3, 20));
  });

  it('should refuse a second delegation of the same State for the same event in PostgreSQL', async () => {
    await delegationWithToken('JPN');
    await expect(delegationWithToken('JPN')).rejects.toMatchObject({ code: '23505' });
  });

  it('should seed about 130 delegations, about 70 of them governments, in a mix of statuses, once', async () => {
    const first = await dataSource.transaction(async (manager) => seedDelegations(manager, await seedEvent(manager)));
    expect(first).toEqual({ created: 130, total: 130 });
    const second = await dataSource.transaction(async (manager) => seedDelegations(manager, await seedEvent(manager)));
    expect(second).toEqual({ created: 0, total: 130 });
    const rows: { kind: string; status: string; n: string }[] = await dataSource.query(
      `SELECT d.kind, d.status, count(*) AS n FROM delegations d JOIN events e ON e.id = d.event_id
        WHERE e.slug = 'hanoi-2025' GROUP BY 1, 2`,
    );
    const count = (filter: (r: { kind: string; status: string }) => boolean) =>
      rows.filter(filter).reduce((n, r) => n + Number(r.n), 0);
    expect(count((r) => r.kind === 'state')).toBe(70);
    expect(count((r) => r.kind === 'reio')).toBe(1);
    for (const kind of ['igo', 'un_entity', 'ngo', 'private_sector', 'academia'])
      expect(count((r) => r.kind === kind)).toBeGreaterThan(5);
    for (const status of ['submitted', 'approved', 'waitlisted', 'rejected', 'cancelled'])
      expect(count((r) => r.status === status)).toBeGreaterThan(0);
    const heads: { n: string }[] = await dataSource.query(
      `SELECT count(*) AS n FROM delegation_members WHERE role = 'head'`,
    );
    expect(Number(heads[0]!.n)).toBeGreaterThanOrEqual(130);
  });
});
