import { track } from './lib/cleanup.js';
import { connectTo } from './lib/databases.js';
import { check, type DrillContext, type DrillResult } from './lib/drill.js';
import { compareDeliveries, describeReport, exactlyOnce } from './lib/deliveries.js';
import { call, describe as describeOutcome, type Outcome } from './lib/http.js';
import { loadLoop } from './lib/load-loop.js';
import { PrivateRedis } from './lib/private-redis.js';
import { startServer } from '../lib/processes.js';
import { exitOf, Stack } from './lib/stack.js';
import { sleep } from './lib/time.js';
import { FAN_OUT } from './redis-outage.drill.js';

const CLIENTS = 20;
/** The production default of SHUTDOWN_DRAIN_MS. */
const DRAIN_MS = 5000;
const CLIENT_TIMEOUT_MS = 10_000;

function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = String(o.status ?? o.failure);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * SIGTERM to one of two API processes while 20 clients read the event and post registrations through a load
 * balancer (here, in the drill: round robin over the instances whose /health/ready answers 200, polled every
 * 200 ms). The stopping API drains (readiness 503, keep-alive connections closed, requests still served) for
 * SHUTDOWN_DRAIN_MS, then stops listening and exits 0. Requests in flight at the signal finish normally; no client
 * sees a reset connection, a 5xx, a refused connection or a hang; every acknowledged registration is in PostgreSQL.
 */
export async function apiSigtermDrill(ctx: DrillContext): Promise<DrillResult> {
  const redis = await PrivateRedis.start({ appendOnly: true });
  const databaseUrl = await ctx.databases.create();
  const stack = await Stack.start(
    {
      name: 'api-sigterm',
      databaseUrl,
      redisUrl: redis.url,
      logDir: ctx.logDir,
      env: { SHUTDOWN_DRAIN_MS: String(DRAIN_MS) },
    },
    { worker: false },
  );
  const stopping = stack.api;
  const staying = await startServer('accord-api-2', 'dist/apps/api/src/main.js', stack.env, '/health');
  track(staying.child);
  try {
    let pool = [stopping.url, staying.url];
    let next = 0;
    let termAt = Infinity;
    let removedAt = 0;
    let stopAt = Infinity;
    // The load balancer's health check: an instance whose readiness is not 200 gets no new requests.
    const balancer = (async () => {
      while (!removedAt && Date.now() < stopAt) {
        const ready = await call(`${stopping.url}/health/ready`, { timeoutMs: 1000 });
        if (ready.status !== 200) {
          pool = [staying.url];
          removedAt = Date.now();
        } else await sleep(200);
      }
    })();
    const loading = loadLoop(
      CLIENTS,
      async (client) => {
        const target = pool[next++ % pool.length]!;
        const outcome =
          client % 2
            ? (await stack.register('sigterm', CLIENT_TIMEOUT_MS, undefined, undefined, target)).outcome
            : await call(`${target}/v1/events/${stack.eventId}`, { timeoutMs: CLIENT_TIMEOUT_MS });
        return { ...outcome, target };
      },
      () => Date.now() > stopAt,
      60_000,
    );
    await sleep(2000);
    termAt = Date.now();
    stopping.child.kill('SIGTERM');
    const exit = await exitOf(stopping, 30_000);
    stopAt = Date.now() + 1000; // and a second more on the remaining instance
    const outcomes = await loading;
    await balancer;

    const toStopping = outcomes.filter((o) => o.target === stopping.url);
    const inFlight = toStopping.filter((o) => o.startedAt < termAt && o.startedAt + o.ms >= termAt);
    const afterTerm = toStopping.filter((o) => o.startedAt >= termAt);
    const ok = (o: Outcome) => o.status !== null && o.status < 400;
    const bad = outcomes.filter((o) => !ok(o));
    const acknowledged = outcomes.filter((o) => o.status === 201).length;
    const client = await connectTo(databaseUrl);
    const { rows } = await client.query<{ delegations: number; incomplete: number }>(
      `SELECT count(*)::int AS delegations,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM outbox_messages o
                                                 WHERE o.data->>'delegationId' = d.id::text))::int AS incomplete
       FROM delegations d`,
    );
    await client.end();
    return {
      name: 'API SIGTERM under load (one of two behind a load balancer)',
      metrics: {
        clients: CLIENTS,
        'all requests': JSON.stringify(tally(outcomes)),
        'to the stopped API, in flight at SIGTERM': JSON.stringify(tally(inFlight)),
        'to the stopped API, sent after SIGTERM': JSON.stringify(tally(afterTerm)),
        'load balancer saw it unready after ms': removedAt ? removedAt - termAt : -1,
        'exit after ms': exit ? `${exit.at - termAt} (code ${exit.code})` : 'did not exit',
        'registrations acknowledged / in PostgreSQL': `${acknowledged} / ${rows[0]!.delegations}`,
      },
      checks: [
        check(
          'requests in flight at SIGTERM finish normally',
          inFlight.length > 0 && inFlight.every(ok),
          `${inFlight.filter(ok).length}/${inFlight.length} answered 2xx`,
        ),
        check(
          'no client sees a reset, a refusal, a 5xx or a hang',
          bad.length === 0,
          bad.length
            ? bad.slice(0, 3).map(describeOutcome).join('; ') + ` (${bad.length} of ${outcomes.length})`
            : `${outcomes.length} requests, all 2xx`,
        ),
        check(
          `the API drains (${DRAIN_MS / 1000} s), then exits 0`,
          exit?.code === 0 && exit.at - termAt >= DRAIN_MS,
          exit ? `code ${exit.code} after ${exit.at - termAt} ms` : 'still running',
        ),
        check(
          'every acknowledged registration is in PostgreSQL, whole',
          rows[0]!.delegations === acknowledged && rows[0]!.incomplete === 0,
          `${acknowledged} acknowledged, ${rows[0]!.delegations} stored, ${rows[0]!.incomplete} incomplete`,
        ),
      ],
    };
  } finally {
    await staying.stop();
    await stack.close();
    await redis.stop();
  }
}

