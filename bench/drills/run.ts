import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { cleanupAll, cleanupOnSignals } from './lib/cleanup.js';
import { DrillDatabases } from './lib/databases.js';
import type { Drill, DrillResult } from './lib/drill.js';
import { apiSigtermDrill, workerSigtermDrill } from './graceful-shutdown.drill.js';
import { negativeControlDrill } from './negative-control.drill.js';
import { postgresRestartDrill } from './postgres-restart.drill.js';
import { redisKillDrill, redisPauseDrill } from './redis-outage.drill.js';
import { relayCrashDrill, workerKillDrill } from './worker-crash.drill.js';

/**
 * `npm run drill [-- name …]`: fault drills against the production build. Each starts its own Redis (and, for the
 * PostgreSQL drill, its own PostgreSQL cluster), injects a fault, observes, asserts that nothing was lost or
 * duplicated, and stops everything it started, also when it fails. Prints a table, writes JSON to bench/results/.
 */
const DRILLS: Record<string, Drill> = {
  'redis-kill': redisKillDrill,
  'redis-pause': redisPauseDrill,
  'postgres-restart': postgresRestartDrill,
  'worker-kill': workerKillDrill,
  'relay-crash': relayCrashDrill,
  'negative-control': negativeControlDrill,
  'api-sigterm': apiSigtermDrill,
  'worker-sigterm': workerSigtermDrill,
};

const selected = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = selected.filter((name) => !(name in DRILLS));
if (unknown.length) {
  process.stderr.write(`unknown drill(s): ${unknown.join(', ')}; known: ${Object.keys(DRILLS).join(', ')}\n`);
  process.exit(64);
}

cleanupOnSignals();
process.on('uncaughtException', (error) => {
  process.stderr.write(`drill runner crashed: ${error.stack ?? String(error)}\n`);
  void cleanupAll().finally(() => process.exit(1));
});
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const logDir = join('bench/results', `drill-logs-${stamp}`);
mkdirSync(logDir, { recursive: true });
const results: DrillResult[] = [];
const startedAt = Date.now();
try {
  const databases = await DrillDatabases.open(
    process.env.DRILL_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
  );
  for (const [name, drill] of Object.entries(DRILLS)) {
    if (selected.length && !selected.includes(name)) continue;
    process.stdout.write(`\n▶ ${name}\n`);
    const began = Date.now();
    let result: DrillResult;
    try {
      result = await drill({ databases, logDir });
    } catch (error) {
      // A drill that could not run to its end is a failed drill, reported like the others.
      result = {
        name,
        metrics: {},
        checks: [{ label: 'the drill ran to its end', met: false, detail: String(error) }],
      };
    }
    result.metrics['drill seconds'] = Math.round((Date.now() - began) / 1000);
    results.push(result);
    for (const [metric, value] of Object.entries(result.metrics))
      process.stdout.write(`    ${metric.padEnd(34)} ${value}\n`);
    for (const c of result.checks)
      process.stdout.write(`    ${c.met ? '✔ met    ' : '✘ NOT MET'} ${c.label} (${c.detail})\n`);
  }
} finally {
  await cleanupAll();
}

const rows = results.flatMap((r) =>
  r.checks.map((c) => `| ${r.name} | ${c.label} | ${c.detail.replace(/\|/g, '/')} | ${c.met ? 'met' : 'NOT MET'} |`),
);
process.stdout.write(`\n| drill | check | observed | |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`);
const file = join('bench/results', `drill-${stamp}.json`);
writeFileSync(
  file,
  JSON.stringify(
    {
      startedAt: new Date(startedAt).toISOString(),
      seconds: Math.round((Date.now() - startedAt) / 1000),
      machine: { cpus: cpus().length },
      results,
    },
    null,
    2,
  ),
);
process.stdout.write(`results written to ${file} (process logs in ${logDir})\n`);
process.exitCode = results.length && results.every((r) => r.checks.every((c) => c.met)) ? 0 : 1;
