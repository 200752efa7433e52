import { settledWithin } from './settled-within.js';

describe('settledWithin', () => {
  it('should resolve when the promise settles, fulfilled or rejected, before the time is up', async () => {
    await expect(settledWithin(Promise.resolve('done'), 60_000)).resolves.toBeUndefined();
    await expect(settledWithin(Promise.reject(new Error('failed')), 60_000)).resolves.toBeUndefined();
  });

  it('should resolve once the time is up when the promise never settles', async () => {
    await expect(settledWithin(new Promise(() => undefined), 20)).resolves.toBeUndefined();
  });
});
