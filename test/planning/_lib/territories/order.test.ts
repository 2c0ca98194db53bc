// orderHeaviestFirst (src/planning/_lib/territories/order.ts): the radix sort behind the
// order of the pieces, against a comparison sort, with keys at every digit boundary.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderHeaviestFirst } from '../../../../src/planning/_lib/territories/order.js';

/** The expected order: by key descending, equal keys by index. */
const bySort = (keys: readonly number[]): number[] => keys.map((k, i) => [k, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i);

describe('orderHeaviestFirst', () => {
  it('orders by key, heaviest first, ties by index', () => {
    expect([...orderHeaviestFirst(Float64Array.from([3, 5, 3, 9, 0]))]).toEqual([3, 1, 0, 2, 4]);
    expect([...orderHeaviestFirst(new Float64Array(0))]).toEqual([]);
    expect([...orderHeaviestFirst(Float64Array.from([7]))]).toEqual([0]);
  });

  it('reads every 13-bit digit, up to keys just below 2^52', () => {
    // 2^13, 2^26 and 2^39 are the first keys that need a second, third and fourth pass.
    const keys = [1, 2 ** 13, 2 ** 13 - 1, 2 ** 26, 2 ** 26 - 1, 2 ** 39, 2 ** 39 - 1, 2 ** 52 - 1, 2 ** 39 + 1, 0];
    expect([...orderHeaviestFirst(Float64Array.from(keys))]).toEqual(bySort(keys));
  });

  it('a largest key of exactly 2^13, 2^26 or 2^39 takes one pass more than the key below it', () => {
    // The largest key's own top digit is 1 in the pass it needs: with one pass fewer, that 1 is never read.
    expect([...orderHeaviestFirst(Float64Array.from([1, 2 ** 13]))]).toEqual([1, 0]);
    expect([...orderHeaviestFirst(Float64Array.from([2 ** 13, 2 ** 26]))]).toEqual([1, 0]);
    expect([...orderHeaviestFirst(Float64Array.from([2 ** 26, 2 ** 39]))]).toEqual([1, 0]);
  });

  it('a pass whose digits are all equal changes nothing: keys that differ only in a high digit', () => {
    const keys = [5 * 2 ** 26, 7 * 2 ** 26, 6 * 2 ** 26, 7 * 2 ** 26];
    expect([...orderHeaviestFirst(Float64Array.from(keys))]).toEqual([1, 3, 2, 0]);
  });

  it('agrees with a comparison sort', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2 ** 30 }), fc.integer({ min: 0, max: 2 ** 52 - 1 }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 60 }), (keys) => {
        expect([...orderHeaviestFirst(Float64Array.from(keys))]).toEqual(bySort(keys));
      }),
      { numRuns: 300 },
    );
  });
});
