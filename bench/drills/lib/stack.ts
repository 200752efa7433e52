import { randomBytes, randomUUID } from 'node:crypto';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { freePort, startProcess, startServer, type ServerProcess } from '../../lib/processes.js';
import { onCleanup, track } from './cleanup.js';
import type { Received } from './deliveries.js';
import { call, type Outcome } from './http.js';
import { sleep, waitUntil } from './time.js';

const ADMIN = { email: 'drill-admin@accord.local', password: 'drill-admin-password' };
const QUEUES = ['notifications-fan-out', 'notifications-email', 'notifications-webhook'];

export interface StackOptions {
  /** Short name, used for log files. */
  name: string;
  databaseUrl: string;
  redisUrl: string;
  logDir: string;
  /** Extra environment for both the API and the worker. */
  env?: Record<string, string>;
}

export interface Registration {
  outcome: Outcome;
  form: Record<string, unknown>;
  key: string;
  focal: string;
}

let forms = 0;
/** A public registration form: an NGO (no one-per-event limit) with a focal point and three members. */
export function ngoForm(tag: string): Record<string, unknown> {
  forms += 1;
  const n = `${tag}-${forms}`;
  return {
    kind: 'ngo',
    organisationName: `Civil Society Network ${n}`,
    countryCode: 'VNM',
    focalPoint: { name: 'Focal Point', email: `focal.${n}@ngo.example`, language: 'en' },
    members: [
      { fullName: 'Head of Delegation', role: 'head', email: `head.${n}@ngo.example` },
      { fullName: 'Adviser One', role: 'adviser' },
      { fullName: 'Adviser Two', role: 'member' },
    ],
  };
}

/**
 * Accord as production runs it, for one drill: the SMTP sink, the API and the worker, each a process of its own
 * (production build), on the drill's database and Redis, with a queue prefix of its own.
 */
export class Stack {
  readonly env: Record<string, string>;
  readonly db: pg.Pool;
  api!: ServerProcess;
  worker?: ServerProcess;
  sink!: ServerProcess;
  token = '';
  eventId = '';
  private workers = 0;
  private queueConnection?: Redis;
  private closed = false;

  private constructor(
    readonly options: StackOptions,
    smtpPort: number,
  ) {
    this.env = {
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: `drill_${randomBytes(3).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '10000000',
      RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '10000000',
      RATE_LIMIT_REGISTRATIONS_PER_HOUR: '1000000',
      EMAIL_RATE_PER_SECOND: '100000',
      // Stopping the stack needs no drain (the API SIGTERM drill sets the production default back).
      SHUTDOWN_DRAIN_MS: '0',
      ...options.env,
    };
    this.db = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
    this.db.on('error', () => undefined); // the PostgreSQL drill restarts the server under this pool
  }

  static async start(options: StackOptions, { worker = true } = {}): Promise<Stack> {
    const smtpPort = await freePort();
    const stack = new Stack(options, smtpPort);
    onCleanup(() => stack.close());
    stack.sink = await startServer('smtp-sink', 'dist/bench/baselines/smtp-sink.js', { SMTP_PORT: String(smtpPort) });
    track(stack.sink.child);
    stack.api = await stack.startApi();
    if (worker) stack.startWorker();
    stack.token = await stack.login();
    stack.eventId = await stack.createEvent();
    return stack;
  }

  private log(process: string): number {
    return openSync(join(this.options.logDir, `${this.options.name}-${process}.log`), 'a');
  }

  async startApi(extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
    this.api = await startServer(
      'accord-api',
      'dist/apps/api/src/main.js',
      { ...this.env, ...extraEnv },
      '/health',
      this.log('api'),
    );
    track(this.api.child);
    return this.api;
  }

  /** Starts a worker process (the relay, the processors, the sweeper); it becomes `this.worker`. */
  startWorker(extraEnv: Record<string, string> = {}): ServerProcess {
    this.workers += 1;
    this.worker = startProcess(
      `accord-worker-${this.workers}`,
      'dist/apps/worker/src/main.js',
      { ...this.env, ...extraEnv },
      this.log(`worker-${this.workers}`),
    );
    track(this.worker.child);
    return this.worker;
  }

  private async login(): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const res = await call(`${this.api.url}/v1/auth/login`, { method: 'POST', body: ADMIN, timeoutMs: 10_000 });
      if (res.status === 200) return (res.body as { accessToken: string }).accessToken;
      await sleep(200); // the bootstrap admin is created just after start-up
    }
    throw new Error('could not log in as the drill admin');
  }

  private async createEvent(): Promise<string> {
    const res = await this.admin('POST', '/v1/events', {
      slug: `drill-${randomBytes(3).toString('hex')}`,
      name: 'Drill',
      treatyTitle: 'United Nations Convention against Cybercrime',
      treatyShortTitle: 'Hanoi Convention',
      venue: 'National Convention Center',
      city: 'Hanoi',
      timeZone: 'Asia/Ho_Chi_Minh',
      startsOn: '2025-10-25',
      endsOn: '2025-10-26',
      registrationOpensAt: '2020-01-01T00:00:00Z',
      registrationClosesAt: '2099-01-01T00:00:00Z',
    });
    if (res.status !== 201) throw new Error(`creating the event failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { id: string }).id;
  }

