import { DataSource } from 'typeorm';
import { buildCatalogue } from '@accord/delegations';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { bearer, createEvent, organisationPayload, register, statePayload } from '../support/delegation-fixtures.js';

interface OutboxRow {
  kind: string;
  recipients: { email: string; name: string; language: string; delegationId: string }[];
  data: Record<string, unknown>;
}

describe('Delegation review workflow (e2e)', () => {
  let api: TestApi;
  let protocol: string;
  let eventId: string;

  beforeAll(async () => {
    api = await startTestApi();
    protocol = await api.tokenFor('protocol');
    eventId = await createEvent(api);
  });
  afterAll(async () => api.close());

  const url = (path = '', event = eventId) => `/v1/events/${event}/delegations${path}`;
  const move = (id: string, to: string, token = protocol, reason?: string, event = eventId) =>
    api.app.inject({
      method: 'POST',
      url: url(`/${id}/transitions`, event),
      headers: bearer(token),
      payload: reason === undefined ? { to } : { to, reason },
    });
  const outbox = (delegationId: string): Promise<OutboxRow[]> =>
    api.app
      .get(DataSource)
      .query(
        `SELECT kind, recipients, data FROM outbox_messages WHERE data->>'delegationId' = $1 ORDER BY created_at, id`,
        [delegationId],
      );

  it('should walk every transition, record each one and put a notification for the focal point in the outbox', async () => {
    const path: [string, string, string | undefined][] = [
      ['submitted', 'waitlisted', 'Room full for now'],
      ['waitlisted', 'approved', undefined],
      ['approved', 'submitted', 'Reopened to add the credentials'],
      ['submitted', 'rejected', 'Not a signatory'],
      ['rejected', 'submitted', undefined],
      ['submitted', 'approved', undefined],
      ['approved', 'cancelled', 'Travel cancelled'],
      ['cancelled', 'submitted', undefined],
      ['submitted', 'waitlisted', undefined],
      ['waitlisted', 'rejected', 'Cap reached'],
      ['rejected', 'cancelled', undefined],
    ];
    const d = await register(
      api,
      eventId,
      statePayload('CAN', {
        focalPoint: { name: 'Jane Doe', email: 'Jane.Doe@International.gc.example', language: 'fr' },
      }),
    );
    for (const [from, to, reason] of path) {
      const res = await move(d.id, to, protocol, reason);
      expect({ from, to, status: res.statusCode }).toEqual({ from, to, status: 200 });
      expect(res.json()).toMatchObject({ status: to, statusReason: reason ?? null });
    }
    // A focal point may cancel a waitlisted (or any live) registration of its own.
    const other = await register(api, eventId, statePayload('MEX'));
    expect((await move(other.id, 'waitlisted')).statusCode).toBe(200);
    const cancelled = await move(other.id, 'cancelled', other.token, 'We cannot travel');
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');

    const history = await api.app.inject({
      method: 'GET',
      url: url(`/${d.id}/transitions`),
      headers: bearer(protocol),
    });
    expect(history.statusCode).toBe(200);
    const records = history.json() as {
      from: string | null;
      to: string;
      reason: string | null;
      actorKind: string;
      actorUserId: string | null;
      at: string;
    }[];
    expect(records.map((t) => [t.from, t.to])).toEqual([[null, 'submitted'], ...path.map(([f, t]) => [f, t])]);
    expect(records[0]!.actorKind).toBe('public');
    for (const t of records.slice(1)) {
      expect(t.actorKind).toBe('organiser');
      expect(t.actorUserId).toMatch(/^[0-9a-f-]{36}$/);
      expect(t.at).toMatch(/\+07:00$/);
    }
    expect(records[4]!.reason).toBe('Not a signatory');
    const focalView = await api.app.inject({
      method: 'GET',
      url: url(`/${d.id}/transitions`),
      headers: bearer(d.token),
    });
    expect(focalView.json()[1]).toMatchObject({ actorKind: 'organiser', actorUserId: null });

    const messages = await outbox(d.id);
    expect(messages.map((m) => m.kind)).toEqual([
      'delegation.submitted',
      ...path.map(() => 'delegation.status_changed'),
    ]);
    for (const m of messages) {
      expect(m.recipients).toEqual([
        { email: 'jane.doe@international.gc.example', name: 'Jane Doe', language: 'fr', delegationId: d.id },
      ]);
    }
    expect(messages.slice(1).map((m) => [m.data.from, m.data.to, m.data.reason])).toEqual(
      path.map(([from, to, reason]) => [from, to, reason ?? null]),
    );
    expect(messages[4]!.data).toMatchObject({
      delegationName: 'Canada',
      to: 'rejected',
      reason: 'Not a signatory',
      actor: 'organiser',
    });
    const focalCancel = await outbox(other.id);
    expect(focalCancel.at(-1)!.data).toMatchObject({
      to: 'cancelled',
      actor: 'focal-point',
      reason: 'We cannot travel',
    });
  });

  it('should refuse an invalid transition with 409 listing the allowed ones, and changes by the wrong caller', async () => {
    const d = await register(api, eventId, statePayload('PRT'));
    expect((await move(d.id, 'approved')).statusCode).toBe(200);
    const invalid = await move(d.id, 'waitlisted');
    expect(invalid.statusCode).toBe(409);
    expect(invalid.json()).toMatchObject({
      code: 'DELEGATION.INVALID_TRANSITION',
      from: 'approved',
      to: 'waitlisted',
      allowed: ['cancelled', 'submitted'],
    });
    const again = await move(d.id, 'approved');
    expect(again.json().allowed).toEqual(['cancelled', 'submitted']);
    const byFocalPoint = await move(d.id, 'submitted', d.token);
    expect(byFocalPoint.statusCode).toBe(409);
    expect(byFocalPoint.json().allowed).toEqual(['cancelled']);
    const viewer = await api.tokenFor('viewer');
    expect((await move(d.id, 'cancelled', viewer)).statusCode).toBe(403);
    expect((await move(d.id, 'cancelled', 'fp_' + 'a'.repeat(43))).statusCode).toBe(401);
    expect(
      (await api.app.inject({ method: 'POST', url: url(`/${d.id}/transitions`), payload: { to: 'cancelled' } }))
        .statusCode,
    ).toBe(401);
    const unknownStatus = await move(d.id, 'archived');
    expect(unknownStatus.statusCode).toBe(400);
    expect(unknownStatus.json().errors).toEqual([expect.objectContaining({ field: 'to' })]);
    const records = await api.app.inject({
      method: 'GET',
      url: url(`/${d.id}/transitions`),
      headers: bearer(protocol),
    });
    expect(records.json()).toHaveLength(2);
  });

  it('should require a reason to reject, and refuse a blank one', async () => {
    const d = await register(api, eventId, statePayload('POL'));
    for (const reason of [undefined, '   ']) {
      const res = await move(d.id, 'rejected', protocol, reason);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    }
    expect((await outbox(d.id)).map((m) => m.kind)).toEqual(['delegation.submitted']);
  });

  it('should lock a decided registration for its focal point but not for organisers, until reset', async () => {
    const d = await register(api, eventId, statePayload('NZL'));
    expect((await move(d.id, 'approved')).statusCode).toBe(200);
    const head = (d.body.members as { id: string }[])[0]!.id;
    const attempts = [
      { method: 'PATCH' as const, url: url(`/${d.id}`), payload: { notes: 'late change' } },
      { method: 'POST' as const, url: url(`/${d.id}/members`), payload: { fullName: 'Late', role: 'member' } },
      { method: 'PATCH' as const, url: url(`/${d.id}/members/${head}`), payload: { title: 'Late title' } },
    ];
    for (const attempt of attempts) {
      const res = await api.app.inject({ ...attempt, headers: bearer(d.token) });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'DELEGATION.LOCKED', currentStatus: 'approved' });
    }
    const read = await api.app.inject({ method: 'GET', url: url(`/${d.id}`), headers: bearer(d.token) });
    expect(read.json()).toMatchObject({ editableByFocalPoint: false, notes: null });
    const byOrganiser = await api.app.inject({ ...attempts[0]!, headers: bearer(protocol) });
    expect(byOrganiser.statusCode).toBe(200);
    expect((await move(d.id, 'submitted')).statusCode).toBe(200);
    const unlocked = await api.app.inject({ ...attempts[1]!, headers: bearer(d.token) });
    expect(unlocked.statusCode).toBe(201);
  });

  it('should approve or reject a selection in one request, all or none', async () => {
    const ids = await Promise.all(
      ['AUS', 'JPN', 'IND'].map(async (c) => (await register(api, eventId, statePayload(c))).id),
    );
    const ngo = await register(api, eventId, organisationPayload('ngo', 'Digital Rights Watch'));
    expect((await move(ids[2]!, 'approved')).statusCode).toBe(200);
    const refused = await api.app.inject({
      method: 'POST',
      url: url('/bulk-transitions'),
      headers: bearer(protocol),
      payload: { delegationIds: ids, to: 'approved' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'DELEGATION.BULK_REFUSED',
      errors: [{ delegationId: ids[2], code: 'DELEGATION.INVALID_TRANSITION', allowed: ['cancelled', 'submitted'] }],
    });
    const statuses = async () =>
      Promise.all(
        ids.map(
          async (id) =>
            (await api.app.inject({ method: 'GET', url: url(`/${id}`), headers: bearer(protocol) })).json().status,
        ),
      );
    expect(await statuses()).toEqual(['submitted', 'submitted', 'approved']);

    const approved = await api.app.inject({
      method: 'POST',
      url: url('/bulk-transitions'),
      headers: bearer(protocol),
      payload: { delegationIds: ids.slice(0, 2), to: 'approved' },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().map((d: { status: string }) => d.status)).toEqual(['approved', 'approved']);
    expect(await statuses()).toEqual(['approved', 'approved', 'approved']);

    const noReason = await api.app.inject({
      method: 'POST',
      url: url('/bulk-transitions'),
      headers: bearer(protocol),
      payload: { delegationIds: [ngo.id], to: 'rejected' },
    });
    expect(noReason.statusCode).toBe(400);
    const rejected = await api.app.inject({
      method: 'POST',
      url: url('/bulk-transitions'),
      headers: bearer(protocol),
      payload: { delegationIds: [ngo.id], to: 'rejected', reason: 'Not accredited to the Ad Hoc Committee' },
    });
    expect(rejected.statusCode).toBe(200);
    expect((await outbox(ngo.id)).at(-1)!.data).toMatchObject({
      to: 'rejected',
      reason: 'Not accredited to the Ad Hoc Committee',
    });
  });

  it('should approve exactly 10 of 50 State delegations approved concurrently against a cap of 10', async () => {
    const capped = await createEvent(api, { maxGovernmentDelegations: 10, maxNonGovernmentDelegations: 1 });
    const admin = await api.adminToken();
    const codes = buildCatalogue()
      .filter((p) => p.kind === 'state')
      .slice(0, 50)
      .map((p) => p.code);
    const ids: string[] = [];
    for (const code of codes) {
      const res = await api.app.inject({
        method: 'POST',
        url: url('', capped),
        headers: bearer(admin),
        payload: statePayload(code),
      });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().delegation.id);
    }
    const results = await Promise.all(ids.map((id) => move(id, 'approved', protocol, undefined, capped)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json()).toMatchObject({ code: 'DELEGATION.CAP_REACHED', group: 'government', cap: 10, approved: 10 });
    }
    const stats = await api.app.inject({ method: 'GET', url: url('/stats', capped), headers: bearer(protocol) });
    expect(stats.json().caps.government).toEqual({ cap: 10, approved: 10, waitlisted: 0 });
    const rows: { n: string }[] = await api.app
      .get(DataSource)
      .query(`SELECT count(*) AS n FROM delegations WHERE event_id = $1 AND status = 'approved'`, [capped]);
    expect(Number(rows[0]!.n)).toBe(10);

    // The non-government cap is separate: one NGO fits, a second does not.
    const ngos = [];
    for (const name of ['NGO One', 'NGO Two']) {
      const res = await api.app.inject({
        method: 'POST',
        url: url('', capped),
        headers: bearer(admin),
        payload: organisationPayload('ngo', name),
      });
      ngos.push(res.json().delegation.id as string);
    }
    expect((await move(ngos[0]!, 'approved', protocol, undefined, capped)).statusCode).toBe(200);
    expect((await move(ngos[1]!, 'approved', protocol, undefined, capped)).json()).toMatchObject({
      code: 'DELEGATION.CAP_REACHED',
      group: 'non_government',
    });

    // A cancellation frees a place; promotion fills it from the waiting list, longest-waiting first.
    const rejectedOnes = ids.filter((_, i) => results[i]!.statusCode === 409);
    for (const id of rejectedOnes.slice(0, 3))
      expect((await move(id, 'waitlisted', protocol, undefined, capped)).statusCode).toBe(200);
    const promoteNone = await api.app.inject({
      method: 'POST',
      url: url('/waitlist/promote', capped),
      headers: bearer(protocol),
      payload: {},
    });
    expect(promoteNone.json()).toEqual([]);
    const approvedOne = ids.find((_, i) => results[i]!.statusCode === 200)!;
    expect((await move(approvedOne, 'cancelled', protocol, 'Withdrew', capped)).statusCode).toBe(200);
    const promoted = await api.app.inject({
      method: 'POST',
      url: url('/waitlist/promote', capped),
      headers: bearer(protocol),
      payload: { group: 'government' },
    });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json().map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([
      [rejectedOnes[0], 'approved'],
    ]);
    const promotedHistory = await api.app.inject({
      method: 'GET',
      url: url(`/${rejectedOnes[0]}/transitions`, capped),
      headers: bearer(protocol),
    });
    expect(promotedHistory.json().at(-1)).toMatchObject({
      from: 'waitlisted',
      to: 'approved',
      reason: 'Promoted from the waiting list',
    });
  });

  it('should record every status change in the audit trail in the same transaction', async () => {
    const d = await register(api, eventId, statePayload('SWE'));
    expect((await move(d.id, 'rejected', protocol, 'Duplicate registration')).statusCode).toBe(200);
    const rows: { action: string; changes: Record<string, { from: unknown; to: unknown }> }[] = await api.app
      .get(DataSource)
      .query(`SELECT action, changes FROM audit_log WHERE entity_id = $1 ORDER BY id`, [d.id]);
    expect(rows.map((r) => r.action)).toEqual(['delegation.submitted', 'delegation.rejected']);
    expect(rows[1]!.changes.status).toEqual({ from: 'submitted', to: 'rejected' });
    expect(JSON.stringify(rows)).not.toContain('@mfa.example');
  });
});
