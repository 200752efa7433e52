import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppError, REDIS, type AppConfig } from '@accord/core';

const WINDOW_SECONDS = 60 * 60;

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
  ) {}

  async hit(clientIp: string): Promise<void> {
    const key = `${this.config.queuePrefix}:registrations:${createHash('sha256').update(clientIp).digest('hex').slice(0, 32)}`;
    let count: number;
    let ttl: number;
    try {
      const results = await this.redis.multi().incr(key).expire(key, WINDOW_SECONDS, 'NX').ttl(key).exec();
      count = Number(results?.[0]?.[1]);
      ttl = Number(results?.[2]?.[1]);
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
