/**
 * Runs `concurrency` clients, each calling `one` again as soon as its previous call ended, until `stop()` says so;
 * returns every result. Bounded by `maxMs` whatever `stop` says.
 */
export async function loadLoop<T>(
  concurrency: number,
  one: (client: number) => Promise<T>,
  stop: () => boolean,
  maxMs = 120_000,
): Promise<T[]> {
  const results: T[] = [];
  const deadline = Date.now() + maxMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      while (!stop() && Date.now() < deadline) results.push(await one(client));
    }),
  );
  return results;
}

/** The p-th percentile (0–100) of the values, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
