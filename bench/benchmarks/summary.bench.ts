import {
  combine,
  compare,
  comparisonMetrics,
  describeRounds,
  forEachProcessPair,
  percent,
  type Comparison,
} from '../lib/compare.js';
import type { BenchContext, BenchResult } from '../lib/context.js';
import { startServer } from '../lib/processes.js';
import { seedSignatories } from '../lib/ceremony.js';

/**
 * Target 1: the public signatory summary (cached, ETag) against a bare Fastify server answering the same JSON body
 * as a constant; then the same with If-None-Match (304s) against the bare server's 304. The rounds are spread over
 * several pairs of processes (PROCESS_PAIRS), each pair loaded alternately as in every benchmark.
 */
export async function summaryBench(ctx: BenchContext): Promise<BenchResult> {
  const seeder = await ctx.startApi();
  const eventId = await seedSignatories(seeder.url, await ctx.adminToken(seeder), 45).finally(() => seeder.stop());
  const path = `/v1/events/${eventId}/signatories/summary`;
  const fulls: Comparison[] = [];
  const cacheds: Comparison[] = [];
  await forEachProcessPair(ctx.settings, async (settings) => {
    const api = await ctx.startApi();
    const baseline = await startServer('constant-json', 'dist/bench/baselines/constant-json.js', {
      BASELINE_BODY: await (await fetch(`${api.url}${path}`)).text(), // the first read also fills the API's cache
    });
    try {
      const url = `${api.url}${path}`;
      const etag = (await fetch(url)).headers.get('etag') ?? '';
      fulls.push(await compare('summary 200', { url }, { url: `${baseline.url}/` }, settings));
      cacheds.push(
        await compare(
          'summary 304',
          { url, headers: { 'if-none-match': etag } },
          { url: `${baseline.url}/`, headers: { 'if-none-match': '"baseline"' } },
          settings,
        ),
      );
    } finally {
      await baseline.stop();
      await api.stop();
    }
  });
  const full = combine('summary 200', fulls);
  const cached = combine('summary 304', cacheds);
  const errors = full.target.errors + full.target.non2xx;
  const notModified = cached.target.statusCounts['304'] ?? 0;
  return {
    name: 'signatory summary (public, cached)',
    metrics: {
      ...comparisonMetrics(full),
      '304 req/s': Math.round(cached.target.requestsPerSecond),
      '304 baseline req/s': Math.round(cached.baseline.requestsPerSecond),
      '304 ratio': Number(cached.ratio.toFixed(3)),
      '304 rounds': describeRounds(cached),
      '304 answers': notModified,
      errors,
    },
    targets: [
      {
        label: '≥ 80% of bare Fastify (constant JSON)',
        met: full.ratio >= 0.8,
        detail: percent(full.ratio),
      },
      { label: 'p99 ≤ 10 ms', met: full.target.p99 <= 10, detail: `${full.target.p99} ms` },
      {
        label: 'If-None-Match: 304s at ≥ 90% of bare',
        met: cached.ratio >= 0.9,
        detail: percent(cached.ratio),
      },
      { label: 'no errors', met: errors === 0, detail: `${errors}` },
    ],
  };
}
