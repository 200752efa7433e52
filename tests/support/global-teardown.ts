import { Client } from 'pg';

/** Drops suite databases left behind by a crashed or interrupted run (never the template). */
export default async function globalTeardown(): Promise<void> {
  const pg = new Client({
    connectionString: process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
  });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname ~ '^accord_(test|drift)_[0-9a-f]+$'`,
    );
    // Only databases nobody is connected to: another run may be going on at the same time.
    for (const { datname } of rows) {
      const busy = await pg.query('SELECT 1 FROM pg_stat_activity WHERE datname = $1', [datname]);
      if (!busy.rowCount) await pg.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => undefined);
    }
  } finally {
    await pg.end();
  }
}
