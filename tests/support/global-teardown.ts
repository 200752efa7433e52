import { Client } from 'pg';
const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

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
