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
