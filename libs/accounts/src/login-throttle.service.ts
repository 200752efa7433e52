import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppError, REDIS, type AppConfig } from '@accord/core';

const FIRST_LOCKOUT_SECONDS = 30;
const MAX_LOCKOUT_SECONDS = 15 * 60;
const FAILURE_MEMORY_SECONDS = 60 * 60;
/** A client address may be shared (a delegation's hotel network), so it tolerates more failures than an account. */
const CLIENT_FACTOR = 4;

const hash = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

/**
 * Exponential lockout after repeated failed logins, per account and per client address, kept in Redis so it holds
 * across API processes. When Redis is unreachable it lets logins through (argon2id still makes guessing slow).
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('LoginThrottle');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, clientIp: string) {
    const prefix = `${this.config.queuePrefix}:login`;
    return [
      { key: `${prefix}:account:${hash(email.toLowerCase())}`, threshold: this.config.loginFailuresBeforeLockout },
      { key: `${prefix}:client:${hash(clientIp)}`, threshold: this.config.loginFailuresBeforeLockout * CLIENT_FACTOR },
    ];
  }

  /** Throws 429 with Retry-After while the account or the client is locked out. */
  async assertAllowed(email: string, clientIp: string): Promise<void> {
    try {
      const ttls = await Promise.all(this.keys(email, clientIp).map(({ key }) => this.redis.pttl(`${key}:lock`)));
      const wait = Math.max(...ttls);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        throw new AppError(429, 'AUTH.LOCKED_OUT', `Too many failed logins; try again in ${seconds} s`, {
          retryAfterSeconds: seconds,
        });
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      this.logger.warn('login throttle unavailable (Redis); allowing the attempt');
    }
  }

  async recordFailure(email: string, clientIp: string): Promise<void> {
    try {
      for (const { key, threshold } of this.keys(email, clientIp)) {
        const failures = await this.redis.incr(key);
        await this.redis.expire(key, FAILURE_MEMORY_SECONDS);
        if (failures >= threshold) {
          const seconds = Math.min(FIRST_LOCKOUT_SECONDS * 2 ** (failures - threshold), MAX_LOCKOUT_SECONDS);
          await this.redis.set(`${key}:lock`, '1', 'EX', seconds);
        }
      }
    } catch {
      this.logger.warn('login throttle unavailable (Redis); failure not counted');
    }
  }

  async recordSuccess(email: string, clientIp: string): Promise<void> {
    const [account] = this.keys(email, clientIp);
    await this.redis.del(account!.key).catch(() => undefined);
  }
}
