import { check, type DrillContext, type DrillResult } from './lib/drill.js';
import { compareDeliveries, describeReport, exactlyOnce } from './lib/deliveries.js';
import { describe as describeOutcome } from './lib/http.js';
import { PrivateRedis } from './lib/private-redis.js';
import { exitOf, Stack } from './lib/stack.js';
import { sleep } from './lib/time.js';
import { FAN_OUT } from './redis-outage.drill.js';

/** Mails a worker process may have in flight at once (WORKER_CONCURRENCY, the default). */
const CONCURRENCY = 10;

async function attemptStats(stack: Stack): Promise<{ interrupted: number; retried: number; sent: number }> {
  const { rows } = await stack.db.query<{ interrupted: number; retried: number; sent: number }>(
    `SELECT (SELECT count(*) FROM notification_attempts WHERE outcome = 'interrupted')::int AS interrupted,
            (SELECT count(*) FROM notification_deliveries WHERE attempts > 1)::int AS retried,
            (SELECT count(*) FROM notification_deliveries WHERE status = 'sent')::int AS sent`,
  );
  return rows[0]!;
}

/**
 * The worker SIGKILLed a third of the way into a 3,000-recipient announcement, then started again. Jobs it held
 * are taken over when their locks expire (WORKER_LOCK_MS, 30 s); the processors reclaim each delivery in PostgreSQL
 * first, so a delivery already recorded is never sent again. The one window no sender can close: a mail the SMTP
 * server accepted in the instant before the kill, not yet recorded, is sent again with the same Message-ID (so a
 * receiving system drops it); at most the jobs in flight at the kill.
 */
export async function workerKillDrill(ctx: DrillContext): Promise<DrillResult> {
  const redis = await PrivateRedis.start({ appendOnly: true });
  const stack = await Stack.start({
    name: 'worker-kill',
    databaseUrl: await ctx.databases.create(),
    redisUrl: redis.url,
    logDir: ctx.logDir,
  });
  try {
    const { outcome, recipients } = await stack.announce(FAN_OUT, 'worker-kill');
    if (outcome.status !== 201) throw new Error(`announcement failed: ${describeOutcome(outcome)}`);
    await stack.waitForMails(FAN_OUT / 3, 120_000);
    const killedAt = await stack.killWorker();
    const atKill = await stack.sinkCount();
    await sleep(1000);
    const restartedAt = Date.now();
    stack.startWorker();
    const settledAt = await stack.settle(recipients, 240_000);
    const log = await stack.sinkLog();
    const report = compareDeliveries(log, recipients);
    const attempts = await attemptStats(stack);
    const lastMailAt = Math.max(...log.map((m) => m.at));
    return {
      name: 'worker SIGKILL mid-delivery, restarted',
      metrics: {
        recipients: recipients.length,
        'mails before the kill': atKill,
        'attempts interrupted by the kill': attempts.interrupted,
        'resends (same Message-ID)': report.resends,
        'last mail, seconds after restart': Math.round((lastMailAt - restartedAt) / 100) / 10,
        'queues idle, seconds after restart': Math.round((settledAt - restartedAt) / 100) / 10,
        'seconds from kill to restart': Math.round((restartedAt - killedAt) / 100) / 10,
        'deliveries sent': attempts.sent,
      },
      checks: [
        check(
          'every recipient has exactly one message (one Message-ID each), none missing',
          report.missing === 0 && report.distinctDuplicates === 0 && report.strangers === 0,
          describeReport(report),
        ),
        check(
          `copies only for mails in flight at the kill (≤ ${CONCURRENCY}, same Message-ID)`,
          report.resends <= CONCURRENCY && report.resends <= attempts.interrupted,
          `${report.resends} resends, ${attempts.interrupted} interrupted attempts`,
        ),
        check('every delivery recorded as sent once', attempts.sent === recipients.length, `${attempts.sent} sent`),
      ],
    };
  } finally {
    await stack.close();
    await redis.stop();
  }
}

/**
 * The outbox relay killed between adding the fan-out job to Redis and marking the outbox row published (the crash
 * window made real by ACCORD_FAULT=relay-crash-after-enqueue, which SIGKILLs the worker at that point). After a
 * restart the relay relays the row again; the job id derived from the row makes that the same job, and each
 * recipient still gets the mail once.
 */
export async function relayCrashDrill(ctx: DrillContext): Promise<DrillResult> {
  const redis = await PrivateRedis.start({ appendOnly: true });
  const stack = await Stack.start({
    name: 'relay-crash',
    databaseUrl: await ctx.databases.create(),
    redisUrl: redis.url,
    logDir: ctx.logDir,
    env: {},
  });
  try {
    // The worker started with the stack is replaced by one armed to crash at the relay's crash point.
    await stack.worker!.stop();
    const armed = stack.startWorker({ ACCORD_FAULT: 'relay-crash-after-enqueue' });
    const { outcome, recipients } = await stack.announce(FAN_OUT, 'relay-crash');
    if (outcome.status !== 201) throw new Error(`announcement failed: ${describeOutcome(outcome)}`);
    const exit = await exitOf(armed, 60_000);
    const { rows: atCrash } = await stack.db.query<{ published: boolean }>(
      `SELECT published_at IS NOT NULL AS published FROM outbox_messages`,
    );
    const fanOutAtCrash = await stack.jobCounts('notifications-fan-out');
    const jobsAtCrash = Object.values(fanOutAtCrash).reduce((a, b) => a + b, 0);
    const windowReal =
      exit?.signal === 'SIGKILL' && atCrash.length === 1 && !atCrash[0]!.published && jobsAtCrash === 1;

    const restartedAt = Date.now();
    stack.startWorker();
    const settledAt = await stack.settle(recipients, 240_000);
    const report = compareDeliveries(await stack.sinkLog(), recipients);
    const { rows: after } = await stack.db.query<{ published: boolean; relay_attempts: number }>(
      `SELECT published_at IS NOT NULL AS published, relay_attempts FROM outbox_messages`,
    );
    const fanOutAfter = await stack.jobCounts('notifications-fan-out');
    const fanOutJobs = Object.values(fanOutAfter).reduce((a, b) => a + b, 0);
    return {
      name: 'outbox relay killed between enqueue and marking the row',
      metrics: {
        recipients: recipients.length,
        'worker exit at the crash point': exit ? `signal ${exit.signal}, code ${exit.code}` : 'did not exit',
        'row published at the crash': String(atCrash[0]?.published),
        'fan-out jobs in Redis at the crash': JSON.stringify(fanOutAtCrash),
        'fan-out jobs after (same job id)': JSON.stringify(fanOutAfter),
        'row relay attempts after': after[0]?.relay_attempts ?? -1,
        'all delivered, seconds after restart': Math.round((settledAt - restartedAt) / 100) / 10,
      },
      checks: [
        check(
          'the crash window was real: job in Redis, row not marked, worker killed',
          windowReal,
          `exit ${exit?.signal ?? exit?.code}, published ${atCrash[0]?.published}, ${jobsAtCrash} fan-out job`,
        ),
        check(
          'relayed again after restart, still one fan-out job',
          after[0]?.published === true && fanOutJobs === 1,
          `published ${after[0]?.published}, ${fanOutJobs} fan-out job(s)`,
        ),
        check('every mail delivered exactly once', exactlyOnce(report), describeReport(report)),
      ],
    };
  } finally {
    await stack.close();
    await redis.stop();
  }
}
