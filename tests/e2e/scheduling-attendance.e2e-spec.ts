import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { bearer, createEvent } from '../support/delegation-fixtures.js';
import {
  approvedOrganisation,
  createRoom,
  createSession,
  outboxRows,
  registerAs,
  sessionPayload,
  setClock,
  type Party,
} from '../support/scheduling-fixtures.js';
import { organisationPayload } from '../support/delegation-fixtures.js';

describe('Attendance: seats, capacity and waitlist (e2e)', () => {
  let api: TestApi;
  let protocol: string;
  let eventId: string;
  let restore: () => void;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '100000' });
    protocol = await api.tokenFor('protocol');
    eventId = await createEvent(api);
    restore = setClock(api, '2025-10-20T09:00:00+07:00');
  });
  afterAll(async () => {
    restore();
    await api.close();
  });

  const url = (path: string) => `/v1/events/${eventId}${path}`;
  const ask = (sessionId: string, memberId: string, token: string) =>
    api.app.inject({
      method: 'POST',
      url: url(`/sessions/${sessionId}/attendees`),
      headers: bearer(token),
      payload: { memberId },
    });
  const attendees = async (sessionId: string, token = protocol) =>
    (
      await api.app.inject({ method: 'GET', url: url(`/sessions/${sessionId}/attendees`), headers: bearer(token) })
    ).json() as {
      id: string;
      memberId: string;
      status: string;
      waitlistPosition: number | null;
    }[];
  interface Answer {
    id: string;
    status: string;
    waitlistPosition: number | null;
  }
  const seatsInDatabase = async (sessionId: string) => {
    const [row] = (await api.app.get(DataSource).query(
      `SELECT s.seats_taken, s.capacity, (SELECT count(*) FROM session_attendees a WHERE a.session_id = s.id AND a.status = 'registered')::int AS registered
         FROM sessions s WHERE s.id = $1`,
      [sessionId],
    )) as { seats_taken: number; capacity: number; registered: number }[];
    return row!;
  };

  it('should give exactly the capacity in seats to 200 concurrent requests and waitlist the rest in order', async () => {
    const groups: Party[] = [
      await approvedOrganisation(api, eventId, 'Global Initiative', 100),
      await approvedOrganisation(api, eventId, 'Diplo Foundation', 100),
    ];
    const roomId = await createRoom(api, eventId, protocol, { capacity: 300 });
    const sessionId = await createSession(api, eventId, protocol, sessionPayload(roomId, { capacity: 50 }), true);
    const requests = groups.flatMap((g) => g.memberIds.map((memberId) => ({ memberId, token: g.token })));
    expect(requests).toHaveLength(200);
    const started = Date.now();
    const results = await Promise.all(requests.map((r) => ask(sessionId, r.memberId, r.token)));
    const elapsed = Date.now() - started;
    expect(results.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([]);
    const statuses = results.map((r) => r.json().status as string);
    expect(statuses.filter((s) => s === 'registered')).toHaveLength(50);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(150);
    expect(await seatsInDatabase(sessionId)).toEqual({ seats_taken: 50, capacity: 50, registered: 50 });
    const list = await attendees(sessionId);
    expect(list.filter((a) => a.status === 'waitlisted').map((a) => a.waitlistPosition)).toEqual(
      Array.from({ length: 150 }, (_, i) => i + 1),
    );
    // A second request for the same member is refused, not queued twice.
    const again = await ask(sessionId, requests[0]!.memberId, requests[0]!.token);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ATTENDANCE.ALREADY_REGISTERED');
    process.stdout.write(`200 concurrent attendance requests decided in ${elapsed} ms\n`);
  });

  it('should promote the longest-waiting request when a seat is freed, and when the capacity grows', async () => {
    const ngo = await approvedOrganisation(api, eventId, 'Paradigm Initiative', 6);
    const roomId = await createRoom(api, eventId, protocol);
    const sessionId = await createSession(api, eventId, protocol, sessionPayload(roomId, { capacity: 2 }), true);
    const answers: Answer[] = [];
    for (const memberId of ngo.memberIds) answers.push((await ask(sessionId, memberId, ngo.token)).json());
    expect(answers.map((a) => [a.status, a.waitlistPosition])).toEqual([
      ['registered', null],
      ['registered', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
      ['waitlisted', 3],
      ['waitlisted', 4],
    ]);
    // The focal point gives up a seat: the first in line gets it, and hears about it.
    const freed = await api.app.inject({
      method: 'DELETE',
      url: url(`/sessions/${sessionId}/attendees/${answers[0].id}`),
      headers: bearer(ngo.token),
    });
    expect(freed.statusCode).toBe(204);
    let list = await attendees(sessionId, ngo.token);
    expect(list.find((a) => a.id === answers[2].id)).toMatchObject({ status: 'registered', waitlistPosition: null });
    expect(list.filter((a) => a.status === 'waitlisted').map((a) => [a.id, a.waitlistPosition])).toEqual([
      [answers[3].id, 1],
      [answers[4].id, 2],
      [answers[5].id, 3],
    ]);
    const [promoted] = await outboxRows(api, 'attendance.promoted', { attendeeId: answers[2].id });
    expect(promoted!.data).toMatchObject({
      sessionId,
      memberId: ngo.memberIds[2],
      startsAt: '2025-10-25T10:00:00+07:00',
    });
    expect(promoted!.recipients.map((r) => r.email)).toEqual(
      expect.arrayContaining(['contact@paradigm-initiative.example', 'm3@paradigm-initiative.example']),
    );
    // Two more seats: the next two in line.
    const grown = await api.app.inject({
      method: 'PATCH',
      url: url(`/sessions/${sessionId}`),
      headers: bearer(protocol),
      payload: { capacity: 4 },
    });
    expect(grown.json()).toMatchObject({ capacity: 4, seatsTaken: 4, waitlisted: 1 });
    list = await attendees(sessionId);
    expect(
      list
        .filter((a) => a.status === 'registered')
        .map((a) => a.id)
        .sort(),
    ).toEqual([answers[1].id, answers[2].id, answers[3].id, answers[4].id].sort());
    // The capacity cannot go below the seats taken.
    const shrink = await api.app.inject({
      method: 'PATCH',
      url: url(`/sessions/${sessionId}`),
      headers: bearer(protocol),
      payload: { capacity: 3 },
    });
    expect(shrink.statusCode).toBe(409);
    expect(shrink.json().code).toBe('SESSION.CAPACITY_BELOW_SEATS_TAKEN');
    expect(await seatsInDatabase(sessionId)).toEqual({ seats_taken: 4, capacity: 4, registered: 4 });
  });

  it('should promote the waitlist in order when many seats are freed concurrently', async () => {
    const ngo = await approvedOrganisation(api, eventId, 'Article 19', 30);
    const roomId = await createRoom(api, eventId, protocol);
    const sessionId = await createSession(api, eventId, protocol, sessionPayload(roomId, { capacity: 10 }), true);
    const answers: Answer[] = [];
    for (const memberId of ngo.memberIds) answers.push((await ask(sessionId, memberId, ngo.token)).json());
    const seated = answers.filter((a) => a.status === 'registered');
    await Promise.all(
      seated.slice(0, 8).map((a) =>
        api.app.inject({
          method: 'DELETE',
          url: url(`/sessions/${sessionId}/attendees/${a.id}`),
          headers: bearer(protocol),
        }),
      ),
    );
    const list = await attendees(sessionId);
    const registered = list.filter((a) => a.status === 'registered').map((a) => a.id);
    expect(registered.sort()).toEqual([...seated.slice(8), ...answers.slice(10, 18)].map((a) => a.id).sort());
    expect(await seatsInDatabase(sessionId)).toEqual({ seats_taken: 10, capacity: 10, registered: 10 });
  });

  it('should hold a per-delegation cap, refuse unapproved delegations, foreign members, drafts and ended sessions', async () => {
    const ngo = await approvedOrganisation(api, eventId, 'Access Now', 3);
    const other = await approvedOrganisation(api, eventId, 'Privacy International', 1);
    const roomId = await createRoom(api, eventId, protocol);
    const capped = await createSession(api, eventId, protocol, sessionPayload(roomId, { maxPerDelegation: 2 }), true);
    expect((await ask(capped, ngo.memberIds[0]!, ngo.token)).statusCode).toBe(201);
    expect((await ask(capped, ngo.memberIds[1]!, ngo.token)).statusCode).toBe(201);
    const third = await ask(capped, ngo.memberIds[2]!, ngo.token);
    expect(third.statusCode).toBe(409);
    expect(third.json()).toMatchObject({ code: 'ATTENDANCE.DELEGATION_CAP_REACHED', maxPerDelegation: 2 });
    // Another delegation's member is not the focal point's to register.
    expect((await ask(capped, other.memberIds[0]!, ngo.token)).statusCode).toBe(404);
    const pending = await registerAs(api, eventId, organisationPayload('ngo', 'Pending Org'));
    const refused = await ask(capped, pending.memberIds[0]!, pending.token);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('ATTENDANCE.DELEGATION_NOT_APPROVED');
    const draft = await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(roomId, { startsAt: '2025-10-25T12:00:00+07:00', endsAt: '2025-10-25T13:00:00+07:00' }),
    );
    expect((await ask(draft, other.memberIds[0]!, other.token)).statusCode).toBe(404);
    expect((await ask(draft, other.memberIds[0]!, protocol)).json().code).toBe('SESSION.NOT_OPEN');
    const back = setClock(api, '2025-10-25T12:00:00+07:00');
    try {
      expect((await ask(capped, other.memberIds[0]!, other.token)).json().code).toBe('SESSION.ENDED');
    } finally {
      back();
      restore = setClock(api, '2025-10-20T09:00:00+07:00');
    }
  });
  it("should address an announcement to a session's seated and waitlisted attendees and their focal points", async () => {
    const ngo = await approvedOrganisation(api, eventId, 'Internet Society', 3);
    const roomId = await createRoom(api, eventId, protocol);
    const sessionId = await createSession(api, eventId, protocol, sessionPayload(roomId, { capacity: 1 }), true);
    await ask(sessionId, ngo.memberIds[0]!, ngo.token);
    await ask(sessionId, ngo.memberIds[1]!, ngo.token);
    const announce = (params: Record<string, unknown>) =>
      api.app.inject({
        method: 'POST',
        url: url('/announcements'),
        headers: bearer(protocol),
        payload: {
          subject: 'Room change',
          body: 'We meet in Room 305.',
          audience: { type: 'session-attendees', params },
        },
      });
    const res = await announce({ sessionId });
    expect(res.statusCode).toBe(201);
    const [row] = (await api.app
      .get(DataSource)
      .query(`SELECT recipients FROM outbox_messages WHERE kind = 'announcement' AND data->>'announcementId' = $1`, [
        res.json().id,
      ])) as { recipients: { email: string }[] }[];
    expect(row!.recipients.map((r) => r.email).sort()).toEqual([
      'contact@internet-society.example',
      'm1@internet-society.example',
      'm2@internet-society.example',
    ]);
    expect((await announce({ sessionId: 'nope' })).statusCode).toBe(400);
    expect((await announce({ sessionId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
  });
});
