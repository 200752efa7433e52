import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import { BufferedCounters } from '@accord/core';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * The store behind @fastify/rate-limit: BufferedCounters, so no request waits for Redis before it is routed, and
 * the per-client limits still hold across API processes (and, per process, while Redis is down).
 */
export function bufferedRedisStore(redis: Redis, namespace: string, flushMs?: number) {
  const counters = new BufferedCounters(redis, flushMs);

  class BufferedRedisStore implements FastifyRateLimitStore {
    constructor(
      _params?: unknown,
      private readonly prefix = namespace,
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      const { current, ttlMs } = counters.hit(this.prefix + key, timeWindow);
      callback(null, { current, ttl: ttlMs });
    }

    /** A route with a limit of its own counts apart (the plugin passes the route as `routeInfo`, as to its stores). */
    child(routeOptions: object): BufferedRedisStore {
      const route = (routeOptions as { routeInfo?: { method?: string; url?: string } }).routeInfo ?? {};
      return new BufferedRedisStore(undefined, `${this.prefix}${route.method ?? ''}${route.url ?? ''}-`);
    }
  }
  return BufferedRedisStore;
}
