import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppError, REDIS, type AppConfig } from '@accord/core';

const WINDOW_SECONDS = 60 * 60;

// One command (EVALSHA) instead of MULTI/INCR/EXPIRE/TTL/EXEC: the same window, atomic, a single reply to parse.
const HIT = `
local count = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1], 'NX')
return {count, redis.call('TTL', KEYS[1])}`;

type ThrottledRedis = Redis & { accordRegistrationHit(key: string, windowSeconds: number): Promise<[number, number]> };

/**
 * Registrations per client address per hour, counted in Redis so the limit holds across API processes (a fixed
 * window: INCR, and EXPIRE on the first hit). Tighter than the global limit, because each registration writes rows
 * and sends an email. When Redis is down it lets the registration through: the form matters more than the limit.
 */
@Injectable()
export class RegistrationThrottle {
  private readonly logger = new Logger('RegistrationThrottle');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    if (!('accordRegistrationHit' in redis))
      redis.defineCommand('accordRegistrationHit', { numberOfKeys: 1, lua: HIT });
  }

  async hit(clientIp: string): Promise<void> {
    const key = `${this.config.queuePrefix}:registrations:${createHash('sha256').update(clientIp).digest('hex').slice(0, 32)}`;
    let count: number;
    let ttl: number;
    try {
      [count, ttl] = await (this.redis as ThrottledRedis).accordRegistrationHit(key, WINDOW_SECONDS);
    } catch {
      this.logger.warn('registration throttle unavailable (Redis); allowing the registration');
      return;
    }
    if (count > this.config.registrationsPerHourPerClient) {
      const seconds = Math.max(1, ttl);
      throw new AppError(
        429,
        'RATE_LIMIT.EXCEEDED',
        `Too many registrations from this address; retry in ${seconds} s`,
        {
          retryAfterSeconds: seconds,
        },
      );
    }
  }
}
