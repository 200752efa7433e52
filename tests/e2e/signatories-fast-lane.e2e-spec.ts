import { jest } from '@jest/globals';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { APP_CONFIG, Readiness, REDIS, type AppConfig } from '@accord/core';
import { SignatorySummaryService, SummaryCache, SummaryFastLane } from '@accord/signatures';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { createEvent } from '../support/delegation-fixtures.js';
import { recordSignature, signaturePayload } from '../support/signature-fixtures.js';
import { settlesOnlyAfter } from '../support/wait-for.js';

/** Headers that differ from one answer to the next, or that only the framework's path adds (its rate limiter). */
const PER_ANSWER = /^(date|x-request-id|connection|keep-alive|x-ratelimit-.*)$/;

/**
 * The summary's fast lane answers from the HTTP server itself, before Fastify: it only exists on a real socket, so
 * this suite listens on a port and uses fetch (inject goes straight to Fastify).
 */
describe('Signatory summary fast lane (e2e, real socket)', () => {
  let api: TestApi;
  let base: string;
  let eventId: string;
  let treaty: string;
  let lane: SummaryFastLane;

  const summaryUrl = () => `${base}/v1/events/${eventId}/signatories/summary`;
  const headersOf = (res: Response) =>
    Object.fromEntries([...res.headers.entries()].filter(([name]) => !PER_ANSWER.test(name)));

  /** Whether the fast lane (not the framework) gave the answer to `request`. */
  async function viaLane(request: () => Promise<Response>): Promise<{ res: Response; body: string; lane: boolean }> {
    const before = lane.answered;
    const res = await request();
    const body = await res.text();
    return { res, body, lane: lane.answered === before + 1 };
  }

  beforeAll(async () => {
    api = await startTestApi({ CORS_ORIGINS: 'https://press.example' });
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    lane = api.app.get(SummaryFastLane);
    treaty = await api.tokenFor('treaty');
    eventId = await createEvent(api, { signatoryGoal: 2 });
    const signed = await recordSignature(api, treaty, eventId, signaturePayload('VNM', '2025-10-25T09:05:00+07:00'));
    expect(signed.statusCode).toBe(201);
  });
  afterAll(async () => api.close());

  it('should answer a repeat from memory with the same bytes and headers as the framework', async () => {
    const cold = await viaLane(() => fetch(summaryUrl()));
    expect(cold.res.status).toBe(200);
    expect(cold.lane).toBe(false); // nothing in memory yet: the controller computed it
    const hot = await viaLane(() => fetch(summaryUrl()));
    expect(hot.lane).toBe(true);
    expect(hot.res.status).toBe(200);
    expect(hot.body).toBe(cold.body);
    expect(JSON.parse(hot.body)).toMatchObject({ eventId, count: 1, goal: 2 });
    // Security headers (copied from the framework at start-up), caching headers and content type alike.
    expect(headersOf(hot.res)).toEqual(headersOf(cold.res));
    expect(hot.res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(hot.res.headers.get('content-length')).toBe(String(Buffer.byteLength(hot.body)));
  });

  it('should answer 304 to a current ETag, with the caching headers a 304 must carry', async () => {
    const { res: full } = await viaLane(() => fetch(summaryUrl()));
    const etag = full.headers.get('etag')!;
    const revalidated = await viaLane(() => fetch(summaryUrl(), { headers: { 'if-none-match': `W/"x", ${etag}` } }));
    expect(revalidated.lane).toBe(true);
    expect(revalidated.res.status).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.res.headers.get('etag')).toBe(etag);
    expect(revalidated.res.headers.get('cache-control')).toBe('public, no-cache');
    expect(revalidated.res.headers.get('vary')).toBe('accept, origin');
    const stale = await viaLane(() => fetch(summaryUrl(), { headers: { 'if-none-match': '"0-stale"' } }));
    expect(stale.res.status).toBe(200);
  });

  it('should show a new signature at the very next read, never the copy in memory', async () => {
    const before = await viaLane(() => fetch(summaryUrl()));
    expect(before.lane).toBe(true);
    const etag = before.res.headers.get('etag')!;
    const signed = await recordSignature(api, treaty, eventId, signaturePayload('KHM', '2025-10-25T09:20:00+07:00'));
    expect(signed.statusCode).toBe(201);
    const after = await viaLane(() => fetch(summaryUrl(), { headers: { 'if-none-match': etag } }));
    expect(after.res.status).toBe(200);
    expect(JSON.parse(after.body)).toMatchObject({ count: 2, goalReached: true });
    expect(after.res.headers.get('etag')).not.toBe(etag);
  });

  it('should answer a signature before its announcement is out, and show it to readers here at once', async () => {
    const cache = api.app.get(SummaryCache);
    const redis = api.app.get<Redis>(REDIS);
    const shared = `${api.app.get<AppConfig>(APP_CONFIG).queuePrefix}:signatories:${eventId}:summary`;
    const { body } = await viaLane(() => fetch(summaryUrl()));
    const count = (JSON.parse(body) as { count: number }).count;
    expect(JSON.parse((await redis.get(shared))!)).toMatchObject({ body }); // the copy every process shares
    const version = await cache.version(eventId);
    // Redis holds the announcement back: the version bump, the shared copy's removal, the message to every process.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const evaluate = redis.eval.bind(redis) as (...args: unknown[]) => Promise<unknown>;
    const spy = jest.spyOn(redis, 'eval').mockImplementation((async (...args: unknown[]) => {
      if (String(args[0]).includes('PUBLISH')) await held;
      return evaluate(...args);
    }) as never);
    try {
      const signed = await recordSignature(api, treaty, eventId, signaturePayload('LAO', '2025-10-25T09:30:00+07:00'));
      expect(signed.statusCode).toBe(201); // answered, the announcement still held
      expect(await cache.version(eventId)).toBe(version);
      expect(JSON.parse((await redis.get(shared))!)).toMatchObject({ body }); // the shared copy predates it…
      const read = await viaLane(() => fetch(summaryUrl()));
      expect(JSON.parse(read.body)).toMatchObject({ count: count + 1 }); // …and is not what this process serves
      // Shutdown announces what the last answers committed before Redis is closed.
      await settlesOnlyAfter(cache.beforeApplicationShutdown(), release);
    } finally {
      release();
      spy.mockRestore();
    }
    expect(await cache.version(eventId)).toBe(version + 1);
    const after = await viaLane(() => fetch(summaryUrl()));
    expect(JSON.parse(after.body)).toMatchObject({ count: count + 1 });
  });

  it('should echo a gateway request id and leave anything it does not fully handle to the framework', async () => {
    await fetch(summaryUrl()); // warm
    const traced = await viaLane(() => fetch(summaryUrl(), { headers: { 'x-request-id': 'gateway-42' } }));
    expect(traced.lane).toBe(true);
    expect(traced.res.headers.get('x-request-id')).toBe('gateway-42');

    const crossOrigin = await viaLane(() => fetch(summaryUrl(), { headers: { origin: 'https://press.example' } }));
    expect(crossOrigin.lane).toBe(false);
    expect(crossOrigin.res.headers.get('access-control-allow-origin')).toBe('https://press.example');

    // Credentials are the guard's to check, even on a public route: a forged token is a 401 whatever the cache holds.
    const forged = await viaLane(() => fetch(summaryUrl(), { headers: { authorization: 'Bearer forged.token.here' } }));
    expect(forged.lane).toBe(false);
    expect(forged.res.status).toBe(401);

    const withQuery = await viaLane(() => fetch(`${summaryUrl()}?lang=fr`));
    expect(withQuery.lane).toBe(false);
    const head = await viaLane(() => fetch(summaryUrl(), { method: 'HEAD' }));
    expect(head.lane).toBe(false);
    const upperCase = await viaLane(() => fetch(summaryUrl().replace(eventId, eventId.toUpperCase())));
    expect(upperCase.lane).toBe(false);

    const unknown = await viaLane(() =>
      fetch(`${base}/v1/events/00000000-0000-4000-8000-000000000000/signatories/summary`),
    );
    expect(unknown.lane).toBe(false);
    expect(unknown.res.status).toBe(404);
    expect(unknown.res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('should keep answering after a flood of made-up event paths, remembering a bounded number of them', async () => {
    await fetch(summaryUrl()); // warm
    const made = Array.from({ length: 1_500 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const id of made) {
      const request = { method: 'GET', url: `/v1/events/${id}/signatories/summary`, headers: {} };
      expect(lane.answer(request as IncomingMessage)).toBeUndefined(); // never served here: the framework's 404
    }
    expect(lane.rememberedPaths).toBeLessThanOrEqual(1_000);
    const hot = await viaLane(() => fetch(summaryUrl()));
    expect(hot.lane).toBe(true);
    expect(JSON.parse(hot.body)).toMatchObject({ eventId });
  });

  it('should run one computation at a time under a rush of changes, each reader seeing every change before it', async () => {
    const cache = api.app.get(SummaryCache);
    const summaries = api.app.get(SignatorySummaryService);
    const compute = summaries.compute.bind(summaries);
    let running = 0;
    let most = 0;
    let computations = 0;
    const spy = jest.spyOn(summaries, 'compute').mockImplementation(async (id, now) => {
      running += 1;
      computations += 1;
      most = Math.max(most, running);
      try {
        return await compute(id, now);
      } finally {
        running -= 1;
      }
    });
    try {
      const reads: Array<Promise<{ seen: number; version: number }>> = [];
      for (let round = 0; round < 10; round++) {
        cache.changed(eventId);
        await cache.announcementsSent();
        const seen = await cache.version(eventId);
        for (let reader = 0; reader < 20; reader++)
          reads.push(cache.get(eventId).then((summary) => ({ seen, version: summary.version })));
      }
      const answers = await Promise.all(reads);
      expect(answers.every((a) => a.version >= a.seen)).toBe(true); // nobody got a summary older than a change
      expect(most).toBe(1);
      expect(computations).toBeLessThanOrEqual(10); // 200 readers, 10 changes: shared, not one each
    } finally {
      spy.mockRestore();
    }
  });

  it('should step aside while the process drains, so every answer asks the client to reconnect elsewhere', async () => {
    await fetch(summaryUrl()); // warm
    api.app.get(Readiness).drain();
    const draining = await viaLane(() => fetch(summaryUrl()));
    expect(draining.lane).toBe(false);
    expect(draining.res.status).toBe(200);
    expect(draining.res.headers.get('connection')).toBe('close');
  });
});
