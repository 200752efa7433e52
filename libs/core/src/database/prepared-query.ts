import { createHash } from 'node:crypto';
import type pg from 'pg';
import { QueryFailedError, type EntityManager } from 'typeorm';

/** Statement names by text: the texts come from a bounded set, and hashing one costs more than the lookup. */
const names = new Map<string, string>();

/** A statement's name on the connection: derived from its text, so the same text always reuses the same plan. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `accord_${createHash('sha1').update(text).digest('base64url')}`));
  return name;
}

/** The pg pool under TypeORM's data source, once it has connected (undefined before). */
function poolOf(manager: EntityManager): pg.Pool | undefined {
  if (!manager.connection.isInitialized) return undefined;
  return (manager.connection.driver as unknown as { master?: pg.Pool }).master;
}

/**
 * Runs a statement as a named prepared statement: PostgreSQL parses and plans it once per pooled connection instead
 * of at every call, which for a long statement run on every request (the registration's data-modifying CTEs) costs
 * more than executing it. Inside a transaction it goes through the manager's query runner. Outside one it goes
 * straight to the pool TypeORM holds: the query runner's bookkeeping (a runner per call, subscriber broadcasts,
 * result wrapping) costs more JavaScript than the driver itself on the hottest paths. Errors are QueryFailedError
 * either way, with PostgreSQL's code and constraint, as callers and the problem filter expect. Only for statements
 * whose text comes from a bounded set: each distinct text stays prepared on every connection that ran it.
 */
export async function queryPrepared<T>(manager: EntityManager, text: string, parameters: unknown[]): Promise<T[]> {
  const config = { name: statementName(text), text };
  const pool = manager.queryRunner ? undefined : poolOf(manager);
  if (pool) {
    // Not pool.query: it closes the connection after ANY failed query, so every refused write (a unique violation
    // answered 409) cost a new PostgreSQL session and the statements prepared on it. A connection goes back to the
    // pool unless the error came from it rather than from PostgreSQL's answer to the statement.
    const client = await pool.connect().catch((error: Error) => {
      throw new QueryFailedError(text, parameters, error);
    });
    let broken: Error | undefined;
    try {
      return (await client.query({ ...config, values: parameters })).rows as T[];
    } catch (error) {
      if (!(error instanceof Error && 'severity' in error)) broken = error as Error;
      throw new QueryFailedError(text, parameters, error as Error);
    } finally {
      client.release(broken);
    }
  }
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    // TypeORM types the query as a string; pg also takes a { name, text } config, which is how it prepares one.
    return (await runner.query(config as unknown as string, parameters)) as T[];
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}
