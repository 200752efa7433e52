import { retryWhileUnavailable } from './retry-while-unavailable.js';

const unreachable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/** A clock that only moves when the code under test sleeps: no real waiting. */
function fakeClock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

describe('retryWhileUnavailable', () => {
  it('should retry the write until PostgreSQL is reachable again', async () => {
    let calls = 0;
    const write = async () => {
      calls += 1;
      if (calls < 4) throw unreachable();
      return 'recorded';
    };
    await expect(retryWhileUnavailable(write, { budgetMs: 30_000, ...fakeClock() })).resolves.toBe('recorded');
    expect(calls).toBe(4);
  });

  it('should throw at once when the error is not an outage', async () => {
    let calls = 0;
    const write = async () => {
      calls += 1;
      throw new TypeError('bug');
    };
    await expect(retryWhileUnavailable(write, { budgetMs: 30_000, ...fakeClock() })).rejects.toThrow('bug');
    expect(calls).toBe(1);
  });

  it('should give up with the last error when the outage outlasts the budget', async () => {
    const clock = fakeClock();
    const write = async () => {
      throw unreachable();
    };
    await expect(retryWhileUnavailable(write, { budgetMs: 10_000, ...clock })).rejects.toThrow('ECONNREFUSED');
    expect(clock.now()).toBeLessThanOrEqual(10_000);
  });
});
