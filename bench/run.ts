import { mkdirSync, writeFileSync } from 'node:fs';
import { createContext, type BenchContext, type BenchResult } from './lib/context.js';
import { startStealMeter } from './lib/cpu-steal.js';
import { eventReadBench } from './benchmarks/event-read.bench.js';
import { registrationBench } from './benchmarks/registration.bench.js';
import { fanOutBench } from './benchmarks/fan-out.bench.js';
import { summaryBench } from './benchmarks/summary.bench.js';
import { signingRushBench } from './benchmarks/signing-rush.bench.js';
import { scaleBench } from './benchmarks/scale.bench.js';

/**
 * `npm run bench [-- --quick] [-- name …]`: starts the real API (production build) and baseline servers, each in a
 * process of its own, loads them alternately from this process and prints each target as met or not.
 */
const BENCHMARKS: Record<string, (ctx: BenchContext) => Promise<BenchResult>> = {
  summary: summaryBench,
  registration: registrationBench,
  'signing-rush': signingRushBench,
  'event-read': eventReadBench,
  'fan-out': (ctx) => fanOutBench(ctx),
  scale: scaleBench,
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const selected = args.filter((a) => !a.startsWith('--'));
const settings = quick
  ? { rounds: 3, durationSeconds: 3, warmupSeconds: 1 }
  : { rounds: 8, durationSeconds: 5, warmupSeconds: 3 };

const ctx = await createContext(settings);
const results: BenchResult[] = [];
try {
  for (const [name, bench] of Object.entries(BENCHMARKS)) {
    if (selected.length && !selected.includes(name)) continue;
    process.stdout.write(`\n▶ ${name}\n`);
    const steal = startStealMeter();
    // A benchmark that breaks is a finding like a target not met: reported, and the others still run.
    const result = await bench(ctx).catch((error: unknown): BenchResult => ({
      name,
      metrics: {},
      targets: [{ label: 'ran to the end', met: false, detail: String(error).split('\n')[0]!.slice(0, 200) }],
    }));
    const stolen = steal();
    if (stolen !== undefined) result.metrics['CPU steal %'] = stolen;
    results.push(result);
    for (const [metric, value] of Object.entries(result.metrics))
      process.stdout.write(`    ${metric.padEnd(28)} ${value}\n`);
    for (const t of result.targets)
      process.stdout.write(`    ${t.met ? '✔ met    ' : '✘ NOT MET'} ${t.label} (${t.detail})\n`);
  }
} finally {
  await ctx.close();
}

const table = results.flatMap((r) =>
  r.targets.map((t) => `| ${r.name} | ${t.label} | ${t.detail} | ${t.met ? 'met' : 'NOT MET'} |`),
);
process.stdout.write(`\n| benchmark | target | measured | |\n| --- | --- | --- | --- |\n${table.join('\n')}\n`);
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(
  file,
  JSON.stringify({ settings, machine: { cpus: (await import('node:os')).cpus().length }, results }, null, 2),
);
process.stdout.write(`results written to ${file}\n`);
process.exitCode = results.every((r) => r.targets.every((t) => t.met)) ? 0 : 1;
