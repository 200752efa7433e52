import type { INestApplicationContext } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { announce, createEvent, deliveriesOf, FAST_PIPELINE, settled } from '../support/notification-fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { startTestWorker } from '../support/test-worker.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

describe('Notifications by webhook (e2e)', () => {
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  let api: TestApi;
  let worker: INestApplicationContext;
  let eventId: string;
  let admin: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    receiver = await WebhookReceiver.start();
    api = await startTestApi({ ...FAST_PIPELINE, SMTP_URL: sink.url, NOTIFICATION_ATTEMPTS: '4' });
    worker = await startTestWorker(api.config);
    eventId = (await createEvent(api)).id;
    admin = await api.adminToken();
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver?.close();
    await sink?.close();
  });

  const register = (payload: Record<string, unknown>, token = admin) =>
    api.app.inject({ method: 'POST', url: '/v1/webhooks', headers: { authorization: `Bearer ${token}` }, payload });
  const recipients = [{ email: 'someone@un.example', name: 'Someone' }];

  it('should show the signing secret once, list endpoints without it, and accept only http(s) URLs from admins', async () => {
    const created = await register({ url: receiver.url('/listed'), kinds: ['announcement'], description: 'Console' });
    expect(created.statusCode).toBe(201);
    const endpoint = created.json();
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint).toMatchObject({
      url: receiver.url('/listed'),
      kinds: ['announcement'],
      enabled: true,
      eventId: null,
    });

    const list = await api.app.inject({
      method: 'GET',
      url: '/v1/webhooks',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(list.json().items).toEqual([expect.objectContaining({ id: endpoint.id })]);
    expect(list.body).not.toContain('whsec_');
    expect(list.body).not.toContain('secret');
    const one = await api.app.inject({
      method: 'GET',
      url: `/v1/webhooks/${endpoint.id}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(one.json()).not.toHaveProperty('secret');
    const stored = await api.app
      .get(DataSource)
      .query(`SELECT secret_ciphertext FROM webhook_endpoints WHERE id = $1`, [endpoint.id]);
    expect(stored[0].secret_ciphertext).not.toContain(endpoint.secret.slice(6));

    for (const url of [
      'ftp://hooks.example/x',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pw@hooks.example/',
    ]) {
      const refused = await register({ url, kinds: ['announcement'] });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'url' })]);
    }
    expect((await register({ url: receiver.url('/x'), kinds: ['no-such-kind'] })).statusCode).toBe(400);
    expect((await register({ url: receiver.url('/x'), kinds: [] })).statusCode).toBe(400);
    expect(
      (await register({ url: receiver.url('/x'), kinds: ['announcement'] }, await api.tokenFor('protocol'))).statusCode,
    ).toBe(403);

    const removed = await api.app.inject({
      method: 'DELETE',
      url: `/v1/webhooks/${endpoint.id}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(removed.statusCode).toBe(204);
    const gone = await api.app.inject({
      method: 'GET',
      url: `/v1/webhooks/${endpoint.id}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(gone.statusCode).toBe(404);
    const audit = await api.app.inject({
      method: 'GET',
      url: `/v1/audit?entityType=webhook&entityId=${endpoint.id}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(
      audit
        .json()
        .items.map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['webhook.deleted', 'webhook.registered']);
    expect(audit.body).not.toContain('whsec_');
  });

  it('should deliver announcements signed per Standard Webhooks and retry until the receiver accepts', async () => {
    const { secret, id: endpointId } = (
      await register({ url: receiver.url('/flaky'), kinds: ['announcement'], eventId })
    ).json();
    const otherEvent = (
      await createEvent(api, { slug: 'new-york-2026', city: 'New York', timeZone: 'America/New_York' })
    ).id;
    const otherEventEndpoint = (
      await register({ url: receiver.url('/other-event'), kinds: ['announcement'], eventId: otherEvent })
    ).json();
    receiver.respond = (request, previous) => (request.path === '/flaky' && previous === 0 ? 500 : 204);

    const announcement = await announce(api, eventId, { subject: 'Shuttles', body: 'From 08:00.', recipients });
    const rows = await settled(api, announcement.id, 2);
    expect(rows.map((r) => [r.channel, r.status]).sort()).toEqual([
      ['email', 'sent'],
      ['webhook', 'sent'],
    ]);
    expect(rows.find((r) => r.channel === 'webhook')).toMatchObject({ recipientKey: endpointId, attempts: 2 });

    const calls = receiver.on('/flaky');
    expect(calls).toHaveLength(2);
    // The same message id on every retry, so the receiver can deduplicate; each attempt signed afresh.
    expect(new Set(calls.map((c) => c.headers['webhook-id'])).size).toBe(1);
    for (const call of calls) {
      const payload = new Webhook(secret).verify(call.body, call.headers as Record<string, string>) as {
        type: string;
        timestamp: string;
        data: Record<string, unknown>;
      };
      expect(payload).toMatchObject({
        type: 'announcement',
        data: { eventId, announcementId: announcement.id, subject: 'Shuttles', body: 'From 08:00.' },
      });
      expect(payload.data).not.toHaveProperty('recipients');
      expect(call.headers['content-type']).toBe('application/json');
      expect(() =>
        new Webhook(otherEventEndpoint.secret).verify(call.body, call.headers as Record<string, string>),
      ).toThrow();
      expect(() =>
        new Webhook(secret).verify(call.body.replace('Shuttles', 'Shuttlez'), call.headers as Record<string, string>),
      ).toThrow();
    }
    // An endpoint subscribed to another event's notifications hears nothing of this one.
    expect(receiver.on('/other-event')).toHaveLength(0);
  });

  it('should disable an endpoint that answers 410 Gone and send it nothing more', async () => {
    const { id } = (await register({ url: receiver.url('/gone'), kinds: ['announcement'] })).json();
    receiver.respond = (request) => (request.path === '/gone' ? 410 : 204);
    const first = await announce(api, eventId, { subject: 'One', body: 'x', recipients });
    const rows = await settled(api, first.id, 3);
    const toGone = rows.find((r) => r.recipientKey === id)!;
    expect(toGone).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: 'The endpoint answered 410 Gone and was disabled',
    });
    const endpoint = await api.app.inject({
      method: 'GET',
      url: `/v1/webhooks/${id}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(endpoint.json()).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/^Answered 410 Gone/),
    });
    const retry = await api.app.inject({
      method: 'POST',
      url: `/v1/notifications/${toGone.id}/retry`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(retry.statusCode).toBe(409);
    expect(retry.json().code).toBe('NOTIFICATION.ENDPOINT_UNAVAILABLE');

    const second = await announce(api, eventId, { subject: 'Two', body: 'x', recipients });
    const after = await settled(api, second.id, 2);
    expect(after.map((r) => r.recipientKey)).not.toContain(id);
    expect(receiver.on('/gone')).toHaveLength(1);
    expect((await deliveriesOf(api, second.id)).every((r) => r.status === 'sent')).toBe(true);
  });
});