  admin(method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = 30_000): Promise<Outcome> {
    return call(`${this.api.url}${path}`, {
      method,
      body,
      headers: { authorization: `Bearer ${this.token}` },
      timeoutMs,
    });
  }

  /** Announces to `count` new addresses; returns them (each must get the mail once). */
  async announce(count: number, tag: string, timeoutMs = 30_000): Promise<{ outcome: Outcome; recipients: string[] }> {
    const recipients = Array.from({ length: count }, (_, i) => `${tag}.delegate.${i}@delegates.example`);
    const outcome = await this.admin(
      'POST',
      `/v1/events/${this.eventId}/announcements`,
      {
        subject: 'Shuttle times for the signing ceremony',
        body: 'Buses leave the hotels at 07:30 for the National Convention Center.',
        recipients: recipients.map((email, i) => ({ email, name: `Delegate ${i}` })),
      },
      timeoutMs,
    );
    return { outcome, recipients };
  }

  /**
   * Posts a public registration form with an Idempotency-Key (a new form and key unless given: pass both again to
   * resubmit); returns the outcome, the form, the key and the focal point's address (who gets a mail).
   */
  async register(
    tag: string,
    timeoutMs: number,
    key: string = randomUUID(),
    form = ngoForm(tag),
    apiUrl = this.api.url,
  ): Promise<Registration> {
    const outcome = await call(`${apiUrl}/v1/events/${this.eventId}/delegations`, {
      method: 'POST',
      body: form,
      headers: { 'idempotency-key': key },
      timeoutMs,
    });
    return { outcome, form, key, focal: (form.focalPoint as { email: string }).email };
  }

  async sinkLog(): Promise<Received[]> {
    return (await fetch(`${this.sink.url}/log`)).json() as Promise<Received[]>;
  }

  async sinkCount(): Promise<number> {
    return ((await (await fetch(`${this.sink.url}/`)).json()) as { messages: number }).messages;
  }

  /** Waits until the sink has accepted at least `count` mails. */
  async waitForMails(count: number, timeoutMs: number): Promise<void> {
    await waitUntil(async () => (await this.sinkCount()) >= count, { timeoutMs, what: `${count} mails` });
  }

  private redis(): Redis {
    if (!this.queueConnection) {
      this.queueConnection = new Redis(this.options.redisUrl, { maxRetriesPerRequest: 1 });
      this.queueConnection.on('error', () => undefined);
    }
    return this.queueConnection;
  }

