import { randomUUID } from 'node:crypto';
import { compare, describeRounds, percent } from '../lib/compare.js';
import type { BenchContext, BenchResult } from '../lib/context.js';
import { startServer } from '../lib/processes.js';
import { createCeremony } from '../lib/ceremony.js';

let counter = 0;
/** A realistic public form: an NGO with a focal point and three members (NGOs have no one-per-event limit). */
function form(): Record<string, unknown> {
  counter += 1;
  return {
    kind: 'ngo',
    organisationName: `Civil Society Network ${counter}`,
    countryCode: 'VNM',
    focalPoint: { name: 'Focal Point', email: `focal.${counter}@ngo.example`, language: 'en' },
    members: [
      { fullName: 'Head of Delegation', role: 'head', email: `head.${counter}@ngo.example` },
      { fullName: 'Adviser One', role: 'adviser' },
      { fullName: 'Adviser Two', role: 'member' },
    ],
  };
}

/**
 * Target 2: the public registration POST (validation, idempotency key, delegation + members + outbox row + audit in
 * one transaction) against bare Fastify + pg doing one INSERT per request.
 */
export async function registrationBench(ctx: BenchContext): Promise<BenchResult> {
  const api = await ctx.startApi({ RATE_LIMIT_REGISTRATIONS_PER_HOUR: '1000000' });
  const token = await ctx.adminToken(api);
  const event = {
    id: await createCeremony(api.url, token, 'bench-registration', {
      registrationOpensAt: '2020-01-01T00:00:00Z',
      registrationClosesAt: '2099-01-01T00:00:00Z',
    }),
  };
  const probe = await fetch(`${api.url}/v1/events/${event.id}/delegations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(form()),
  });
  if (probe.status !== 201) throw new Error(`registration probe failed: ${probe.status} ${await probe.text()}`);
  const baseline = await startServer('fastify-pg-insert', 'dist/bench/baselines/pg-insert.js', {
    DATABASE_URL: ctx.databaseUrl,
  });
  try {
    const request = () => ({
      body: JSON.stringify(form()),
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    });
    const result = await compare(
      'POST /v1/events/{id}/delegations',
      { url: `${api.url}/v1/events/${event.id}/delegations`, method: 'POST', perRequest: request },
      { url: `${baseline.url}/`, method: 'POST', perRequest: request },
      ctx.settings,
    );
    const failures = result.target.errors + result.target.non2xx;
    return {
      name: 'public registration POST',
      metrics: {
        'req/s': Math.round(result.target.requestsPerSecond),
        'baseline req/s': Math.round(result.baseline.requestsPerSecond),
        ratio: Number(result.ratio.toFixed(3)),
        rounds: describeRounds(result),
        'p50 ms': result.target.p50,
        'p99 ms': result.target.p99,
        registrations: result.target.total,
        errors: failures,
        statuses: JSON.stringify(result.target.statusCounts),
      },
      targets: [
        {
          label: '≥ 40% of bare Fastify + pg INSERT',
          met: result.ratio >= 0.4,
          detail: percent(result.ratio),
        },
        { label: 'p99 ≤ 100 ms', met: result.target.p99 <= 100, detail: `${result.target.p99} ms` },
        { label: 'no errors', met: failures === 0, detail: `${failures} failed` },
      ],
    };
  } finally {
    await baseline.stop();
    await api.stop();
  }
}
