import type { INestApplicationContext } from '@nestjs/common';
import ical, { type VEvent } from 'node-ical';
import { DataSource } from 'typeorm';
import { AppError, validationFailed } from '@accord/core';
import {
  AudienceRegistry,
  FanOutService,
  JobName,
  NotificationQueues,
  OutboxService,
  type AudienceResolver,
  type Recipient,
} from '@accord/notifications';
import {
  announce,
  createEvent,
  deliveriesOf,
  FAST_PIPELINE,
  queuesDrained,
  settled,
} from '../support/notification-fixtures.js';
import { parseMail, rawHeader, SmtpSink } from '../support/smtp-sink.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { startTestWorker } from '../support/test-worker.js';
import { waitFor } from '../support/wait-for.js';

/** An audience registered by the test, as a domain library would: `count` synthetic delegates. */
const delegatesAudience: AudienceResolver<{ count: number }> = {
  type: 'test-delegates',
  description: 'Synthetic delegates for tests',
  parse(params) {
    const count = params.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 10_000) {
      throw validationFailed([{ field: 'audience.params.count', message: 'count must be a whole number' }]);
    }
    return { count };
  },
  async resolve(_manager, _eventId, { count }) {
    return Array.from({ length: count }, (_, i): Recipient => ({
      email: `delegate-${i}@delegations.example`,
      name: `Delegate ${i}`,
      language: i % 2 ? 'fr' : 'en',
    }));
  },
};

/** An audience whose lookup fails after the announcement row is written: the whole transaction must roll back. */
const brokenAudience: AudienceResolver<Record<string, never>> = {
  type: 'test-broken',
  description: 'Fails while resolving',
  parse: () => ({}),
  async resolve() {
    throw new AppError(409, 'TEST.AUDIENCE_UNAVAILABLE', 'The audience cannot be resolved now');
  },
};

