import { cpus } from 'node:os';
import type { BenchContext, BenchResult } from '../lib/context.js';
import { load } from '../lib/load.js';
import { createCeremony, recordSignature, seedSignatories, stateCodes } from '../lib/ceremony.js';
import { startLoad } from '../lib/processes.js';
import { fanOutBench } from './fan-out.bench.js';

/**
 * Target 5: two API processes and two workers behind the same PostgreSQL and Redis: the summary and the registration
 * form loaded through both APIs at once, the signing rush written and read through both, and a fan-out shared by
 * both workers — no errors, no inconsistent reads, no duplicate deliveries.
 */
export async function scaleBench(ctx: BenchContext): Promise<BenchResult> {
  const first = await ctx.startApi({ RATE_LIMIT_REGISTRATIONS_PER_HOUR: '1000000' });
  const second = await ctx.startApi({ RATE_LIMIT_REGISTRATIONS_PER_HOUR: '1000000' });
  let summaryRps: number;
  let registrationRps: number;
  let errors = 0;
  let rushReads = 0;
  let rushInconsistent = 0;
  try {
    const token = await ctx.adminToken(first);
    const eventId = await seedSignatories(first.url, token, 45);
    const duration = ctx.settings.durationSeconds;
    const summaries = await Promise.all(
      [first, second].map((api) =>
        load({
          url: `${api.url}/v1/events/${eventId}/signatories/summary`,
          durationSeconds: duration,
          connections: 25,
        }),
      ),
    );
    summaryRps = summaries.reduce((a, r) => a + r.requestsPerSecond, 0);
    errors += summaries.reduce((a, r) => a + r.errors + r.non2xx, 0);
    const open = await fetch(`${first.url}/v1/events/${eventId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        registrationOpensAt: '2020-01-01T00:00:00Z',
        registrationClosesAt: '2099-01-01T00:00:00Z',
      }),
    });
    if (!open.ok) throw new Error(`could not open registration: ${open.status}`);
    let n = 0;
    const registrations = await Promise.all(
      [first, second].map((api) =>
        load({
          url: `${api.url}/v1/events/${eventId}/delegations`,
          method: 'POST',
          durationSeconds: duration,
          connections: 25,
          perRequest: () => {
            n += 1;
            return {
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                kind: 'ngo',
                organisationName: `Scale NGO ${n}`,
                focalPoint: { name: 'F', email: `scale.${n}@ngo.example`, language: 'en' },
                members: [{ fullName: 'Head', role: 'head' }],
              }),
            };
          },
        }),
      ),
    );
    registrationRps = registrations.reduce((a, r) => a + r.requestsPerSecond, 0);
    errors += registrations.reduce((a, r) => a + r.errors + r.non2xx, 0);

    // The signing rush across both: officers alternate between the APIs, 100 screens read each one (a screen keeps
    // its connection to one process). Each process learns of the other's changes through Redis.
    const rushEvent = await createCeremony(first.url, token, 'bench-scale-rush');
    const readers = [first, second].map((api) =>
      startLoad<{ reads: number; inconsistencies: number; readErrors: number }>('dist/bench/load/summary-readers.js', {
        SUMMARY_URL: `${api.url}/v1/events/${rushEvent}/signatories/summary`,
        READERS: '100',
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const queue = (await stateCodes(first.url)).slice(0, 193);
    const start = Date.parse('2025-10-25T02:00:00Z');
    let signed = 0;
    await Promise.all(
      Array.from({ length: 20 }, async (_, officer) => {
        const api = officer % 2 ? second : first;
        for (let code = queue.shift(); code; code = queue.shift()) {
          const { status } = await recordSignature(api.url, token, rushEvent, code, new Date(start + signed * 60_000));
          signed += 1;
          if (status !== 201) errors += 1;
        }
      }),
    );
    for (const tally of await Promise.all(readers.map((r) => r.finish()))) {
      rushReads += tally.reads;
      rushInconsistent += tally.inconsistencies;
      errors += tally.readErrors;
    }
    for (const api of [first, second]) {
      const final = (await (await fetch(`${api.url}/v1/events/${rushEvent}/signatories/summary`)).json()) as {
        count: number;
      };
      if (final.count !== 193) rushInconsistent += 1; // a process that never heard of the last changes
    }
  } finally {
    await second.stop();
    await first.stop();
  }
  const fanOut = await fanOutBench(ctx, 2);
  const cores = cpus().length;
  const fanOutOk = fanOut.targets.every((t) => t.met || !t.label.startsWith('every mail'));
  return {
    name: '2 API processes + 2 workers',
    metrics: {
      'summary req/s (both APIs)': Math.round(summaryRps),
      'summary req/s per core': Math.round(summaryRps / cores),
      'registration req/s (both APIs)': Math.round(registrationRps),
      'registration req/s per core': Math.round(registrationRps / cores),
      'signing rush reads (both APIs)': rushReads,
      'signing rush inconsistent reads': rushInconsistent,
      'fan-out mails/s (2 workers)': fanOut.metrics['accord mails/s'] ?? '?',
      'fan-out duplicates': fanOut.metrics.duplicates ?? '?',
      'fan-out missing': fanOut.metrics.missing ?? '?',
      errors,
    },
    targets: [
      { label: 'no errors through two APIs', met: errors === 0, detail: `${errors}` },
      {
        label: 'signing rush through two APIs: every read consistent, both end at 193',
        met: rushInconsistent === 0,
        detail: `${rushInconsistent} inconsistent of ${rushReads}`,
      },
      {
        label: 'no duplicate or lost deliveries with two workers',
        met: fanOutOk,
        detail: `${fanOut.metrics.missing} missing, ${fanOut.metrics.duplicates} duplicated`,
      },
    ],
  };
}
