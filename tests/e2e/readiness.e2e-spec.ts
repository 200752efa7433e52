import { createServer } from 'node:net';
import { loadConfig } from '@accord/core';
import { createApiApp } from '../../apps/api/src/create-api-app.js';

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Readiness (e2e)', () => {
  it('should answer 503 naming PostgreSQL when the database is unreachable, and keep liveness at 200', async () => {
    const port = await closedPort();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/nowhere`,
    });
    const app = await createApiApp({ config });
    try {
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable', checks: { postgres: 'down', redis: 'up' } });
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      // A request that needs the database fails cleanly with 503, not a 500 or a hang.
      const events = await app.inject({ method: 'GET', url: '/v1/events' });
      expect(events.statusCode).toBe(503);
      expect(events.headers['content-type']).toContain('application/problem+json');
    } finally {
      await app.close();
    }
  });

  it('should answer 503 naming Redis when Redis is unreachable', async () => {
    const port = await closedPort();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      REDIS_URL: `redis://127.0.0.1:${port}`,
      DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
    });
    const app = await createApiApp({ config });
    try {
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().checks).toEqual({ postgres: 'up', redis: 'down' });
    } finally {
      await app.close();
    }
  });
});