  /** Redis's used memory in MiB (INFO memory), for sizing. */
  async redisUsedMiB(): Promise<number> {
    const info = await this.redis().info('memory');
    return Math.round(Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0) / 104857.6) / 10;
  }

  /** Jobs of one queue per state, straight from Redis. */
  async jobCounts(name: string): Promise<Record<string, number>> {
    const queue = new Queue(name, { connection: this.redis(), prefix: this.env.QUEUE_PREFIX });
    try {
      return await queue.getJobCounts(
        'waiting',
        'active',
        'delayed',
        'prioritized',
        'waiting-children',
        'completed',
        'failed',
      );
    } finally {
      await queue.close();
    }
  }

  /** Jobs BullMQ still holds (waiting, active, delayed…), over every queue. */
  async liveJobs(): Promise<number> {
    let total = 0;
    for (const name of QUEUES) {
      const { completed: _done, failed: _failed, ...live } = await this.jobCounts(name);
      total += Object.values(live).reduce((a, b) => a + b, 0);
    }
    return total;
  }

  /** PostgreSQL's view: deliveries per status, and outbox rows not yet published or fanned out. */
  async pipelineState(): Promise<{ byStatus: Record<string, number>; unpublished: number; notFannedOut: number }> {
    const { rows } = await this.db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM notification_deliveries GROUP BY status`,
    );
    const { rows: outbox } = await this.db.query<{ unpublished: number; not_fanned_out: number }>(
      `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished,
              count(*) FILTER (WHERE fanned_out_at IS NULL)::int AS not_fanned_out FROM outbox_messages`,
    );
    return {
      byStatus: Object.fromEntries(rows.map((r) => [r.status, r.n])),
      unpublished: outbox[0]!.unpublished,
      notFannedOut: outbox[0]!.not_fanned_out,
    };
  }

  /**
   * Waits until the pipeline is at rest: every expected recipient has a mail, PostgreSQL has no delivery or outbox
   * row left to do, and Redis holds no job (so no late copy can still come). Returns when that was first seen.
   */
  async settle(expected: Iterable<string>, timeoutMs: number): Promise<number> {
    const want = [...expected];
    await waitUntil(
      async () => {
        this.assertAlive();
        const received = new Set((await this.sinkLog()).map((m) => m.rcpt));
        if (!want.every((rcpt) => received.has(rcpt))) return false;
        const state = await this.pipelineState();
        if (state.unpublished || state.notFannedOut) return false;
        if ((state.byStatus.queued ?? 0) + (state.byStatus.failed ?? 0) > 0) return false;
        return (await this.liveJobs()) === 0;
      },
      { timeoutMs, what: 'every mail delivered and the queues idle', everyMs: 500 },
    );
    const at = Date.now();
    await sleep(1000); // a copy racing the last check would land now
    return at;
  }

  /** Throws, naming it, when the API or the current worker died without the drill killing it. */
  assertAlive(): void {
    for (const server of [this.api, this.worker]) {
      const child = server?.child;
      if (child && (child.exitCode !== null || child.signalCode !== null))
        throw new Error(
          `${server!.name} exited on its own (code ${child.exitCode}, signal ${child.signalCode}); ` +
            `see ${this.options.logDir}/${this.options.name}-*.log`,
        );
    }
  }

  /** Sends SIGKILL to the current worker and waits for it to die. */
  async killWorker(): Promise<number> {
    const child = this.worker!.child;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    return Date.now();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker?.stop();
    await this.api?.stop();
    await this.sink?.stop();
    this.queueConnection?.disconnect();
    await this.db.end().catch(() => undefined);
  }
}

/** Waits for a process to exit; its exit code or signal, and when. */
export function exitOf(
  server: ServerProcess,
  timeoutMs: number,
): Promise<{ code: number | null; signal: string | null; at: number } | null> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode, at: Date.now() });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, at: Date.now() });
    });
  });
}
