/**
 * Polls a condition until it holds (or fails with the last value seen). For waiting on asynchronous work — a mail
 * arriving, a delivery becoming sent — never as a timing assertion.
 */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  accept: (value: T) => boolean = Boolean,
  { timeoutMs = 30_000, intervalMs = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (accept(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Checks that `pending` waits for `release`: still unsettled a moment after the call, settled once released. Throws
 * if it settles first (a shutdown hook that does not wait for the work it should).
 */
export async function settlesOnlyAfter(pending: Promise<unknown>, release: () => void): Promise<void> {
  let settled = false;
  void pending.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  if (settled) throw new Error('settled before the release');
  release();
  await pending;
}
