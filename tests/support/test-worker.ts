import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { createLogger, type AppConfig } from '@accord/core';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app.js';
import { waitFor } from './wait-for.js';

export const WORKER_MAIN = 'dist/apps/worker/src/main.js';

/** The worker in the test process: relay, processors and sweeper, on the suite's database and queue prefix. */
export function startTestWorker(config: AppConfig): Promise<INestApplicationContext> {
  return createWorkerApp({ config, logger: createLogger({ logLevel: 'silent' }, 'worker') });
}

/** The environment a worker process needs to share a suite's database, Redis, queue prefix and SMTP server. */
export function workerEnv(config: AppConfig, overrides: Record<string, string> = {}): Record<string, string> {
  const n = config.notifications;
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    SMTP_URL: config.smtpUrl,
    PUBLIC_URL: config.publicUrl,
    OUTBOX_POLL_MS: String(n.outboxPollMs),
    NOTIFICATION_ATTEMPTS: String(n.attempts),
    NOTIFICATION_BACKOFF_MS: String(n.backoffMs),
    WORKER_CONCURRENCY: String(n.concurrency),
    EMAIL_RATE_PER_SECOND: String(n.emailRatePerSecond),
    WEBHOOK_RATE_PER_SECOND: String(n.webhookRatePerSecond),
    WORKER_LOCK_MS: String(n.lockMs),
    NOTIFICATION_SWEEP_MS: String(n.sweepMs),
    ...overrides,
  };
}

/** A worker as a separate process (built by scripts/test.sh), for tests that kill it. */
export class WorkerProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private constructor(readonly child: ChildProcess) {
    let buffer = '';
    const collect = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      this.lines.push(...parts);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(env: Record<string, string>): Promise<WorkerProcess> {
    if (!existsSync(WORKER_MAIN))
      throw new Error(`${WORKER_MAIN} is missing: run npm run build (scripts/test.sh does)`);
    const worker = new WorkerProcess(
      spawn(process.execPath, [WORKER_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    await worker.waitForLog('worker started');
    return worker;
  }

  waitForLog(text: string, timeoutMs = 20_000): Promise<unknown> {
    return waitFor(() => this.lines.some((line) => line.includes(text)) || this.child.exitCode !== null, Boolean, {
      timeoutMs,
      what: `worker log "${text}"`,
    }).then(() => {
      if (!this.lines.some((line) => line.includes(text))) {
        throw new Error(`worker exited before logging "${text}":\n${this.lines.join('\n')}`);
      }
    });
  }

  /** Peak resident memory of the process so far, in MiB (Linux: VmHWM). */
  peakRssMiB(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
    return Math.round((kb / 1024) * 10) / 10;
  }

  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
