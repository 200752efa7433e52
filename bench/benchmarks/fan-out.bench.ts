import type { BenchContext, BenchResult } from '../lib/context.js';
import { createCeremony } from '../lib/ceremony.js';
import { percent } from '../lib/compare.js';
import { freePort, runToCompletion, startProcess, startServer, trackPeakRss } from '../lib/processes.js';

const MAILS = 3000;
const CONCURRENCY = '10';

interface SinkStats {
  messages: number;
  recipients: number;
  duplicates: number;
  firstAt: number;
  lastAt: number;
}

async function waitForMails(sinkUrl: string, count: number, timeoutMs: number): Promise<SinkStats> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = (await (await fetch(`${sinkUrl}/`)).json()) as SinkStats;
    if (stats.messages >= count || Date.now() > deadline) return stats;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Target 4: an announcement to 3,000 recipients through Accord's whole pipeline (API → outbox → relay → fan-out →
 * email jobs → SMTP, every delivery recorded in PostgreSQL) against a bare BullMQ loop sending the same mails through
 * the same SMTP server with the same concurrency. Each server, the worker and the baseline in processes of their own.
 */
export async function fanOutBench(ctx: BenchContext, workers = 1): Promise<BenchResult> {
  const smtpPort = await freePort();
  const sink = await startServer('smtp-sink', 'dist/bench/baselines/smtp-sink.js', { SMTP_PORT: String(smtpPort) });
  const mailEnv = {
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    EMAIL_RATE_PER_SECOND: '100000',
    WORKER_CONCURRENCY: CONCURRENCY,
  };
  const api = await ctx.startApi(mailEnv);
  const workerProcesses = Array.from({ length: workers }, (_, i) =>
    startProcess(`accord-worker-${i + 1}`, 'dist/apps/worker/src/main.js', { ...ctx.accordEnv, ...mailEnv }),
  );
  const worker = workerProcesses[0]!;
  const token = await ctx.adminToken(api);
  const event = { id: await createCeremony(api.url, token, 'bench-fan-out') };
  const rounds = Math.max(1, Math.min(ctx.settings.rounds, 3));
  const bare: number[] = [];
  const accord: number[] = [];
  let duplicates = 0;
  let missing = 0;
  const peakRss = trackPeakRss(worker.child.pid!);
  try {
    for (let round = 0; round < rounds; round++) {
      await fetch(`${sink.url}/reset`);
      const baseline = await runToCompletion<{ seconds: number }>('dist/bench/baselines/bullmq-mailer.js', {
        REDIS_URL: ctx.redisUrl,
        SMTP_PORT: String(smtpPort),
        MAILS: String(MAILS),
        CONCURRENCY,
      });
      bare.push(baseline.seconds);

      await fetch(`${sink.url}/reset`);
      const started = Date.now();
      const res = await fetch(`${api.url}/v1/events/${event.id}/announcements`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          subject: 'Shuttle times for the signing ceremony',
          body: 'Buses leave the hotels at 07:30 for the National Convention Center.',
          recipients: Array.from({ length: MAILS }, (_, i) => ({
            email: `r${round}.delegate.${i}@delegates.example`,
            name: `Delegate ${i}`,
          })),
        }),
      });
      if (res.status !== 201) throw new Error(`announcement failed: ${res.status} ${await res.text()}`);
      const stats = await waitForMails(sink.url, MAILS, 300_000);
      accord.push((stats.lastAt - started) / 1000);
      duplicates += stats.duplicates;
      missing += Math.max(0, MAILS - stats.recipients);
    }
  } finally {
    await Promise.all(workerProcesses.map((w) => w.stop()));
    await api.stop();
    await sink.stop();
  }
  const rss = await peakRss();
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const ratio = median(bare) / median(accord);
  return {
    name: `announcement fan-out (${MAILS} mails, ${workers} worker${workers > 1 ? 's' : ''})`,
    metrics: {
      'accord seconds (median)': median(accord),
      'accord mails/s': Math.round(MAILS / median(accord)),
      'bare BullMQ seconds (median)': median(bare),
      'bare mails/s': Math.round(MAILS / median(bare)),
      ratio: Number(ratio.toFixed(3)),
      [workers > 1 ? 'first worker peak RSS MiB' : 'worker peak RSS MiB']: rss,
      duplicates,
      missing,
    },
    targets: [
      { label: '≥ 25% of a bare BullMQ loop', met: ratio >= 0.25, detail: percent(ratio) },
      {
        label: 'every mail delivered, each once',
        met: duplicates === 0 && missing === 0,
        detail: `${missing} missing, ${duplicates} duplicated`,
      },
    ],
  };
}
