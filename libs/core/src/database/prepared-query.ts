import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** A statement's name on the connection: derived from its text, so the same text always reuses the same plan. */
const statementName = (text: string) => `accord_${createHash('sha1').update(text).digest('base64url')}`;

/**
 * Runs a statement as a named prepared statement: PostgreSQL parses and plans it once per pooled connection instead
 * of at every call, which for a long statement run on every request (the registration's data-modifying CTEs) costs
 * more than executing it. Goes through TypeORM's query runner all the same (inside the manager's transaction if it
 * has one, errors as QueryFailedError), which hands the query config to pg as it is. Only for statements whose text
 * comes from a bounded set: each distinct text stays prepared on every connection that ran it.
 */
export async function queryPrepared<T>(manager: EntityManager, text: string, parameters: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    // TypeORM types the query as a string; pg also takes a { name, text } config, which is how it prepares one.
    return (await runner.query({ name: statementName(text), text } as unknown as string, parameters)) as T[];
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}
