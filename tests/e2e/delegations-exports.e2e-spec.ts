import { randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { bearer, createEvent, organisationPayload, register, statePayload } from '../support/delegation-fixtures.js';

function csvUpload(csv: string, mapping?: Record<string, string>) {
  const boundary = `----accord${randomUUID()}`;
  const parts = [
    ...(mapping
      ? [`--${boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n${JSON.stringify(mapping)}\r\n`]
      : []),
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="delegations.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n`,
    `--${boundary}--\r\n`,
  ];
  return {
    payload: Buffer.from(parts.join('')),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Reads one entry of a ZIP archive (enough of the format to check our own .xlsx). */
function unzipEntry(archive: Buffer, name: string): string {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let offset = archive.readUInt32LE(end + 16);
  const entries = archive.readUInt16LE(end + 10);
  for (let i = 0; i < entries; i++) {
    const nameLength = archive.readUInt16LE(offset + 28);
    const extra = archive.readUInt16LE(offset + 30);
    const comment = archive.readUInt16LE(offset + 32);
    const local = archive.readUInt32LE(offset + 42);
    const entryName = archive.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    if (entryName === name) {
      const size = archive.readUInt32LE(offset + 20);
      const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
      return inflateRawSync(archive.subarray(start, start + size)).toString('utf8');
    }
    offset += 46 + nameLength + extra + comment;
  }
  throw new Error(`${name} not in archive`);
}

describe('Delegation lists, exports, stats and import (e2e)', () => {
  let api: TestApi;
  let viewer: string;
  let protocol: string;
  let eventId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    viewer = await api.tokenFor('viewer');
    protocol = await api.tokenFor('protocol');
    eventId = await createEvent(api);
    for (const code of ['FRA', 'DEU', 'VNM', 'SEN', 'BRA', 'CIV']) {
      ids[code] = (await register(api, eventId, statePayload(code))).id;
    }
    ids.EU = (await register(api, eventId, { ...statePayload('EU'), kind: 'reio' })).id;
    ids.UNODC = (await register(api, eventId, organisationPayload('un_entity', 'UNODC', { countryCode: 'AUT' }))).id;
    ids.NGO = (
      await register(
        api,
        eventId,
        organisationPayload('ngo', '=HYPERLINK("http://evil.example") Société civile', {
          members: [{ fullName: 'Zoë Müller', role: 'head', protocolNeeds: 'Halal; "quoted", and\nmultiline' }],
        }),
      )
    ).id;
    const move = (id: string, to: string, reason?: string) =>
      api.app.inject({
        method: 'POST',
        url: `/v1/events/${eventId}/delegations/${id}/transitions`,
        headers: bearer(protocol),
        payload: { to, reason },
      });
    await move(ids.FRA!, 'approved');
    await move(ids.DEU!, 'approved');
    await move(ids.VNM!, 'approved');
    await move(ids.SEN!, 'waitlisted');
    await move(ids.BRA!, 'rejected', 'Registered twice');
  });
  afterAll(async () => api.close());

  const url = (path = '') => `/v1/events/${eventId}/delegations${path}`;
  const list = (query: string, token = viewer) =>
    api.app.inject({ method: 'GET', url: url(`?${query}`), headers: bearer(token) });

  it('should filter by kind, status, regional group and text, sort and page the list', async () => {
    const all = await list('');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ total: 9, limit: 25, offset: 0 });
    expect(all.json().items[0]).not.toHaveProperty('members');
    expect(all.json().items[0].memberCount).toBe(2);

    const states = await list('kind=state&status=approved,waitlisted&sort=name');
    expect(states.json().items.map((d: { name: string }) => d.name)).toEqual([
      'France',
      'Germany',
      'Senegal',
      'Viet Nam',
    ]);
    const desc = await list('kind=state&sort=-name&limit=2&offset=1');
    expect(desc.json()).toMatchObject({ total: 6, limit: 2, offset: 1 });
    expect(desc.json().items.map((d: { name: string }) => d.name)).toEqual(['Senegal', 'Germany']);
    const african = await list('regionalGroup=african');
    expect(
      african
        .json()
        .items.map((d: { name: string }) => d.name)
        .sort(),
    ).toEqual(["Côte d'Ivoire", 'Senegal']);
    const text = await list(`q=${encodeURIComponent('Allemagne')}`);
    expect(text.json().items.map((d: { id: string }) => d.id)).toEqual([ids.DEU]);
    const member = await list(`q=${encodeURIComponent('zoë')}`);
    expect(member.json().items.map((d: { id: string }) => d.id)).toEqual([ids.NGO]);
    const orgs = await list('kind=un_entity,ngo&sort=kind');
    expect(orgs.json().items.map((d: { kind: string }) => d.kind)).toEqual(['ngo', 'un_entity']);
    const bad = await list('status=archived&sort=colour');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['sort', 'status']);
    const anonymous = await api.app.inject({ method: 'GET', url: url() });
    expect(anonymous.statusCode).toBe(401);
  });

  it('should export the filtered list as CSV that a CSV parser reads back intact', async () => {
    const res = await api.app.inject({
      method: 'GET',
      url: url('?sort=name'),
      headers: { ...bearer(viewer), accept: 'text/csv' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".+-delegations\.csv"/);
    const rows: Record<string, string>[] = parse(res.body, { bom: true, columns: true });
    expect(rows).toHaveLength(9);
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining([
        'delegation_id',
        'kind',
        'name',
        'participant_code',
        'regional_group',
        'status',
        'focal_point_email',
        'head_name',
        'member_count',
      ]),
    );
    const france = rows.find((r) => r.participant_code === 'FRA')!;
    expect(france).toMatchObject({
      delegation_id: ids.FRA,
      kind: 'state',
      name: 'France',
      regional_group: 'western_european_others',
      status: 'approved',
      head_name: 'Head FRA',
      head_title: 'Minister of Justice',
      member_count: '2',
      signers: 'Head FRA',
      focal_point_email: 'focal.fra@mfa.example',
    });
    expect(rows.find((r) => r.participant_code === 'CIV')!.name).toBe("Côte d'Ivoire");
    expect(rows.find((r) => r.participant_code === 'BRA')!.status_reason).toBe('Registered twice');
    // A cell a spreadsheet would evaluate as a formula is neutralised.
    expect(rows.find((r) => r.delegation_id === ids.NGO)!.name).toBe(
      `'=HYPERLINK("http://evil.example") Société civile`,
    );

    const filtered = await api.app.inject({
      method: 'GET',
      url: url('/export?format=csv&status=approved'),
      headers: bearer(viewer),
    });
    expect((parse(filtered.body, { bom: true, columns: true }) as { status: string }[]).map((r) => r.status)).toEqual([
      'approved',
      'approved',
      'approved',
    ]);

    const members = await api.app.inject({
      method: 'GET',
      url: url('/export?rows=members&kind=ngo'),
      headers: bearer(viewer),
    });
    const people: Record<string, string>[] = parse(members.body, { bom: true, columns: true });
    expect(people).toEqual([
      expect.objectContaining({
        full_name: 'Zoë Müller',
        role: 'head',
        protocol_needs: 'Halal; "quoted", and\nmultiline',
        will_sign: 'no',
      }),
    ]);
  });

  it('should export an Excel workbook with a header row and one row per delegation', async () => {
    const res = await api.app.inject({
      method: 'GET',
      url: url('/export?format=xlsx&kind=state&sort=name'),
      headers: bearer(viewer),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const archive = res.rawPayload;
    expect(archive.subarray(0, 2).toString()).toBe('PK');
    const sheet = unzipEntry(archive, 'xl/worksheets/sheet1.xml');
    expect(sheet.match(/<row /g)).toHaveLength(7);
    expect(sheet).toContain('<t xml:space="preserve">delegation_id</t>');
    expect(sheet).toContain('Côte d&apos;Ivoire'.replace('&apos;', "'"));
    expect(unzipEntry(archive, '[Content_Types].xml')).toContain('spreadsheetml.sheet.main+xml');
    const negotiated = await api.app.inject({
      method: 'GET',
      url: url(),
      headers: { ...bearer(viewer), accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(negotiated.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('should count delegations by status, kind and regional group', async () => {
    const res = await api.app.inject({ method: 'GET', url: url('/stats'), headers: bearer(viewer) });
    expect(res.statusCode).toBe(200);
    const stats = res.json();
    expect(stats.total).toBe(9);
    expect(stats.members).toBe(6 * 2 + 2 + 1 + 1);
    expect(stats.byStatus).toEqual({ submitted: 4, approved: 3, waitlisted: 1, rejected: 1, cancelled: 0 });
    expect(stats.byKind.state).toEqual({ submitted: 1, approved: 3, waitlisted: 1, rejected: 1, cancelled: 0 });
    expect(stats.byKind.reio.submitted).toBe(1);
    expect(stats.byRegionalGroup.african).toEqual({
      submitted: 1,
      approved: 0,
      waitlisted: 1,
      rejected: 0,
      cancelled: 0,
    });
    expect(stats.byRegionalGroup.western_european_others.approved).toBe(2);
    expect(stats.byRegionalGroup.none.submitted).toBe(3);
    expect(stats.caps).toEqual({
      government: { cap: null, approved: 3, waitlisted: 1 },
      non_government: { cap: null, approved: 0, waitlisted: 0 },
    });
    const filtered = await api.app.inject({ method: 'GET', url: url('/stats?kind=ngo'), headers: bearer(viewer) });
    expect(filtered.json().total).toBe(1);
  });

  it('should import a good file with mapped and recognised columns', async () => {
    const target = await createEvent(api);
    const csv = [
      'Type;Pays;Organisation;Focal point;Focal point e-mail;Language;Head of delegation;Title;Signs;Internal ref',
      'state;Kenya;;Amina Otieno;amina@mfa.go.example;en;H.E. Jane Mwangi;Cabinet Secretary;yes;K-1',
      'State;NLD;;Pieter de Vries;pieter@minbuza.example;fr;Hanke Bruins;Minister;no;N-2',
      'ngo;;Access Now;Contact;contact@accessnow.example;;Director;;;A-3',
    ].join('\r\n');
    const upload = csvUpload(csv, { Pays: 'participant', 'Internal ref': 'ignore' });
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${target}/delegations/import`,
      headers: { ...upload.headers, ...bearer(protocol) },
      payload: upload.payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, rowCount: 3, ignoredColumns: ['Internal ref'] });
    expect(res.json().delegationIds).toHaveLength(3);
    const imported = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${target}/delegations/${res.json().delegationIds[0]}`,
      headers: bearer(viewer),
    });
    expect(imported.json()).toMatchObject({
      name: 'Kenya',
      focalPoint: { email: 'amina@mfa.go.example' },
      members: [{ fullName: 'H.E. Jane Mwangi', title: 'Cabinet Secretary', role: 'head', willSign: true }],
    });
    const outbox: { n: string }[] = await api.app
      .get(DataSource)
      .query(
        `SELECT count(*) AS n FROM outbox_messages WHERE kind = 'delegation.submitted' AND data->>'channel' = 'import'`,
      );
    expect(Number(outbox[0]!.n)).toBe(3);
  });

  it('should import nothing and report every bad row by line when any row is bad', async () => {
    const target = await createEvent(api);
    const before = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${target}/delegations`,
      headers: bearer(viewer),
    });
    expect(before.json().total).toBe(0);
    const csv = [
      'kind,participant,organisationName,focalPointName,focalPointEmail,focalPointLanguage,headName',
      'state,GHA,,Kofi,kofi@mfa.example,en,Head of Ghana', // line 2: fine
      'state,Atlantis,,Someone,someone@example.org,en,Head', // line 3: unknown participant
      'state,GHA,,Again,again@example.org,en,Head', // line 4: Ghana twice
      'ngo,,,Contact,not-an-email,xx,', // line 5: no organisation, bad email, bad language, no head
      'diplomats,FRA,,A,a@example.org,en,B', // line 6: unknown kind
      '"state","TGO",,"Multi',
      'line name",tg@example.org,en,Head of Togo', // lines 7-8: a quoted newline, fine
    ].join('\n');
    const upload = csvUpload(csv);
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${target}/delegations/import`,
      headers: { ...upload.headers, ...bearer(protocol) },
      payload: upload.payload,
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPORT.INVALID_ROWS');
    const byLine = (line: number) =>
      body.errors.filter((e: { line: number }) => e.line === line).map((e: { field: string }) => e.field);
    expect(byLine(2)).toEqual([]);
    expect(byLine(3)).toEqual(['participant']);
    expect(byLine(4)).toEqual(['participant']);
    expect(body.errors.find((e: { line: number }) => e.line === 4).message).toContain('line 2');
    expect(new Set(byLine(5))).toEqual(
      new Set(['organisationName', 'focalPointEmail', 'focalPointLanguage', 'headName']),
    );
    expect(byLine(6)).toEqual(['kind']);
    expect(byLine(7)).toEqual([]);
    expect(byLine(8)).toEqual([]);
    expect(body.errors.find((e: { line: number }) => e.line === 3).column).toBe('participant');
    const after = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${target}/delegations`,
      headers: bearer(viewer),
    });
    expect(after.json().total).toBe(0);

    const missingColumns = csvUpload('kind,organisationName\nngo,Somebody\n');
    const header = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${target}/delegations/import`,
      headers: { ...missingColumns.headers, ...bearer(protocol) },
      payload: missingColumns.payload,
    });
    expect(header.statusCode).toBe(422);
    expect(header.json().errors.map((e: { field: string; line: number }) => [e.line, e.field])).toEqual([
      [1, 'focalPointName'],
      [1, 'focalPointEmail'],
      [1, 'headName'],
    ]);
  });

  it('should check a file without importing it when asked for a dry run, and keep the import to protocol officers', async () => {
    const target = await createEvent(api);
    const upload = csvUpload(
      'kind,participant,focalPointName,focalPointEmail,headName\nstate,PER,Ana,ana@rree.example,Head\n',
    );
    const dry = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${target}/delegations/import?dryRun=true`,
      headers: { ...upload.headers, ...bearer(protocol) },
      payload: upload.payload,
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rowCount: 1, delegationIds: [] });
    expect(
      (await api.app.inject({ method: 'GET', url: `/v1/events/${target}/delegations`, headers: bearer(viewer) })).json()
        .total,
    ).toBe(0);
    const byViewer = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${target}/delegations/import`,
      headers: { ...upload.headers, ...bearer(viewer) },
      payload: upload.payload,
    });
    expect(byViewer.statusCode).toBe(403);
  });
});
