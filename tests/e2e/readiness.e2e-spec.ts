import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { loadConfig, Readiness } from '@accord/core';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { waitFor } from '../support/wait-for.js';

const MAIN = 'dist/apps/api/src/main.js';
const REACHABLE_DATABASE = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

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

  it('should answer 503 draining and close keep-alive connections while the API drains before shutdown', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: REACHABLE_DATABASE });
    const app = await createApiApp({ config });
    try {
      const before = await app.inject({ method: 'GET', url: '/health' });
      expect(before.headers.connection).not.toBe('close');
      app.get(Readiness).drain();
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'draining', checks: { postgres: 'up', redis: 'up' } });
      // Still serving, but each answer asks the client to open its next connection elsewhere.
      const live = await app.inject({ method: 'GET', url: '/health' });
      expect(live.statusCode).toBe(200);
      expect(live.headers.connection).toBe('close');
    } finally {
      await app.close();
    }
  });

  it('should drain on SIGTERM (ready 503, still serving), then stop listening and exit 0', async () => {
    const port = await closedPort();
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        PORT: String(port),
        DATABASE_URL: REACHABLE_DATABASE,
        SHUTDOWN_DRAIN_MS: '3000',
      },
      stdio: 'ignore',
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`).catch(() => null);
    try {
      await waitFor(
        () => get('/health/ready'),
        (res) => res?.status === 200,
        { what: 'the API to be ready' },
      );
      child.kill('SIGTERM');
      const draining = await waitFor(
        () => get('/health/ready'),
        (res) => res?.status === 503,
        {
          what: 'readiness to say draining',
        },
      );
      expect(await draining!.json()).toMatchObject({ status: 'draining' });
      const live = await get('/health');
      expect(live?.status).toBe(200);
      expect(live?.headers.get('connection')).toBe('close');
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      child.kill('SIGKILL');
    }
  });
});
