import { Client } from 'pg';
import { TEST_PG_URL } from './test-database.js';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops suite databases whose test process is gone (a crashed or interrupted run); never a live run's. */
export default async function globalTeardown(): Promise<void> {
  const pg = new Client({ connectionString: TEST_PG_URL });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname ~ '^accord_test_[0-9]+_[0-9a-f]+$'`,
    );
    for (const { datname } of rows) {
      const pid = Number(datname.split('_')[2]);
      if (!processAlive(pid)) await pg.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    }
  } finally {
    await pg.end();
  }
}
