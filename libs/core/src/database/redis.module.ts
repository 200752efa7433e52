import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG } from '../config/config.token.js';
import type { AppConfig } from '../config/app-config.js';

export const REDIS = Symbol('REDIS');

/** Options shared by every Redis client of Accord: fail fast while Redis is down instead of queueing commands. */
export function redisOptions(url: string) {
  return {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
    ...(url.startsWith('rediss:') ? { tls: {} } : {}),
  };
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

/** One general-purpose Redis client (health checks, caches, rate limits, pub/sub publishing). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        // A Redis that hangs (frozen, or a network partition that keeps the socket open) must not hang requests:
        // rate limits and throttles fail open after this, readiness reports it. Blocking BullMQ commands use
        // connections of their own without it.
        // Auto-pipelining: commands issued in the same tick (the rate limits of concurrent requests) go out in one
        // write, which under load saves the API a good share of its system calls.
        const redis = new Redis(config.redisUrl, {
          ...redisOptions(config.redisUrl),
          commandTimeout: 1000,
          enableAutoPipelining: true,
        });
        redis.on('error', () => undefined); // reconnection is automatic; readiness reports the outage
        // Give the first connection a moment so the process is ready when it starts; never block start-up on it.
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            redis.off('ready', done);
            resolve();
          };
          const timer = setTimeout(done, 2000);
          redis.once('ready', done);
        });
        return redis;
      },
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
