/** The typed configuration of every Accord process, validated once at start-up. */
export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix for every BullMQ key, so several deployments (or parallel test suites) can share one Redis. */
  queuePrefix: string;
  jwtSecret: string;
  jwtIssuer: string;
  jwtAudience: string;
  jwtTtlSeconds: number;
  smtpUrl: string;
  mailFrom: string;
  adminEmail?: string;
  adminPassword?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Origins allowed by CORS; empty means same-origin only. */
  corsOrigins: string[];
  /** Public base URL of the API, used in links inside emails and calendars. */
  publicUrl: string;
  /** Requests per minute per client address, for anonymous and authenticated callers (Redis-backed). */
  rateLimitAnonymousPerMinute: number;
  rateLimitAuthenticatedPerMinute: number;
  /** Public delegation registrations per client address per hour. */
  registrationsPerHourPerClient: number;
  /** Failed logins tolerated per account and per client before an exponential lockout starts. */
  loginFailuresBeforeLockout: number;
  /**
   * Whether to believe X-Forwarded-For (false, true, or a hop count / comma-separated proxy addresses). Only behind
   * a proxy you run: otherwise any client could pick its own address and dodge the rate limits.
   */
  trustProxy: boolean | number | string;
  /**
   * On SIGTERM the API keeps serving this long while readiness answers 503 and answers close keep-alive
   * connections, so the load balancer moves traffic away before the process stops listening.
   */
  shutdownDrainMs: number;
  /** Seconds between heartbeats on Server-Sent Events streams (keeps proxies from closing idle connections). */
  sseHeartbeatSeconds: number;
  /** The notifications pipeline (outbox relay, queues, channels). */
  notifications: NotificationsConfig;
}

export interface NotificationsConfig {
  /** How often the relay looks for new outbox rows (it keeps going at once while it finds full batches). */
  outboxPollMs: number;
  /** Attempts per delivery before it is dead (then only an organiser's retry sends it). */
  attempts: number;
  /** Delay before the first retry; each next one doubles, with jitter. */
  backoffMs: number;
  /** Jobs each worker process runs in parallel per channel. */
  concurrency: number;
  /** Per-channel rate limits, shared by every worker process (so a fan-out does not trip the SMTP server). */
  emailRatePerSecond: number;
  webhookRatePerSecond: number;
  /** A job whose worker stops renewing its lock for this long (a crash) is handed to another worker. */
  lockMs: number;
  /** How often the worker looks for deliveries whose job vanished (e.g. Redis lost its data) and requeues them. */
  sweepMs: number;
  /** Key that encrypts webhook signing secrets at rest; derived from JWT_SECRET when unset. */
  webhookSecretKey: string | undefined;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
  }
}

export const DEFAULT_JWT_SECRET = 'accord-development-secret-change-me';

type Env = Record<string, string | undefined>;

function url(env: Env, name: string, fallback: string, protocols: string[]): string {
  const raw = env[name]?.trim() || fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL (expected ${protocols.join(' or ')}://…)`);
  }
  if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}://, got ${parsed.protocol}//`);
  }
  if (!parsed.hostname) throw new ConfigError(name, 'has no host');
  return raw;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = (env[name]?.trim() || fallback) as T;
  if (!allowed.includes(raw)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw;
}

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  if (/^[0-9a-fA-F.:/,\s]+$/.test(value)) return value;
  throw new ConfigError('TRUST_PROXY', `must be true, false, a hop count or proxy addresses, got "${value}"`);
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', 'development', ['development', 'test', 'production'] as const);
  const jwtSecret = env.JWT_SECRET?.trim() || DEFAULT_JWT_SECRET;
  if (nodeEnv === 'production' && jwtSecret === DEFAULT_JWT_SECRET) {
    throw new ConfigError('JWT_SECRET', 'must be set to a secret of your own in production');
  }
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  const adminEmail = env.ADMIN_EMAIL?.trim() || undefined;
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError(adminEmail ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL', 'must be set together with the other');
  }
  if (adminEmail && !/^[^@\s]+@[^@\s]+$/.test(adminEmail))
    throw new ConfigError('ADMIN_EMAIL', 'is not an email address');
  const port = int(env, 'PORT', 3000, 0, 65535);
  const webhookSecretKey = env.WEBHOOK_SECRET_KEY?.trim() || undefined;
  if (webhookSecretKey && webhookSecretKey.length < 32)
    throw new ConfigError('WEBHOOK_SECRET_KEY', 'must be at least 32 characters');
  return {
    nodeEnv,
    port,
    databaseUrl: url(env, 'DATABASE_URL', 'postgres://postgres:postgres@127.0.0.1:5432/accord', [
      'postgres',
      'postgresql',
    ]),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis', 'rediss']),
    queuePrefix: (env.QUEUE_PREFIX?.trim() || 'accord').replace(/[^a-zA-Z0-9_-]/g, '_'),
    jwtSecret,
    jwtIssuer: env.JWT_ISSUER?.trim() || 'accord',
    jwtAudience: env.JWT_AUDIENCE?.trim() || 'accord-api',
    jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 900, 60, 86400),
    smtpUrl: url(env, 'SMTP_URL', 'smtp://127.0.0.1:1025', ['smtp', 'smtps']),
    mailFrom: env.MAIL_FROM?.trim() || 'Accord <no-reply@accord.local>',
    adminEmail,
    adminPassword,
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    rateLimitAnonymousPerMinute: int(env, 'RATE_LIMIT_ANONYMOUS_PER_MINUTE', 300, 1, 10_000_000),
    rateLimitAuthenticatedPerMinute: int(env, 'RATE_LIMIT_AUTHENTICATED_PER_MINUTE', 3000, 1, 10_000_000),
    registrationsPerHourPerClient: int(env, 'RATE_LIMIT_REGISTRATIONS_PER_HOUR', 30, 1, 1_000_000),
    loginFailuresBeforeLockout: int(env, 'LOGIN_FAILURES_BEFORE_LOCKOUT', 5, 1, 1000),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    shutdownDrainMs: int(env, 'SHUTDOWN_DRAIN_MS', 5000, 0, 120_000),
    sseHeartbeatSeconds: int(env, 'SSE_HEARTBEAT_SECONDS', 15, 1, 300),
    publicUrl: url(env, 'PUBLIC_URL', `http://localhost:${port}`, ['http', 'https']).replace(/\/$/, ''),
    notifications: {
      outboxPollMs: int(env, 'OUTBOX_POLL_MS', 500, 10, 60_000),
      attempts: int(env, 'NOTIFICATION_ATTEMPTS', 10, 1, 50),
      backoffMs: int(env, 'NOTIFICATION_BACKOFF_MS', 30_000, 1, 3_600_000),
      concurrency: int(env, 'WORKER_CONCURRENCY', 10, 1, 200),
      emailRatePerSecond: int(env, 'EMAIL_RATE_PER_SECOND', 20, 1, 100_000),
      webhookRatePerSecond: int(env, 'WEBHOOK_RATE_PER_SECOND', 20, 1, 100_000),
      lockMs: int(env, 'WORKER_LOCK_MS', 30_000, 500, 600_000),
      sweepMs: int(env, 'NOTIFICATION_SWEEP_MS', 60_000, 100, 3_600_000),
      webhookSecretKey,
    },
  };
}
