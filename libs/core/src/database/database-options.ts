import type { DataSourceOptions } from 'typeorm';
import { ListeningPgClient } from './listening-pg-client.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** The one place that says how Accord talks to PostgreSQL: used by the apps, the migration script and tests. */
export function databaseOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    // gen_random_uuid() is built into PostgreSQL 13+; no uuid-ossp extension needed.
    uuidExtension: 'pgcrypto',
    // A down PostgreSQL refuses connections at once (503 promptly); the timeout bounds the wait for a free pooled
    // client under a burst (100 concurrent bookings queue on 20 connections), so it is generous. Pooled clients
    // never crash the process when PostgreSQL ends their session (ListeningPgClient).
    extra: { max: 20, connectionTimeoutMillis: 10000, idleTimeoutMillis: 30000, Client: ListeningPgClient },
    ...overrides,
  } as DataSourceOptions;
}
