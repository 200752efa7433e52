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
  /** When the window ends (Date.now() clock). */
  endsAt: number;
}

type AddingRedis = Redis & { accordRateLimitAdd(...args: Array<string | number>): Promise<number[]> };

/** A request counted: the count in its window so far (this one included) and the time left in it. */
export interface Hit {
  current: number;
  ttlMs: number;
}

/**
 * Counters per key in fixed windows, shared by every API process through Redis but counted in memory: `hit` decides
 * at once from the shared total of the last flush plus what this process counted since, and every
 * RATE_LIMIT_FLUSH_MS the counts are added to Redis (all keys in one round trip), which answers the new totals. So
 * no request waits for Redis (before, every request waited for a script call of its own), and a limit holds across
 * processes give or take one flush interval's requests to each (a process learns the others' counts with its own
 * next flush). While Redis is unreachable each process goes on counting on its own and adds its counts once Redis is
 * back. A window is the one Redis keeps for the key, from the first request any process counted in it.
 */
export class BufferedCounters {
  private readonly counters = new Map<string, Counter>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly flushMs = RATE_LIMIT_FLUSH_MS,
  ) {
    if (!('accordRateLimitAdd' in redis)) redis.defineCommand('accordRateLimitAdd', { lua: ADD });
  }

  hit(key: string, windowMs: number): Hit {
    const now = Date.now();
    let counter = this.counters.get(key);
    if (!counter || (now >= counter.endsAt && counter.sending === 0)) {
      counter = { shared: 0, sending: 0, pending: 0, endsAt: now + windowMs };
      this.counters.set(key, counter);
    }
    counter.pending += 1;
    if (!this.timer) this.schedule();
    return { current: counter.shared + counter.sending + counter.pending, ttlMs: Math.max(0, counter.endsAt - now) };
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const now = Date.now();
    const batch: Array<[string, Counter, number]> = [];
    for (const [key, counter] of this.counters) {
      if (counter.pending > 0) {
        batch.push([key, counter, counter.pending]);
        counter.sending += counter.pending;
        counter.pending = 0;
      } else if (counter.sending === 0 && now >= counter.endsAt) {
        this.counters.delete(key); // its window is over and nothing is left to send
      }
    }
    if (batch.length === 0) return;
    // A key new to Redis gets the time left of the window that began with its first request here, not a whole
    // window from the flush: a flush delayed by a busy event loop must not stretch the window by the delay.
    const args = batch.flatMap(([, counter, amount]) => [amount, Math.max(1, counter.endsAt - now)]);
    try {
      const reply = await (this.redis as AddingRedis).accordRateLimitAdd(
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
    if (this.counters.size && !this.timer) this.schedule();
  }
}
