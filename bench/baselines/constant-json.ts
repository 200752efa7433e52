import Fastify from 'fastify';

/** Baseline: a bare Fastify server answering a constant JSON body (what a perfect cache would cost). */
// For the probe only (bench/probe.ts): the same server carrying the API's modules, loaded and never used — how much
// a process pays on its hottest path for being a real application rather than an empty one.
if (process.env.BASELINE_LOAD_API_MODULES === 'true') await import('../../apps/api/src/api.module.js');
const body = JSON.parse(process.env.BASELINE_BODY ?? '{"ok":true}') as unknown;
const etag = '"baseline"';
const app = Fastify({ logger: false });
app.get('/*', async (request, reply) => {
  // A 304 must carry the ETag a 200 would have (RFC 9110 §15.4.5): the least a correct server sends.
  if (request.headers['if-none-match'] === etag) return reply.code(304).header('etag', etag).send();
  return reply.header('etag', etag).send(body);
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
