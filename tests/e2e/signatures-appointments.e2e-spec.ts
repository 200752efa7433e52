import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { bearer, createEvent } from '../support/delegation-fixtures.js';
import {
  approvedStates,
  createRoom,
  createSession,
  sessionPayload,
  setClock,
  type Party,
} from '../support/scheduling-fixtures.js';
import { MINIMAL_PDF, multipart, recordSignature, signaturePayload } from '../support/signature-fixtures.js';

describe('Signatures and the signing appointments (e2e)', () => {
  let api: TestApi;
  let treaty: string;
  let eventId: string;
  let restore: () => void;
  const parties: Record<string, Party> = {};
  const appointments: Record<string, string> = {};

  const url = (path: string) => `/v1/events/${eventId}${path}`;
  const post = (path: string, payload: Record<string, unknown>, token = treaty) =>
    api.app.inject({ method: 'POST', url: url(path), headers: bearer(token), payload });
  const designate = (code: string, payload: Record<string, unknown>) =>
    api.app.inject({
      method: 'PUT',
      url: url(`/delegations/${parties[code]!.id}/signatory`),
      headers: bearer(parties[code]!.token),
      payload,
    });

  beforeAll(async () => {
    api = await startTestApi();
    treaty = await api.tokenFor('treaty');
    eventId = await createEvent(api);
    restore = setClock(api, '2025-10-20T09:00:00+07:00'); // booking happens before the ceremony
    const codes = ['VNM', 'GHA', 'KEN', 'FRA'];
    const approved = await approvedStates(api, eventId, codes);
    codes.forEach((code, i) => (parties[code] = approved[i]!));
    const protocol = await api.tokenFor('protocol');
    const roomId = await createRoom(api, eventId, protocol, { name: 'Signing table' });
    const sessionId = await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(roomId, {
        kind: 'signing',
        titleEn: 'Signing of the Convention',
        titleFr: 'Signature de la Convention',
        startsAt: '2025-10-25T09:00:00+07:00',
        endsAt: '2025-10-25T10:00:00+07:00',
      }),
      true,
    );
    const slots = (await post(`/sessions/${sessionId}/slots/generate`, { everyMinutes: 5 })).json() as { id: string }[];
    // The host first, then in the order of this list.
    for (const [i, code] of codes.entries()) {
      const booked = await post('/signing-appointments', { slotId: slots[i]!.id, delegationId: parties[code]!.id });
      expect(booked.statusCode).toBe(201);
      appointments[code] = booked.json().id as string;
    }
    // Ghana: an ambassador, full powers uploaded and waiting; Kenya: a minister of justice, nothing uploaded yet;
    // France: the President, no full powers needed; Viet Nam: nobody named yet.
    expect((await designate('GHA', { fullName: 'Kwame Mensah', capacity: 'other' })).statusCode).toBe(200);
    const file = multipart('fp.pdf', MINIMAL_PDF);
    const uploaded = await api.app.inject({
      method: 'POST',
      url: url(`/delegations/${parties.GHA!.id}/full-powers`),
      headers: { ...file.headers, ...bearer(parties.GHA!.token) },
      payload: file.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    await designate('KEN', { fullName: 'Alice Wahome', capacity: 'other', rank: 'minister' });
    await designate('FRA', { fullName: 'Emmanuel Macron', capacity: 'head_of_state' });
  });
  afterAll(async () => {
    restore();
    await api.close();
  });

  it('should list the parties with appointments whose full powers are missing or pending, soonest first', async () => {
    const res = await api.app.inject({ method: 'GET', url: url('/full-powers/outstanding'), headers: bearer(treaty) });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .map((r: { participantCode: string; fullPowers: string; appointmentAt: string }) => [
          r.participantCode,
          r.fullPowers,
          r.appointmentAt,
        ]),
    ).toEqual([
      ['VNM', 'no_signatory', '2025-10-25T09:00:00+07:00'],
      ['GHA', 'pending', '2025-10-25T09:05:00+07:00'],
      ['KEN', 'missing', '2025-10-25T09:10:00+07:00'],
    ]);
    expect(res.json()[1].pendingFullPowersId).toMatch(/^[0-9a-f-]{36}$/);

    const csv = await api.app.inject({
      method: 'GET',
      url: url('/full-powers/outstanding'),
      headers: { ...bearer(treaty), accept: 'text/csv' },
    });
    const rows = parse(csv.body, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.participant_code)).toEqual(['VNM', 'GHA', 'KEN']);

    const focal = await api.app.inject({
      method: 'GET',
      url: url('/full-powers/outstanding'),
      headers: bearer(parties.GHA!.token),
    });
    expect(focal.statusCode).toBe(403);
  });

  it("should show each party's full-powers standing in the signing table's running order", async () => {
    const order = (
      await api.app.inject({ method: 'GET', url: url('/running-order'), headers: bearer(treaty) })
    ).json() as Array<{ delegation: { participantCode: string }; fullPowersStatus: string | null }>;
    expect(order.map((e) => [e.delegation.participantCode, e.fullPowersStatus])).toEqual([
      ['VNM', null],
      ['GHA', 'pending'],
      ['KEN', 'missing'],
      ['FRA', 'not_required'],
    ]);
  });

  it("should mark the party's appointment done in the same transaction as its signature", async () => {
    const signed = await recordSignature(
      api,
      treaty,
      eventId,
      signaturePayload('VNM', '2025-10-25T09:02:00+07:00', { signatoryName: 'Luong Cuong', capacity: 'head_of_state' }),
    );
    expect(signed.statusCode).toBe(201);
    expect(signed.json().delegationId).toBe(parties.VNM!.id);
    const appointment = await api.app.inject({
      method: 'GET',
      url: url(`/signing-appointments/${appointments.VNM}`),
      headers: bearer(treaty),
    });
    expect(appointment.json().status).toBe('done');

    const [audit] = await api.app
      .get(DataSource)
      .query(`SELECT request_id FROM audit_log WHERE action = 'appointment.done' AND entity_id = $1`, [
        appointments.VNM,
      ]);
    const [recorded] = await api.app
      .get(DataSource)
      .query(`SELECT request_id FROM audit_log WHERE action = 'signature.recorded' AND entity_id = $1`, [
        signed.json().id,
      ]);
    expect(audit.request_id).toBe(recorded.request_id);

    const outstanding = (
      await api.app.inject({ method: 'GET', url: url('/full-powers/outstanding'), headers: bearer(treaty) })
    ).json() as Array<{ participantCode: string }>;
    expect(outstanding.map((r) => r.participantCode)).toEqual(['GHA', 'KEN']);
  });

  it('should leave the appointment booked when the signature is refused', async () => {
    const refused = await recordSignature(
      api,
      treaty,
      eventId,
      signaturePayload('KEN', '2025-10-25T09:12:00+07:00', { signatoryName: 'Alice Wahome', capacity: 'other' }),
    );
    expect(refused.statusCode).toBe(422);
    const appointment = await api.app.inject({
      method: 'GET',
      url: url(`/signing-appointments/${appointments.KEN}`),
      headers: bearer(treaty),
    });
    expect(appointment.json().status).toBe('booked');
  });
});
