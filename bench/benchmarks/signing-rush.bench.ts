import type { BenchContext, BenchResult } from '../lib/context.js';
import { createCeremony, recordSignature, stateCodes } from '../lib/ceremony.js';
import { startLoad } from '../lib/processes.js';

interface Summary {
  count: number;
}

/**
 * Target 3: 193 States recorded by 20 concurrent treaty officers while 200 clients read the summary: every read is
 * consistent (the count never goes down, the goal is never reported reached before the count reaches it), and
 * p99 of the writes stays ≤ 50 ms.
 */
export async function signingRushBench(ctx: BenchContext): Promise<BenchResult> {
  const api = await ctx.startApi();
  try {
    const token = await ctx.adminToken(api);
    const eventId = await createCeremony(api.url, token, 'bench-signing-rush');
    const codes = (await stateCodes(api.url)).slice(0, 193);
    const summaryUrl = `${api.url}/v1/events/${eventId}/signatories/summary`;
    const start = Date.parse('2025-10-25T02:00:00Z');
    const queue = codes.map((code, i) => ({ code, at: new Date(start + i * 60_000) }));
    const writes: number[] = [];
    let writeErrors = 0;

    const writer = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { status, ms } = await recordSignature(api.url, token, eventId, next.code, next.at);
        writes.push(ms);
        if (status !== 201) writeErrors += 1;
      }
    };
    // The readers load the API from a process of their own (see bench/load/summary-readers.ts).
    const readers = startLoad<{ reads: number; inconsistencies: number; readErrors: number }>(
      'dist/bench/load/summary-readers.js',
      { SUMMARY_URL: summaryUrl, READERS: '200' },
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // the readers are connected and reading
    await Promise.all(Array.from({ length: 20 }, () => writer()));
    const { reads, inconsistencies, readErrors } = await readers.finish();
    const final = (await (await fetch(summaryUrl)).json()) as Summary;
    const sorted = [...writes].sort((a, b) => a - b);
    const p = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
    return {
      name: 'signing rush (193 States, 20 writers, 200 readers)',
      metrics: {
        writes: writes.length,
        'write p50 ms': p(0.5),
        'write p99 ms': p(0.99),
        reads,
        'final count': final.count,
        inconsistencies,
        'write errors': writeErrors,
        'read errors': readErrors,
      },
      targets: [
        {
          label: 'every read consistent',
          met: inconsistencies === 0 && readErrors === 0,
          detail: `${inconsistencies} inconsistent, ${readErrors} failed of ${reads}`,
        },
        {
          label: 'all 193 recorded',
          met: final.count === 193 && writeErrors === 0,
          detail: `${final.count} counted, ${writeErrors} write errors`,
        },
        { label: 'write p99 ≤ 50 ms', met: p(0.99) <= 50, detail: `${p(0.99)} ms` },
      ],
    };
  } finally {
    await api.stop();
  }
}
