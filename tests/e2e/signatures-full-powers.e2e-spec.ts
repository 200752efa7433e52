import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { bearer, createEvent, register, statePayload } from '../support/delegation-fixtures.js';
import {
  delegationWithFullPowers,
  MINIMAL_PDF,
  multipart,
  recordSignature,
  review,
  signaturePayload,
  TINY_PNG,
} from '../support/signature-fixtures.js';

describe('Full powers and the signature rules (e2e)', () => {
  let api: TestApi;
  let treaty: string;
  let eventId: string;

  beforeAll(async () => {
    api = await startTestApi();
    treaty = await api.tokenFor('treaty');
    eventId = await createEvent(api, { signatureClosesOn: '2026-12-31' });
  });
  afterAll(async () => api.close());

  const outbox = (kind: string) =>
    api.app
      .get(DataSource)
      .query(`SELECT recipients, data, webhook FROM outbox_messages WHERE kind = $1 ORDER BY created_at`, [kind]);

  const upload = (delegationId: string, token: string, file: ReturnType<typeof multipart>) =>
    api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/delegations/${delegationId}/full-powers`,
      headers: { ...file.headers, ...bearer(token) },
      payload: file.payload,
    });

  it('should check the signing window against the event as it is now, even when another process changed it', async () => {
    const own = await createEvent(api, { signatureClosesOn: '2026-12-31' });
    const db = api.app.get(DataSource);
    const sign = (code: string, at: string) => recordSignature(api, treaty, own, signaturePayload(code, at));
    expect((await sign('KEN', '2025-10-25T09:00:00+07:00')).statusCode).toBe(201); // the event is now in memory
    // Written straight to the table: this process's EventsService never hears of it (as with another API process).
    await db.query(`UPDATE events SET signature_closes_on = '2026-01-31' WHERE id = $1`, [own]);
    const closed = await sign('UGA', '2026-02-10T15:00:00-05:00');
    expect(closed.statusCode).toBe(422);
    expect(closed.json()).toMatchObject({ code: 'SIGNATURE.CLOSED', closedOn: '2026-01-31' });
    await db.query(`UPDATE events SET signature_closes_on = '2026-12-31' WHERE id = $1`, [own]);
    const reopened = await sign('UGA', '2026-02-10T15:00:00-05:00');
    expect(reopened.statusCode).toBe(201);
    expect(reopened.json()).toMatchObject({ place: 'New York' });
  });

  it('should refuse a signature without verified full powers and accept it once they are verified', async () => {
    const ghana = await delegationWithFullPowers(api, eventId, 'GHA', 'Kwame Mensah');
    const payload = signaturePayload('GHA', '2025-10-25T09:30:00+07:00', {
      signatoryName: 'Kwame Mensah',
      capacity: 'other',
      signatoryTitle: 'Permanent Representative',
    });

    const pending = await recordSignature(api, treaty, eventId, payload);
    expect(pending.statusCode).toBe(422);
    expect(pending.headers['content-type']).toContain('application/problem+json');
    expect(pending.json()).toMatchObject({ code: 'SIGNATURE.FULL_POWERS_REQUIRED', fullPowers: 'pending' });

    const verified = await review(api, treaty, eventId, ghana.fullPowersId, { status: 'verified' });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'verified', representativeName: 'Kwame Mensah' });

    const someoneElse = await recordSignature(api, treaty, eventId, { ...payload, signatoryName: 'Ama Owusu' });
    expect(someoneElse.statusCode).toBe(422);
    expect(someoneElse.json()).toMatchObject({
      code: 'SIGNATURE.FULL_POWERS_NAME_MISMATCH',
      representativeName: 'Kwame Mensah',
    });

    const signed = await recordSignature(api, treaty, eventId, { ...payload, signatoryName: 'kwame  MENSAH' });
    expect(signed.statusCode).toBe(201);
    expect(signed.json()).toMatchObject({
      participantCode: 'GHA',
      capacity: 'other',
      rank: 'official',
      fullPowersId: ghana.fullPowersId,
      place: 'Hanoi',
      signedAt: '2025-10-25T09:30:00+07:00',
      voided: false,
    });
    expect(signed.headers.location).toBe(`/v1/events/${eventId}/signatures/${signed.json().id}`);
  });

  it('should accept a signature without full powers when the signatory holds an exempt office', async () => {
    for (const [code, capacity] of [
      ['KEN', 'head_of_state'],
      ['SEN', 'head_of_government'],
      ['PER', 'minister_for_foreign_affairs'],
    ] as const) {
      const res = await recordSignature(
        api,
        treaty,
        eventId,
        signaturePayload(code, '2025-10-25T10:00:00+07:00', { capacity }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json().fullPowersId).toBeNull();
    }
    const other = await recordSignature(
      api,
      treaty,
      eventId,
      signaturePayload('CHL', '2025-10-25T10:05:00+07:00', { capacity: 'other', rank: 'minister' }),
    );
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'SIGNATURE.FULL_POWERS_REQUIRED', fullPowers: 'no_signatory' });
  });

  it('should refuse a party outside the catalogue, a REIO without full powers and a place contradicting art. 64', async () => {
    const unknown = await recordSignature(api, treaty, eventId, signaturePayload('XKX', '2025-10-25T10:00:00+07:00'));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('SIGNATURE.UNKNOWN_PARTY');

    const eu = await recordSignature(
      api,
      treaty,
      eventId,
      signaturePayload('EU', '2025-10-25T10:00:00+07:00', { capacity: 'head_of_government' }),
    );
    expect(eu.statusCode).toBe(422);
    expect(eu.json().code).toBe('SIGNATURE.REIO_CAPACITY');

    const wrongPlace = await recordSignature(
      api,
      treaty,
      eventId,
      signaturePayload('MEX', '2026-02-10T15:00:00-05:00', { place: 'Hanoi' }),
    );
    expect(wrongPlace.statusCode).toBe(422);
    expect(wrongPlace.json()).toMatchObject({ code: 'SIGNATURE.WRONG_PLACE', expected: 'New York' });

    const later = await recordSignature(api, treaty, eventId, signaturePayload('MEX', '2026-02-10T15:00:00-05:00'));
    expect(later.statusCode).toBe(201);
    expect(later.json()).toMatchObject({ place: 'New York', signedAt: '2026-02-11T03:00:00+07:00' });

    const early = await recordSignature(api, treaty, eventId, signaturePayload('ARG', '2025-10-24T12:00:00+07:00'));
    expect(early.json().code).toBe('SIGNATURE.BEFORE_OPENING');

    const noOffset = await recordSignature(api, treaty, eventId, signaturePayload('ARG', '2025-10-25T12:00:00'));
    expect(noOffset.statusCode).toBe(400);

    const badReference = await recordSignature(
      api,
      treaty,
      eventId,
      signaturePayload('ARG', '2025-10-25T12:00:00+07:00', { depositaryNotification: 'CN 196 2025' }),
    );
    expect(badReference.statusCode).toBe(400);
    const reference = await recordSignature(
      api,
      treaty,
      eventId,
      signaturePayload('ARG', '2025-10-25T12:00:00+07:00', {
        depositaryNotification: 'C.N.196.2025.TREATIES-XVIII.16',
      }),
    );
    expect(reference.statusCode).toBe(201);
    expect(reference.json().depositaryNotification).toBe('C.N.196.2025.TREATIES-XVIII.16');
  });

  it('should let only treaty officers record signatures', async () => {
    const protocol = await api.tokenFor('protocol');
    const res = await recordSignature(api, protocol, eventId, signaturePayload('BRA', '2025-10-25T10:00:00+07:00'));
    expect(res.statusCode).toBe(403);
    const anonymous = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/signatures`,
      payload: signaturePayload('BRA', '2025-10-25T10:00:00+07:00'),
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('should check the size and the content of uploaded full powers', async () => {
    const delegation = await register(api, eventId, statePayload('NGA'));
    const token = delegation.token;
    const noSignatory = await upload(delegation.id, token, multipart('fp.pdf', MINIMAL_PDF));
    expect(noSignatory.statusCode).toBe(409);
    expect(noSignatory.json().code).toBe('FULL_POWERS.NO_SIGNATORY');

    const exempt = await api.app.inject({
      method: 'PUT',
      url: `/v1/events/${eventId}/delegations/${delegation.id}/signatory`,
      headers: bearer(token),
      payload: { fullName: 'Yusuf Tuggar', capacity: 'minister_for_foreign_affairs' },
    });
    expect(exempt.json()).toMatchObject({ fullPowersRequired: false, fullPowers: 'not_required' });
    const notRequired = await upload(delegation.id, token, multipart('fp.pdf', MINIMAL_PDF));
    expect(notRequired.json().code).toBe('FULL_POWERS.NOT_REQUIRED');

    const designated = await api.app.inject({
      method: 'PUT',
      url: `/v1/events/${eventId}/delegations/${delegation.id}/signatory`,
      headers: bearer(token),
      payload: {
        fullName: 'Lateef Fagbemi',
        title: 'Attorney-General and Minister of Justice',
        capacity: 'other',
        rank: 'minister',
      },
    });
    expect(designated.statusCode).toBe(200);
    expect(designated.json()).toMatchObject({
      fullPowersRequired: true,
      fullPowers: 'missing',
      signatory: { fullName: 'Lateef Fagbemi', capacity: 'other', rank: 'minister' },
    });

    const tooLarge = await upload(
      delegation.id,
      token,
      multipart('big.pdf', Buffer.concat([MINIMAL_PDF, Buffer.alloc(5 * 1024 * 1024)])),
    );
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().code).toBe('FULL_POWERS.TOO_LARGE');

    // The declared type is ignored: the bytes decide.
    const text = await upload(
      delegation.id,
      token,
      multipart('fp.pdf', Buffer.from('not really a PDF'), 'application/pdf'),
    );
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('FULL_POWERS.UNSUPPORTED_TYPE');
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    expect((await upload(delegation.id, token, multipart('fp.png', gif, 'image/png'))).statusCode).toBe(415);
    const notMultipart = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/delegations/${delegation.id}/full-powers`,
      headers: bearer(token),
      payload: { file: 'x' },
    });
    expect(notMultipart.statusCode).toBe(415);

    const png = await upload(
      delegation.id,
      token,
      multipart('../../Full Powers (scan).png', TINY_PNG, 'application/octet-stream'),
    );
    expect(png.statusCode).toBe(201);
    expect(png.json()).toMatchObject({
      contentType: 'image/png',
      fileName: 'Full_Powers_scan.png',
      sizeBytes: TINY_PNG.length,
      status: 'pending',
      representativeName: 'Lateef Fagbemi',
    });
    expect(png.json().sha256).toMatch(/^[0-9a-f]{64}$/);

    const download = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/delegations/${delegation.id}/full-powers/${png.json().id}`,
      headers: bearer(token),
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(TINY_PNG)).toBe(true);

    // The bytes live in their own table.
    const [row] = await api.app
      .get(DataSource)
      .query('SELECT octet_length(content) AS size FROM full_powers_contents WHERE full_powers_id = $1', [
        png.json().id,
      ]);
    expect(row.size).toBe(TINY_PNG.length);
  });

  it('should notify the focal point of a rejection with its reason and let it upload again', async () => {
    const rwanda = await delegationWithFullPowers(api, eventId, 'RWA', 'Vincent Biruta');
    const noReason = await review(api, treaty, eventId, rwanda.fullPowersId, { status: 'rejected' });
    expect(noReason.statusCode).toBe(400);

    const rejected = await review(api, treaty, eventId, rwanda.fullPowersId, {
      status: 'rejected',
      reason: 'Not signed by the Minister for Foreign Affairs',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Not signed by the Minister for Foreign Affairs',
    });
    const [message] = (await outbox('full_powers.reviewed')).filter(
      (m: { data: { fullPowersId: string } }) => m.data.fullPowersId === rwanda.fullPowersId,
    );
    expect(message).toMatchObject({
      recipients: [{ email: 'focal.rwa@mfa.example', delegationId: rwanda.id }],
      data: { status: 'rejected', reason: 'Not signed by the Minister for Foreign Affairs', partyCode: 'RWA' },
    });

    const status = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/delegations/${rwanda.id}/signatory`,
      headers: bearer(rwanda.token),
    });
    expect(status.json()).toMatchObject({ fullPowers: 'rejected', current: null });

    const again = await upload(rwanda.id, rwanda.token, multipart('fp-signed.pdf', MINIMAL_PDF));
    expect(again.statusCode).toBe(201);
    const replaced = await upload(rwanda.id, rwanda.token, multipart('fp-signed-2.pdf', MINIMAL_PDF));
    expect(replaced.statusCode).toBe(201);
    const history = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/delegations/${rwanda.id}/signatory`,
      headers: bearer(rwanda.token),
    });
    expect(history.json().history.map((f: { status: string }) => f.status)).toEqual([
      'pending',
      'superseded',
      'rejected',
    ]);

    const verified = await review(api, treaty, eventId, replaced.json().id, { status: 'verified' });
    expect(verified.statusCode).toBe(200);
    const afterVerified = await upload(rwanda.id, rwanda.token, multipart('fp-3.pdf', MINIMAL_PDF));
    expect(afterVerified.json().code).toBe('FULL_POWERS.ALREADY_VERIFIED');
    const twice = await review(api, treaty, eventId, replaced.json().id, { status: 'verified' });
    expect(twice.statusCode).toBe(409);

    // Renaming the signatory makes the verified full powers lapse: they name someone else.
    const renamed = await api.app.inject({
      method: 'PUT',
      url: `/v1/events/${eventId}/delegations/${rwanda.id}/signatory`,
      headers: bearer(rwanda.token),
      payload: { fullName: 'Olivier Nduhungirehe', capacity: 'other' },
    });
    expect(renamed.json()).toMatchObject({ fullPowers: 'missing', current: null });

    const queue = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/full-powers?status=pending`,
      headers: bearer(treaty),
    });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().every((f: { status: string }) => f.status === 'pending')).toBe(true);
  });

  it('should hide other delegations from a focal point', async () => {
    const a = await register(api, eventId, statePayload('TUN'));
    const b = await register(api, eventId, statePayload('MAR'));
    const res = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/delegations/${b.id}/signatory`,
      headers: bearer(a.token),
    });
    expect(res.statusCode).toBe(404);
  });

  it('should void a signature with a reason, keep its history and let the party sign again', async () => {
    const first = await recordSignature(api, treaty, eventId, signaturePayload('URY', '2025-10-25T11:00:00+07:00'));
    const id = first.json().id as string;
    const noReason = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/signatures/${id}/void`,
      headers: bearer(treaty),
      payload: {},
    });
    expect(noReason.statusCode).toBe(400);
    const voided = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/signatures/${id}/void`,
      headers: bearer(treaty),
      payload: { reason: 'Recorded for Uruguay instead of Paraguay' },
    });
    expect(voided.statusCode).toBe(200);
    expect(voided.json()).toMatchObject({ voided: true, voidReason: 'Recorded for Uruguay instead of Paraguay' });
    expect(voided.json().voidedBy.id).toBe(voided.json().recordedBy.id);
    expect(
      (
        await api.app.inject({
          method: 'POST',
          url: `/v1/events/${eventId}/signatures/${id}/void`,
          headers: bearer(treaty),
          payload: { reason: 'again' },
        })
      ).statusCode,
    ).toBe(409);

    const again = await recordSignature(api, treaty, eventId, signaturePayload('URY', '2025-10-25T11:30:00+07:00'));
    expect(again.statusCode).toBe(201);
    const history = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/signatures?includeVoided=true`,
      headers: bearer(await api.tokenFor('viewer')),
    });
    const uruguay = history.json().filter((s: { participantCode: string }) => s.participantCode === 'URY');
    expect(uruguay).toHaveLength(2);
    expect(uruguay.map((s: { voided: boolean }) => s.voided).sort()).toEqual([false, true]);
    expect(uruguay.find((s: { voided: boolean }) => s.voided).recordedBy.name).toBe('treaty');

    // PostgreSQL itself refuses to delete or rewrite the record.
    const db = api.app.get(DataSource);
    await expect(db.query('DELETE FROM signatures WHERE id = $1', [id])).rejects.toThrow(/never deleted/);
    await expect(
      db.query(`UPDATE signatures SET signatory_name = 'x' WHERE id = $1`, [again.json().id]),
    ).rejects.toThrow(/only the void/);
    const audit = await db.query(
      `SELECT action FROM audit_log WHERE entity_type = 'signature' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['signature.recorded', 'signature.voided']);
  });
});
