import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';

/** How often a process adds its requests to the shared counters in Redis. */
export const RATE_LIMIT_FLUSH_MS = 20;

// Adds each key's requests and starts its window if the key is new; returns every key's total and time left (ms).
// One script call per flush for all the keys counted meanwhile, however many requests they were.
const ADD = `
local out = {}
for i, key in ipairs(KEYS) do
  local total = redis.call('INCRBY', key, ARGV[i * 2 - 1])
  redis.call('PEXPIRE', key, ARGV[i * 2], 'NX')
  out[i * 2 - 1] = total
  out[i * 2] = redis.call('PTTL', key)
end
return out`;

interface Counter {
  /** The total in Redis at the last flush (every process's requests). */
  shared: number;
  /** Counted here and sent with a flush not yet answered. */
  sending: number;
  /** Counted here since. */
  pending: number;
  windowMs: number;
  /** When the window ends (Date.now() clock). */
  endsAt: number;
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

type AddingRedis = Redis & { accordRateLimitAdd(...args: Array<string | number>): Promise<number[]> };

/**
 * A store for @fastify/rate-limit that counts in memory and adds the counts to Redis every RATE_LIMIT_FLUSH_MS, all
 * keys in one round trip. Each request is decided at once from the shared total of the last flush plus what this
 * process counted since: no request waits for Redis (before, every request of every route waited for a script call
 * of its own before routing), and the limits still hold across API processes, give or take one flush interval's
 * requests to each process (a process learns the others' counts with its own next flush). When Redis is unreachable each process keeps limiting with its own counts (the
 * counts are added once it is back); a window is the one Redis keeps for the key (fixed, from its first request).
 */
export function bufferedRedisStore(redis: Redis, namespace: string, flushMs = RATE_LIMIT_FLUSH_MS) {
  if (!('accordRateLimitAdd' in redis)) redis.defineCommand('accordRateLimitAdd', { lua: ADD });
  const counters = new Map<string, Counter>();
  let timer: NodeJS.Timeout | undefined;

  const flush = async () => {
    timer = undefined;
    const now = Date.now();
    const batch: Array<[string, Counter, number]> = [];
    for (const [key, counter] of counters) {
      if (counter.pending > 0) {
        batch.push([key, counter, counter.pending]);
        counter.sending += counter.pending;
        counter.pending = 0;
      } else if (counter.sending === 0 && now >= counter.endsAt) {
        counters.delete(key); // its window is over and nothing is left to send
      }
    }
    if (batch.length === 0) return;
    const args = batch.flatMap(([, counter, amount]) => [amount, counter.windowMs]);
    try {
      const reply = await (redis as AddingRedis).accordRateLimitAdd(
        batch.length,
        ...batch.map(([key]) => key),
        ...args,
      );
      const answeredAt = Date.now();
      batch.forEach(([, counter, amount], i) => {
        counter.sending -= amount;
        counter.shared = Number(reply[i * 2]);
        const ttl = Number(reply[i * 2 + 1]);
        if (ttl > 0) counter.endsAt = answeredAt + ttl;
      });
    } catch {
      // Redis unreachable: the counts go with the next flush; meanwhile this process's own counts still limit.
      for (const [, counter, amount] of batch) {
        counter.sending -= amount;
        counter.pending += amount;
      }
    }
    if (counters.size && !timer) schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => void flush(), flushMs);
    timer.unref();
  };

  class BufferedRedisStore implements FastifyRateLimitStore {
    constructor(
      _params?: unknown,
      private readonly prefix = namespace,
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = Date.now();
      const id = this.prefix + key;
      let counter = counters.get(id);
      if (!counter || (now >= counter.endsAt && counter.sending === 0)) {
        counter = { shared: 0, sending: 0, pending: 0, windowMs: timeWindow, endsAt: now + timeWindow };
        counters.set(id, counter);
      }
      counter.pending += 1;
      if (!timer) schedule();
      callback(null, {
        current: counter.shared + counter.sending + counter.pending,
        ttl: Math.max(0, counter.endsAt - now),
      });
    }

    /** A route with a limit of its own counts apart (the plugin passes the route as `routeInfo`, as to its stores). */
    child(routeOptions: object): BufferedRedisStore {
      const route = (routeOptions as { routeInfo?: { method?: string; url?: string } }).routeInfo ?? {};
      return new BufferedRedisStore(undefined, `${this.prefix}${route.method ?? ''}${route.url ?? ''}-`);
    }
  }
  return BufferedRedisStore;
}
