import { createHash, randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ANONYMOUS } from '@accord/core';
import {
  IdempotencyKeySweeper,
  RegistrationWriter,
  type NewRegistration,
  type RegisterDelegationDto,
  type WriteGuard,
} from '@accord/delegations';
import { Event, EventSnapshots } from '@accord/events';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { createEvent, nextClientAddress, organisationPayload, statePayload } from '../support/delegation-fixtures.js';

/**
 * The registration is one statement checked against an event kept in memory: these pin down what that must not
 * change (all or nothing, one delegation per idempotency key, refusals on the event as it is now).
 */
describe('Delegation registration statement (e2e)', () => {
  let api: TestApi;
  let dataSource: DataSource;
  let eventId: string;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
    eventId = await createEvent(api, { seatsPerDelegation: { ngo: 2 } });
  });
  afterAll(async () => api.close());

  const post = (payload: Record<string, unknown>, key?: string, event = eventId) =>
    api.app.inject({
      method: 'POST',
      url: `/v1/events/${event}/delegations`,
      headers: key ? { 'idempotency-key': key } : {},
      payload,
      remoteAddress: nextClientAddress(),
    });

  /** Rows a registration writes besides the delegation itself, for the whole database. */
  async function rowCounts(): Promise<Record<string, number>> {
    const [row] = await dataSource.query<Record<string, string>[]>(`
      SELECT (SELECT count(*) FROM delegations) AS delegations,
             (SELECT count(*) FROM delegation_members) AS members,
             (SELECT count(*) FROM delegation_transitions) AS transitions,
             (SELECT count(*) FROM focal_point_tokens) AS tokens,
             (SELECT count(*) FROM outbox_messages) AS messages,
             (SELECT count(*) FROM audit_log WHERE action = 'delegation.submitted') AS audit,
             (SELECT count(*) FROM registration_idempotency_keys) AS keys`);
    return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
  }

  it('should write every row of a registration together: delegation, members, transition, token, outbox, audit, key', async () => {
    const before = await rowCounts();
    const res = await post(
      organisationPayload('ngo', 'Statement Watch', {
        members: [
          { fullName: 'Head', role: 'head' },
          { fullName: 'Adviser', role: 'adviser' },
        ],
      }),
      randomUUID(),
    );
    expect(res.statusCode).toBe(201);
    const id = res.json().delegation.id as string;
    expect(await rowCounts()).toEqual({
      delegations: before.delegations! + 1,
      members: before.members! + 2,
      transitions: before.transitions! + 1,
      tokens: before.tokens! + 1,
      messages: before.messages! + 1,
      audit: before.audit! + 1,
      keys: before.keys! + 1,
    });
    const [message] = await dataSource.query<{ kind: string; data: { delegationId: string; memberCount: number } }[]>(
      `SELECT kind, data FROM outbox_messages WHERE data->>'delegationId' = $1`,
      [id],
    );
    expect(message).toMatchObject({ kind: 'delegation.submitted', data: { delegationId: id, memberCount: 2 } });
    const [transition] = await dataSource.query<{ to_status: string; actor_kind: string }[]>(
      `SELECT to_status, actor_kind FROM delegation_transitions WHERE delegation_id = $1`,
      [id],
    );
    expect(transition).toEqual({ to_status: 'submitted', actor_kind: 'public' });
  });

  it('should leave no row behind when the statement fails half-way (a State registered twice), nor use up the key', async () => {
    expect((await post(statePayload('KEN'), randomUUID())).statusCode).toBe(201);
    const before = await rowCounts();
    const key = randomUUID();
    const again = await post(
      statePayload('KEN', { focalPoint: { name: 'Other', email: 'other@ken.example', language: 'en' } }),
      key,
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DELEGATION.ALREADY_REGISTERED');
    expect(await rowCounts()).toEqual(before);
    // The key was claimed by the failed statement only: it is free for the next form.
    const other = await post(statePayload('UGA'), key);
    expect(other.statusCode).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
  });

  it('should create one delegation for many concurrent requests with the same key and replay it to all the others', async () => {
    const key = randomUUID();
    const payload = organisationPayload('igo', 'Concurrent Organisation');
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(payload, key)));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
    const ids = new Set(answers.map((a) => a.json().delegation.id as string));
    expect(ids.size).toBe(1);
    expect(new Set(answers.map((a) => a.json().focalPointToken as string)).size).toBe(1);
    const [{ n }] = await dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM delegations WHERE organisation_name = 'Concurrent Organisation'`,
    );
    expect(Number(n)).toBe(1);
  });

  it('should check a registration against the event as it is now, even when another process changed it', async () => {
    const own = await createEvent(api, { seatsPerDelegation: { ngo: 3 } });
    expect((await post(organisationPayload('ngo', 'Warm Cache'), undefined, own)).statusCode).toBe(201);
    // Written straight to the table: this process's EventsService never hears of it (as with another API process).
    await dataSource.query(
      `UPDATE events SET registration_opens_at = now() - interval '2 days', registration_closes_at = now() - interval '1 day' WHERE id = $1`,
      [own],
    );
    const closed = await post(organisationPayload('ngo', 'Too Late'), randomUUID(), own);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('REGISTRATION.CLOSED');
    await dataSource.query(
      `UPDATE events SET registration_closes_at = now() + interval '1 day', seats_per_delegation = '{"ngo": 1}' WHERE id = $1`,
      [own],
    );
    const twoMembers = organisationPayload('ngo', 'Two Members', {
      members: [
        { fullName: 'Head', role: 'head' },
        { fullName: 'Adviser', role: 'adviser' },
      ],
    });
    const capped = await post(twoMembers, undefined, own);
    expect(capped.statusCode).toBe(422);
    expect(capped.json().code).toBe('DELEGATION.TOO_MANY_MEMBERS');
    expect((await post(organisationPayload('ngo', 'One Member'), undefined, own)).statusCode).toBe(201);
  });

  it('should read an event once for the registrations that first need it at the same moment', async () => {
    const own = await createEvent(api, { seatsPerDelegation: { ngo: 2 } });
    const reads = jest.spyOn(api.app.get(EventSnapshots), 'reload');
    try {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => post(organisationPayload('ngo', `Opening Rush ${i}`), undefined, own)),
      );
      expect(answers.map((answer) => answer.statusCode)).toEqual(Array(30).fill(201));
      expect(reads).toHaveBeenCalledTimes(1); // the form opening on a cold process: one read, not one per request
    } finally {
      reads.mockRestore();
    }
  });

  it('should replay an answer after the window has closed, and refuse its key for another form', async () => {
    const own = await createEvent(api);
    const key = randomUUID();
    const payload = organisationPayload('academia', 'Late University');
    const first = await post(payload, key, own);
    expect(first.statusCode).toBe(201);
    const closing = await api.app.inject({
      method: 'PATCH',
      url: `/v1/events/${own}`,
      headers: { authorization: `Bearer ${await api.adminToken()}` },
      payload: { registrationOpensAt: '2020-01-01T00:00:00Z', registrationClosesAt: '2020-02-01T00:00:00Z' },
    });
    expect(closing.statusCode).toBe(200);
    const replay = await post(payload, key, own);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const reused = await post(organisationPayload('academia', 'Another University'), key, own);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('IDEMPOTENCY.KEY_REUSED');
    const fresh = await post(organisationPayload('academia', 'Another University'), randomUUID(), own);
    expect(fresh.statusCode).toBe(409);
    expect(fresh.json().code).toBe('REGISTRATION.CLOSED');
  });

  it('should treat an expired key as unknown, and let the sweeper delete expired answers', async () => {
    const key = randomUUID();
    const keyHash = createHash('sha256').update(key).digest('hex');
    const first = await post(organisationPayload('ngo', 'Yesterday'), key);
    expect(first.statusCode).toBe(201);
    const age = (hours: number) =>
      dataSource.query(
        `UPDATE registration_idempotency_keys SET created_at = now() - make_interval(hours => $1) WHERE key_hash = $2`,
        [hours, keyHash],
      );
    await age(25);
    const second = await post(organisationPayload('ngo', 'Today'), key);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.json().delegation.id).not.toBe(first.json().delegation.id);
    const [stored] = await dataSource.query<{ delegation_id: string }[]>(
      `SELECT delegation_id FROM registration_idempotency_keys WHERE key_hash = $1`,
      [keyHash],
    );
    expect(stored!.delegation_id).toBe(second.json().delegation.id);
    await age(25);
    expect(await api.app.get(IdempotencyKeySweeper).sweep()).toBeGreaterThanOrEqual(1);
    const left = await dataSource.query(`SELECT 1 FROM registration_idempotency_keys WHERE key_hash = $1`, [keyHash]);
    expect(left).toHaveLength(0);
  });

  describe('group commit', () => {
    it('should write concurrent registrations in shared statements, each with exactly its own rows', async () => {
      const writer = api.app.get(RegistrationWriter);
      const before = await rowCounts();
      const stats = { ...writer.stats };
      const members = [
        { fullName: 'Head', role: 'head' },
        { fullName: 'Adviser', role: 'adviser' },
      ];
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          post(organisationPayload('ngo', `Batch Network ${i}`, { members }), i % 2 ? randomUUID() : undefined),
        ),
      );
      expect(answers.map((a) => a.statusCode)).toEqual(Array(30).fill(201));
      expect(writer.stats.items - stats.items).toBe(30);
      // The requests came faster than statements completed: some statement wrote several of them.
      expect(writer.stats.statements - stats.statements).toBeLessThan(30);
      expect(await rowCounts()).toEqual({
        delegations: before.delegations! + 30,
        members: before.members! + 60,
        transitions: before.transitions! + 30,
        tokens: before.tokens! + 30,
        messages: before.messages! + 30,
        audit: before.audit! + 30,
        keys: before.keys! + 15,
      });
      const ids = answers.map((a) => a.json().delegation.id as string);
      const perDelegation = await dataSource.query<Array<{ rows: string }>>(
        `SELECT concat_ws('/',
            (SELECT count(*) FROM delegation_members m WHERE m.delegation_id = d.id),
            (SELECT count(*) FROM delegation_transitions t WHERE t.delegation_id = d.id),
            (SELECT count(*) FROM focal_point_tokens f WHERE f.delegation_id = d.id),
            (SELECT count(*) FROM outbox_messages o WHERE (o.data->>'delegationId')::uuid = d.id),
            (SELECT count(*) FROM audit_log a WHERE a.entity_id = d.id::text)) AS rows
           FROM delegations d WHERE d.id = ANY($1::uuid[])`,
        [ids],
      );
      expect(perDelegation.map((r) => r.rows)).toEqual(Array(30).fill('2/1/1/1/1'));
    });

    /** Registrations prepared as the form would, written through the writer directly (so they share a tick). */
    async function prepared(names: string[], event = eventId) {
      const writer = api.app.get(RegistrationWriter);
      const row = await dataSource.manager.findOneByOrFail(Event, { id: event });
      const [{ version }] = await dataSource.query<{ version: string }[]>(
        'SELECT xmin::text AS version FROM events WHERE id = $1',
        [event],
      );
      const registrations = names.map((name) => {
        const dto = organisationPayload('academia', name) as unknown as RegisterDelegationDto;
        return writer.prepare(ANONYMOUS, row, dto, null, 'form', { focalPointToken: true });
      });
      return { writer, registrations, version };
    }

    const answerFor = (registration: NewRegistration, key: string): WriteGuard['answer'] => ({
      eventId: registration.delegation.eventId,
      keyHash: createHash('sha256').update(key).digest('hex'),
      requestHash: createHash('sha256').update(registration.delegation.id).digest('hex'),
      delegationId: registration.delegation.id,
      responseBody: { id: registration.delegation.id },
      encryptedToken: Buffer.from('sealed'),
    });

    const written = async (ids: string[]) =>
      (await dataSource.query<{ id: string }[]>('SELECT id FROM delegations WHERE id = ANY($1::uuid[])', [ids])).map(
        (r) => r.id,
      );

    it('should tell each registration of a statement whether it was written, its key taken or its event changed', async () => {
      const {
        writer,
        registrations: [alone, keyed, sameKey, free, stale1, stale2],
        version,
      } = await prepared(['Alone', 'Keyed', 'Same Key', 'Free', 'Stale One', 'Stale Two'].map((n) => `${n} College`));
      const key = randomUUID();
      const stats = { ...writer.stats };
      const outcomes = await Promise.all([
        writer.submit(alone!, { eventVersion: version }),
        writer.submit(keyed!, { eventVersion: version, answer: answerFor(keyed!, key) }),
        writer.submit(sameKey!, { eventVersion: version, answer: answerFor(sameKey!, key) }),
        writer.submit(free!, { eventVersion: version }),
      ]);
      expect(outcomes).toEqual(['written', 'written', 'key-taken', 'written']);
      // Submitted in one turn: all together but the second claim of the key, which gets a statement of its own.
      expect(writer.stats.statements - stats.statements).toBe(2);
      expect(writer.stats.fallbacks).toBe(stats.fallbacks);
      const stale = await Promise.all([
        writer.submit(stale1!, { eventVersion: '0' }),
        writer.submit(stale2!, { eventVersion: '0' }),
      ]);
      expect(stale).toEqual(['event-changed', 'event-changed']);
      const all = [alone, keyed, sameKey, free, stale1, stale2].map((r) => r!.delegation.id);
      expect((await written(all)).sort()).toEqual([alone, keyed, free].map((r) => r!.delegation.id).sort());
    });

    it('should write registrations again one by one when their shared statement fails, so only the culprit fails', async () => {
      expect((await post(statePayload('TZA'), randomUUID())).statusCode).toBe(201);
      const { writer, registrations, version } = await prepared(['First Academy', 'Second Academy', 'Third Academy']);
      const [first, second, third] = registrations as [NewRegistration, NewRegistration, NewRegistration];
      // The second is made a duplicate of Tanzania's delegation (one per State and event): the shared statement fails.
      const [tanzania] = await dataSource.query<{ participant_id: string }[]>(
        `SELECT participant_id FROM delegations WHERE event_id = $1 AND participant_id IS NOT NULL
           AND participant_id = (SELECT id FROM participants WHERE code = 'TZA')`,
        [eventId],
      );
      Object.assign(second.delegation, {
        kind: 'state',
        participantId: tanzania!.participant_id,
        organisationName: null,
      });
      const fourth = (await prepared(['Fourth Academy'])).registrations[0]!;
      const stats = { ...writer.stats };
      const outcomes = await Promise.allSettled([
        writer.submit(first, { eventVersion: version }),
        writer.submit(second, { eventVersion: version }),
        writer.submit(third, { eventVersion: version }),
        // Checked against another version of the event than the others (in the same statement): told so alone.
        writer.submit(fourth, { eventVersion: '0' }),
      ]);
      expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'failed'))).toEqual([
        'written',
        'failed',
        'written',
        'event-changed',
      ]);
      expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/delegations_one_per_participant/);
      expect(writer.stats.fallbacks - stats.fallbacks).toBe(1);
      expect((await written([first, second, third].map((r) => r.delegation.id))).sort()).toEqual(
        [first.delegation.id, third.delegation.id].sort(),
      );
      const [{ n }] = await dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM delegation_members WHERE delegation_id = $1`,
        [second.delegation.id],
      );
      expect(Number(n)).toBe(0);
    });
  });
});
