import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('should apply localhost defaults when the environment is empty', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toContain('127.0.0.1:5432');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('should name DATABASE_URL when it is malformed', () => {
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL must use postgres/);
  });

  it('should refuse a non-numeric PORT', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
  });

  it('should refuse the default JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).jwtSecret).toBe('x'.repeat(40));
  });

  it('should drain for 5 s on SIGTERM unless SHUTDOWN_DRAIN_MS says otherwise', () => {
    expect(loadConfig({}).shutdownDrainMs).toBe(5000);
    expect(loadConfig({ SHUTDOWN_DRAIN_MS: '0' }).shutdownDrainMs).toBe(0);
    expect(() => loadConfig({ SHUTDOWN_DRAIN_MS: '-1' })).toThrow(/SHUTDOWN_DRAIN_MS must be a whole number/);
  });

  it('should require ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.org' })).toThrow(/ADMIN_PASSWORD/);
  });

  it('should default the notifications pipeline and validate its variables', () => {
    expect(loadConfig({}).notifications).toEqual({
      outboxPollMs: 500,
      attempts: 10,
      backoffMs: 30000,
      concurrency: 10,
      emailRatePerSecond: 20,
      webhookRatePerSecond: 20,
      lockMs: 30000,
      sweepMs: 60000,
      webhookSecretKey: undefined,
    });
    expect(loadConfig({ EMAIL_RATE_PER_SECOND: '250' }).notifications.emailRatePerSecond).toBe(250);
    expect(() => loadConfig({ NOTIFICATION_ATTEMPTS: '0' })).toThrow(/NOTIFICATION_ATTEMPTS must be between 1 and 50/);
    expect(() => loadConfig({ OUTBOX_POLL_MS: 'soon' })).toThrow(/OUTBOX_POLL_MS must be a whole number/);
    expect(() => loadConfig({ WEBHOOK_SECRET_KEY: 'short' })).toThrow(/WEBHOOK_SECRET_KEY must be at least 32/);
  });
});
