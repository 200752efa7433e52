import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppError, BufferedCounters, REDIS, type AppConfig } from '@accord/core';

/** Addresses whose key is remembered; more than the clients of a busy hour, then started afresh. */
const MAX_REMEMBERED_ADDRESSES = 100_000;

const WINDOW_MS = 60 * 60 * 1000;

/**
 * Registrations per client address per hour, in a fixed window counted across API processes (BufferedCounters: in
 * memory, added to Redis every few milliseconds, so the form never waits for Redis). Tighter than the global limit,
 * because each registration writes rows and sends an email. While Redis is down each process goes on counting on its
 * own: the form stays open and the limit still holds per process.
 */
@Injectable()
export class RegistrationThrottle {
  private readonly counters: BufferedCounters;
  /** Client addresses hashed once (the key must not hold the address itself). */
  private readonly keys = new Map<string, string>();

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.counters = new BufferedCounters(redis);
  }

  hit(clientIp: string): void {
    const { current, ttlMs } = this.counters.hit(this.keyFor(clientIp), WINDOW_MS);
    if (current > this.config.registrationsPerHourPerClient) {
      const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
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

  private keyFor(clientIp: string): string {
    let key = this.keys.get(clientIp);
    if (!key) {
      if (this.keys.size >= MAX_REMEMBERED_ADDRESSES) this.keys.clear();
      key = `${this.config.queuePrefix}:registrations:${createHash('sha256').update(clientIp).digest('hex').slice(0, 32)}`;
      this.keys.set(clientIp, key);
    }
    return key;
  }
}
