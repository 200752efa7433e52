import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { announce, createEvent, FAST_PIPELINE, queuesDrained, settled } from '../support/notification-fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { startTestWorker } from '../support/test-worker.js';
import { waitFor } from '../support/wait-for.js';

describe('Notifications when SMTP fails (e2e)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let eventId: string;
  let protocol: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    // Three attempts, 50 ms apart at first: the backoff is configurable so these tests need no long waits.
    api = await startTestApi({ ...FAST_PIPELINE, SMTP_URL: sink.url, NOTIFICATION_ATTEMPTS: '3' });
    worker = await startTestWorker(api.config);
    eventId = (await createEvent(api)).id;
    protocol = await api.tokenFor('protocol');
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
  });

  const auth = () => ({ authorization: `Bearer ${protocol}` });
  const detail = async (id: string) =>
    (await api.app.inject({ method: 'GET', url: `/v1/notifications/${id}`, headers: auth() })).json();
  /** Straight from PostgreSQL: polling the API would count against the suite's rate limit. */
  const deliveryFor = async (address: string): Promise<{ status: string }> =>
    (
      await api.app
        .get(DataSource)
        .query(`SELECT status FROM notification_deliveries WHERE recipient_key = $1`, [address])
    )[0];

  it('should retry with backoff and then send once when the SMTP server fails transiently', async () => {
    const address = 'busy-server@mofa.example';
    let refusals = 0;
    sink.verdict = (mail) => {
      if (mail.to.includes(address) && refusals < 2) {
        refusals += 1;
        return { code: 451, message: '4.3.0 Temporary local problem, try again later' };
      }
      return 'accept';
    };
    const announcement = await announce(api, eventId, {
      subject: 'Transient',
      body: 'Body',
      recipients: [{ email: address, name: 'Busy' }],
    });
    const [row] = await settled(api, announcement.id, 1);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(sink.acceptedFor(address)).toHaveLength(1);
    const attempts = (await detail(row!.id)).attempts;
    expect(attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['failed', 'failed', 'sent']);
    expect(attempts[0].error).toMatch(/^SMTP 451: .*try again later/);
    await queuesDrained(api);
    expect(sink.acceptedFor(address)).toHaveLength(1);
  });

  it('should make a delivery dead on a permanent refusal, show it, and send it once when an organiser retries it', async () => {
    const address = 'no-such-mailbox@mofa.example';
    let mailboxExists = false;
    sink.refuseRecipient = (to) =>
      to === address && !mailboxExists ? { code: 550, message: '5.1.1 Mailbox does not exist' } : null;
    sink.verdict = () => 'accept';
    const announcement = await announce(api, eventId, {
      subject: 'Permanent',
      body: 'Body',
      recipients: [{ email: address, name: 'Nobody' }],
    });
    const [row] = await settled(api, announcement.id, 1);
    // 5xx is final: no automatic retry.
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    const dead = await api.app.inject({ method: 'GET', url: '/v1/notifications?status=dead', headers: auth() });
    expect(dead.json().items).toEqual([
      expect.objectContaining({
        id: row!.id,
        status: 'dead',
        lastError: expect.stringMatching(/^SMTP 550: .*Mailbox does not exist/),
      }),
    ]);

    mailboxExists = true;
    const retried = await api.app.inject({
      method: 'POST',
      url: `/v1/notifications/${row!.id}/retry`,
      headers: auth(),
    });
    expect(retried.statusCode).toBe(202);
    await waitFor(
      () => deliveryFor(address),
      (d) => d.status === 'sent',
      { what: 'the retried delivery to be sent' },
    );
    await queuesDrained(api);
    expect(sink.acceptedFor(address)).toHaveLength(1);
    const attempts = (await detail(row!.id)).attempts;
    expect(attempts.map((a: { number: number; outcome: string }) => [a.number, a.outcome])).toEqual([
      [1, 'failed'],
      [2, 'sent'],
    ]);
    const again = await api.app.inject({ method: 'POST', url: `/v1/notifications/${row!.id}/retry`, headers: auth() });
    expect(again.statusCode).toBe(409);
    const audit = await api.app.inject({
      method: 'GET',
      url: `/v1/audit?entityType=notification&entityId=${row!.id}`,
      headers: { authorization: `Bearer ${await api.adminToken()}` },
    });
    expect(audit.json().items).toEqual([
      expect.objectContaining({ action: 'notification.retried', actorKind: 'organiser' }),
    ]);
  });

  it('should give up after the configured attempts when every attempt fails transiently, and keep it retryable', async () => {
    const address = 'always-busy@mofa.example';
    sink.refuseRecipient = () => null;
    sink.verdict = (mail) => (mail.to.includes(address) ? { code: 421, message: '4.7.0 Too busy' } : 'accept');
    const announcement = await announce(api, eventId, {
      subject: 'Exhausted',
      body: 'Body',
      recipients: [{ email: address, name: 'Always busy' }],
    });
    const [row] = await settled(api, announcement.id, 1);
    expect(row).toMatchObject({ status: 'dead', attempts: 3 });
    expect(sink.acceptedFor(address)).toHaveLength(0);
    const viewer = await api.tokenFor('viewer');
    const forbidden = await api.app.inject({
      method: 'POST',
      url: `/v1/notifications/${row!.id}/retry`,
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(forbidden.statusCode).toBe(403);

    sink.verdict = () => 'accept';
    const retried = await api.app.inject({
      method: 'POST',
      url: `/v1/notifications/${row!.id}/retry`,
      headers: auth(),
    });
    expect(retried.statusCode).toBe(202);
    await waitFor(
      () => deliveryFor(address),
      (d) => d.status === 'sent',
      { what: 'the retried delivery to be sent' },
    );
    expect(sink.acceptedFor(address)).toHaveLength(1);
  });
});
