import { spawnSync } from 'node:child_process';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  announce,
  createEvent,
  deliveriesOf,
  FAST_PIPELINE,
  queuesDrained,
  settled,
} from '../support/notification-fixtures.js';
import { PrivateRedis } from '../support/private-redis.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { startTestWorker, WORKER_MAIN, workerEnv, WorkerProcess } from '../support/test-worker.js';
import { waitFor } from '../support/wait-for.js';

const people = (count: number, domain: string) =>
  Array.from({ length: count }, (_, i) => ({ email: `person-${i}@${domain}`, name: `Person ${i}` }));

/** Every recipient got exactly one accepted message. */
function expectExactlyOnce(sink: SmtpSink, recipients: { email: string }[]) {
  const counts = sink.countsByRecipient();
  expect(recipients.map((r) => counts.get(r.email) ?? 0)).toEqual(recipients.map(() => 1));
}

describe('Notifications when Redis fails (e2e)', () => {
  let redis: PrivateRedis;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let eventId: string;

  beforeAll(async () => {
    // A Redis of this suite's own, to stop and restart: the machine's Redis is shared with other suites.
    redis = await PrivateRedis.start();
    sink = await SmtpSink.start();
    api = await startTestApi({
      ...FAST_PIPELINE,
      SMTP_URL: sink.url,
      REDIS_URL: redis.url,
      WORKER_CONCURRENCY: '2',
      NOTIFICATION_SWEEP_MS: '500',
    });
    worker = await startTestWorker(api.config);
    eventId = (await createEvent(api)).id;
    await api.adminToken();
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await redis?.down();
  });

  it('should keep a notification committed while Redis is down and deliver it once when Redis is back', async () => {
    await redis.down();
    const recipients = people(3, 'redis-down.example');
    // The change commits: the outbox row is written in PostgreSQL, Redis is not needed for that.
    const announcement = await announce(api, eventId, { subject: 'Committed without Redis', body: 'x', recipients });
    const dataSource = api.app.get(DataSource);
    const pending = await waitFor(
      async () =>
        (
          await dataSource.query(
            `SELECT m.published_at, m.relay_attempts, m.last_relay_error
             FROM outbox_messages m JOIN announcements a ON a.outbox_message_id = m.id WHERE a.id = $1`,
            [announcement.id],
          )
        )[0],
      (row) => row.relay_attempts >= 2,
      { what: 'the relay to try and fail twice' },
    );
    expect(pending.published_at).toBeNull();
    expect(pending.last_relay_error).toBeTruthy();
    expect(sink.received).toBe(0);

    await redis.up();
    await settled(api, announcement.id, 3);
    await queuesDrained(api);
    expectExactlyOnce(sink, recipients);
  });

  it('should requeue the deliveries whose jobs Redis lost, so each recipient still gets the message once', async () => {
    const recipients = people(8, 'redis-lost.example');
    sink.verdict = () => 'hold';
    const announcement = await announce(api, eventId, { subject: 'Lost jobs', body: 'x', recipients });
    // Two messages are being sent (held by the SMTP server), six wait in Redis...
    await waitFor(
      () => sink.heldCount,
      (n) => n === 2,
      { what: 'two messages in flight' },
    );
    // ...when Redis dies without persistence and comes back empty.
    await redis.down();
    await redis.up();
    sink.verdict = () => 'accept';
    sink.releaseHeld();
    const rows = await settled(api, announcement.id, 8, 45_000);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    await queuesDrained(api);
    expectExactlyOnce(sink, recipients);
  });
});

describe('Notifications when the worker process dies or stops (e2e)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let eventId: string;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    sink = await SmtpSink.start();
    // A lost worker's jobs are taken over once their lock expires: two seconds here, thirty by default.
    api = await startTestApi({ ...FAST_PIPELINE, SMTP_URL: sink.url, WORKER_CONCURRENCY: '3', WORKER_LOCK_MS: '2000' });
    eventId = (await createEvent(api)).id;
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await api?.close();
    await sink?.close();
  });

  const start = async () => {
    const worker = await WorkerProcess.start(workerEnv(api.config));
    workers.push(worker);
    return worker;
  };

  it('should deliver to every recipient exactly once when the worker is killed mid-delivery and restarted', async () => {
    const recipients = people(20, 'killed-worker.example');
    let answered = 0;
    // The first five are accepted; after that the server holds its answers, so the kill lands mid-delivery.
    sink.verdict = () => (++answered <= 5 ? 'accept' : 'hold');
    const announcement = await announce(api, eventId, { subject: 'Worker killed', body: 'x', recipients });
    const first = await start();
    await waitFor(
      async () => ({
        sent: (await deliveriesOf(api, announcement.id)).filter((d) => d.status === 'sent').length,
        held: sink.heldCount,
      }),
      ({ sent, held }) => sent === 5 && held > 0,
      { what: 'five sent and some in flight' },
    );
    const exit = await first.kill('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    sink.dropHeld(); // answers the dead worker never received: not delivered
    sink.verdict = () => 'accept';

    const second = await start();
    const rows = await settled(api, announcement.id, 20, 45_000);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expectExactlyOnce(sink, recipients);
    const interrupted: { n: number }[] = await api.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM notification_attempts WHERE outcome = 'interrupted'`);
    expect(interrupted[0]!.n).toBeGreaterThan(0);
    // Logs never carry personal data: no recipient address in anything either worker wrote.
    for (const line of [...first.lines, ...second.lines]) expect(line).not.toContain('killed-worker.example');
    expect((await second.kill('SIGTERM')).code).toBe(0);
  });

  it('should finish the delivery in progress before exiting when the worker gets SIGTERM', async () => {
    const recipients = people(1, 'sigterm.example');
    sink.verdict = () => 'hold';
    const announcement = await announce(api, eventId, { subject: 'Graceful', body: 'x', recipients });
    const worker = await start();
    await waitFor(
      () => sink.heldCount,
      (n) => n === 1,
      { what: 'a message in flight' },
    );
    worker.child.kill('SIGTERM');
    await worker.waitForLog('closing queue workers');
    expect(worker.child.exitCode).toBeNull(); // still finishing its job
    sink.verdict = () => 'accept';
    sink.releaseHeld();
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    const [row] = await deliveriesOf(api, announcement.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expectExactlyOnce(sink, recipients);
  });

  it('should refuse to start with one clear line when its configuration is malformed', () => {
    const result = spawnSync(process.execPath, [WORKER_MAIN], {
      env: { PATH: process.env.PATH, WORKER_CONCURRENCY: 'many' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr.trim()).toBe(
      'accord-worker: Invalid configuration: WORKER_CONCURRENCY must be a whole number, got "many"',
    );
  });
});
