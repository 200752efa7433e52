import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../lib/processes.js';
import { onCleanup } from './cleanup.js';

const run = promisify(execFile);
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of the drill's own (initdb in a temporary directory, trust authentication, loopback only, a
 * free port), run as the `postgres` OS user, so the drill can restart it while the machine's PostgreSQL (5432),
 * shared with other suites, is never touched. Needs root (to become `postgres`) and the PostgreSQL server binaries.
 */
export class PrivatePostgres {
  private readonly data: string;
  private readonly forget: () => Promise<void>;

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {
    this.data = join(dir, 'data');
    this.forget = onCleanup(() => this.destroy());
  }

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'accord-drill-pg-'));
    const pgUser = await run('id', ['-u', 'postgres']).then((r) => Number(r.stdout.trim()));
    const pgGroup = await run('id', ['-g', 'postgres']).then((r) => Number(r.stdout.trim()));
    chownSync(dir, pgUser, pgGroup);
    const pg = new PrivatePostgres(await freePort(), dir);
    await pg.asPostgres('initdb', ['-D', pg.data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
    await pg.ctl('start');
    return pg;
  }

  /** The URL of a database in this cluster. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** `pg_ctl restart -m fast`: sessions are terminated, then the server shuts down cleanly and starts again. */
  async restartFast(): Promise<void> {
    await this.ctl('restart', ['-m', 'fast']);
  }

  async stop(): Promise<void> {
    await this.forget();
  }

  private async ctl(action: 'start' | 'restart' | 'stop', extra: string[] = []): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`;
    await this.asPostgres('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-t',
      '60',
      ...(action === 'stop' ? [] : ['-o', options]),
      ...extra,
      action,
    ]);
  }

  private async asPostgres(binary: string, args: string[]): Promise<void> {
    await run('runuser', ['-u', 'postgres', '--', join(BIN, binary), ...args], { cwd: this.dir });
  }

  private async destroy(): Promise<void> {
    await this.ctl('stop', ['-m', 'immediate']).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
