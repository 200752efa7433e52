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
 * slow minute of the machine hits both, and reports the median ratio of the rounds. Many short rounds rather than
 * a few long ones: the machine's phases last seconds, and a median of more rounds is moved less by one bad pair.
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
    // The order alternates (baseline first, then target first, …): on a machine that speeds up or slows down over
    // the minute, whichever server always went second would always meet the later machine.
    const first = i % 2 === 0 ? baseline : target;
    const second = i % 2 === 0 ? target : baseline;
    const a = await load({ ...first, durationSeconds: settings.durationSeconds });
    const b = await load({ ...second, durationSeconds: settings.durationSeconds });
    rounds.push(i % 2 === 0 ? { baseline: a, target: b } : { target: a, baseline: b });
  }
  return summarise(name, rounds);
}

/**
 * One comparison from several, over all their rounds: for rounds run against different processes of the same two
 * programs (a process keeps for its whole life the speed it started with; see the summary benchmark).
 */
export function combine(name: string, comparisons: readonly Comparison[]): Comparison {
  return summarise(
    name,
    comparisons.flatMap((c) => c.rounds),
  );
}

function summarise(name: string, rounds: Comparison['rounds']): Comparison {
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

/**
 * Every round as "target/baseline req/s", e.g. "35.6k/41.5k 33.1k/40.2k …": the median hides how far the rounds
 * were apart, and on a machine that runs in phases that spread is the first thing to look at.
 */
export function describeRounds(comparison: Comparison): string {
  const k = (n: number): string => `${(n / 1000).toFixed(1)}k`;
  return comparison.rounds.map((r) => `${k(r.target.requestsPerSecond)}/${k(r.baseline.requestsPerSecond)}`).join(' ');
}

/** A ratio as a percentage with one decimal: a target's line is 40 %, and 39.6 % must not print as "40 %". */
export const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;
