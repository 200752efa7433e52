import { NextRun } from './next-run.js';

describe('NextRun', () => {
  it('should run once for a burst of calls, after the run in progress, and never before a call', async () => {
    const started: number[] = [];
    let calls = 0;
    const releases: Array<() => void> = [];
    const runs = new NextRun<string, number>(async () => {
      started.push(calls);
      await new Promise<void>((resolve) => releases.push(resolve));
      return started.length;
    });
    calls = 1;
    const first = runs.after('e');
    calls = 5; // four more calls while the first run is in progress
    const burst = [runs.after('e'), runs.after('e'), runs.after('e'), runs.after('e')];
    expect(started).toEqual([1]);
    releases.shift()!();
    expect(await first).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 5]); // the second run began after every call of the burst
    releases.shift()!();
    expect(await Promise.all(burst)).toEqual([2, 2, 2, 2]);
  });

  it('should run again for a call made after the runs have finished, and keep keys apart', async () => {
    const seen: string[] = [];
    const runs = new NextRun<string, void>(async (key) => {
      seen.push(key);
    });
    await Promise.all([runs.after('a'), runs.after('b')]);
    await runs.after('a');
    expect(seen).toEqual(['a', 'b', 'a']);
  });
});
