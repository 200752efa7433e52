import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../lib/migrate.js';
import { onCleanup } from './cleanup.js';

/**
 * A connected client that reports a lost connection on its next query instead of crashing the runner (the drills
 * stop and restart servers under their own connections).
 */
export async function connectTo(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Databases for the drills on a PostgreSQL server they do not restart (by default the machine's, where creating and
 * dropping a database of one's own disturbs nobody): migrated once into a template, then one copy per drill.
 */
export class DrillDatabases {
  private readonly prefix = `accord_drill_${randomBytes(3).toString('hex')}`;
  private count = 0;

  private constructor(
    private readonly admin: pg.Client,
    private readonly serverUrl: string,
  ) {}

  static async open(serverUrl: string): Promise<DrillDatabases> {
    const admin = await connectTo(serverUrl);
    const databases = new DrillDatabases(admin, serverUrl);
    onCleanup(async () => {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname DESC`,
        [`${databases.prefix}%`],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.end();
    });
    await admin.query(`CREATE DATABASE ${databases.prefix}_template`);
    await migrate(withDatabase(serverUrl, `${databases.prefix}_template`));
    return databases;
  }

  /** A fresh, migrated database; its URL. */
  async create(): Promise<string> {
    this.count += 1;
    const name = `${this.prefix}_${this.count}`;
    await this.admin.query(`CREATE DATABASE ${name} TEMPLATE ${this.prefix}_template`);
    return withDatabase(this.serverUrl, name);
  }
}
