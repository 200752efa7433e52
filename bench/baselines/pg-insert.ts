import Fastify from 'fastify';
import pg from 'pg';

/** Baseline: bare Fastify + pg doing one INSERT per request (the cheapest possible durable write). */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
await pool.query(
  'CREATE TABLE IF NOT EXISTS bench_baseline_rows (id bigserial PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
);
const app = Fastify({ logger: false });
app.get('/', async () => ({ ok: true }));
app.post('/', async (request, reply) => {
  const { rows } = await pool.query<{ id: string }>('INSERT INTO bench_baseline_rows (body) VALUES ($1) RETURNING id', [
    request.body,
  ]);
  return reply.code(201).send({ id: rows[0]!.id });
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0)),
);
