import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from './migrate.js';
import { startServer, stopAllServers, type ServerProcess } from './processes.js';
import type { CompareSettings } from './compare.js';

export interface Target {
  label: string;
  met: boolean;
  detail: string;
}

export interface BenchResult {
  name: string;
  metrics: Record<string, number | string>;
  targets: Target[];
}

export interface BenchContext {
  databaseUrl: string;
  redisUrl: string;
  settings: CompareSettings;
  /** Environment for Accord processes (API and worker) in production mode against the bench database. */
  accordEnv: Record<string, string>;
  startApi(extraEnv?: Record<string, string>, nodeArgs?: readonly string[]): Promise<ServerProcess>;
  adminToken(api: ServerProcess): Promise<string>;
}

const ADMIN = { email: 'bench-admin@accord.local', password: 'bench-admin-password' };

export async function createContext(settings: CompareSettings): Promise<BenchContext & { close(): Promise<void> }> {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
  const name = `accord_bench_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await migrate(databaseUrl);
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const accordEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `bench_${randomBytes(3).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '10000000',
    RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '10000000',
    SMTP_URL: 'smtp://127.0.0.1:2525',
    SHUTDOWN_DRAIN_MS: '0', // no load balancer to drain from: stop at once
  };
  return {
    databaseUrl,
    redisUrl,
    settings,
    accordEnv,
    startApi: (extraEnv = {}, nodeArgs = []) =>
      startServer(
        'accord-api',
        'dist/apps/api/src/main.js',
        { ...accordEnv, ...extraEnv },
        '/health',
        undefined,
        nodeArgs,
      ),
    async adminToken(api) {
      for (let attempt = 0; attempt < 50; attempt++) {
        const res = await fetch(`${api.url}/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ADMIN),
        });
        if (res.ok) return ((await res.json()) as { accessToken: string }).accessToken;
        await new Promise((r) => setTimeout(r, 200)); // the bootstrap admin is created just after start-up
      }
      throw new Error('could not log in as the bench admin');
    },
    async close() {
      await stopAllServers();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
