import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { bufferedRedisStore } from '../../apps/api/src/rate-limit-store.js';
import { PrivateRedis } from '../support/private-redis.js';
import { waitFor } from '../support/wait-for.js';

type Store = InstanceType<ReturnType<typeof bufferedRedisStore>>;

/**
 * Once Redis holds a flush's total, the answer is on its way to the process that flushed: time enough for it to
 * arrive on a busy machine (waiting longer changes nothing, as a process with nothing counted does not flush).
 */
const FLUSH_ANSWER_MS = 100;

/** One request counted by a store: its count and time left, as the plugin sees them. */
const hit = (store: Store, key: string, windowMs = 60_000) =>
  new Promise<{ current: number; ttl: number }>((resolve, reject) =>
    store.incr(key, (error, result) => (error ? reject(error) : resolve(result!)), windowMs),
  );

/**
 * The rate-limit store counts in memory and adds the counts to Redis every few milliseconds: these check that the
 * limits still hold across API processes (two stores, two Redis clients), that windows end, and that a process
 * keeps limiting while Redis is down.
 */
describe('Buffered rate-limit store (real Redis)', () => {
  const clients: Redis[] = [];
  const redis = () => {
    const client = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    clients.push(client);
    return client;
  };
  afterAll(() => clients.forEach((c) => c.disconnect()));

  it("should count every request of a process at once, and the other processes' from its next flush on", async () => {
    const namespace = `test_${randomBytes(4).toString('hex')}:rate:`;
    const Api1 = bufferedRedisStore(redis(), namespace, 10);
    const Api2 = bufferedRedisStore(redis(), namespace, 10);
    const [one, two] = [new Api1(), new Api2()];
    const first = await Promise.all(Array.from({ length: 5 }, () => hit(one, '203.0.113.7')));
    expect(first.map((r) => r.current)).toEqual([1, 2, 3, 4, 5]); // decided at once, in order
    const reader = redis();
    await waitFor(
      () => reader.get(`${namespace}203.0.113.7`),
      (v) => v === '5',
      { what: 'the flush' },
    );
    expect(await reader.pttl(`${namespace}203.0.113.7`)).toBeGreaterThan(59_000); // the window began in Redis
    // The second process learns the first's count with its own first flush, then counts on from the total.
    expect((await hit(two, '203.0.113.7')).current).toBe(1);
    await waitFor(
      () => reader.get(`${namespace}203.0.113.7`),
      (v) => v === '6',
      { what: 'the second flush' },
    );
    await new Promise((resolve) => setTimeout(resolve, FLUSH_ANSWER_MS));
    expect((await hit(two, '203.0.113.7')).current).toBe(7);
    await new Promise((resolve) => setTimeout(resolve, FLUSH_ANSWER_MS));
    // The first process decides from the total of its own last flush (5) until the next one tells it the rest.
    expect((await hit(one, '203.0.113.7')).current).toBe(6);
    await waitFor(
      () => reader.get(`${namespace}203.0.113.7`),
      (v) => v === '8',
      { what: 'the third flush' },
    );
    await new Promise((resolve) => setTimeout(resolve, FLUSH_ANSWER_MS));
    expect((await hit(one, '203.0.113.7')).current).toBe(9);
    expect((await hit(one, '198.51.100.1')).current).toBe(1); // keys apart
  });

  it('should start a new window once the key expires', async () => {
    const namespace = `test_${randomBytes(4).toString('hex')}:rate:`;
    const Store = bufferedRedisStore(redis(), namespace, 5);
    const store = new Store();
    const WINDOW_MS = 1_000; // long enough for the key to be seen in Redis however late the flush on a busy machine
    expect((await hit(store, 'k', WINDOW_MS)).current).toBe(1);
    expect((await hit(store, 'k', WINDOW_MS)).current).toBe(2);
    // Past the window: the flush wrote the key, Redis has let it go, and a little more for this process's own end
    // of the window, which it took from Redis's answer.
    const reader = redis();
    await waitFor(
      () => reader.get(`${namespace}k`),
      (v) => v === '2',
      { what: 'the flush' },
    );
    await waitFor(
      () => reader.exists(`${namespace}k`),
      (n) => n === 0,
      { what: 'the end of the window' },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fresh = await hit(store, 'k', WINDOW_MS);
    expect(fresh.current).toBe(1);
    expect(fresh.ttl).toBeLessThanOrEqual(WINDOW_MS);
  });

  it('should start the window in Redis at the first request, not at a late flush', async () => {
    const namespace = `test_${randomBytes(4).toString('hex')}:rate:`;
    const Store = bufferedRedisStore(redis(), namespace, 300); // a flush 300 ms after the first request
    const store = new Store();
    expect((await hit(store, 'k', 1_000)).current).toBe(1);
    const reader = redis();
    const ttl = await waitFor(
      () => reader.pttl(`${namespace}k`),
      (ms) => ms > 0,
      { what: 'the flush' },
    );
    expect(ttl).toBeLessThanOrEqual(700); // what was left of the window, not a whole window from the flush
  });

  it('should keep limiting with its own counts while Redis is down, and add them once it is back', async () => {
    const own = await PrivateRedis.start();
    try {
      const namespace = 'rate:';
      const client = new Redis(own.url, {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        retryStrategy: () => 100,
      });
      client.on('error', () => undefined);
      clients.push(client);
      const Store = bufferedRedisStore(client, namespace, 10);
      const store = new Store();
      expect((await hit(store, 'k')).current).toBe(1);
      await own.down();
      for (let i = 2; i <= 4; i++) expect((await hit(store, 'k')).current).toBe(i);
      await new Promise((resolve) => setTimeout(resolve, 50)); // flushes fail meanwhile
      expect((await hit(store, 'k')).current).toBe(5);
      await own.up();
      const reader = new Redis(own.url);
      clients.push(reader);
      await waitFor(
        () => reader.get('rate:k'),
        (v) => v !== null && Number(v) >= 4,
        { timeoutMs: 10_000, what: 'the counts' },
      );
    } finally {
      await own.down();
    }
  });
});
