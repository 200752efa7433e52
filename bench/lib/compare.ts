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
 * The pairs of processes a benchmark of a hot path spreads its rounds over. A Node process keeps for its whole life
 * the speed it started with: in one rotation of three API processes, one answered 304s at 79 % of bare Fastify and
 * the others at 93–95 %; in one run the bare process answered 75–84k/s in seven rounds of eight, where others
 * answer 96–104k; in one full run the registration API answered 3.1–3.7k/s in all eight rounds where fresh
 * processes before and after answered 3.7–4.3k against the same baseline (4 and 5 December 2026,
 * docs/operations.md). With one process of each, a run measured which states its two processes drew; over four
 * pairs started afresh, the median of the rounds measures the programs.
 */
export const PROCESS_PAIRS = 4;

/** A pair of servers started for some rounds of a comparison, and how to stop them. */
export interface ProcessPair {
  target: Omit<LoadOptions, 'durationSeconds'>;
  baseline: Omit<LoadOptions, 'durationSeconds'>;
  stop(): Promise<void>;
}

/**
 * `compare` with its rounds spread over PROCESS_PAIRS pairs of processes, each started by `startPair` and stopped
 * after its share of the rounds (and its own warm-up). Symmetric: the baseline is restarted as often as the target.
 */
export async function compareOverProcessPairs(
  name: string,
  startPair: () => Promise<ProcessPair>,
  settings: CompareSettings,
): Promise<Comparison> {
  const comparisons: Comparison[] = [];
  await forEachProcessPair(settings, async (share) => {
    const { target, baseline, stop } = await startPair();
    try {
      comparisons.push(await compare(name, target, baseline, share));
    } finally {
      await stop();
    }
  });
  return combine(name, comparisons);
}

/**
 * Runs `pair` once per pair of processes (PROCESS_PAIRS, at most one per round), each time with its share of the
 * rounds: for a benchmark that starts its own pair and measures it more than one way (the summary's 200s and 304s).
 */
export async function forEachProcessPair(
  settings: CompareSettings,
  pair: (share: CompareSettings) => Promise<void>,
): Promise<void> {
  const pairs = Math.min(PROCESS_PAIRS, settings.rounds);
  const share = { ...settings, rounds: Math.ceil(settings.rounds / pairs) };
  for (let i = 0; i < pairs; i++) await pair(share);
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

/** The figures every comparison prints: both servers' req/s, the ratio, each round's pair, the target's latency. */
export function comparisonMetrics(result: Comparison): Record<string, number | string> {
  return {
    'req/s': Math.round(result.target.requestsPerSecond),
    'baseline req/s': Math.round(result.baseline.requestsPerSecond),
    ratio: Number(result.ratio.toFixed(3)),
    rounds: describeRounds(result),
    'p50 ms': result.target.p50,
    'p99 ms': result.target.p99,
  };
}
