import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs SQL and returns its rows, whatever the statement: TypeORM answers an UPDATE or DELETE with
 * `[rows, affectedCount]` instead of the rows (rows are objects, never arrays, so the shapes cannot be confused).
 */
export async function rows<T>(db: DataSource | EntityManager, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result: unknown = await db.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
