import type { BenchContext, BenchResult } from '../lib/context.js';
import { createCeremony, recordSignature, stateCodes } from '../lib/ceremony.js';
import { startLoad } from '../lib/processes.js';

interface Summary {
  count: number;
}

/**
 * Rushes measured after the rehearsals (an odd number, so the median is one of them). One rush's p99 is its
 * second-slowest of 193 writes, decided by one slow moment of a machine whose two cores the API shares with
 * PostgreSQL, Redis, the readers and the officers: the median of seven rushes moves far less than one rush does.
 */
const MEASURED_RUSHES = 7;

/**
 * Target 3: 193 States recorded by 20 concurrent treaty officers while 200 clients read the summary: every read is
 * consistent (the count never goes down, the goal is never reported reached before the count reaches it), and
 * p99 of the writes stays ≤ 50 ms. With 20 writers that never pause, latency is 20 ÷ throughput (Little's law), so
 * the same rush is also measured paced (each officer at most 5 signatures/s), which shows the service time under
 * the read load rather than the queue.
 */
export async function signingRushBench(ctx: BenchContext): Promise<BenchResult> {
  const api = await ctx.startApi();
  try {
    const token = await ctx.adminToken(api);
    const codes = (await stateCodes(api.url)).slice(0, 193);
    const start = Date.parse('2025-10-25T02:00:00Z');
    /**
     * 20 treaty officers recording every State in `parties` for the event: as fast as the API answers (closed loop,
     * the target), or each at most one signature per `paceMs` (open enough that latency is not just queueing).
     */
    const rush = async (eventId: string, parties: string[], paceMs = 0) => {
      const queue = parties.map((code, i) => ({ code, at: new Date(start + i * 60_000) }));
      const writes: number[] = [];
      let errors = 0;
      const started = performance.now();
      const writer = async (officer: number) => {
        // Paced officers start spread over one period, as people at different tables do, not in lockstep.
        if (paceMs) await new Promise((resolve) => setTimeout(resolve, (officer * paceMs) / 20));
        for (let next = queue.shift(); next; next = queue.shift()) {
          const { status, ms } = await recordSignature(api.url, token, eventId, next.code, next.at);
          writes.push(ms);
          if (status !== 201) errors += 1;
          if (paceMs > ms) await new Promise((resolve) => setTimeout(resolve, paceMs - ms));
        }
      };
      await Promise.all(Array.from({ length: 20 }, (_, officer) => writer(officer)));
      const sorted = [...writes].sort((a, b) => a - b);
      const p = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
      return {
        writes,
        errors,
        p50: p(0.5),
        p99: p(0.99),
        perSecond: writes.length / ((performance.now() - started) / 1000),
      };
    };
    /** The rush on a new event while 200 clients read its summary from a process of their own. */
    const underReadLoad = async (slug: string, paceMs = 0) => {
      const eventId = await createCeremony(api.url, token, slug);
      const summaryUrl = `${api.url}/v1/events/${eventId}/signatories/summary`;
      const readers = startLoad<{ reads: number; inconsistencies: number; readErrors: number }>(
        'dist/bench/load/summary-readers.js',
        { SUMMARY_URL: summaryUrl, READERS: '200' },
      );
      await new Promise((resolve) => setTimeout(resolve, 500)); // the readers are connected and reading
      const writes = await rush(eventId, codes, paceMs);
      const reads = await readers.finish();
      const final = (await (await fetch(summaryUrl)).json()) as Summary;
      return { ...writes, ...reads, finalCount: final.count };
    };
    // Warm-up, as for every other benchmark (they load for seconds first): rehearsals of the same rush on other
    // events, readers included, long enough for the JIT to have compiled the signing and reading paths and for every
    // pooled connection to have prepared its statements. Their figures are dropped.
    for (let rehearsal = 0; rehearsal < 3; rehearsal++) await underReadLoad('bench-signing-rehearsal');
    // One rush is 193 writes in well under a second, so its p99 is its second-slowest write, and one slow second of
    // the machine decides it: the rush is run several times and the median rush is the figure, as the median round is
    // for the other benchmarks. Every rush's p99 is printed, and every read of every rush must be consistent.
    const rushes: Array<Awaited<ReturnType<typeof underReadLoad>>> = [];
    for (let round = 1; round <= MEASURED_RUSHES; round++)
      rushes.push(await underReadLoad(`bench-signing-rush-${round}`));
    const closed = [...rushes].sort((a, b) => a.p99 - b.p99)[Math.floor(rushes.length / 2)]!;
    const paced = await underReadLoad('bench-signing-paced', 200); // 20 officers × 5/s = 100 signatures/s offered
    const runs = [...rushes, paced];
    const total = (key: 'reads' | 'inconsistencies' | 'readErrors' | 'errors') =>
      runs.reduce((sum, run) => sum + run[key], 0);
    const [reads, inconsistencies, readErrors] = [total('reads'), total('inconsistencies'), total('readErrors')];
    const writeErrors = total('errors');
    const allRecorded = runs.every((run) => run.finalCount === 193);
    return {
      name: 'signing rush (193 States, 20 writers, 200 readers)',
      metrics: {
        writes: closed.writes.length,
        'writes/s': Math.round(closed.perSecond),
        'write p50 ms': closed.p50,
        'write p99 ms': closed.p99,
        'write p99 ms per rush': rushes.map((run) => `${run.p99} (${Math.round(run.perSecond)}/s)`).join(' '),
        'paced writes/s': Math.round(paced.perSecond),
        'paced write p50 ms': paced.p50,
        'paced write p99 ms': paced.p99,
        reads,
        'final counts': runs.map((run) => run.finalCount).join(' '),
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
          met: allRecorded && writeErrors === 0,
          detail: `${runs.map((run) => run.finalCount).join(', ')} counted, ${writeErrors} write errors`,
        },
        {
          label: `write p99 ≤ 50 ms (20 writers as fast as answered; median of ${MEASURED_RUSHES} rushes)`,
          met: closed.p99 <= 50,
          detail: `${closed.p99} ms at ${Math.round(closed.perSecond)} writes/s`,
        },
      ],
    };
  } finally {
    await api.stop();
  }
}
