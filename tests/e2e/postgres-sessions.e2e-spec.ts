import pg, { type Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { databaseOptions, queryPrepared } from '@accord/core';
import { TEST_PG_URL } from '../support/test-database.js';

/**
 * PostgreSQL ending a session (a restart, a failover) must never crash an Accord process: found by the PostgreSQL
 * restart drill (`npm run drill`), where the worker died of an unhandled 'error' event from a pooled client.
 */
describe('Pooled PostgreSQL sessions ended by the server (e2e)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(databaseOptions(TEST_PG_URL)).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('should survive, and fail only the next query, when PostgreSQL ends a session checked out of the pool', async () => {
    // Checked out, the client is no longer watched by pg-pool, and nothing else listens to it yet: the moment in
    // which TypeORM's own clients are exposed between pool checkout and its listener.
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const ended = new Promise((resolve) => client.once('end', resolve));
    await dataSource.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    await ended; // the server's FATAL has been read (and, before the fix, thrown as an uncaught exception)
    await expect(client.query('SELECT 1')).rejects.toThrow(/not queryable/);
    client.release();
    // The pool dropped the broken client; the next query gets a fresh session.
    await expect(dataSource.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });

  it('should keep a pooled session when PostgreSQL refuses a prepared statement, and drop it when the session dies', async () => {
    const manager = dataSource.manager;
    const pid = async () =>
      (await queryPrepared<{ pid: number }>(manager, 'SELECT pg_backend_pid() AS pid', []))[0]!.pid;
    const before = await pid();
    // A refusal (here division by zero; in the API a unique violation answered 409) is PostgreSQL's answer, not a
    // broken connection: the same session serves the next statement (the pool hands out the last one returned).
    const refusal = await queryPrepared(manager, 'SELECT 1 / $1::int AS x', [0]).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(QueryFailedError);
    expect((refusal as { code?: string }).code).toBe('22012');
    expect(await pid()).toBe(before);
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [before]);
    await admin.end();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The ended session fails its next statement and leaves the pool; the one after gets a fresh session.
    await queryPrepared(manager, 'SELECT pg_backend_pid() AS pid', []).catch(() => undefined);
    expect(await pid()).not.toBe(before);
  });
});
