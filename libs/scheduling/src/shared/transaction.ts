import type { DataSource, EntityManager } from 'typeorm';
import { pgError } from './pg-error.js';

const DEADLOCK = '40P01';

/**
 * A transaction, run again (up to three times) when PostgreSQL breaks a deadlock by aborting it: the locks here
 * are taken in one order (session, then slot, then appointment), but a deadlock elsewhere must not become a 500.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (pgError(error).code !== DEADLOCK || attempt >= 3) throw error;
    }
  }
}
