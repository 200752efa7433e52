import { Client } from 'pg';
import { Redis } from 'ioredis';

/** Fails fast, with a clear message, when the real services the suites need are not reachable. */
export default async function globalSetup(): Promise<void> {
  const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
  const pg = new Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
    await pg.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${pgUrl} (${(error as Error).message}). Run: bash scripts/test.sh`,
      { cause: error },
    );
  } finally {
    await pg.end().catch(() => undefined);
  }
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis is not reachable at ${redisUrl} (${(error as Error).message}). Run: bash scripts/test.sh`, {
      cause: error,
    });
  } finally {
    redis.disconnect();
  }
}
