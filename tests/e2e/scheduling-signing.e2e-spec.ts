import { DataSource } from 'typeorm';
import { SigningAppointmentsService } from '@accord/scheduling';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { bearer, createEvent, statePayload, uniqueSuffix } from '../support/delegation-fixtures.js';
import {
  approve,
  approvedOrganisation,
  approvedStates,
  createRoom,
  createSession,
  outboxRows,
  registerAs,
  sessionPayload,
  setClock,
  stateCodes,
  type Party,
} from '../support/scheduling-fixtures.js';

interface Slot {
  id: string;
  startsAt: string;
  available: boolean;
  holder: { delegationId: string } | null;
}

describe('Signing slots and appointments (e2e)', () => {
  let api: TestApi;
  let protocol: string;
  let treaty: string;
  let eventId: string;
  let restore: () => void;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '100000' });
    protocol = await api.tokenFor('protocol');
    treaty = await api.tokenFor('treaty');
    eventId = await createEvent(api);
    restore = setClock(api, '2025-10-20T09:00:00+07:00');
  });
  afterAll(async () => {
    restore();
    await api.close();
  });

  const url = (path: string) => `/v1/events/${eventId}${path}`;
  const post = (path: string, payload: Record<string, unknown>, token = treaty) =>
    api.app.inject({ method: 'POST', url: url(path), headers: bearer(token), payload });
  const slotsOf = async (sessionId: string, token = treaty): Promise<Slot[]> =>
    (await api.app.inject({ method: 'GET', url: url(`/sessions/${sessionId}/slots`), headers: bearer(token) })).json();

  /** A published signing session on the 25th with slots every 5 minutes from `from` to `until` (local times). */
  async function signingSession(
    from: string,
    until: string,
    day = '2025-10-25',
  ): Promise<{ id: string; slots: Slot[] }> {
    const roomId = await createRoom(api, eventId, protocol, {
      name: `Signing table ${uniqueSuffix()}`,
    });
    const id = await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(roomId, {
        kind: 'signing',
        titleEn: 'Signing of the Convention',
        titleFr: 'Signature de la Convention',
        startsAt: `${day}T${from}:00+07:00`,
        endsAt: `${day}T${until}:00+07:00`,
      }),
      true,
    );
    const res = await post(`/sessions/${id}/slots/generate`, { everyMinutes: 5 });
    expect(res.statusCode).toBe(200);
    return { id, slots: res.json() };
  }

  it('should generate slots every 5 minutes with a break, idempotently, within the signing session only', async () => {
    const roomId = await createRoom(api, eventId, protocol);
    const sessionId = await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(roomId, {
        kind: 'signing',
        startsAt: '2025-10-25T10:00:00+07:00',
        endsAt: '2025-10-25T12:30:00+07:00',
      }),
    );
    const body = { from: '10:00', until: '12:00', everyMinutes: 5, breaks: [{ from: '11:00', until: '11:15' }] };
    const first = await post(`/sessions/${sessionId}/slots/generate`, body);
    expect(first.statusCode).toBe(200);
    const slots = first.json() as Slot[];
    expect(slots).toHaveLength(21);
    expect(slots[0]!.startsAt).toBe('2025-10-25T10:00:00+07:00');
    expect(slots[11]!.startsAt).toBe('2025-10-25T10:55:00+07:00');
    expect(slots[12]!.startsAt).toBe('2025-10-25T11:15:00+07:00');
    expect(slots.at(-1)!.startsAt).toBe('2025-10-25T11:55:00+07:00');
    expect((await post(`/sessions/${sessionId}/slots/generate`, body)).json()).toHaveLength(21);
    const overlapping = await post(`/sessions/${sessionId}/slots/generate`, {
      from: '10:02',
      until: '10:30',
      everyMinutes: 5,
    });
    expect(overlapping.statusCode).toBe(409);
    expect(overlapping.json().code).toBe('SIGNING.SLOT_OVERLAP');
    const outside = await post(`/sessions/${sessionId}/slots/generate`, {
      from: '12:00',
      until: '13:00',
      everyMinutes: 5,
    });
    expect(outside.json().code).toBe('SIGNING.SLOTS_OUTSIDE_SESSION');
    const plenary = await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(roomId, {
        kind: 'plenary',
        startsAt: '2025-10-25T14:00:00+07:00',
        endsAt: '2025-10-25T15:00:00+07:00',
      }),
    );
    expect((await post(`/sessions/${plenary}/slots/generate`, { everyMinutes: 5 })).json().code).toBe(
      'SESSION.NOT_SIGNING',
    );
  });

  it('should book exactly 20 of 20 slots for 100 delegations booking concurrently, none with two', async () => {
    // The other tests use these parties themselves.
    const elsewhere = ['NZL', 'ISL', 'FRA', 'DEU', 'ITA', 'VNM', 'CAN', 'MEX', 'BRA', 'ARG', 'CHL'];
    const codes = stateCodes(150)
      .filter((c) => !elsewhere.includes(c))
      .slice(0, 100);
    const parties = await approvedStates(api, eventId, codes);
    const { id: sessionId, slots } = await signingSession('14:00', '15:40');
    expect(slots).toHaveLength(20);
    const started = Date.now();
    const results = await Promise.all(
      parties.map((p, i) => post('/signing-appointments', { slotId: slots[i % 20]!.id }, p.token)),
    );
    const elapsed = Date.now() - started;
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(80);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('SIGNING.SLOT_TAKEN');
    const rows: { delegation_id: string; slot_id: string }[] = await api.app.get(DataSource).query(
      `SELECT a.delegation_id, a.slot_id FROM signing_appointments a JOIN signing_slots s ON s.id = a.slot_id
          WHERE s.session_id = $1 AND a.status IN ('booked', 'done')`,
      [sessionId],
    );
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.delegation_id)).size).toBe(20);
    expect(new Set(rows.map((r) => r.slot_id)).size).toBe(20);
    expect((await slotsOf(sessionId)).every((s) => !s.available)).toBe(true);
    process.stdout.write(`100 concurrent bookings of 20 slots decided in ${elapsed} ms\n`);

    // One delegation racing for five free slots at once gets exactly one.
    const { slots: more } = await signingSession('16:00', '16:25');
    const loser = parties.find((p) => !rows.some((r) => r.delegation_id === p.id))!;
    const race = await Promise.all(more.map((s) => post('/signing-appointments', { slotId: s.id }, loser.token)));
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of race.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('SIGNING.ALREADY_BOOKED');
  });

  it('should refuse a booking by a delegation that is not approved or not a State or REIO', async () => {
    const { slots } = await signingSession('09:00', '09:30', '2025-10-26');
    const pending = await registerAs(api, eventId, statePayload('NZL'));
    const notApproved = await post('/signing-appointments', { slotId: slots[0]!.id }, pending.token);
    expect(notApproved.statusCode).toBe(422);
    expect(notApproved.json()).toMatchObject({
      code: 'SIGNING.DELEGATION_NOT_APPROVED',
      delegationStatus: 'submitted',
    });
    const ngo = await approvedOrganisation(api, eventId, 'Human Rights Watch');
    const notParty = await post('/signing-appointments', { slotId: slots[0]!.id }, ngo.token);
    expect(notParty.statusCode).toBe(422);
    expect(notParty.json()).toMatchObject({ code: 'SIGNING.NOT_A_PARTY', kind: 'ngo' });
    // Organisers cannot book for them either.
    const byOrganiser = await post('/signing-appointments', { slotId: slots[0]!.id, delegationId: ngo.id });
    expect(byOrganiser.json().code).toBe('SIGNING.NOT_A_PARTY');
    // The European Union (a REIO) may sign.
    const eu = await registerAs(api, eventId, { ...statePayload('EU'), kind: 'reio', participantCode: 'EU' });
    await approve(api, eventId, [eu.id]);
    expect((await post('/signing-appointments', { slotId: slots[0]!.id }, eu.token)).statusCode).toBe(201);
    // A focal point books for its own delegation only; a past slot is closed to it.
    const [own] = await approvedStates(api, eventId, ['ISL']);
    const foreign = await post('/signing-appointments', { slotId: slots[1]!.id, delegationId: eu.id }, own!.token);
    expect(foreign.statusCode).toBe(404);
    const back = setClock(api, '2025-10-26T09:12:00+07:00');
    try {
      const passed = await post('/signing-appointments', { slotId: slots[1]!.id }, own!.token);
      expect(passed.json().code).toBe('SIGNING.SLOT_PASSED');
    } finally {
      back();
      restore = setClock(api, '2025-10-20T09:00:00+07:00');
    }
    const none = await post('/signing-appointments', { slotId: slots[1]!.id }, ngo.token);
    expect(none.statusCode).toBe(422);
  });

  it('should schedule reminders 24 h and 1 h before, move them with the appointment and drop them on cancellation', async () => {
    const [fra] = await approvedStates(api, eventId, ['FRA']);
    const { id: sessionId, slots } = await signingSession('10:00', '12:00', '2025-10-26');
    const at = (i: number) => slots[i]!.id;
    const booked = await post('/signing-appointments', { slotId: at(0) }, fra!.token);
    expect(booked.statusCode).toBe(201);
    const appointmentId = booked.json().id as string;
    expect(booked.json()).toMatchObject({
      startsAt: '2025-10-26T10:00:00+07:00',
      status: 'booked',
      sequence: 0,
      calendarUid: `signing-appointment-${appointmentId}@accord`,
    });
    const reminders = async () =>
      (await outboxRows(api, 'appointment.reminder', { appointmentId })).map((r) => ({
        hoursBefore: r.data.hoursBefore,
        deliverAfter: r.deliver_after!.toISOString(),
        expiresAt: r.expires_at!.toISOString(),
        recipients: r.recipients.map((x) => x.email),
      }));
    expect(await reminders()).toEqual([
      {
        hoursBefore: 24,
        deliverAfter: '2025-10-25T03:00:00.000Z',
        expiresAt: '2025-10-26T03:00:00.000Z',
        recipients: ['focal.fra@mfa.example'],
      },
      {
        hoursBefore: 1,
        deliverAfter: '2025-10-26T02:00:00.000Z',
        expiresAt: '2025-10-26T03:00:00.000Z',
        recipients: ['focal.fra@mfa.example'],
      },
    ]);
    const [confirmation] = await outboxRows(api, 'appointment.booked', { appointmentId });
    expect(confirmation!.data).toMatchObject({ delegationName: 'France', startsAt: '2025-10-26T10:00:00+07:00' });

    // Moved to 11:30: told the old and new times; the reminders follow.
    const moved = await post(`/signing-appointments/${appointmentId}/move`, { slotId: at(18) }, fra!.token);
    expect(moved.json()).toMatchObject({ startsAt: '2025-10-26T11:30:00+07:00', sequence: 1 });
    const [notice] = await outboxRows(api, 'appointment.moved', { appointmentId });
    expect(notice!.data).toMatchObject({
      cause: 'moved',
      from: { startsAt: '2025-10-26T10:00:00+07:00', endsAt: '2025-10-26T10:05:00+07:00' },
      to: { startsAt: '2025-10-26T11:30:00+07:00', endsAt: '2025-10-26T11:35:00+07:00' },
      sequence: 1,
    });
    expect((await reminders()).map((r) => [r.hoursBefore, r.deliverAfter])).toEqual([
      [24, '2025-10-25T04:30:00.000Z'],
      [1, '2025-10-26T03:30:00.000Z'],
    ]);
    // What a relay would deliver at a given moment: nothing early, the 24-hour one once due.
    const due = async (iso: string): Promise<unknown[]> =>
      api.app.get(DataSource).query(
        `SELECT data->>'hoursBefore' AS h FROM outbox_messages WHERE kind = 'appointment.reminder' AND published_at IS NULL
            AND data @> $1::jsonb AND deliver_after <= $2 AND (expires_at IS NULL OR expires_at > $2)`,
        [JSON.stringify({ appointmentId }), iso],
      );
    expect(await due('2025-10-25T11:29:00+07:00')).toEqual([]);
    expect(await due('2025-10-25T11:30:00+07:00')).toEqual([{ h: '24' }]);

    // The signing session moves 30 minutes later: slots and appointment move with it, and so do the reminders.
    const shifted = await api.app.inject({
      method: 'PATCH',
      url: url(`/sessions/${sessionId}`),
      headers: bearer(protocol),
      payload: { startsAt: '2025-10-26T10:30:00+07:00', endsAt: '2025-10-26T12:30:00+07:00' },
    });
    expect(shifted.statusCode).toBe(200);
    const [sessionMoved] = (await outboxRows(api, 'appointment.moved', { appointmentId })).filter(
      (r) => r.data.cause === 'session_moved',
    );
    expect(sessionMoved!.data).toMatchObject({
      from: { startsAt: '2025-10-26T11:30:00+07:00' },
      to: { startsAt: '2025-10-26T12:00:00+07:00' },
      sequence: 2,
    });
    expect((await reminders()).map((r) => r.deliverAfter)).toEqual([
      '2025-10-25T05:00:00.000Z',
      '2025-10-26T04:00:00.000Z',
    ]);

    // Cancelled: no reminder remains.
    const cancelled = await post(
      `/signing-appointments/${appointmentId}/cancel`,
      { reason: 'Signing in New York instead' },
      fra!.token,
    );
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', sequence: 3 });
    expect(await reminders()).toEqual([]);
    const [withdrawn] = await outboxRows(api, 'appointment.cancelled', { appointmentId });
    expect(withdrawn!.data).toMatchObject({ cause: 'cancelled', reason: 'Signing in New York instead' });
    const audit: { action: string }[] = await api.app
      .get(DataSource)
      .query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [appointmentId]);
    expect(audit.map((a) => a.action)).toEqual([
      'appointment.booked',
      'appointment.moved',
      'appointment.moved',
      'appointment.cancelled',
    ]);
  });

  it('should never schedule a reminder for a time already past', async () => {
    const [deu, ita] = await approvedStates(api, eventId, ['DEU', 'ITA']);
    const { slots } = await signingSession('13:00', '15:00', '2025-10-26');
    const back = setClock(api, '2025-10-26T12:30:00+07:00');
    try {
      const soon = await post('/signing-appointments', { slotId: slots[0]!.id }, deu!.token); // 13:00: both past
      const later = await post('/signing-appointments', { slotId: slots[20]!.id }, ita!.token); // 14:40: 1 h ahead
      expect(await outboxRows(api, 'appointment.reminder', { appointmentId: soon.json().id })).toEqual([]);
      const left = await outboxRows(api, 'appointment.reminder', { appointmentId: later.json().id });
      expect(left.map((r) => [r.data.hoursBefore, r.deliver_after!.toISOString()])).toEqual([
        [1, '2025-10-26T06:40:00.000Z'],
      ]);
    } finally {
      back();
      restore = setClock(api, '2025-10-20T09:00:00+07:00');
    }
  });

  it('should show the running order with signatories, let organisers reorder it and mark outcomes', async () => {
    const [vnm, can, mex] = await approvedStates(api, eventId, ['VNM', 'CAN', 'MEX']);
    const { id: sessionId, slots } = await signingSession('08:00', '08:30', '2025-10-25');
    const book = async (p: Party, i: number) =>
      (await post('/signing-appointments', { slotId: slots[i]!.id, delegationId: p.id })).json().id as string;
    const a = { can: await book(can!, 0), mex: await book(mex!, 1), vnm: await book(vnm!, 2) };
    const order = async () =>
      (
        await api.app.inject({
          method: 'GET',
          url: url(`/running-order?sessionId=${sessionId}`),
          headers: bearer(protocol),
        })
      ).json() as {
        position: number;
        appointmentId: string;
        startsAt: string;
        delegation: { participantCode: string };
        signatory: { fullName: string } | null;
        fullPowersStatus: string | null;
        status: string;
      }[];
    expect((await order()).map((e) => e.delegation.participantCode)).toEqual(['CAN', 'MEX', 'VNM']);
    // The host signs first.
    const reorder = await api.app.inject({
      method: 'PUT',
      url: url(`/sessions/${sessionId}/running-order`),
      headers: bearer(treaty),
      payload: { appointmentIds: [a.vnm, a.can, a.mex] },
    });
    expect(reorder.statusCode).toBe(200);
    const entries = await order();
    expect(entries.map((e) => [e.position, e.delegation.participantCode, e.startsAt])).toEqual([
      [1, 'VNM', '2025-10-25T08:00:00+07:00'],
      [2, 'CAN', '2025-10-25T08:05:00+07:00'],
      [3, 'MEX', '2025-10-25T08:10:00+07:00'],
    ]);
    expect(entries[0]).toMatchObject({ signatory: { fullName: 'Head VNM' }, fullPowersStatus: null, status: 'booked' });
    const [reordered] = await outboxRows(api, 'appointment.moved', { appointmentId: a.vnm });
    expect(reordered!.data).toMatchObject({
      cause: 'reordered',
      from: { startsAt: '2025-10-25T08:10:00+07:00' },
      to: { startsAt: '2025-10-25T08:00:00+07:00' },
    });
    const incomplete = await api.app.inject({
      method: 'PUT',
      url: url(`/sessions/${sessionId}/running-order`),
      headers: bearer(treaty),
      payload: { appointmentIds: [a.vnm] },
    });
    expect(incomplete.json()).toMatchObject({
      code: 'SIGNING.REORDER_MISMATCH',
      missing: expect.arrayContaining([a.can, a.mex]),
    });
    const csv = await api.app.inject({
      method: 'GET',
      url: url('/running-order'),
      headers: { ...bearer(protocol), accept: 'text/csv' },
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Viet Nam');

    // Outcomes at the table: Viet Nam signs; Canada misses; Mexico is rescheduled to a later slot.
    expect((await post(`/signing-appointments/${a.vnm}/outcome`, { outcome: 'done' })).json().status).toBe('done');
    expect(
      (await post(`/signing-appointments/${a.can}/outcome`, { outcome: 'missed', note: 'Delegation delayed' })).json(),
    ).toMatchObject({ status: 'missed', note: 'Delegation delayed' });
    const rescheduled = await post(`/signing-appointments/${a.mex}/outcome`, {
      outcome: 'rescheduled',
      slotId: slots[5]!.id,
    });
    expect(rescheduled.json()).toMatchObject({
      status: 'booked',
      rescheduledFromId: a.mex,
      startsAt: '2025-10-25T08:25:00+07:00',
    });
    expect((await post(`/signing-appointments/${a.vnm}/outcome`, { outcome: 'missed' })).json().code).toBe(
      'SIGNING.INVALID_OUTCOME',
    );
    // Canada, having missed its slot, books another.
    expect((await post('/signing-appointments', { slotId: slots[4]!.id, delegationId: can!.id })).statusCode).toBe(201);
    expect((await order()).map((e) => [e.delegation.participantCode, e.status])).toEqual([
      ['VNM', 'done'],
      ['CAN', 'missed'],
      ['CAN', 'booked'],
      ['MEX', 'booked'],
    ]);
    // A focal point does not see the running order.
    expect(
      (await api.app.inject({ method: 'GET', url: url('/running-order'), headers: bearer(vnm!.token) })).statusCode,
    ).toBe(403);
  });

  it('should let the signatures library mark an appointment done inside its own transaction', async () => {
    const [bra, arg] = await approvedStates(api, eventId, ['BRA', 'ARG']);
    const { slots } = await signingSession('08:30', '08:50', '2025-10-26');
    const appointmentId = (await post('/signing-appointments', { slotId: slots[0]!.id }, bra!.token)).json()
      .id as string;
    const service = api.app.get(SigningAppointmentsService);
    const dataSource = api.app.get(DataSource);
    const done = await dataSource.transaction((m) => service.markDoneForDelegation(m, eventId, bra!.id));
    expect(done).toMatchObject({ id: appointmentId, status: 'done', sequence: 1 });
    expect(await outboxRows(api, 'appointment.reminder', { appointmentId })).toEqual([]);
    // Idempotent, and a party without an appointment (signing later in New York) is not an error.
    expect((await dataSource.transaction((m) => service.markDoneForDelegation(m, eventId, bra!.id)))!.status).toBe(
      'done',
    );
    await expect(dataSource.transaction((m) => service.markDoneForDelegation(m, eventId, arg!.id))).resolves.toBeNull();
  });

  it('should cancel the appointments of a cancelled signing session and tell their delegations', async () => {
    const [chl] = await approvedStates(api, eventId, ['CHL']);
    const { id: sessionId, slots } = await signingSession('17:00', '17:30', '2025-10-26');
    const appointmentId = (await post('/signing-appointments', { slotId: slots[2]!.id }, chl!.token)).json()
      .id as string;
    await post(`/sessions/${sessionId}/cancel`, { reason: 'Venue evacuation drill' }, protocol);
    const mine = await api.app.inject({
      method: 'GET',
      url: url(`/signing-appointments/${appointmentId}`),
      headers: bearer(chl!.token),
    });
    expect(mine.json()).toMatchObject({ status: 'cancelled', note: 'Venue evacuation drill' });
    const [notice] = await outboxRows(api, 'appointment.cancelled', { appointmentId });
    expect(notice!.data).toMatchObject({ cause: 'session_cancelled', reason: 'Venue evacuation drill' });
    expect(await outboxRows(api, 'appointment.reminder', { appointmentId })).toEqual([]);
    expect((await post('/signing-appointments', { slotId: slots[3]!.id }, chl!.token)).json().code).toBe(
      'SIGNING.SESSION_CANCELLED',
    );
  });
});
