import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrationDataSource, pendingSchemaChanges } from './migration-data-source.js';

/** Applies every migration to a scratch database and returns the SQL still needed to match the entities. */
export async function checkMigrationDrift(databaseUrl: string): Promise<string[]> {
  const scratch = `accord_drift_${randomBytes(4).toString('hex')}`;
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${scratch}`);
    const scratchUrl = new URL(databaseUrl);
    scratchUrl.pathname = `/${scratch}`;
    const dataSource = await migrationDataSource(scratchUrl.toString()).initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      return (await pendingSchemaChanges(dataSource)).up;
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.end();
  }
}
