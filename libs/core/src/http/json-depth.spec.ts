import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';

/** `depth` levels of objects and arrays in turn around a leaf (built without recursion). */
function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let level = 1; level <= depth; level++) value = level % 2 ? [value] : { a: value };
  return value;
}

describe('nestsDeeperThan', () => {
  it('should count objects and arrays alike, up to the limit and past it', () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(nestsDeeperThan(nested(100_000))).toBe(true); // no recursion: no stack to overflow
    expect(nestsDeeperThan({ wide: Array.from({ length: 1000 }, () => ({ x: [1, 2] })) })).toBe(false);
  });

  it('should find the deep branch wherever it is', () => {
    expect(nestsDeeperThan({ a: 1, b: [2, { c: nested(MAX_JSON_DEPTH - 1) }], d: 'x' })).toBe(true);
  });

  it('should not walk what is not JSON: primitives, buffers, class instances', () => {
    expect(nestsDeeperThan(undefined)).toBe(false);
    expect(nestsDeeperThan('deep')).toBe(false);
    expect(nestsDeeperThan(Buffer.alloc(10_000_000))).toBe(false);
    expect(nestsDeeperThan({ file: Buffer.alloc(10), date: new Date(0) }, 1)).toBe(false);
  });
});
