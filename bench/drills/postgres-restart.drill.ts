import { check, type DrillContext, type DrillResult } from './lib/drill.js';
import { migrate } from '../lib/migrate.js';
import { connectTo } from './lib/databases.js';
import { compareDeliveries, describeReport, exactlyOnce } from './lib/deliveries.js';
import { loadLoop, percentile } from './lib/load-loop.js';
import { PrivatePostgres } from './lib/private-postgres.js';
import { PrivateRedis } from './lib/private-redis.js';
import { Stack, type Registration } from './lib/stack.js';
import { sleep } from './lib/time.js';

const CLIENTS = 16;
const LOAD_BEFORE_MS = 3000;
const LOAD_AFTER_MS = 5000;
/** An answer later than this counts as a hang. */
const CLIENT_TIMEOUT_MS = 10_000;

interface Integrity {
  delegations: number;
  without_members: number;
  without_first_transition: number;
  without_outbox_row: number;
  without_audit_entry: number;
  without_token: number;
  without_idempotency_key: number;
}

/** Every delegation with all it is written with: 3 members, one first transition, outbox row, audit entry, token. */
async function integrity(databaseUrl: string): Promise<Integrity> {
  const client = await connectTo(databaseUrl);
  try {
    const { rows } = await client.query<Integrity>(`
      SELECT count(*)::int AS delegations,
        count(*) FILTER (WHERE (SELECT count(*) FROM delegation_members m WHERE m.delegation_id = d.id) <> 3)::int
          AS without_members,
        count(*) FILTER (WHERE (SELECT count(*) FROM delegation_transitions t
                                WHERE t.delegation_id = d.id AND t.from_status IS NULL) <> 1)::int
          AS without_first_transition,
        count(*) FILTER (WHERE (SELECT count(*) FROM outbox_messages o WHERE o.kind = 'delegation.submitted'
                                AND o.data->>'delegationId' = d.id::text) <> 1)::int AS without_outbox_row,
        count(*) FILTER (WHERE (SELECT count(*) FROM audit_log a WHERE a.action = 'delegation.submitted'
                                AND a.entity_id = d.id::text) <> 1)::int AS without_audit_entry,
        count(*) FILTER (WHERE (SELECT count(*) FROM focal_point_tokens f WHERE f.delegation_id = d.id) <> 1)::int
          AS without_token,
        count(*) FILTER (WHERE (SELECT count(*) FROM registration_idempotency_keys k
                                WHERE k.delegation_id = d.id) <> 1)::int AS without_idempotency_key
      FROM delegations d`);
    return rows[0]!;
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL (a private cluster) restarted with `pg_ctl restart -m fast` while clients post public registration
 * forms (each with an Idempotency-Key): requests fail with 503 problem+json, never hang or 500, and succeed again
 * once it is back; no delegation is half-written; resubmitting the failed forms with their keys registers each
 * form exactly once, and each focal point gets one confirmation mail.
 */
export async function postgresRestartDrill(ctx: DrillContext): Promise<DrillResult> {
  const cluster = await PrivatePostgres.start();
  const redis = await PrivateRedis.start({ appendOnly: true });
  const setup = await connectTo(cluster.url());
  await setup.query('CREATE DATABASE accord');
  await setup.end();
  const databaseUrl = cluster.url('accord');
  await migrate(databaseUrl);
  const stack = await Stack.start({ name: 'postgres-restart', databaseUrl, redisUrl: redis.url, logDir: ctx.logDir });
  try {
    let stopAt = Infinity;
    let restartAt = 0;
    let restartedAt = 0;
    const loading = loadLoop(
      CLIENTS,
      () => stack.register('pg', CLIENT_TIMEOUT_MS),
      () => Date.now() > stopAt,
    );
    await sleep(LOAD_BEFORE_MS);
    restartAt = Date.now();
    await cluster.restartFast();
    restartedAt = Date.now();
    stopAt = restartedAt + LOAD_AFTER_MS;
    const results = await loading;

    const failed = results.filter((r) => r.outcome.status !== 201);
    const statuses: Record<string, number> = {};
    for (const r of results) {
      const key = String(r.outcome.status ?? r.outcome.failure);
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
    const clean = failed.every((r) => r.outcome.status === 503 && r.outcome.problemJson);
    const hangs = results.filter((r) => r.outcome.failure === 'timeout').length;
    const noAnswer = results.filter((r) => r.outcome.status === null).length;
    const errors500 = results.filter((r) => (r.outcome.status ?? 0) >= 500 && r.outcome.status !== 503).length;
    const afterRestart = results.filter((r) => r.outcome.startedAt > restartedAt);
    const okAfter = afterRestart.filter((r) => r.outcome.status === 201).length;
    const failTimes = failed.map((r) => r.outcome.startedAt + r.outcome.ms - restartAt);

    // Nothing half-written, before anyone retries.
    const before = await integrity(databaseUrl);
    const committedDespiteFailure = before.delegations - (results.length - failed.length);

    // The clients resubmit what failed, with the same key: each form must end up registered exactly once.
    const retries: Registration[] = [];
    for (const r of failed) retries.push(await stack.register('pg', CLIENT_TIMEOUT_MS, r.key, r.form));
    const replayed = retries.filter((r) => r.outcome.headers?.get('idempotent-replayed') === 'true').length;
    const retriesOk = retries.every((r) => r.outcome.status === 201);
    const after = await integrity(databaseUrl);
    const halfWritten =
      after.without_members +
      after.without_first_transition +
      after.without_outbox_row +
      after.without_audit_entry +
      after.without_token +
      after.without_idempotency_key;

    const expected = results.map((r) => r.focal);
    await stack.settle(expected, 180_000);
    const report = compareDeliveries(await stack.sinkLog(), expected);
    const latencies = results.map((r) => r.outcome.ms);
    return {
      name: 'PostgreSQL restart (pg_ctl restart -m fast) under registration load',
      metrics: {
        clients: CLIENTS,
        requests: results.length,
        statuses: JSON.stringify(statuses),
        'restart took ms': restartedAt - restartAt,
        'failures answered at ms (0 = restart began)': failed.length
          ? `${Math.min(...failTimes)} … ${Math.max(...failTimes)}`
          : 'none',
        'p50 / p99 / max ms': `${percentile(latencies, 50)} / ${percentile(latencies, 99)} / ${Math.max(...latencies)}`,
        '201 after the restart': okAfter,
        'committed but answered 503': committedDespiteFailure,
        'resubmitted / replayed': `${retries.length} / ${replayed}`,
        delegations: after.delegations,
        'half-written delegations': halfWritten,
        duplicated: report.duplicated,
        missing: report.missing,
      },
      checks: [
        check(
          'failures are 503 problem+json, never a hang, a reset or a 500',
          clean && noAnswer === 0 && errors500 === 0,
          `${failed.length} failed: ${JSON.stringify(statuses)}; ${hangs} hangs, ${errors500} 500s`,
        ),
        check('registrations succeed again after the restart', okAfter > 0, `${okAfter} × 201 after it`),
        check(
          'no half-written delegation',
          halfWritten === 0 && before.without_members + before.without_outbox_row + before.without_audit_entry === 0,
          `${after.delegations} delegations, ${halfWritten} incomplete`,
        ),
        check(
          'resubmitted with their keys, every form registered exactly once',
          retriesOk && after.delegations === results.length,
          `${after.delegations} delegations for ${results.length} forms (${replayed} replays)`,
        ),
        check('each focal point mailed exactly once', exactlyOnce(report), describeReport(report)),
      ],
    };
  } finally {
    await stack.close();
    await redis.stop();
    await cluster.stop();
  }
}
