interface Runs<R> {
  running: Promise<R>;
  next?: Promise<R>;
}

/**
 * Per key, a task that each caller needs run once after its call (a count after a commit, an invalidation after a
 * change): one run at a time per key, and every call made while one runs shares the next, which begins after all
 * of them. A burst of N calls costs two runs, not N, and no call waits for more than the run in progress and its
 * own. `run` must not reject (callers share its result).
 */
export class NextRun<K, R> {
  private readonly runs = new Map<K, Runs<R>>();

  constructor(private readonly run: (key: K) => Promise<R>) {}

  after(key: K): Promise<R> {
    const runs = this.runs.get(key);
    if (!runs) return this.start(key);
    // The run in progress may have begun before this call: the next one, shared, begins after it.
    runs.next ??= runs.running.then(() => this.start(key));
    return runs.next;
  }

  /** Whether a run for `key` is in progress or due: a call made before now may not have been served yet. */
  pending(key: K): boolean {
    return this.runs.has(key);
  }

  /** Resolves once every run in progress or due now has finished (for shutdown, and for tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.runs.values()].map((runs) => runs.next ?? runs.running));
  }

  private start(key: K): Promise<R> {
    const runs: Runs<R> = { running: this.run(key) };
    this.runs.set(key, runs);
    void runs.running.then(() => {
      if (this.runs.get(key) === runs && !runs.next) this.runs.delete(key);
    });
    return runs.running;
  }
}
