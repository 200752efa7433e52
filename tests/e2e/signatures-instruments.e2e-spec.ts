import { startTestApi, type TestApi } from '../support/test-api.js';
import { bearer, createEvent } from '../support/delegation-fixtures.js';
import { delegationWithFullPowers, recordSignature, review, signaturePayload } from '../support/signature-fixtures.js';

describe('Instruments and entry into force (e2e)', () => {
  let api: TestApi;
  let treaty: string;
  let eventId: string;

  beforeAll(async () => {
    api = await startTestApi();
    treaty = await api.tokenFor('treaty');
    // A threshold of 3 keeps the sequence short; the rule is the same as for 40 (see entry-into-force.spec.ts).
    eventId = await createEvent(api, { eifThreshold: 3, eifDaysAfter: 90, eifDaysAfterLaterDeposit: 30 });
    for (const [i, code] of ['FRA', 'DEU', 'ITA', 'ESP'].entries()) {
      const res = await recordSignature(
        api,
        treaty,
        eventId,
        signaturePayload(code, `2025-10-25T1${i}:00:00+07:00`, { capacity: 'head_of_government' }),
      );
      expect(res.statusCode).toBe(201);
    }
    const eu = await delegationWithFullPowers(api, eventId, 'EU', 'Kaja Kallas');
    await review(api, treaty, eventId, eu.fullPowersId, { status: 'verified' });
    const euSigned = await recordSignature(
      api,
      treaty,
      eventId,
      signaturePayload('EU', '2025-10-26T09:00:00+07:00', { signatoryName: 'Kaja Kallas', capacity: 'other' }),
    );
    expect(euSigned.statusCode).toBe(201);
  });
  afterAll(async () => api.close());

  const deposit = (participantCode: string, kind: string, depositedOn: string) =>
    api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/instruments`,
      headers: bearer(treaty),
      payload: { participantCode, kind, depositedOn },
    });
  const list = async () => (await api.app.inject({ method: 'GET', url: `/v1/events/${eventId}/instruments` })).json();

  it('should date entry into force from the threshold-th State instrument, not counting the REIO, for a sequence of deposits', async () => {
    // Accession needs no signature; the other instruments do, and a signatory does not accede.
    expect((await deposit('AUT', 'accession', '2026-01-10')).statusCode).toBe(201);
    const unsigned = await deposit('PRT', 'ratification', '2026-01-11');
    expect(unsigned.statusCode).toBe(422);
    expect(unsigned.json().code).toBe('INSTRUMENT.SIGNATURE_REQUIRED');
    expect((await deposit('FRA', 'formal_confirmation', '2026-01-12')).json().code).toBe(
      'INSTRUMENT.KIND_NOT_FOR_PARTY',
    );
    expect((await deposit('EU', 'ratification', '2026-01-12')).json().code).toBe('INSTRUMENT.KIND_NOT_FOR_PARTY');
    expect((await deposit('DEU', 'accession', '2026-01-12')).json().code).toBe('INSTRUMENT.SIGNATORY_ACCEDING');
    expect((await deposit('ESP', 'ratification', '2025-10-01')).json().code).toBe('INSTRUMENT.BEFORE_SIGNATURE');

    expect((await deposit('FRA', 'ratification', '2026-02-01')).statusCode).toBe(201);
    // The EU deposits third, but its instrument is not counted: the threshold is not reached yet.
    const eu = await deposit('EU', 'formal_confirmation', '2026-02-15');
    expect(eu.statusCode).toBe(201);
    expect(eu.json()).toMatchObject({ position: 3, countedAs: null, entryIntoForceOn: null, abbreviation: 'c' });
    expect((await list()).entryIntoForce).toMatchObject({ counted: 2, remaining: 1, entryIntoForceOn: null });

    const third = await deposit('DEU', 'approval', '2026-03-01');
    expect(third.statusCode).toBe(201);
    expect(third.json()).toMatchObject({
      position: 4,
      countedAs: 3,
      entryIntoForceOn: '2026-05-30',
      abbreviation: 'AA',
    });
    expect((await deposit('ITA', 'acceptance', '2026-05-20')).json()).toMatchObject({
      countedAs: 4,
      entryIntoForceOn: '2026-06-19', // 30 days after its own deposit, later than the general date
    });
    // Recorded after Italy's, deposited before it: the order of deposit follows the dates.
    expect((await deposit('ESP', 'ratification', '2026-04-01')).json()).toMatchObject({
      position: 5,
      countedAs: 4,
      entryIntoForceOn: '2026-05-30', // 1 May would be earlier than the general date
    });
    const again = await deposit('FRA', 'acceptance', '2026-06-01');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INSTRUMENT.ALREADY_DEPOSITED');

    const record = await list();
    expect(record.entryIntoForce).toMatchObject({
      threshold: 3,
      counted: 5,
      remaining: 0,
      thresholdInstrumentId: third.json().id,
      entryIntoForceOn: '2026-05-30',
    });
    expect(
      record.items.map((i: { participantCode: string; entryIntoForceOn: string }) => [
        i.participantCode,
        i.entryIntoForceOn,
      ]),
    ).toEqual([
      ['AUT', '2026-05-30'],
      ['FRA', '2026-05-30'],
      ['EU', '2026-05-30'],
      ['DEU', '2026-05-30'],
      ['ESP', '2026-05-30'],
      ['ITA', '2026-06-19'],
    ]);

    const summary = (await api.app.inject({ method: 'GET', url: `/v1/events/${eventId}/signatories/summary` })).json();
    expect(summary.instruments).toMatchObject({
      threshold: 3,
      deposited: 6,
      counted: 5,
      remaining: 0,
      byKind: { ratification: 2, acceptance: 1, approval: 1, accession: 1, formal_confirmation: 1 },
      thresholdInstrument: { code: 'DEU', instrument: 'approval', depositedOn: '2026-03-01' },
      entryIntoForceOn: '2026-05-30',
      inForce: true,
    });
  });

  it('should refuse to void a signature an instrument follows, and move the threshold when an instrument is voided', async () => {
    const signatures = (
      await api.app.inject({ method: 'GET', url: `/v1/events/${eventId}/signatures`, headers: bearer(treaty) })
    ).json() as Array<{ id: string; participantCode: string }>;
    const france = signatures.find((s) => s.participantCode === 'FRA')!;
    const refused = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/signatures/${france.id}/void`,
      headers: bearer(treaty),
      payload: { reason: 'test' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('SIGNATURE.HAS_INSTRUMENT');

    const germany = (await list()).items.find((i: { participantCode: string }) => i.participantCode === 'DEU');
    const voided = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/instruments/${germany.id}/void`,
      headers: bearer(treaty),
      payload: { reason: 'Deposit recorded against the wrong State' },
    });
    expect(voided.statusCode).toBe(200);
    expect(voided.json()).toMatchObject({ voided: true, voidReason: 'Deposit recorded against the wrong State' });
    // Spain's ratification (1 April) is now the third State instrument: 90 days later is 30 June.
    expect((await list()).entryIntoForce).toMatchObject({ counted: 4, entryIntoForceOn: '2026-06-30' });
    const withVoided = (
      await api.app.inject({ method: 'GET', url: `/v1/events/${eventId}/instruments?includeVoided=true` })
    ).json();
    expect(withVoided.items.at(-1)).toMatchObject({ participantCode: 'DEU', voided: true, position: null });
  });
});
