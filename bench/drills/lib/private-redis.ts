import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../lib/processes.js';
import { onCleanup, track } from './cleanup.js';
import { sleep, waitUntil } from './time.js';

export interface PrivateRedisOptions {
  /** Append-only file with `appendfsync everysec` (the production setting), or no persistence at all. */
  appendOnly: boolean;
}

/**
 * A redis-server of the drill's own, as a child process it can SIGKILL, SIGSTOP and restart on the same port and
 * data directory. The machine's Redis (6379) is shared with other suites and is never touched.
 */
export class PrivateRedis {
  private child?: ChildProcess;
  private readonly forget: () => Promise<void>;

  private constructor(
    readonly port: number,
    readonly dir: string,
    readonly options: PrivateRedisOptions,
  ) {
    this.forget = onCleanup(() => this.destroy());
  }

  static async start(options: PrivateRedisOptions): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), mkdtempSync(join(tmpdir(), 'accord-drill-redis-')), options);
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (or restarts) the server and waits until it answers PING; returns when it does. */
  async up(): Promise<number> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--daemonize', 'no'];
    args.push('--save', '', '--maxmemory-policy', 'noeviction');
    args.push('--appendonly', this.options.appendOnly ? 'yes' : 'no', '--appendfsync', 'everysec');
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    track(this.child);
    await waitUntil(() => this.ping(), { timeoutMs: 15_000, what: `redis-server on port ${this.port}` });
    return Date.now();
  }

  /** SIGKILL: the server dies at once, like a crash; persisted data stays in its directory. */
  async kill(): Promise<number> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Date.now();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    return Date.now();
  }

  /** SIGSTOP: the server freezes with its connections open (a hung Redis, not a dead one). */
  pause(): number {
    this.child?.kill('SIGSTOP');
    return Date.now();
  }

  resume(): number {
    this.child?.kill('SIGCONT');
    return Date.now();
  }

  /** Answers PING within 500 ms, over a fresh connection. */
  ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(this.port, '127.0.0.1');
      const done = (up: boolean) => {
        socket.destroy();
        resolve(up);
      };
      socket.setTimeout(500, () => done(false));
      socket.on('error', () => done(false));
      socket.on('connect', () => socket.write('PING\r\n'));
      socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
    });
  }

  async stop(): Promise<void> {
    await this.forget();
  }

  private async destroy(): Promise<void> {
    this.child?.kill('SIGCONT');
    await this.kill();
    await sleep(50);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
