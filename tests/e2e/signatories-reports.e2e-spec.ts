import { parse } from 'csv-parse/sync';
import type { Redis } from 'ioredis';
import { REDIS } from '@accord/core';
import { SummaryCache } from '@accord/signatures';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { bearer, createEvent } from '../support/delegation-fixtures.js';
import { delegationWithFullPowers, recordSignature, review, signaturePayload } from '../support/signature-fixtures.js';
import { allElements, parseStrictXml } from '../support/strict-xml.js';

describe('Signatory reports (e2e)', () => {
  let api: TestApi;
  let treaty: string;
  let eventId: string;

  const get = (path: string, headers: Record<string, string> = {}) =>
    api.app.inject({ method: 'GET', url: `/v1/events/${eventId}/signatories${path}`, headers });

  beforeAll(async () => {
    api = await startTestApi();
    treaty = await api.tokenFor('treaty');
    eventId = await createEvent(api, {
      treatyShortTitle: 'Hanoi <Convention> & "friends"',
      signatoryGoal: 5,
      signatureClosesOn: '2026-12-31',
    });
    const plan: Array<[string, string, Record<string, unknown>]> = [
      ['VNM', '2025-10-25T09:05:00+07:00', { capacity: 'head_of_state', signatoryName: 'Luong Cuong' }],
      ['KHM', '2025-10-25T09:20:00+07:00', { capacity: 'head_of_government' }],
      ['LAO', '2025-10-25T09:40:00+07:00', { capacity: 'minister_for_foreign_affairs' }],
      ['ZAF', '2025-10-25T10:10:00+07:00', { capacity: 'minister_for_foreign_affairs' }],
      ['BRA', '2025-10-26T09:00:00+07:00', { capacity: 'minister_for_foreign_affairs' }],
      ['POL', '2026-03-02T10:00:00-05:00', { capacity: 'minister_for_foreign_affairs' }],
    ];
    for (const [code, at, extra] of plan) {
      const res = await recordSignature(api, treaty, eventId, signaturePayload(code, at, extra));
      expect(res.statusCode).toBe(201);
    }
    const eu = await delegationWithFullPowers(api, eventId, 'EU', 'Magnus Brunner');
    await review(api, treaty, eventId, eu.fullPowersId, { status: 'verified' });
    const euSigned = await recordSignature(
      api,
      treaty,
      eventId,
      signaturePayload('EU', '2025-10-25T09:30:00+07:00', { signatoryName: 'Magnus Brunner', capacity: 'other' }),
    );
    expect(euSigned.statusCode).toBe(201);
  });
  afterAll(async () => api.close());

  it('should summarise the count against the goal, by regional group, by day and by rank', async () => {
    const res = await get('/summary');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const s = res.json();
    expect(s).toMatchObject({
      eventId,
      timeZone: 'Asia/Ho_Chi_Minh',
      goal: 5,
      count: 6,
      remaining: 0,
      percentage: 120,
      goalReached: true,
      reachedAt: '2025-10-26T09:00:00+07:00',
      reachedBy: { code: 'BRA', name: 'Brazil', kind: 'state' },
      signatories: 7,
      reios: 1,
      ranks: {
        headsOfState: 1,
        headsOfGovernment: 1,
        ministers: 4,
        otherOfficials: 1,
        states: 6,
        reios: 1,
        sentence:
          '1 Head of State, 1 Head of Government, 4 ministers and 1 other high-ranking official, representing 6 States and the European Union',
      },
      byDay: [
        { date: '2025-10-25', signatures: 5, states: 4, cumulativeStates: 4 },
        { date: '2025-10-26', signatures: 1, states: 1, cumulativeStates: 5 },
        { date: '2026-03-02', signatures: 1, states: 1, cumulativeStates: 6 },
      ],
      instruments: { threshold: 40, deposited: 0, counted: 0, remaining: 40, entryIntoForceOn: null, inForce: false },
    });
    expect(s.byRegionalGroup).toEqual(
      expect.arrayContaining([
        { group: 'asia_pacific', label: 'Asia-Pacific States', states: 3 },
        { group: 'african', label: 'African States', states: 1 },
        { group: 'eastern_european', label: 'Eastern European States', states: 1 },
        { group: 'latin_american_caribbean', label: 'Latin American and Caribbean States', states: 1 },
        { group: 'western_european_others', label: 'Western European and other States', states: 0 },
      ]),
    );
    expect(s.asOf).toMatch(/\+07:00$/);
  });

  it('should answer 304 to a current ETag and change the ETag the moment a signature changes', async () => {
    const first = await get('/summary');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"\d+-[A-Za-z0-9_-]{22}"$/);
    expect(first.headers['cache-control']).toBe('public, no-cache');

    const again = await get('/summary');
    expect(again.headers.etag).toBe(etag);
    expect(again.body).toBe(first.body); // served from the cache: the same bytes, asOf included

    const notModified = await get('/summary', { 'if-none-match': etag });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    // Compared weakly (RFC 9110 §13.1.2): the tag without its W/ matches too, in a list.
    expect((await get('/summary', { 'if-none-match': `"other", ${etag.slice(2)}` })).statusCode).toBe(304);

    // The summary lives in Redis, shared by every API process.
    const redis = api.app.get<Redis>(REDIS);
    const summaryKey = `${api.config.queuePrefix}:signatories:${eventId}:summary`;
    expect(await redis.exists(summaryKey)).toBe(1);

    // Its entry expires (a safety net) and it is computed again, a moment later, with nothing changed: a new asOf,
    // the same tag, so clients keep their copy.
    await new Promise((resolve) => setTimeout(resolve, 1100)); // asOf has a precision of one second
    await redis.del(summaryKey);
    api.app.get(SummaryCache).forget(eventId);
    const recomputed = await get('/summary');
    expect(recomputed.json().asOf).not.toBe(first.json().asOf);
    expect(recomputed.headers.etag).toBe(etag);
    expect((await get('/summary', { 'if-none-match': etag })).statusCode).toBe(304);

    const recorded = await recordSignature(api, treaty, eventId, signaturePayload('KEN', '2025-10-26T10:00:00+07:00'));
    expect(recorded.statusCode).toBe(201);
    const changed = await get('/summary', { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().count).toBe(7);

    const voided = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/signatures/${recorded.json().id}/void`,
      headers: bearer(treaty),
      payload: { reason: 'Kenya signs tomorrow' },
    });
    expect(voided.statusCode).toBe(200);
    const afterVoid = await get('/summary', { 'if-none-match': changed.headers.etag as string });
    expect(afterVoid.statusCode).toBe(200);
    expect(afterVoid.json().count).toBe(6);

    // The goal is part of the summary: changing it on the event is a change too.
    const patched = await api.app.inject({
      method: 'PATCH',
      url: `/v1/events/${eventId}`,
      headers: bearer(await api.adminToken()),
      payload: { signatoryGoal: 40 },
    });
    expect(patched.statusCode).toBe(200);
    const newGoal = await get('/summary', { 'if-none-match': afterVoid.headers.etag as string });
    expect(newGoal.statusCode).toBe(200);
    expect(newGoal.json()).toMatchObject({ goal: 40, remaining: 34, goalReached: false, reachedAt: null });
    await api.app.inject({
      method: 'PATCH',
      url: `/v1/events/${eventId}`,
      headers: bearer(await api.adminToken()),
      payload: { signatoryGoal: 5 },
    });
  });

  it('should give 404 for an unknown event', async () => {
    const res = await api.app.inject({
      method: 'GET',
      url: '/v1/events/00000000-0000-4000-8000-000000000000/signatories/summary',
    });
    expect(res.statusCode).toBe(404);
  });

  it('should list the signatories in order of signature, as JSON and as CSV that parses back', async () => {
    const json = await get('');
    expect(json.statusCode).toBe(200);
    const body = json.json();
    expect(body).toMatchObject({ total: 7, states: 6 });
    expect(
      body.items.map((i: { order: number; participant: { code: string } }) => [i.order, i.participant.code]),
    ).toEqual([
      [1, 'VNM'],
      [2, 'KHM'],
      [3, 'EU'],
      [4, 'LAO'],
      [5, 'ZAF'],
      [6, 'BRA'],
      [7, 'POL'],
    ]);
    expect(body.items[6]).toMatchObject({
      signedAt: '2026-03-02T22:00:00+07:00',
      date: '2026-03-02',
      place: 'New York',
      regionalGroup: 'eastern_european',
    });
    expect(body.items[0]).not.toHaveProperty('signatoryName');
    expect((await get('', { 'if-none-match': json.headers.etag as string })).statusCode).toBe(304);

    const csv = await get('', { accept: 'text/csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parse(csv.body, { bom: true, columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(7);
    expect(Object.keys(rows[0]!)).toEqual([
      'order',
      'participant_code',
      'participant',
      'kind',
      'regional_group',
      'signed_at',
      'date',
      'place',
    ]);
    expect(rows[0]).toMatchObject({
      order: '1',
      participant_code: 'VNM',
      participant: 'Viet Nam',
      kind: 'state',
      signed_at: '2025-10-25T09:05:00+07:00',
      place: 'Hanoi',
    });
    expect(rows[2]).toMatchObject({ participant_code: 'EU', kind: 'reio', regional_group: '' });
  });

  it('should draw the chart as well-formed SVG with its text escaped', async () => {
    for (const period of ['all', 'ceremony']) {
      const res = await get(`/chart.svg?period=${period}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
      const svg = parseStrictXml(res.body);
      expect(svg.name).toBe('svg');
      expect(svg.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
      expect(svg.attributes.viewBox).toBe('0 0 1600 900');
      const texts = allElements(svg)
        .filter((e) => e.name === 'text' || e.name === 'title')
        .map((e) => e.text);
      expect(texts).toContain(`Hanoi <Convention> & "friends": signatories${period === 'ceremony' ? ' in Hanoi' : ''}`);
      expect(texts).toContain('Goal: 5 States');
      expect(texts.some((t) => t.startsWith('Goal reached'))).toBe(true);
      expect(allElements(svg).filter((e) => e.name === 'path')).toHaveLength(2); // States, and all signatories
    }
    expect((await get('/chart.svg?period=someday')).statusCode).toBe(400);

    const empty = await createEvent(api);
    const blank = await api.app.inject({ method: 'GET', url: `/v1/events/${empty}/signatories/chart.svg` });
    expect(blank.statusCode).toBe(200);
    expect(parseStrictXml(blank.body).name).toBe('svg');
  });

  it('should give organisers a printable PDF report and nobody else', async () => {
    expect((await get('/report.pdf')).statusCode).toBe(401);
    const res = await get('/report.pdf', bearer(await api.tokenFor('viewer')));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.subarray(-6).toString()).toMatch(/%%EOF\s*$/);
    expect(res.rawPayload.length).toBeGreaterThan(2000);
  });
});
