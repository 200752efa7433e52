import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs the migrations on a database with the production script (`dist/scripts/migrations.js run`), in a process of
 * its own: TypeORM, the entities and the migrations never load into the runner, whose heap stays small, so its
 * garbage collector pauses stay short (one minor collection of the runner's heap after TypeORM had loaded into it
 * took 66–85 ms, and it landed on the first wave of a measured signing rush).
 */
export async function migrate(databaseUrl: string): Promise<void> {
  await run(process.execPath, ['dist/scripts/migrations.js', 'run'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
  });
}
