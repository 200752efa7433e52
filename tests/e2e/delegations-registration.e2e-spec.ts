import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../support/test-api.js';
import {
  bearer,
  createEvent,
  nextClientAddress,
  organisationPayload,
  register,
  statePayload,
} from '../support/delegation-fixtures.js';

const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

function multipart(fileName: string, content: Buffer, contentType = 'application/pdf') {
  const boundary = `----accord${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('Delegation registration (e2e)', () => {
  let api: TestApi;
  let admin: string;
  let eventId: string;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_REGISTRATIONS_PER_HOUR: '5' });
    admin = await api.adminToken();
    eventId = await createEvent(api, { seatsPerDelegation: { state: 4, ngo: 2 } });
  });
  afterAll(async () => api.close());

  const url = (path = '') => `/v1/events/${eventId}/delegations${path}`;

  it('should register a State delegation publicly and let its focal point read and edit it', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: url(),
      payload: statePayload('VNM'),
      remoteAddress: nextClientAddress(),
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.focalPointToken).toMatch(/^fp_[A-Za-z0-9_-]{43}$/);
    expect(res.headers.location).toBe(url(`/${body.delegation.id}`));
    expect(body.delegation).toMatchObject({
      kind: 'state',
      name: 'Viet Nam',
      participant: { code: 'VNM', regionalGroup: 'asia_pacific' },
      regionalGroup: 'asia_pacific',
      status: 'submitted',
      editableByFocalPoint: true,
      focalPoint: { email: 'focal.vnm@mfa.example', language: 'en' },
      memberCount: 2,
      members: [
        { fullName: 'Head VNM', role: 'head', willSign: true, position: 0 },
        { fullName: 'Adviser VNM', role: 'adviser', willSign: false, position: 1 },
      ],
    });
    expect(body.delegation.createdAt).toMatch(/\+07:00$/);
    const id = body.delegation.id as string;
    const token = body.focalPointToken as string;

    const read = await api.app.inject({ method: 'GET', url: url(`/${id}`), headers: bearer(token) });
    expect(read.statusCode).toBe(200);
    expect(read.json().members).toHaveLength(2);

    const edited = await api.app.inject({
      method: 'PATCH',
      url: url(`/${id}`),
      headers: bearer(token),
      payload: { focalPoint: { phone: '+84 24 3799 2345', language: 'fr' }, notes: 'Arriving 24 October' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      focalPoint: { phone: '+84 24 3799 2345', language: 'fr', name: 'Focal Point VNM' },
      notes: 'Arriving 24 October',
    });

    const added = await api.app.inject({
      method: 'POST',
      url: url(`/${id}/members`),
      headers: bearer(token),
      payload: { fullName: 'Security Officer', role: 'security', preferredLanguage: 'fr' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().members.map((m: { role: string }) => m.role)).toEqual(['head', 'adviser', 'security']);

    const newHead = added.json().members[1].id as string;
    const promoted = await api.app.inject({
      method: 'PATCH',
      url: url(`/${id}/members/${newHead}`),
      headers: bearer(token),
      payload: { role: 'head', title: 'Ambassador' },
    });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json().members.map((m: { role: string }) => m.role)).toEqual(['deputy', 'head', 'security']);

    const removeHead = await api.app.inject({
      method: 'DELETE',
      url: url(`/${id}/members/${newHead}`),
      headers: bearer(token),
    });
    expect(removeHead.statusCode).toBe(422);
    expect(removeHead.json().code).toBe('DELEGATION.HEAD_REQUIRED');

    const security = added.json().members[2].id as string;
    const removed = await api.app.inject({
      method: 'DELETE',
      url: url(`/${id}/members/${security}`),
      headers: bearer(token),
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().memberCount).toBe(2);
  });

  it('should register an organisation with its name and seat country', async () => {
    const { body } = await register(api, eventId, organisationPayload('igo', 'INTERPOL', { countryCode: 'fra' }));
    expect(body).toMatchObject({
      kind: 'igo',
      name: 'INTERPOL',
      participant: null,
      organisationName: 'INTERPOL',
      countryCode: 'FRA',
      regionalGroup: null,
    });
  });

  it('should name every missing required field when the form is empty', async () => {
    const res = await api.app.inject({ method: 'POST', url: url(), payload: {}, remoteAddress: nextClientAddress() });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'focalPoint', 'members']));
  });

  it('should name each invalid nested field and the kind-dependent ones', async () => {
    const state = await api.app.inject({
      method: 'POST',
      url: url(),
      remoteAddress: nextClientAddress(),
      payload: {
        kind: 'state',
        focalPoint: { email: 'not-an-email' },
        members: [{ role: 'chief' }],
      },
    });
    expect(state.statusCode).toBe(400);
    const stateFields = state.json().errors.map((e: { field: string }) => e.field);
    expect(stateFields).toEqual(
      expect.arrayContaining([
        'participantCode',
        'focalPoint.name',
        'focalPoint.email',
        'focalPoint.language',
        'members[0].fullName',
        'members[0].role',
      ]),
    );
    const ngo = await api.app.inject({
      method: 'POST',
      url: url(),
      remoteAddress: nextClientAddress(),
      payload: { ...organisationPayload('ngo', 'x'), organisationName: undefined },
    });
    expect(new Set(ngo.json().errors.map((e: { field: string }) => e.field))).toEqual(new Set(['organisationName']));
    const unknown = await api.app.inject({
      method: 'POST',
      url: url(),
      remoteAddress: nextClientAddress(),
      payload: statePayload('XYZ'),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'participantCode' })]);
    const twoHeads = await api.app.inject({
      method: 'POST',
      url: url(),
      remoteAddress: nextClientAddress(),
      payload: statePayload('PER', {
        members: [
          { fullName: 'A', role: 'head' },
          { fullName: 'B', role: 'head' },
        ],
      }),
    });
    expect(twoHeads.json().errors).toEqual([expect.objectContaining({ field: 'members' })]);
    const ngoSigner = await api.app.inject({
      method: 'POST',
      url: url(),
      remoteAddress: nextClientAddress(),
      payload: organisationPayload('ngo', 'Signers Inc', {
        members: [{ fullName: 'A', role: 'head', willSign: true }],
      }),
    });
    expect(ngoSigner.json().errors).toEqual([expect.objectContaining({ field: 'members[0].willSign' })]);
    const badCountry = await api.app.inject({
      method: 'POST',
      url: url(),
      remoteAddress: nextClientAddress(),
      payload: organisationPayload('igo', 'Nowhere Org', { countryCode: 'ZZZ' }),
    });
    expect(badCountry.json().errors).toEqual([expect.objectContaining({ field: 'countryCode' })]);
  });

  it('should refuse a second delegation of the same State with a 409 naming the first', async () => {
    const first = await register(api, eventId, statePayload('KEN'));
    const res = await api.app.inject({
      method: 'POST',
      url: url(),
      remoteAddress: nextClientAddress(),
      payload: statePayload('KEN', {
        focalPoint: { name: 'Someone else', email: 'other@ken.example', language: 'en' },
      }),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'DELEGATION.ALREADY_REGISTERED',
      existingDelegationId: first.id,
      existingStatus: 'submitted',
    });
    expect(res.json().detail).toContain('Kenya');
  });

  it('should refuse the form with 409 REGISTRATION.CLOSED before and after the window, but not for organisers', async () => {
    const closed = await createEvent(api, {
      registrationOpensAt: '2020-01-01T00:00:00Z',
      registrationClosesAt: '2020-02-01T00:00:00Z',
    });
    const notYet = await createEvent(api, { registrationOpensAt: '2099-01-01T00:00:00Z', registrationClosesAt: null });
    for (const id of [closed, notYet]) {
      const res = await api.app.inject({
        method: 'POST',
        url: `/v1/events/${id}/delegations`,
        remoteAddress: nextClientAddress(),
        payload: statePayload('BRA'),
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'REGISTRATION.CLOSED' });
      expect(res.json()).toHaveProperty('registrationOpensAt');
    }
    const byOrganiser = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${closed}/delegations`,
      headers: bearer(admin),
      payload: statePayload('BRA'),
    });
    expect(byOrganiser.statusCode).toBe(201);
  });

  it("should answer 404 and never data when a focal point's token is used on another delegation", async () => {
    const a = await register(api, eventId, statePayload('ARG'));
    const b = await register(api, eventId, statePayload('CHL'));
    const bHead = (b.body.members as { id: string }[])[0]!.id;
    const attempts: {
      method: 'GET' | 'PATCH' | 'POST' | 'DELETE';
      url: string;
      payload?: object | Buffer;
      headers?: Record<string, string>;
    }[] = [
      { method: 'GET' as const, url: url(`/${b.id}`) },
      { method: 'PATCH' as const, url: url(`/${b.id}`), payload: { notes: 'hijacked' } },
      { method: 'POST' as const, url: url(`/${b.id}/members`), payload: { fullName: 'Intruder', role: 'member' } },
      { method: 'PATCH' as const, url: url(`/${b.id}/members/${bHead}`), payload: { fullName: 'Renamed' } },
      { method: 'DELETE' as const, url: url(`/${b.id}/members/${bHead}`) },
      { method: 'POST' as const, url: url(`/${b.id}/transitions`), payload: { to: 'cancelled' } },
      { method: 'GET' as const, url: url(`/${b.id}/transitions`) },
      { method: 'GET' as const, url: url(`/${b.id}/documents`) },
      { method: 'POST' as const, url: url(`/${b.id}/documents`), ...multipart('nv.pdf', MINIMAL_PDF) },
    ];
    for (const attempt of attempts) {
      const res = await api.app.inject({ ...attempt, headers: { ...attempt.headers, ...bearer(a.token) } });
      expect({ url: attempt.url, method: attempt.method, status: res.statusCode }).toEqual({
        url: attempt.url,
        method: attempt.method,
        status: 404,
      });
      expect(res.body).not.toContain('CHL');
      expect(res.body).not.toContain('Chile');
    }
    // Organiser-only routes stay closed to focal points altogether.
    for (const path of ['', '/stats', '/export']) {
      const res = await api.app.inject({ method: 'GET', url: url(path), headers: bearer(a.token) });
      expect(res.statusCode).toBe(403);
    }
    const unchanged = await api.app.inject({ method: 'GET', url: url(`/${b.id}`), headers: bearer(b.token) });
    expect(unchanged.json()).toMatchObject({ notes: null, status: 'submitted', memberCount: 2 });
    expect(unchanged.json().members[0].fullName).toBe('Head CHL');
  });

  it('should create one delegation and replay the first answer when the same form is resubmitted with its key', async () => {
    const key = randomUUID();
    const payload = statePayload('SEN');
    const send = (body: Record<string, unknown>) =>
      api.app.inject({
        method: 'POST',
        url: url(),
        headers: { 'idempotency-key': key },
        payload: body,
        remoteAddress: nextClientAddress(),
      });
    const [first, second] = await Promise.all([send(payload), send(payload)]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.json()).toEqual(first.json());
    expect([first.headers['idempotent-replayed'], second.headers['idempotent-replayed']].sort()).toEqual([
      'true',
      undefined,
    ]);
    const third = await send({ ...payload, members: [...(payload.members as object[])].reverse() });
    expect(third.statusCode).toBe(422);
    expect(third.json().code).toBe('IDEMPOTENCY.KEY_REUSED');
    const replayedToken = second.json().focalPointToken as string;
    const read = await api.app.inject({
      method: 'GET',
      url: url(`/${first.json().delegation.id}`),
      headers: bearer(replayedToken),
    });
    expect(read.statusCode).toBe(200);
    const rows: { n: string }[] = await api.app
      .get(DataSource)
      .query(
        `SELECT count(*) AS n FROM delegations d JOIN participants p ON p.id = d.participant_id WHERE p.code = 'SEN'`,
      );
    expect(Number(rows[0]!.n)).toBe(1);
    const stored: { encrypted_token: Buffer }[] = await api.app
      .get(DataSource)
      .query('SELECT encrypted_token FROM registration_idempotency_keys');
    for (const row of stored) expect(row.encrypted_token.toString('latin1')).not.toContain(replayedToken);
    const badKey = await api.app.inject({
      method: 'POST',
      url: url(),
      headers: { 'idempotency-key': 'short' },
      payload: statePayload('MLI'),
      remoteAddress: nextClientAddress(),
    });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().code).toBe('IDEMPOTENCY.KEY_INVALID');
  });

  it('should answer 429 with Retry-After when one client registers too often', async () => {
    const remoteAddress = '203.0.113.50';
    const codes = ['AUT', 'BEL', 'DNK', 'FIN', 'GRC', 'HUN'];
    const statuses: number[] = [];
    for (const code of codes) {
      const res = await api.app.inject({ method: 'POST', url: url(), payload: statePayload(code), remoteAddress });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json().code).toBe('RATE_LIMIT.EXCEEDED');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it("should cap a delegation's members at the event's seats for its kind, also under concurrent additions", async () => {
    const tooMany = await api.app.inject({
      method: 'POST',
      url: url(),
      remoteAddress: nextClientAddress(),
      payload: organisationPayload('ngo', 'Big NGO', {
        members: [
          { fullName: 'A', role: 'head' },
          { fullName: 'B', role: 'member' },
          { fullName: 'C', role: 'member' },
        ],
      }),
    });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json()).toMatchObject({ code: 'DELEGATION.TOO_MANY_MEMBERS', seats: 2 });

    const state = await register(api, eventId, statePayload('NOR')); // 2 members, 4 seats
    const additions = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api.app.inject({
          method: 'POST',
          url: url(`/${state.id}/members`),
          headers: bearer(state.token),
          payload: { fullName: `Extra ${i}`, role: 'member' },
        }),
      ),
    );
    expect(additions.filter((r) => r.statusCode === 201)).toHaveLength(2);
    expect(additions.filter((r) => r.statusCode === 422)).toHaveLength(4);
    const read = await api.app.inject({ method: 'GET', url: url(`/${state.id}`), headers: bearer(state.token) });
    expect(read.json().memberCount).toBe(4);
  });

  it('should store a note verbale with its SHA-256 and let only organisers and its focal point download it', async () => {
    const own = await register(api, eventId, statePayload('IRL'));
    const other = await register(api, eventId, statePayload('ISL'));
    const upload = multipart('Note verbale (IRL).pdf', MINIMAL_PDF, 'image/png');
    const res = await api.app.inject({
      method: 'POST',
      url: url(`/${own.id}/documents`),
      headers: { ...upload.headers, ...bearer(own.token) },
      payload: upload.payload,
    });
    expect(res.statusCode).toBe(201);
    const { createHash } = await import('node:crypto');
    expect(res.json()).toMatchObject({
      kind: 'note_verbale',
      contentType: 'application/pdf',
      fileName: 'Note_verbale_IRL.pdf',
      sizeBytes: MINIMAL_PDF.length,
      sha256: createHash('sha256').update(MINIMAL_PDF).digest('hex'),
      uploadedBy: 'focal-point',
    });
    const documentId = res.json().id as string;
    const docUrl = url(`/${own.id}/documents/${documentId}`);
    const byFocalPoint = await api.app.inject({ method: 'GET', url: docUrl, headers: bearer(own.token) });
    expect(byFocalPoint.statusCode).toBe(200);
    expect(byFocalPoint.headers['content-type']).toBe('application/pdf');
    expect(byFocalPoint.rawPayload.equals(MINIMAL_PDF)).toBe(true);
    const viewer = await api.tokenFor('viewer');
    expect((await api.app.inject({ method: 'GET', url: docUrl, headers: bearer(viewer) })).statusCode).toBe(200);
    expect((await api.app.inject({ method: 'GET', url: docUrl, headers: bearer(other.token) })).statusCode).toBe(404);
    expect((await api.app.inject({ method: 'GET', url: docUrl })).statusCode).toBe(401);
    const list = await api.app.inject({ method: 'GET', url: url(`/${own.id}/documents`), headers: bearer(admin) });
    expect(list.json()).toEqual([expect.objectContaining({ id: documentId })]);

    const fake = multipart('letter.pdf', Buffer.from('MZ\x90\x00 this is not a pdf at all'));
    const refused = await api.app.inject({
      method: 'POST',
      url: url(`/${own.id}/documents`),
      headers: { ...fake.headers, ...bearer(own.token) },
      payload: fake.payload,
    });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().code).toBe('DOCUMENT.UNSUPPORTED_TYPE');

    const big = multipart('big.pdf', Buffer.concat([MINIMAL_PDF, Buffer.alloc(6 * 1024 * 1024)]));
    const tooBig = await api.app.inject({
      method: 'POST',
      url: url(`/${own.id}/documents`),
      headers: { ...big.headers, ...bearer(own.token) },
      payload: big.payload,
    });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().code).toBe('DOCUMENT.TOO_LARGE');

    const wrongKind = await api.app.inject({
      method: 'POST',
      url: url(`/${own.id}/documents?kind=nomination_letter`),
      headers: { ...upload.headers, ...bearer(own.token) },
      payload: upload.payload,
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().errors).toEqual([expect.objectContaining({ field: 'kind' })]);
  });

  it('should list the delegation without loading document bytes', async () => {
    const rows: { n: string }[] = await api.app
      .get(DataSource)
      .query(
        `SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'delegations' AND data_type = 'bytea'`,
      );
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('should let organisers reissue a focal-point token and revoke the old one', async () => {
    const d = await register(api, eventId, statePayload('LUX'));
    const protocol = await api.tokenFor('protocol');
    const res = await api.app.inject({
      method: 'POST',
      url: url(`/${d.id}/focal-point-token`),
      headers: bearer(protocol),
    });
    expect(res.statusCode).toBe(201);
    const fresh = res.json().focalPointToken as string;
    expect((await api.app.inject({ method: 'GET', url: url(`/${d.id}`), headers: bearer(d.token) })).statusCode).toBe(
      401,
    );
    expect((await api.app.inject({ method: 'GET', url: url(`/${d.id}`), headers: bearer(fresh) })).statusCode).toBe(
      200,
    );
  });
});
