import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { bearer, createEvent } from '../support/delegation-fixtures.js';
import {
  approvedOrganisation,
  approvedStates,
  createRoom,
  createSession,
  outboxRows,
  sessionPayload,
  setClock,
  stateCodes,
} from '../support/scheduling-fixtures.js';

describe('Programme: rooms, sessions, speakers (e2e)', () => {
  let api: TestApi;
  let protocol: string;
  let eventId: string;

  beforeAll(async () => {
    api = await startTestApi();
    protocol = await api.tokenFor('protocol');
    eventId = await createEvent(api);
  });
  afterAll(async () => api.close());

  const url = (path = '', event = eventId) => `/v1/events/${event}${path}`;
  const patch = (sessionId: string, payload: Record<string, unknown>) =>
    api.app.inject({ method: 'PATCH', url: url(`/sessions/${sessionId}`), headers: bearer(protocol), payload });
  const post = (path: string, payload: Record<string, unknown>, token = protocol) =>
    api.app.inject({ method: 'POST', url: url(path), headers: bearer(token), payload });

  it('should create a session in a room with the room capacity by default, shown in the event time zone', async () => {
    const roomId = await createRoom(api, eventId, protocol, { name: 'Hall B', capacity: 80, layoutNotes: 'U-shape' });
    const res = await post(
      '/sessions',
      sessionPayload(roomId, { startsAt: '2025-10-25T03:00:00Z', endsAt: '2025-10-25T04:15:00Z' }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'draft',
      capacity: 80,
      seatsAvailable: 80,
      room: { id: roomId, name: 'Hall B' },
      startsAt: '2025-10-25T10:00:00+07:00',
      endsAt: '2025-10-25T11:15:00+07:00',
      day: '2025-10-25',
      timeZone: 'Asia/Ho_Chi_Minh',
      sequence: 0,
    });
    // A time without an offset is read in the event's zone.
    const local = await post(
      '/sessions',
      sessionPayload(roomId, { startsAt: '2025-10-25T14:00', endsAt: '2025-10-25T15:00' }),
    );
    expect(local.json()).toMatchObject({ startsAt: '2025-10-25T14:00:00+07:00' });
  });

  it('should refuse a session outside the event dates in the event time zone', async () => {
    const roomId = await createRoom(api, eventId, protocol);
    // 23:30 on the 24th in Hanoi is 16:30 UTC: still before the ceremony.
    const early = await post(
      '/sessions',
      sessionPayload(roomId, { startsAt: '2025-10-24T23:30:00+07:00', endsAt: '2025-10-25T00:30:00+07:00' }),
    );
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'SESSION.OUTSIDE_EVENT', timeZone: 'Asia/Ho_Chi_Minh' });
    const late = await post(
      '/sessions',
      sessionPayload(roomId, { startsAt: '2025-10-26T23:00:00+07:00', endsAt: '2025-10-27T00:30:00+07:00' }),
    );
    expect(late.json().code).toBe('SESSION.OUTSIDE_EVENT');
    const backwards = await post('/sessions', sessionPayload(roomId, { endsAt: '2025-10-25T09:00:00+07:00' }));
    expect(backwards.statusCode).toBe(400);
  });

  it('should reject an overlapping session in a room with a 409 naming the conflicting session', async () => {
    const roomId = await createRoom(api, eventId, protocol);
    const first = await createSession(api, eventId, protocol, sessionPayload(roomId, { titleEn: 'Opening ceremony' }));
    const clash = await post(
      '/sessions',
      sessionPayload(roomId, { startsAt: '2025-10-25T10:30:00+07:00', endsAt: '2025-10-25T11:30:00+07:00' }),
    );
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({
      code: 'SESSION.ROOM_OVERLAP',
      conflictingSession: { id: first, titleEn: 'Opening ceremony', startsAt: '2025-10-25T10:00:00+07:00' },
    });
    // Back to back is fine; another room at the same time is fine; a cancelled session frees its room.
    expect(
      (
        await post(
          '/sessions',
          sessionPayload(roomId, { startsAt: '2025-10-25T11:00:00+07:00', endsAt: '2025-10-25T12:00:00+07:00' }),
        )
      ).statusCode,
    ).toBe(201);
    const otherRoom = await createRoom(api, eventId, protocol);
    expect((await post('/sessions', sessionPayload(otherRoom))).statusCode).toBe(201);
    expect((await post(`/sessions/${first}/cancel`, { reason: 'Moved to the plenary hall' })).statusCode).toBe(200);
    expect((await post('/sessions', sessionPayload(roomId))).statusCode).toBe(201);
  });

  it('should let exactly one of two racing requests place a session in a room (also for 10 racing requests)', async () => {
    const roomId = await createRoom(api, eventId, protocol);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(
          '/sessions',
          sessionPayload(roomId, {
            titleEn: `Racer ${i}`,
            startsAt: `2025-10-26T09:${String(i * 5).padStart(2, '0')}:00+07:00`,
            endsAt: '2025-10-26T10:30:00+07:00',
          }),
        ),
      ),
    );
    const created = results.filter((r) => r.statusCode === 201);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const r of refused) {
      expect(r.json()).toMatchObject({
        code: 'SESSION.ROOM_OVERLAP',
        conflictingSession: { id: created[0]!.json().id },
      });
    }
    const [pair] = [
      await Promise.all([
        post(
          '/sessions',
          sessionPayload(roomId, { startsAt: '2025-10-26T14:00:00+07:00', endsAt: '2025-10-26T15:00:00+07:00' }),
        ),
        post(
          '/sessions',
          sessionPayload(roomId, { startsAt: '2025-10-26T14:30:00+07:00', endsAt: '2025-10-26T15:30:00+07:00' }),
        ),
      ]),
    ];
    expect(pair.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rows: { n: string }[] = await api.app
      .get(DataSource)
      .query(`SELECT count(*) AS n FROM sessions WHERE room_id = $1 AND status <> 'cancelled'`, [roomId]);
    expect(Number(rows[0]!.n)).toBe(2);
  });

  it('should reject a speaker double-booked in overlapping sessions, when set and when a session moves', async () => {
    const [vnm] = await approvedStates(api, eventId, stateCodes(1, 180));
    const minister = vnm!.memberIds[0]!;
    const [a, b] = [await createRoom(api, eventId, protocol), await createRoom(api, eventId, protocol)];
    const plenary = await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(a, { kind: 'plenary', titleEn: 'High-level plenary' }),
    );
    const roundTable = await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(b, {
        kind: 'round_table',
        startsAt: '2025-10-25T11:00:00+07:00',
        endsAt: '2025-10-25T12:00:00+07:00',
      }),
    );
    const speakers = (id: string, memberIds: string[]) =>
      api.app.inject({
        method: 'PUT',
        url: url(`/sessions/${id}/speakers`),
        headers: bearer(protocol),
        payload: { speakers: memberIds.map((memberId) => ({ memberId })) },
      });
    expect((await speakers(plenary, [minister])).json().speakers).toEqual([
      expect.objectContaining({ memberId: minister, role: 'speaker', delegationId: vnm!.id }),
    ]);
    expect((await speakers(roundTable, [minister])).statusCode).toBe(200);

    // Moving the round table onto the plenary's hour would make the minister speak twice at once.
    const moved = await patch(roundTable, { startsAt: '2025-10-25T10:30:00+07:00' });
    expect(moved.statusCode).toBe(409);
    expect(moved.json()).toMatchObject({
      code: 'SESSION.SPEAKER_DOUBLE_BOOKED',
      memberId: minister,
      conflictingSession: { id: plenary, titleEn: 'High-level plenary' },
    });

    // A third overlapping session cannot have the minister either.
    const c = await createRoom(api, eventId, protocol);
    const overlapping = await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(c, { startsAt: '2025-10-25T10:45:00+07:00', endsAt: '2025-10-25T11:30:00+07:00' }),
    );
    const refused = await speakers(overlapping, [minister]);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'SESSION.SPEAKER_DOUBLE_BOOKED',
      conflictingSession: { id: plenary },
    });
    // Racing: two overlapping sessions given the same speaker at once, only one keeps them.
    const d = await createRoom(api, eventId, protocol);
    const e = await createRoom(api, eventId, protocol);
    const s1 = await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(d, { startsAt: '2025-10-26T16:00:00+07:00', endsAt: '2025-10-26T17:00:00+07:00' }),
    );
    const s2 = await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(e, { startsAt: '2025-10-26T16:30:00+07:00', endsAt: '2025-10-26T17:30:00+07:00' }),
    );
    const race = await Promise.all([speakers(s1, [minister]), speakers(s2, [minister])]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    // The database holds the rule even for a write that skips the service.
    await expect(
      api.app
        .get(DataSource)
        .query(`UPDATE sessions SET starts_at = '2025-10-25T03:15:00Z' WHERE id = $1`, [roundTable]),
    ).rejects.toMatchObject({ code: '23P01', constraint: 'session_speakers_no_double_booking' });
  });

  it('should show the public the published public sessions, filtered by day, kind and room, and organisers everything', async () => {
    const event = await createEvent(api);
    const hall = await createRoom(api, event, protocol, { name: 'Hall' });
    const annex = await createRoom(api, event, protocol, { name: 'Annex' });
    const ids = {
      opening: await createSession(
        api,
        event,
        protocol,
        sessionPayload(hall, {
          kind: 'opening',
          startsAt: '2025-10-25T09:00:00+07:00',
          endsAt: '2025-10-25T10:00:00+07:00',
        }),
        true,
      ),
      sideDay2: await createSession(
        api,
        event,
        protocol,
        sessionPayload(annex, { startsAt: '2025-10-26T09:00:00+07:00', endsAt: '2025-10-26T10:15:00+07:00' }),
        true,
      ),
      closed: await createSession(
        api,
        event,
        protocol,
        sessionPayload(annex, { kind: 'bilateral', visibility: 'organisers' }),
        true,
      ),
      draft: await createSession(
        api,
        event,
        protocol,
        sessionPayload(hall, {
          kind: 'press',
          startsAt: '2025-10-26T12:00:00+07:00',
          endsAt: '2025-10-26T12:30:00+07:00',
        }),
      ),
    };
    const list = async (query = '', token?: string) => {
      const res = await api.app.inject({
        method: 'GET',
        url: url(`/sessions${query}`, event),
        headers: token ? bearer(token) : {},
      });
      expect(res.statusCode).toBe(200);
      return (res.json().items as { id: string }[]).map((s) => s.id);
    };
    expect(await list()).toEqual([ids.opening, ids.sideDay2]);
    expect(await list('?day=2025-10-26')).toEqual([ids.sideDay2]);
    expect(await list('?kind=opening')).toEqual([ids.opening]);
    expect(await list(`?roomId=${annex}`)).toEqual([ids.sideDay2]);
    expect(await list('', protocol)).toEqual([ids.opening, ids.closed, ids.sideDay2, ids.draft]);
    expect(await list('?status=draft', protocol)).toEqual([ids.draft]);
    const hidden = await api.app.inject({ method: 'GET', url: url(`/sessions/${ids.closed}`, event) });
    expect(hidden.statusCode).toBe(404);
    const one = await api.app.inject({ method: 'GET', url: url(`/sessions/${ids.opening}`, event) });
    expect(one.json()).toMatchObject({ id: ids.opening, kind: 'opening', status: 'published', sequence: 1 });
  });

  it('should notify the attendees and speakers of a moved session with its old and new times in the event zone', async () => {
    const restore = setClock(api, '2025-10-01T00:00:00Z');
    try {
      const ngo = await approvedOrganisation(api, eventId, 'Cyber Policy Youth Network', 2);
      const [speaker] = await approvedStates(api, eventId, stateCodes(1, 181));
      const roomId = await createRoom(api, eventId, protocol, { name: 'Room 201' });
      const other = await createRoom(api, eventId, protocol, { name: 'Room 305' });
      const sessionId = await createSession(
        api,
        eventId,
        protocol,
        sessionPayload(roomId, { startsAt: '2025-10-26T14:00:00+07:00', endsAt: '2025-10-26T15:15:00+07:00' }),
        true,
      );
      await api.app.inject({
        method: 'PUT',
        url: url(`/sessions/${sessionId}/speakers`),
        headers: bearer(protocol),
        payload: { speakers: [{ memberId: speaker!.memberIds[0], role: 'moderator' }] },
      });
      const seat = await post(`/sessions/${sessionId}/attendees`, { memberId: ngo.memberIds[1] }, ngo.token);
      expect(seat.json()).toMatchObject({ status: 'registered' });

      const moved = await patch(sessionId, {
        startsAt: '2025-10-26T16:00:00+07:00',
        endsAt: '2025-10-26T17:15:00+07:00',
        roomId: other,
      });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ sequence: 3, room: { name: 'Room 305' } });
      const [notice] = await outboxRows(api, 'session.moved', { sessionId });
      expect(notice!.data).toMatchObject({
        timeZone: 'Asia/Ho_Chi_Minh',
        from: { startsAt: '2025-10-26T14:00:00+07:00', endsAt: '2025-10-26T15:15:00+07:00', roomName: 'Room 201' },
        to: { startsAt: '2025-10-26T16:00:00+07:00', endsAt: '2025-10-26T17:15:00+07:00', roomName: 'Room 305' },
        calendarUid: `session-${sessionId}@accord`,
        sequence: 3,
      });
      const emails = notice!.recipients.map((r) => r.email).sort();
      expect(emails).toEqual(
        expect.arrayContaining(['contact@cyber-policy-youth-network.example', 'm2@cyber-policy-youth-network.example']),
      );
      expect(notice!.recipients.map((r) => r.delegationId)).toEqual(expect.arrayContaining([ngo.id, speaker!.id]));
      // A change that moves nothing (a new title) notifies nobody.
      await patch(sessionId, { titleEn: 'Youth and cybercrime' });
      expect(await outboxRows(api, 'session.moved', { sessionId })).toHaveLength(1);
      // Cancelling tells them too; the audit trail has every step.
      await post(`/sessions/${sessionId}/cancel`, { reason: 'Speaker unavailable' });
      const [cancelled] = await outboxRows(api, 'session.cancelled', { sessionId });
      expect(cancelled!.data).toMatchObject({ reason: 'Speaker unavailable', startsAt: '2025-10-26T16:00:00+07:00' });
      const audit: { action: string }[] = await api.app
        .get(DataSource)
        .query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [sessionId]);
      expect(audit.map((a) => a.action)).toEqual([
        'session.created',
        'session.published',
        'session.speakers_changed',
        'session.updated',
        'session.updated',
        'session.cancelled',
      ]);
    } finally {
      restore();
    }
  });

  it('should manage rooms and refuse deleting a room in use or naming two rooms alike', async () => {
    const roomId = await createRoom(api, eventId, protocol, { name: 'Press room' });
    const dup = await post('/rooms', { name: 'Press room', capacity: 10 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('ROOM.NAME_TAKEN');
    await createSession(api, eventId, protocol, sessionPayload(roomId, { kind: 'press' }));
    const del = await api.app.inject({ method: 'DELETE', url: url(`/rooms/${roomId}`), headers: bearer(protocol) });
    expect(del.json().code).toBe('ROOM.IN_USE');
    const blank = await api.app.inject({
      method: 'PATCH',
      url: url(`/rooms/${roomId}`),
      headers: bearer(protocol),
      payload: { name: '   ' },
    });
    expect(blank.statusCode).toBe(400);
    const nulled = await api.app.inject({
      method: 'PATCH',
      url: url(`/rooms/${roomId}`),
      headers: bearer(protocol),
      payload: { capacity: null },
    });
    expect(nulled.statusCode).toBe(400);
    const viewer = await api.tokenFor('viewer');
    expect((await post('/rooms', { name: 'Nope', capacity: 1 }, viewer)).statusCode).toBe(403);
  });
});
