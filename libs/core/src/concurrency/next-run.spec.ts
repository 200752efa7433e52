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

  it('should say whether a call may still be unserved, and wait for every run due', async () => {
    const releases: Array<() => void> = [];
    const finished: string[] = [];
    const runs = new NextRun<string, void>(async (key) => {
      await new Promise<void>((resolve) => releases.push(resolve));
      finished.push(key);
    });
    expect(runs.pending('a')).toBe(false);
    void runs.after('a');
    void runs.after('a'); // shares the next run, due after the first
    expect(runs.pending('a')).toBe(true);
    expect(runs.pending('b')).toBe(false);
    let idle = false;
    const waiting = runs.idle().then(() => (idle = true));
    releases.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toEqual(['a']);
    expect(idle).toBe(false); // the second run, due, has not finished
    expect(runs.pending('a')).toBe(true);
    releases.shift()!();
    await waiting;
    expect(finished).toEqual(['a', 'a']);
    expect(runs.pending('a')).toBe(false);
  });
});
