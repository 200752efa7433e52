import { WriteBatcher } from './write-batcher.js';

/** A fake database: each statement waits for the test to release it, and records what it was given. */
function fakeStore(options: { failBatchWith?: (items: string[]) => Error | undefined } = {}) {
  const statements: string[][] = [];
  const releases: Array<() => void> = [];
  const gate = () => new Promise<void>((resolve) => releases.push(resolve));
  return {
    statements,
    releaseAll: () => releases.splice(0).forEach((release) => release()),
    async writeBatch(items: string[]) {
      statements.push(items);
      await gate();
      const error = options.failBatchWith?.(items);
      if (error) throw error;
      return items.map((item) => `${item}:batch`);
    },
    async writeOne(item: string) {
      statements.push([item]);
      await gate();
      if (item.startsWith('bad')) throw new Error(`${item} refused`);
      return `${item}:alone`;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Releases statements until every promise has settled. */
async function settle<T>(store: ReturnType<typeof fakeStore>, promises: Array<Promise<T>>) {
  const all = Promise.allSettled(promises);
  let done = false;
  void all.then(() => (done = true));
  while (!done) {
    store.releaseAll();
    await tick();
  }
  return all;
}

describe('WriteBatcher', () => {
  it('should write an item in the turn it arrives, and batch the items that arrive while a statement runs', async () => {
    const store = fakeStore();
    const batcher = new WriteBatcher({ ...store, maxInFlight: 1, maxBatch: 10 });
    const results = [batcher.write('a')];
    await tick();
    expect(store.statements).toEqual([['a']]); // started alone, without waiting for company
    results.push(...['b', 'c', 'd'].map((item) => batcher.write(item)));
    const settled = await settle(store, results);
    expect(store.statements).toEqual([['a'], ['b', 'c', 'd']]);
    expect(settled.map((s) => (s as PromiseFulfilledResult<string>).value)).toEqual([
      'a:alone',
      'b:batch',
      'c:batch',
      'd:batch',
    ]);
    expect(batcher.stats).toEqual({ statements: 2, items: 4, fallbacks: 0 });
  });

  it('should write a burst that arrives in one turn of the event loop in one statement, even when idle', async () => {
    const store = fakeStore();
    const batcher = new WriteBatcher({ ...store, maxInFlight: 4, maxBatch: 10 });
    const results = ['a', 'b', 'c'].map((item) => batcher.write(item));
    expect(store.statements).toEqual([]); // nothing yet: the rest of the burst may still be on the sockets
    await tick();
    expect(store.statements).toEqual([['a', 'b', 'c']]);
    await settle(store, results);
    expect(batcher.stats).toEqual({ statements: 1, items: 3, fallbacks: 0 });
  });

  it('should never put two items with the same key in one statement, and cap the batch size', async () => {
    const store = fakeStore();
    const batcher = new WriteBatcher({ ...store, keyOf: (i: string) => i[0], maxInFlight: 1, maxBatch: 2 });
    const results = ['x0', 'a1', 'a2', 'b1', 'c1'].map((item) => batcher.write(item));
    await settle(store, results);
    expect(store.statements).toEqual([['x0', 'a1'], ['a2', 'b1'], ['c1']]);
  });

  it('should write every item of a failed statement on its own, each getting its own outcome', async () => {
    const store = fakeStore({
      failBatchWith: (items) => (items.includes('bad') ? new Error('constraint') : undefined),
    });
    const batcher = new WriteBatcher({ ...store, maxInFlight: 1, maxBatch: 10 });
    const settled = await settle(
      store,
      ['first', 'ok1', 'bad', 'ok2'].map((item) => batcher.write(item)),
    );
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([
      'first:alone',
      'ok1:alone',
      'bad refused',
      'ok2:alone',
    ]);
    expect(batcher.stats.fallbacks).toBe(1);
  });

  it('should fail the whole batch at once when the error says retrying alone is pointless', async () => {
    const store = fakeStore({ failBatchWith: () => new Error('ECONNREFUSED') });
    const batcher = new WriteBatcher({ ...store, retryAlone: () => false, maxInFlight: 1, maxBatch: 10 });
    const first = batcher.write('first');
    await tick();
    const settled = await settle(store, [first, ...['b', 'c'].map((item) => batcher.write(item))]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(store.statements).toEqual([['first'], ['b', 'c']]); // not written again one by one
  });

  it('should start another statement only once the running one has stalled for stallMs', async () => {
    const store = fakeStore();
    const batcher = new WriteBatcher({ ...store, maxInFlight: 3, stallMs: 30, maxBatch: 10 });
    const first = batcher.write('stuck');
    await tick();
    const second = batcher.write('next');
    await tick();
    expect(store.statements).toEqual([['stuck']]); // the running statement is young: 'next' waits for it
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(store.statements).toEqual([['stuck'], ['next']]); // it stalled: a second lane opened
    await settle(store, [first, second]);
  });
});
