import { check, type DrillContext, type DrillResult } from './lib/drill.js';
import { compareDeliveries, describeReport, exactlyOnce } from './lib/deliveries.js';
import { describe as describeOutcome } from './lib/http.js';
import { PrivateRedis } from './lib/private-redis.js';
import { exitOf, Stack } from './lib/stack.js';
import { sleep } from './lib/time.js';
import { FAN_OUT } from './redis-outage.drill.js';

/** NOTIFICATION_SWEEP_MS at its maximum (1 h): no sweep within the drill, i.e. the recovery is off. */
const SWEEPER_OFF = '3600000';
const SWEEPER_ON = '2000';

/**
 * The negative control, which must find a loss: the Redis kill drill with Redis persistence off and the delivery
 * sweeper off. Redis comes back empty, the jobs it held are gone, and the drill must see mails missing (proof that
 * it can detect a loss at all). Then the worker is restarted with the sweeper on: it compares PostgreSQL (the
 * record of every delivery) with Redis, requeues what was lost, and every recipient gets the mail exactly once.
 */
export async function negativeControlDrill(ctx: DrillContext): Promise<DrillResult> {
  const redis = await PrivateRedis.start({ appendOnly: false });
  const stack = await Stack.start({
    name: 'negative-control',
    databaseUrl: await ctx.databases.create(),
    redisUrl: redis.url,
    logDir: ctx.logDir,
    env: { NOTIFICATION_SWEEP_MS: SWEEPER_OFF },
  });
  try {
    const { outcome, recipients } = await stack.announce(FAN_OUT, 'negative');
    if (outcome.status !== 201) throw new Error(`announcement failed: ${describeOutcome(outcome)}`);
    await stack.waitForMails(FAN_OUT / 3, 120_000);
    const downAt = await redis.kill();
    await sleep(8000);
    const backAt = await redis.up();
    // Wait until nothing moves any more: 5 s without a new mail (at most a minute).
    let last = await stack.sinkCount();
    let stillSince = Date.now();
    while (Date.now() - stillSince < 5000 && Date.now() - backAt < 60_000) {
      await sleep(250);
      const now = await stack.sinkCount();
      if (now !== last) [last, stillSince] = [now, Date.now()];
    }
    const lost = compareDeliveries(await stack.sinkLog(), recipients);
    const state = await stack.pipelineState();
    const jobsLeft = await stack.liveJobs();
    const queuedInPostgres = (state.byStatus.queued ?? 0) + (state.byStatus.failed ?? 0);

    // Recovery on: a new worker whose sweeper runs every 2 s.
    await stack.worker!.stop();
    const stopped = await exitOf(stack.worker!, 1000);
    const recoveryAt = Date.now();
    stack.startWorker({ NOTIFICATION_SWEEP_MS: SWEEPER_ON });
    const settledAt = await stack.settle(recipients, 240_000);
    const report = compareDeliveries(await stack.sinkLog(), recipients);
    const after = await stack.pipelineState();
    return {
      name: 'negative control: Redis SIGKILL without persistence, then the sweeper',
      metrics: {
        recipients: recipients.length,
        'outage ms': backAt - downAt,
        'without recovery: delivered': recipients.length - lost.missing,
        'without recovery: lost': lost.missing,
        'without recovery: still queued in PostgreSQL': queuedInPostgres,
        'without recovery: jobs left in Redis': jobsLeft,
        'first worker exit': stopped ? `code ${stopped.code}` : 'running',
        'with the sweeper: all delivered after s': Math.round((settledAt - recoveryAt) / 100) / 10,
        'deliveries by status after': JSON.stringify(after.byStatus),
        duplicated: report.duplicated,
        missing: report.missing,
      },
      checks: [
        check(
          'without persistence or recovery the drill detects lost mails (must fail)',
          lost.missing > 0 && jobsLeft === 0,
          `${lost.missing} of ${recipients.length} never arrived, ${jobsLeft} jobs left in Redis`,
        ),
        check(
          'PostgreSQL still knows every lost delivery',
          queuedInPostgres === lost.missing,
          `${queuedInPostgres} queued in PostgreSQL for ${lost.missing} lost`,
        ),
        check('with the sweeper on, every mail delivered exactly once', exactlyOnce(report), describeReport(report)),
      ],
    };
  } finally {
    await stack.close();
    await redis.stop();
  }
}