/**
 * SIGTERM to the worker a third of the way into a 3,000-recipient announcement: it stops taking jobs, finishes
 * the ones in progress (no attempt is left open, no job left active) and exits 0; restarted, it delivers the rest,
 * and every recipient gets the mail exactly once.
 */
export async function workerSigtermDrill(ctx: DrillContext): Promise<DrillResult> {
  const redis = await PrivateRedis.start({ appendOnly: true });
  const stack = await Stack.start({
    name: 'worker-sigterm',
    databaseUrl: await ctx.databases.create(),
    redisUrl: redis.url,
    logDir: ctx.logDir,
  });
  try {
    const { outcome, recipients } = await stack.announce(FAN_OUT, 'worker-sigterm');
    if (outcome.status !== 201) throw new Error(`announcement failed: ${describeOutcome(outcome)}`);
    await stack.waitForMails(FAN_OUT / 3, 120_000);
    const termAt = Date.now();
    const worker = stack.worker!;
    worker.child.kill('SIGTERM');
    const exit = await exitOf(worker, 60_000);
    const atExit = await stack.sinkCount();
    const { rows } = await stack.db.query<{ open: number; interrupted: number }>(
      `SELECT count(*) FILTER (WHERE outcome IS NULL)::int AS open,
              count(*) FILTER (WHERE outcome = 'interrupted')::int AS interrupted FROM notification_attempts`,
    );
    const email = await stack.jobCounts('notifications-email');
    await sleep(1000);
    const restartedAt = Date.now();
    stack.startWorker();
    const settledAt = await stack.settle(recipients, 240_000);
    const report = compareDeliveries(await stack.sinkLog(), recipients);
    return {
      name: 'worker SIGTERM mid fan-out, restarted',
      metrics: {
        recipients: recipients.length,
        'mails when the worker exited': atExit,
        'exit after ms': exit ? `${exit.at - termAt} (code ${exit.code})` : 'did not exit',
        'attempts left open / interrupted': `${rows[0]!.open} / ${rows[0]!.interrupted}`,
        'email jobs at exit': JSON.stringify({ active: email.active, waiting: email.waiting }),
        'all delivered, seconds after restart': Math.round((settledAt - restartedAt) / 100) / 10,
        duplicated: report.duplicated,
        missing: report.missing,
      },
      checks: [
        check('the worker exits 0 on its own', exit?.code === 0, exit ? `code ${exit.code}` : 'still running'),
        check(
          'jobs in progress finished: no attempt left open, no job left active',
          rows[0]!.open === 0 && email.active === 0,
          `${rows[0]!.open} open attempts, ${email.active} active jobs`,
        ),
        check('after the restart, every mail delivered exactly once', exactlyOnce(report), describeReport(report)),
      ],
    };
  } finally {
    await stack.close();
    await redis.stop();
  }
}
