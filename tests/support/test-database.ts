import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrationDataSource } from '../../scripts/migration-data-source.js';
import { MIGRATIONS } from '../../migrations/index.js';

export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

function urlFor(database: string): string {
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The template is named after the migrations it holds, so a new migration gets a new template automatically. */
function templateName(): string {
  const hash = createHash('sha256')
    .update(MIGRATIONS.map((m) => m.name).join(','))
    .digest('hex')
    .slice(0, 10);
  return `accord_test_tpl_${hash}`;
}

async function ensureTemplate(): Promise<string> {
  const template = templateName();
  await withAdmin(async (admin) => {
    // Parallel suites race to build the template; an advisory lock lets exactly one of them do it.
    await admin.query('SELECT pg_advisory_lock(727001)');
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount) return;
      const building = `${template}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const dataSource = await migrationDataSource(urlFor(building)).initialize();
      try {
        await dataSource.runMigrations({ transaction: 'each' });
      } finally {
        await dataSource.destroy();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(727001)');
    }
  });
  return template;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, fully migrated database of this suite's own, copied from a migrated template in milliseconds. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await ensureTemplate();
  // The pid in the name lets a later run tell an abandoned database (its process is gone) from a live one.
  const name = `accord_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (admin) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (error) {
        // Two suites copying the same template at the same instant: PostgreSQL refuses one; it tries again.
        if (attempt < 20 && /being accessed by other users/.test((error as Error).message)) {
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
          continue;
        }
        throw error;
      }
    }
  });
  return {
    name,
    url: urlFor(name),
    drop: () => withAdmin(async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}
