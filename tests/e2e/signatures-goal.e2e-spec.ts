import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { GoalTracker, SignatureWriter } from '@accord/signatures';
import { settlesOnlyAfter, waitFor } from '../support/wait-for.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { bearer, createEvent } from '../support/delegation-fixtures.js';
import {
  delegationWithFullPowers,
  recordSignature,
  review,
  signaturePayload,
  stateCodes,
} from '../support/signature-fixtures.js';

/** Deterministic shuffle, so a failure can be replayed. */
function shuffled<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Times of signature on the first morning, two minutes apart, in Hanoi time. */
const at = (i: number) => new Date(Date.parse('2025-10-25T08:00:00+07:00') + i * 120_000);
const hanoi = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().replace(/\.000Z$/, '+07:00');

describe('The signatory goal under concurrent recording (e2e)', () => {
  let api: TestApi;
  let treaty: string;
  let db: DataSource;

  beforeAll(async () => {
    api = await startTestApi({
      RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '100000',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
    });
    treaty = await api.tokenFor('treaty');
    db = api.app.get(DataSource);
  });
  afterAll(async () => api.close());

  const summary = async (eventId: string) =>
    (await api.app.inject({ method: 'GET', url: `/v1/events/${eventId}/signatories/summary` })).json();
  // A signature's answer does not wait for the goal's count: these read after every count asked for so far.
  const milestones = async (eventId: string) => {
    await api.app.get(GoalTracker).settled();
    return db.query(`SELECT * FROM signatory_milestones WHERE event_id = $1`, [eventId]);
  };
  const goalMessages = async (eventId: string) => {
    await api.app.get(GoalTracker).settled();
    return db.query(`SELECT * FROM outbox_messages WHERE kind = 'signatories.goal_reached' AND event_id = $1`, [
      eventId,
    ]);
  };

  it('should record exactly one of 200 concurrent attempts to record the same State', async () => {
    const eventId = await createEvent(api);
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        recordSignature(
          api,
          treaty,
          eventId,
          signaturePayload('VNM', hanoi(at(0)), { signatoryName: `Officer attempt ${i}`, capacity: 'head_of_state' }),
        ),
      ),
    );
    const created = responses.filter((r) => r.statusCode === 201);
    const conflicts = responses.filter((r) => r.statusCode === 409);
    expect(created).toHaveLength(1);
    expect(conflicts).toHaveLength(199);
    const first = created[0]!.json().id as string;
    for (const conflict of conflicts) {
      expect(conflict.json()).toMatchObject({
        code: 'SIGNATURE.ALREADY_RECORDED',
        signatureId: first,
        location: `/v1/events/${eventId}/signatures/${first}`,
      });
    }
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM signatures WHERE event_id = $1`, [eventId]);
    expect(count).toBe(1);
  });

  it('should fire the goal exactly once, at the 40th signature by time, when 60 States are recorded concurrently', async () => {
    const eventId = await createEvent(api);
    const codes = await stateCodes(api, 60, ['VNM']);
    // Request order differs from the order of signature: the officers enter the morning's signatures out of order.
    const plan = codes.map((code, i) => ({ code, signedAt: at(i) }));
    const responses = await Promise.all(
      shuffled(plan).map((p) => recordSignature(api, treaty, eventId, signaturePayload(p.code, hanoi(p.signedAt)))),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(60).fill(201));

    expect(await milestones(eventId)).toHaveLength(1);
    const messages = await goalMessages(eventId);
    expect(messages).toHaveLength(1);
    expect(messages[0].webhook).toBe(true);
    expect(messages[0].data).toMatchObject({ goal: 40 });
    // The States signed when it fired: the goal, or more when others committed in the same instant (the signatures
    // do not queue behind one another to decide it).
    expect(messages[0].data.count).toBeGreaterThanOrEqual(40);
    expect(messages[0].data.count).toBeLessThanOrEqual(60);
    expect(messages[0].recipients.map((r: { email: string }) => r.email)).toEqual(
      expect.arrayContaining(['admin@accord.test']),
    );

    const s = await summary(eventId);
    expect(s).toMatchObject({
      goal: 40,
      count: 60,
      remaining: 0,
      percentage: 150,
      goalReached: true,
      reachedAt: hanoi(at(39)),
      reachedBy: { code: codes[39], kind: 'state' },
      signatories: 60,
    });

    // Void and re-record: the count follows, the milestone does not fire again.
    const list = (
      await api.app.inject({ method: 'GET', url: `/v1/events/${eventId}/signatures`, headers: bearer(treaty) })
    ).json() as Array<{ id: string; participantCode: string }>;
    const toVoid = list.slice(10, 35);
    for (const s2 of toVoid) {
      const res = await api.app.inject({
        method: 'POST',
        url: `/v1/events/${eventId}/signatures/${s2.id}/void`,
        headers: bearer(treaty),
        payload: { reason: 'Entered against the wrong party' },
      });
      expect(res.statusCode).toBe(200);
    }
    expect(await summary(eventId)).toMatchObject({ count: 35, remaining: 5, goalReached: false, reachedAt: null });

    const again = await Promise.all(
      toVoid.map((v) => {
        const i = codes.indexOf(v.participantCode);
        return recordSignature(api, treaty, eventId, signaturePayload(v.participantCode, hanoi(at(i))));
      }),
    );
    expect(again.map((r) => r.statusCode)).toEqual(Array(25).fill(201));
    expect(await summary(eventId)).toMatchObject({ count: 60, goalReached: true, reachedAt: hanoi(at(39)) });
    expect(await milestones(eventId)).toHaveLength(1);
    expect(await goalMessages(eventId)).toHaveLength(1);
  });

  it('should fire a goal reached while no process saw it (stopped between a commit and its count)', async () => {
    const eventId = await createEvent(api, { signatoryGoal: 3 });
    for (const [i, code] of (await stateCodes(api, 2, ['VNM'])).entries()) {
      const res = await recordSignature(api, treaty, eventId, signaturePayload(code, hanoi(at(i))));
      expect(res.statusCode).toBe(201);
    }
    // The counts after those commits are done (they run after the answers): they counted against the goal of 3.
    await api.app.get(GoalTracker).settled();
    // Goal now 2, changed behind the API's back: nothing has counted against it yet.
    await db.query('UPDATE events SET signatory_goal = 2 WHERE id = $1', [eventId]);
    expect(await milestones(eventId)).toHaveLength(0);
    await api.app.get(GoalTracker).reconcile(); // what every API process runs at start-up and every minute
    const fired = await milestones(eventId);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ goal: 2, count: 2 });
    expect(await goalMessages(eventId)).toHaveLength(1);
    await api.app.get(GoalTracker).reconcile(); // and only once
    expect(await goalMessages(eventId)).toHaveLength(1);
  });

  it('should answer the signature that reaches the goal before the goal is counted, and fire it once counted', async () => {
    const eventId = await createEvent(api, { signatoryGoal: 2 });
    const [first, second] = await stateCodes(api, 2, ['VNM']);
    expect((await recordSignature(api, treaty, eventId, signaturePayload(first!, hanoi(at(0))))).statusCode).toBe(201);
    const tracker = api.app.get(GoalTracker);
    await tracker.settled();
    // The count after the next signature is held: the officer's answer must not wait for it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const counting = tracker as unknown as { countAndCheck(eventId: string): Promise<unknown> };
    const count = counting.countAndCheck.bind(tracker);
    const spy = jest.spyOn(counting, 'countAndCheck').mockImplementation(async (id: string) => {
      await held;
      return count(id);
    });
    try {
      const reached = await recordSignature(api, treaty, eventId, signaturePayload(second!, hanoi(at(1))));
      expect(reached.statusCode).toBe(201);
      expect(await summary(eventId)).toMatchObject({ count: 2, goalReached: true }); // the figures do not wait either
      const unfired = await db.query(`SELECT 1 FROM signatory_milestones WHERE event_id = $1`, [eventId]);
      expect(unfired).toHaveLength(0);
      // Shutdown waits for the count in progress before the database connections close.
      await settlesOnlyAfter(tracker.beforeApplicationShutdown(), release);
    } finally {
      release();
      spy.mockRestore();
    }
    const fired = await milestones(eventId);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ goal: 2, count: 2 });
    expect(await goalMessages(eventId)).toHaveLength(1);
  });

  it('should fire the goal when an organiser lowers it to the count already signed', async () => {
    const eventId = await createEvent(api, { signatoryGoal: 5 });
    for (const [i, code] of (await stateCodes(api, 3, ['VNM'])).entries()) {
      const res = await recordSignature(api, treaty, eventId, signaturePayload(code, hanoi(at(i))));
      expect(res.statusCode).toBe(201);
    }
    expect(await milestones(eventId)).toHaveLength(0);
    const lowered = await api.app.inject({
      method: 'PATCH',
      url: `/v1/events/${eventId}`,
      headers: { authorization: `Bearer ${await api.adminToken()}` },
      payload: { signatoryGoal: 3 },
    });
    expect(lowered.statusCode).toBe(200);
    const fired = await waitFor(
      () => milestones(eventId),
      (rows) => rows.length === 1,
      { what: 'the milestone' },
    );
    expect(fired[0]).toMatchObject({ goal: 3, count: 3 });
  });

  it('should list the EU among the signatories without counting it toward the 40 States', async () => {
    const eventId = await createEvent(api);
    const eu = await delegationWithFullPowers(api, eventId, 'EU', 'Magnus Brunner');
    expect((await review(api, treaty, eventId, eu.fullPowersId, { status: 'verified' })).statusCode).toBe(200);
    const codes = await stateCodes(api, 40);
    for (let i = 0; i < 39; i++) {
      const res = await recordSignature(api, treaty, eventId, signaturePayload(codes[i]!, hanoi(at(i))));
      expect(res.statusCode).toBe(201);
    }
    const euSigned = await recordSignature(
      api,
      treaty,
      eventId,
      signaturePayload('EU', hanoi(at(39)), {
        signatoryName: 'Magnus Brunner',
        signatoryTitle: 'European Commissioner for Internal Affairs and Migration',
        capacity: 'other',
        rank: 'official',
      }),
    );
    expect(euSigned.statusCode).toBe(201);
    expect(euSigned.json()).toMatchObject({ partyKind: 'reio' });

    expect(await summary(eventId)).toMatchObject({
      count: 39,
      remaining: 1,
      goalReached: false,
      signatories: 40,
      reios: 1,
      ranks: { ministers: 39, otherOfficials: 1, states: 39, reios: 1 },
    });
    expect((await summary(eventId)).ranks.sentence).toBe(
      '39 ministers and 1 other high-ranking official, representing 39 States and the European Union',
    );
    expect(await milestones(eventId)).toHaveLength(0);

    const fortieth = await recordSignature(api, treaty, eventId, signaturePayload(codes[39]!, hanoi(at(40))));
    expect(fortieth.statusCode).toBe(201);
    expect(await summary(eventId)).toMatchObject({
      count: 40,
      goalReached: true,
      reachedAt: hanoi(at(40)),
      reachedBy: { code: codes[39] },
      signatories: 41,
    });
    const [milestone] = await milestones(eventId);
    expect(milestone.signature_id).toBe(fortieth.json().id);
  });

  it('should record concurrent signatures in shared statements, each with its own audit entry and answer', async () => {
    const eventId = await createEvent(api);
    const writer = api.app.get(SignatureWriter);
    const codes = await stateCodes(api, 31, ['VNM']);
    // Viet Nam signs first, alone; then thirty officers at once, one of them for Viet Nam again.
    expect((await recordSignature(api, treaty, eventId, signaturePayload('VNM', hanoi(at(0))))).statusCode).toBe(201);
    const stats = { ...writer.stats };
    const plan = [...codes.slice(1, 16), 'VNM', ...codes.slice(16)];
    const responses = await Promise.all(
      plan.map((code, i) => recordSignature(api, treaty, eventId, signaturePayload(code, hanoi(at(i + 1))))),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(plan.map((code) => (code === 'VNM' ? 409 : 201)));
    expect(responses[15]!.json()).toMatchObject({ code: 'SIGNATURE.ALREADY_RECORDED' });
    expect(writer.stats.items - stats.items).toBeGreaterThanOrEqual(31);
    expect(writer.stats.statements - stats.statements).toBeLessThan(writer.stats.items - stats.items);
    const rows = await db.query<Array<{ code: string; audited: number }>>(
      `SELECT p.code, (SELECT count(*)::int FROM audit_log a WHERE a.entity_id = s.id::text
                         AND a.action = 'signature.recorded') AS audited
         FROM signatures s JOIN participants p ON p.id = s.participant_id WHERE s.event_id = $1`,
      [eventId],
    );
    expect(rows).toHaveLength(31);
    expect(rows.every((r) => r.audited === 1)).toBe(true);
    expect((await summary(eventId)).count).toBe(31);
  });
});