describe('Notifications by email (e2e)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let eventId: string;
  let admin: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    api = await startTestApi({ ...FAST_PIPELINE, SMTP_URL: sink.url });
    worker = await startTestWorker(api.config);
    eventId = (await createEvent(api)).id;
    admin = await api.adminToken();
    const audiences = api.app.get(AudienceRegistry);
    audiences.register(delegatesAudience);
    audiences.register(brokenAudience);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
  });

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it('should email each recipient in their language with both parts and an .ics in the event time zone when an announcement is made', async () => {
    const announcement = await announce(api, eventId, {
      subject: 'Press briefing moved',
      body: 'The press briefing moves to the Lotus room.\n\nBring your badge.',
      translations: { fr: { subject: 'Point presse déplacé', body: 'Le point presse a lieu dans la salle Lotus.' } },
      startsAt: '2025-10-25T14:00:00+07:00',
      endsAt: '2025-10-25T15:30:00+07:00',
      location: 'Lotus room, National Convention Center',
      recipients: [
        { email: 'ben@mofa.example', name: 'Ben Smith', language: 'en' },
        { email: 'Ana@MAE.example', name: 'Ana Dupont', language: 'fr' },
        { email: 'carla@sre.example', name: 'Carla Ruiz', language: 'es' },
        { email: 'ben@MOFA.example', name: 'Ben again (same address)', language: 'en' },
      ],
    });
    expect(announcement.recipientCount).toBe(3);
    await settled(api, announcement.id, 3);

    const [en, fr, es] = await Promise.all(
      ['ben@mofa.example', 'ana@mae.example', 'carla@sre.example'].map(async (address) => {
        const mails = sink.acceptedFor(address);
        expect(mails).toHaveLength(1);
        return parseMail(mails[0]!);
      }),
    );

    expect(en!.subject).toBe('Hanoi Convention – Announcement: Press briefing moved');
    expect(en!.headers.get('content-language')).toBe('en');
    expect(en!.text).toContain('Dear Ben Smith,');
    expect(en!.text).toContain('When: Saturday, 25 October 2025, 14:00–15:30 (UTC+7)');
    expect(en!.text).toContain('Where: Lotus room, National Convention Center');
    expect(en!.html).toContain('<html lang="en"');
    expect(en!.html).toContain('<p>The press briefing moves to the Lotus room.</p>');

    expect(fr!.subject).toBe('Hanoi Convention – Annonce\u00a0: Point presse déplacé');
    expect(fr!.headers.get('content-language')).toBe('fr');
    expect(fr!.to).toMatchObject({ value: [{ address: 'Ana@mae.example', name: 'Ana Dupont' }] });
    expect(fr!.text).toContain('Bonjour Ana Dupont,');
    expect(fr!.text).toContain('samedi 25 octobre 2025, 14:00–15:30 (UTC+7)');
    expect(fr!.text).toContain('Le point presse a lieu dans la salle Lotus.');
    expect(fr!.html).toContain('<html lang="fr"');

    // Spanish has no template yet: English, and said so in the headers.
    expect(es!.subject).toBe('Hanoi Convention – Announcement: Press briefing moved');
    expect(es!.headers.get('content-language')).toBe('en');

    for (const mail of [en!, fr!, es!]) {
      expect(mail.text).toMatch(/\S/);
      expect(mail.html).toMatch(/<body/);
      expect(rawHeader(mail, 'list-unsubscribe')).toMatch(/^<https:\/\/accord\.example\.org\/v1\/unsubscribe\?token=/);
      expect(rawHeader(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      const attachment = mail.attachments.find((a) => a.filename === 'event.ics');
      expect(attachment?.contentType).toBe('text/calendar');
      const calendar = ical.sync.parseICS(attachment!.content.toString('utf8'));
      const events = Object.values(calendar).filter((c): c is VEvent => c?.type === 'VEVENT');
      expect(events).toHaveLength(1);
      expect(events[0]!.start.toISOString()).toBe('2025-10-25T07:00:00.000Z');
      expect(events[0]!.end?.toISOString()).toBe('2025-10-25T08:30:00.000Z');
      expect(events[0]!.location).toBe('Lotus room, National Convention Center');
      expect(events[0]!.uid).toBe(`announcement-${announcement.id}@accord`);
    }

    const read = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/announcements/${announcement.id}`,
      headers: auth(admin),
    });
    expect(read.json()).toMatchObject({
      recipientCount: 3,
      startsAt: '2025-10-25T14:00:00+07:00',
      deliveries: { sent: 3, queued: 0, dead: 0 },
    });
  });

  it('should honour an opt-out made through the signed link in an announcement when the next one goes out', async () => {
    const recipients = [
      { email: 'stays@un.example', name: 'Stays', language: 'en' },
      { email: 'leaves@un.example', name: 'Leaves', language: 'fr' },
    ];
    const first = await announce(api, eventId, { subject: 'Welcome', body: 'Welcome to Hanoi.', recipients });
    await settled(api, first.id, 2);
    const mail = await parseMail(sink.acceptedFor('leaves@un.example').at(-1)!);
    const link = new URL(/<([^>]+)>/.exec(rawHeader(mail, 'list-unsubscribe'))![1]!);
    expect(mail.text).toContain(link.href);
    const path = `${link.pathname}${link.search}`;

    const page = await api.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<form method="post">');
    const forged = await api.app.inject({ method: 'POST', url: `${path.slice(0, -2)}xx` });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('OPT_OUT.INVALID_LINK');
    // What a mail client's one-click unsubscribe sends (RFC 8058).
    const oneClick = await api.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.body).toContain('no longer receive announcements');

    const before = sink.acceptedFor('leaves@un.example').length;
    const second = await announce(api, eventId, { subject: 'Gala dinner', body: 'Dinner at 19:00.', recipients });
    const rows = await settled(api, second.id, 2);
    expect(rows.map((r) => [r.recipientKey, r.status])).toEqual([
      ['leaves@un.example', 'skipped'],
      ['stays@un.example', 'sent'],
    ]);
    expect(sink.acceptedFor('leaves@un.example')).toHaveLength(before);
    const counts = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/announcements/${second.id}`,
      headers: auth(admin),
    });
    expect(counts.json().deliveries).toMatchObject({ sent: 1, skipped: 1 });
  });

  it('should leave no outbox row and send nothing when the transaction that enqueues rolls back', async () => {
    const dataSource = api.app.get(DataSource);
    const outbox = api.app.get(OutboxService);
    const message = (subject: string) => ({
      kind: 'announcement' as const,
      eventId,
      recipients: [{ email: 'rollback@un.example', name: 'Rollback', language: 'en' as const }],
      data: { announcementId: '00000000-0000-4000-8000-000000000001', subject, body: 'Body' },
    });
    await expect(
      dataSource.transaction(async (manager) => {
        await outbox.enqueue(manager, message('Rolled back'));
        throw new Error('the change fails after enqueueing');
      }),
    ).rejects.toThrow('the change fails after enqueueing');
    const rolledBack = await dataSource.query(`SELECT 1 FROM outbox_messages WHERE data->>'subject' = 'Rolled back'`);
    expect(rolledBack).toHaveLength(0);
    await expect(outbox.enqueue(dataSource.manager, message('Outside a transaction'))).rejects.toThrow(
      /inside the transaction/,
    );

    // A later committed message is relayed and delivered; the rolled-back one never is.
    await dataSource.transaction((manager) => outbox.enqueue(manager, message('Committed')));
    await waitFor(
      () => sink.acceptedFor('rollback@un.example').length,
      (n) => n === 1,
      { what: 'the committed mail' },
    );
    await queuesDrained(api);
    const subjects = await Promise.all(
      sink.acceptedFor('rollback@un.example').map(async (m) => (await parseMail(m)).subject),
    );
    expect(subjects).toEqual(['Hanoi Convention – Announcement: Committed']);

    // The same through the API: an audience that fails mid-transaction leaves no announcement and no outbox row.
    const countRows = async () =>
      (
        await dataSource.query(
          `SELECT (SELECT count(*) FROM announcements) + (SELECT count(*) FROM outbox_messages) AS n`,
        )
      )[0].n;
    const before = await countRows();
    const failed = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/announcements`,
      headers: auth(admin),
      payload: { subject: 'Never sent', body: 'x', audience: { type: 'test-broken' } },
    });
    expect(failed.statusCode).toBe(409);
    expect(await countRows()).toBe(before);
  });

  it('should deliver once per recipient when two workers share the work and a message is relayed and fanned out again', async () => {
    const second = await startTestWorker(api.config);
    try {
      const recipients = Array.from({ length: 40 }, (_, i) => ({
        email: `shared-${i}@un.example`,
        name: `Shared ${i}`,
      }));
      const announcement = await announce(api, eventId, { subject: 'Two workers', body: 'x', recipients });
      await settled(api, announcement.id, 40);
      const [{ outboxMessageId }] = await api.app
        .get(DataSource)
        .query(`SELECT outbox_message_id AS "outboxMessageId" FROM announcements WHERE id = $1`, [announcement.id]);
      // The relay adding the same row again is one job (same id), and a fan-out run again adds nothing.
      await api.app.get(NotificationQueues).add({ name: JobName.FanOut, data: { outboxMessageId } });
      expect(await worker.get(FanOutService).fanOut(outboxMessageId)).toBe(0);
      await queuesDrained(api);
      expect(await deliveriesOf(api, announcement.id)).toHaveLength(40);
      for (const r of recipients) expect(sink.acceptedFor(r.email)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('should resolve a registered audience inside the transaction when an announcement names one', async () => {
    const unknown = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/announcements`,
      headers: auth(admin),
      payload: { subject: 'x', body: 'x', audience: { type: 'no-such-audience' } },
    });
    expect(unknown.statusCode).toBe(422);
    // The domain libraries register theirs too (approved-delegations, session-attendees, …).
    expect(unknown.json()).toMatchObject({
      code: 'ANNOUNCEMENT.UNKNOWN_AUDIENCE',
      availableAudiences: expect.arrayContaining(['approved-delegations', 'test-broken', 'test-delegates']),
    });
    const badParams = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/announcements`,
      headers: auth(admin),
      payload: { subject: 'x', body: 'x', audience: { type: 'test-delegates', params: { count: 'many' } } },
    });
    expect(badParams.statusCode).toBe(400);
    expect(badParams.json().errors).toEqual([expect.objectContaining({ field: 'audience.params.count' })]);
    const both = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/announcements`,
      headers: auth(admin),
      payload: {
        subject: 'x',
        body: 'x',
        audience: { type: 'test-delegates', params: { count: 1 } },
        recipients: [{ email: 'a@b.example', name: 'A' }],
      },
    });
    expect(both.statusCode).toBe(400);
    const empty = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/announcements`,
      headers: auth(admin),
      payload: { subject: 'x', body: 'x', audience: { type: 'test-delegates', params: { count: 0 } } },
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().code).toBe('ANNOUNCEMENT.NO_RECIPIENTS');

    const protocol = await api.tokenFor('protocol');
    const created = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/announcements`,
      headers: auth(protocol),
      payload: {
        subject: 'Accreditation',
        body: 'Badges at desk B.',
        audience: { type: 'test-delegates', params: { count: 5 } },
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      recipientCount: 5,
      audience: { type: 'test-delegates', params: { count: 5 } },
    });
    await settled(api, created.json().id, 5);
    for (let i = 0; i < 5; i++) expect(sink.acceptedFor(`delegate-${i}@delegations.example`)).toHaveLength(1);

    const viewer = await api.tokenFor('viewer');
    const refused = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/announcements`,
      headers: auth(viewer),
      payload: { subject: 'x', body: 'x', audience: { type: 'test-delegates', params: { count: 1 } } },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('should list, filter and page deliveries with their attempts for organisers, and refuse retries to viewers', async () => {
    const viewer = await api.tokenFor('viewer');
    const filtered = await api.app.inject({
      method: 'GET',
      url: '/v1/notifications?status=sent&kind=announcement&channel=email&recipient=ANA@mae.example',
      headers: auth(viewer),
    });
    expect(filtered.statusCode).toBe(200);
    expect(filtered.json()).toMatchObject({
      total: 1,
      items: [
        {
          kind: 'announcement',
          channel: 'email',
          status: 'sent',
          eventId,
          recipient: { email: 'Ana@MAE.example', name: 'Ana Dupont', language: 'fr' },
          attemptCount: 1,
          lastError: null,
        },
      ],
    });
    const item = filtered.json().items[0];
    expect(item.sentAt).toMatch(/\+07:00$/);
    expect(item.providerMessageId).toBe(`<${item.id}@accord.local>`);

    const pageOne = await api.app.inject({ method: 'GET', url: '/v1/notifications?limit=2', headers: auth(viewer) });
    expect(pageOne.json().items).toHaveLength(2);
    expect(pageOne.json().total).toBeGreaterThan(2);

    const detail = await api.app.inject({ method: 'GET', url: `/v1/notifications/${item.id}`, headers: auth(viewer) });
    expect(detail.json().attempts).toEqual([
      expect.objectContaining({ number: 1, outcome: 'sent', error: null, response: expect.stringMatching(/^250/) }),
    ]);

    const viewerRetry = await api.app.inject({
      method: 'POST',
      url: `/v1/notifications/${item.id}/retry`,
      headers: auth(viewer),
    });
    expect(viewerRetry.statusCode).toBe(403);
    const sentRetry = await api.app.inject({
      method: 'POST',
      url: `/v1/notifications/${item.id}/retry`,
      headers: auth(await api.tokenFor('protocol')),
    });
    expect(sentRetry.statusCode).toBe(409);
    expect(sentRetry.json().code).toBe('NOTIFICATION.NOT_RETRYABLE');
    expect((await api.app.inject({ method: 'GET', url: '/v1/notifications' })).statusCode).toBe(401);
    expect(
      (await api.app.inject({ method: 'GET', url: '/v1/notifications?status=lost', headers: auth(viewer) })).statusCode,
    ).toBe(400);
    const missing = await api.app.inject({
      method: 'GET',
      url: '/v1/notifications/5b0c8f3e-2f55-4c7e-9d43-000000000000',
      headers: auth(viewer),
    });
    expect(missing.json().code).toBe('NOTIFICATION.NOT_FOUND');

    const list = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/announcements`,
      headers: auth(viewer),
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThanOrEqual(3);
    const rows = await deliveriesOf(api, list.json().items.at(-1).id);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('should serve the queue dashboard to admins only, by bearer token or by a cookie exchanged for ?token=', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(401);
    const viewer = await api.tokenFor('viewer');
    const forbidden = await api.app.inject({ method: 'GET', url: '/admin/queues', headers: auth(viewer) });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers['content-type']).toContain('application/problem+json');
    expect((await api.app.inject({ method: 'GET', url: `/admin/queues?token=${viewer}` })).statusCode).toBe(403);
    expect((await api.app.inject({ method: 'GET', url: '/admin/queues/api/queues' })).statusCode).toBe(401);

    const board = await api.app.inject({ method: 'GET', url: '/admin/queues', headers: auth(admin) });
    expect(board.statusCode).toBe(200);
    expect(board.headers['content-type']).toContain('text/html');

    const exchange = await api.app.inject({ method: 'GET', url: `/admin/queues?token=${admin}` });
    expect(exchange.statusCode).toBe(303);
    expect(exchange.headers.location).toBe('/admin/queues');
    const cookie = String(exchange.headers['set-cookie']);
    expect(cookie).toMatch(/^accord_queues=.+; Path=\/admin\/queues; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    const queues = await api.app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues',
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(queues.statusCode).toBe(200);
    expect(
      queues
        .json()
        .queues.map((q: { name: string }) => q.name)
        .sort(),
    ).toEqual(['notifications-email', 'notifications-fan-out', 'notifications-webhook']);
    // Read-only: retries go through the API, which keeps PostgreSQL and the audit trail in charge.
    expect(queues.json().queues.every((q: { readOnlyMode: boolean }) => q.readOnlyMode)).toBe(true);
  });
});
