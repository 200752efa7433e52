/**
 * Runs async work one at a time per key, within this process. Requests that will queue on one database row lock
 * anyway (a rush on one session's seats) wait here instead of each holding a pooled connection while PostgreSQL
 * makes them wait, so a rush on one session cannot starve every other request of connections. The row lock still
 * decides between processes.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
