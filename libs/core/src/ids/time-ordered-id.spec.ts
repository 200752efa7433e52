import { secureRandomBytes, timeOrderedId } from './time-ordered-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('should be a version 7 UUID carrying the time in milliseconds when generated', () => {
    const at = Date.UTC(2025, 9, 25, 2, 0, 0, 123);
    const id = timeOrderedId(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('should sort by time and never repeat when many are generated', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => timeOrderedId(1_700_000_000_000 + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    const firstOfEachMs = ids.filter((_, i) => i % 100 === 0);
    expect([...firstOfEachMs].sort()).toEqual(firstOfEachMs);
  });
});

describe('secureRandomBytes', () => {
  it('should hand out distinct bytes across pool refills when asked many times', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => secureRandomBytes(16).toString('hex')));
    expect(seen.size).toBe(2000);
    expect(secureRandomBytes(10_000)).toHaveLength(10_000);
  });
});
