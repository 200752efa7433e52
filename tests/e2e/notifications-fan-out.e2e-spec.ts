import { performance } from 'node:perf_hooks';
import { AudienceRegistry, type AudienceResolver, type Recipient } from '@accord/notifications';
import { createEvent, FAST_PIPELINE, queuesDrained, settled } from '../support/notification-fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { workerEnv, WorkerProcess } from '../support/test-worker.js';
import { waitFor } from '../support/wait-for.js';

const RECIPIENTS = 3000;

/** Stands in for "all approved delegations" until the delegations library registers the real audience. */
const everyone: AudienceResolver<Record<string, never>> = {
  type: 'test-everyone',
  description: `${RECIPIENTS} synthetic delegates`,
  parse: () => ({}),
  async resolve() {
    return Array.from({ length: RECIPIENTS }, (_, i): Recipient => ({
      email: `delegate-${String(i).padStart(4, '0')}@fan-out.example`,
      name: `Delegate ${i}`,
      language: i % 3 === 0 ? 'fr' : 'en',
    }));
  },
};

describe('Announcement fan-out (e2e)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    api = await startTestApi({ ...FAST_PIPELINE, SMTP_URL: sink.url });
    api.app.get(AudienceRegistry).register(everyone);
  });
  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await api?.close();
    await sink?.close();
  });

  it(`should deliver an announcement to ${RECIPIENTS} recipients as ${RECIPIENTS} mails, each exactly once`, async () => {
    const eventId = (await createEvent(api)).id;
    // The worker runs as its own process so its memory can be measured.
    worker = await WorkerProcess.start(workerEnv(api.config));
    const started = performance.now();
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/announcements`,
      headers: { authorization: `Bearer ${await api.adminToken()}` },
      payload: {
        subject: 'Welcome to Hanoi',
        body: 'Accreditation opens at 08:00.',
        audience: { type: 'test-everyone' },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().recipientCount).toBe(RECIPIENTS);
    await waitFor(
      () => sink.accepted.length,
      (n) => n >= RECIPIENTS,
      {
        timeoutMs: 240_000,
        intervalMs: 100,
        what: `${RECIPIENTS} mails`,
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const rows = await settled(api, res.json().id, RECIPIENTS, 60_000);
    await queuesDrained(api);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const counts = sink.countsByRecipient();
    expect(counts.size).toBe(RECIPIENTS);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(sink.accepted).toHaveLength(RECIPIENTS);
    const config = api.config.notifications;
    console.log(
      `fan-out: ${RECIPIENTS} mails in ${seconds.toFixed(1)} s (${Math.round(RECIPIENTS / seconds)}/s) to the in-process ` +
        `SMTP server; worker peak RSS ${worker.peakRssMiB()} MiB ` +
        `(concurrency ${config.concurrency}, email rate limit ${config.emailRatePerSecond}/s)`,
    );
  }, 300_000);
});
