import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { createEvent } from '../support/delegation-fixtures.js';
import { recordSignature, signaturePayload } from '../support/signature-fixtures.js';
import { SseClient, type SseEvent } from '../support/sse-client.js';

const count = (e: SseEvent) => (JSON.parse(e.data) as { count: number }).count;

/**
 * Three API processes sharing one PostgreSQL and one Redis, as in production behind a load balancer: two of them
 * listen on ports and serve the streams, the third records the signatures.
 */
describe('Live signatory stream across API processes (e2e)', () => {
  let recorder: TestApi;
  const listening: NestFastifyApplication[] = [];
  const clients: SseClient[] = [];
  let urls: string[];
  let treaty: string;
  let eventId: string;

  beforeAll(async () => {
    recorder = await startTestApi({ SSE_HEARTBEAT_SECONDS: '1' });
    for (let i = 0; i < 2; i++) {
      const app = await createApiApp({ config: recorder.config });
      await app.listen({ port: 0, host: '127.0.0.1' });
      listening.push(app);
    }
    urls = listening.map((app) => `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`);
    treaty = await recorder.tokenFor('treaty');
    eventId = await createEvent(recorder);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    for (const app of listening) await app.close();
    await recorder.close();
  });

  const connect = async (base: string, headers: Record<string, string> = {}) => {
    const client = await SseClient.connect(`${base}/v1/events/${eventId}/signatories/stream`, headers);
    clients.push(client);
    return client;
  };

  it('should push the new summary to clients of two API instances after a signature recorded through a third', async () => {
    // Both processes have the summary in memory before the change.
    for (const url of urls) await fetch(`${url}/v1/events/${eventId}/signatories/summary`);
    const [onA, onB] = await Promise.all(urls.map((url) => connect(url)));
    let before = '';
    for (const client of [onA!, onB!]) {
      expect(client.response!.statusCode).toBe(200);
      expect(client.response!.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(client.response!.headers['cache-control']).toBe('no-cache, no-transform');
      expect(client.response!.headers['x-request-id']).toBeTruthy();
      const initial = await client.waitFor((e) => e.event === 'summary');
      expect(count(initial)).toBe(0);
      expect(initial.id).toMatch(/^\d+$/);
      before = initial.id!;
    }

    const res = await recordSignature(recorder, treaty, eventId, signaturePayload('VNM', '2025-10-25T09:00:00+07:00'));
    expect(res.statusCode).toBe(201);

    for (const client of [onA!, onB!]) {
      const update = await client.waitFor((e) => e.event === 'summary' && count(e) === 1);
      expect(Number(update.id)).toBe(Number(before) + 1);
      expect(JSON.parse(update.data)).toMatchObject({ eventId, count: 1, signatories: 1 });
    }
    // The processes that were told have dropped their in-memory summaries too.
    for (const url of urls) {
      const summary = await fetch(`${url}/v1/events/${eventId}/signatories/summary`);
      expect(((await summary.json()) as { count: number }).count).toBe(1);
    }
  });

  it('should keep the stream alive with heartbeats', async () => {
    const client = await connect(urls[0]!);
    await expect(client.waitForComment(5000)).resolves.toBe('heartbeat');
  });

  it('should skip the current summary for a client that has it and send it to one that is behind (Last-Event-ID)', async () => {
    const current = await connect(urls[1]!);
    const latest = await current.waitFor((e) => e.event === 'summary');

    const upToDate = await connect(urls[0]!, { 'last-event-id': latest.id! });
    const behind = await connect(urls[1]!, { 'last-event-id': '0' });
    const caughtUp = await behind.waitFor((e) => e.event === 'summary');
    expect(caughtUp.id).toBe(latest.id);
    await upToDate.waitForComment(5000); // a heartbeat has gone by: the summary would have been sent before it
    expect(upToDate.events.map((e) => [e.id, count(e)])).toEqual([]);

    await recordSignature(recorder, treaty, eventId, signaturePayload('LAO', '2025-10-25T09:10:00+07:00'));
    const next = await upToDate.waitFor((e) => e.event === 'summary');
    expect(count(next)).toBe(2);
    expect(Number(next.id)).toBeGreaterThan(Number(latest.id));
  });

  it('should answer 404 as problem+json for an unknown event', async () => {
    const res = await fetch(`${urls[0]}/v1/events/00000000-0000-4000-8000-000000000000/signatories/stream`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
