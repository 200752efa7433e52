import { check, type DrillContext, type DrillResult } from './lib/drill.js';
import { compareDeliveries, describeReport, exactlyOnce, firstAfter } from './lib/deliveries.js';
import { describe as describeOutcome, type Outcome } from './lib/http.js';
import { PrivateRedis } from './lib/private-redis.js';
import { Stack } from './lib/stack.js';
import { sleep } from './lib/time.js';

export const FAN_OUT = 3000;
/** Longer than BullMQ's drainDelay (5 s), the longest a worker blocks waiting for a job before it asks again. */
const KILLED_FOR_MS = 8000;
const PAUSED_FOR_MS = 12_000;
/** A call during the outage answered later than this counts as a hang. */
const CLIENT_TIMEOUT_MS = 8000;
const RESUME_TARGET_MS = 10_000;

interface OutageProbes {
  ready: Outcome;
  queues: Outcome;
  events: Outcome;
  login: Outcome;
  registration: Outcome;
  announcement: Outcome;
  /** Who must get a mail because of the calls made during the outage. */
  recipients: string[];
}

/** The calls a client makes while Redis is away, all at once, each with a client timeout. */
async function probeDuringOutage(stack: Stack, tag: string): Promise<OutageProbes> {
  const timeoutMs = CLIENT_TIMEOUT_MS;
  const [ready, queues, events, login, registration, announcement] = await Promise.all([
    stack.admin('GET', '/health/ready', undefined, timeoutMs),
    stack.admin('GET', '/admin/queues/api/queues', undefined, timeoutMs),
    stack.admin('GET', '/v1/events', undefined, timeoutMs),
    stack.admin(
      'POST',
      '/v1/auth/login',
      { email: 'drill-admin@accord.local', password: 'drill-admin-password' },
      timeoutMs,
    ),
    stack.register(`${tag}-outage`, timeoutMs),
    stack.announce(5, `${tag}-outage`, timeoutMs),
  ]);
  const recipients = [
    ...(registration.outcome.status === 201 ? [registration.focal] : []),
    ...(announcement.outcome.status === 201 ? announcement.recipients : []),
  ];
  return {
    ready,
    queues,
    events,
    login,
    registration: registration.outcome,
    announcement: announcement.outcome,
    recipients,
  };
}

/**
 * Redis SIGKILLed (and restarted after longer than the workers' drain delay) or SIGSTOPped for 12 s, a third of the
 * way into a 3,000-recipient announcement, with the API and the worker as separate processes and Redis persisting
 * to an append-only file (`appendfsync everysec`), as production should run it.
 */
async function redisOutage(ctx: DrillContext, mode: 'kill' | 'pause'): Promise<DrillResult> {
  const tag = `redis-${mode}`;
  const redis = await PrivateRedis.start({ appendOnly: true });
  const stack = await Stack.start({
    name: tag,
    databaseUrl: await ctx.databases.create(),
    redisUrl: redis.url,
    logDir: ctx.logDir,
  });
  try {
    const startedAt = Date.now();
    const { outcome, recipients } = await stack.announce(FAN_OUT, tag);
    if (outcome.status !== 201) throw new Error(`announcement failed: ${describeOutcome(outcome)}`);
    await stack.waitForMails(FAN_OUT / 3, 120_000);
    const beforeOutage = await stack.sinkCount();
    const downAt = mode === 'kill' ? await redis.kill() : redis.pause();
    const probes = await probeDuringOutage(stack, tag);
    await sleep(downAt + (mode === 'kill' ? KILLED_FOR_MS : PAUSED_FOR_MS) - Date.now());
    const duringOutage = (await stack.sinkCount()) - beforeOutage;
    const backAt = mode === 'kill' ? await redis.up() : redis.resume();
    let readyAgainMs = -1;
    for (let waited = 0; waited < 30_000; waited = Date.now() - backAt) {
      const ready = await stack.admin('GET', '/health/ready', undefined, 5000);
      if (ready.status === 200) {
        readyAgainMs = Date.now() - backAt;
        break;
      }
      await sleep(100);
    }
    const expected = [...recipients, ...probes.recipients];
    const settledAt = await stack.settle(expected, 240_000);
    const log = await stack.sinkLog();
    const report = compareDeliveries(log, expected);
    const firstAfterBack = firstAfter(log, backAt);
    const resumeMs = firstAfterBack === null ? -1 : firstAfterBack - backAt;
    const state = await stack.pipelineState();
    const redisMiB = await stack.redisUsedMiB();
    const within = (o: Outcome) => o.status !== null && o.ms < CLIENT_TIMEOUT_MS;
    const answered = (o: Outcome, status: number) => o.status === status && within(o);
    return {
      name: mode === 'kill' ? 'Redis SIGKILL mid fan-out (AOF on)' : 'Redis SIGSTOP 12 s mid fan-out',
      metrics: {
        recipients: expected.length,
        'mails before the outage': beforeOutage,
        'mails during the outage': duringOutage,
        'outage ms': backAt - downAt,
        'workers resumed after ms': resumeMs,
        'ready again after ms': readyAgainMs,
        'total seconds': Math.round((settledAt - startedAt) / 100) / 10,
        'deliveries by status': JSON.stringify(state.byStatus),
        'Redis used MiB (jobs kept 24 h)': redisMiB,
        'during outage: /health/ready': describeOutcome(probes.ready),
        'during outage: queue dashboard': describeOutcome(probes.queues),
        'during outage: GET /v1/events': describeOutcome(probes.events),
        'during outage: login': describeOutcome(probes.login),
        'during outage: registration': describeOutcome(probes.registration),
        'during outage: announcement': describeOutcome(probes.announcement),
        duplicated: report.duplicated,
        resends: report.resends,
        missing: report.missing,
      },
      checks: [
        check('every mail delivered exactly once', exactlyOnce(report), describeReport(report)),
        check(
          'readiness answers 503 while Redis is away (no hang)',
          answered(probes.ready, 503),
          describeOutcome(probes.ready),
        ),
        check(
          'the queue dashboard answers 503 problem+json (no hang)',
          answered(probes.queues, 503) && probes.queues.problemJson,
          describeOutcome(probes.queues),
        ),
        check(
          'reads, login, registration and announcements keep working',
          answered(probes.events, 200) &&
            answered(probes.login, 200) &&
            answered(probes.registration, 201) &&
            answered(probes.announcement, 201),
          [probes.events, probes.login, probes.registration, probes.announcement]
            .map((o) => o.status ?? o.failure)
            .join(' / '),
        ),
        check(
          `workers resume within ${RESUME_TARGET_MS / 1000} s`,
          resumeMs >= 0 && resumeMs <= RESUME_TARGET_MS,
          `${resumeMs} ms`,
        ),
      ],
    };
  } finally {
    await stack.close();
    await redis.stop();
  }
}

export const redisKillDrill = (ctx: DrillContext) => redisOutage(ctx, 'kill');
export const redisPauseDrill = (ctx: DrillContext) => redisOutage(ctx, 'pause');
