import { load, median, type LoadOptions, type LoadResult } from './load.js';

export interface Comparison {
  name: string;
  target: LoadResult;
  baseline: LoadResult;
  /** Median over rounds of target req/s ÷ baseline req/s. */
  ratio: number;
  rounds: Array<{ target: LoadResult; baseline: LoadResult }>;
}

export interface CompareSettings {
  rounds: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/**
 * Loads the target and the baseline alternately with the same client settings (after a warm-up of each), so a
 * slow minute of the machine hits both, and reports the median ratio of the rounds.
 */
export async function compare(
  name: string,
  target: Omit<LoadOptions, 'durationSeconds'>,
  baseline: Omit<LoadOptions, 'durationSeconds'>,
  settings: CompareSettings,
): Promise<Comparison> {
  await load({ ...baseline, durationSeconds: settings.warmupSeconds });
  await load({ ...target, durationSeconds: settings.warmupSeconds });
  const rounds: Comparison['rounds'] = [];
  for (let i = 0; i < settings.rounds; i++) {
    const b = await load({ ...baseline, durationSeconds: settings.durationSeconds });
    const t = await load({ ...target, durationSeconds: settings.durationSeconds });
    rounds.push({ target: t, baseline: b });
  }
  const ratio = median(rounds.map((r) => r.target.requestsPerSecond / r.baseline.requestsPerSecond));
  const pick = (key: 'target' | 'baseline'): LoadResult => {
    const results = rounds.map((r) => r[key]);
    return {
      requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
      p50: median(results.map((r) => r.p50)),
      p99: median(results.map((r) => r.p99)),
      total: results.reduce((a, r) => a + r.total, 0),
      non2xx: results.reduce((a, r) => a + r.non2xx, 0),
      errors: results.reduce((a, r) => a + r.errors, 0),
      statusCounts: results.reduce<Record<string, number>>((acc, r) => {
        for (const [k, v] of Object.entries(r.statusCounts)) acc[k] = (acc[k] ?? 0) + v;
        return acc;
      }, {}),
    };
  };
  return { name, target: pick('target'), baseline: pick('baseline'), ratio, rounds };
}
