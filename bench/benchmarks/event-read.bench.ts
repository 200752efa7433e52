import { compare, comparisonMetrics } from '../lib/compare.js';
import type { BenchContext, BenchResult } from '../lib/context.js';
import { startServer } from '../lib/processes.js';
import { createCeremony } from '../lib/ceremony.js';

/** Reference point: a public read that goes to PostgreSQL every time (no cache), against a constant JSON body. */
export async function eventReadBench(ctx: BenchContext): Promise<BenchResult> {
  const api = await ctx.startApi();
  const token = await ctx.adminToken(api);
  const event = { id: await createCeremony(api.url, token, 'bench-read') };
  const sample = await (await fetch(`${api.url}/v1/events/${event.id}`)).text();
  const baseline = await startServer('constant-json', 'dist/bench/baselines/constant-json.js', {
    BASELINE_BODY: sample,
  });
  try {
    const result = await compare(
      'GET /v1/events/{id}',
      { url: `${api.url}/v1/events/${event.id}` },
      { url: `${baseline.url}/` },
      ctx.settings,
    );
    return {
      name: 'event read (uncached, PostgreSQL each time)',
      metrics: {
        ...comparisonMetrics(result),
        errors: result.target.errors + result.target.non2xx,
      },
      targets: [
        {
          label: 'no errors',
          met: result.target.errors + result.target.non2xx === 0,
          detail: `${result.target.non2xx} non-2xx`,
        },
      ],
    };
  } finally {
    await baseline.stop();
    await api.stop();
  }
}
