import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, NumberBuffer, quantile, quantileInPlace, quantileSorted } from '../../../src/analytics/_lib/stats.js';

describe('stats', () => {
  it('golden: type-7 quantiles', () => {
    expect(median([4, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5); // (2 + 3) / 2
    expect(quantile([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6, 12); // h = 4 × 0.9 = 3.6 → 4 + 0.6 × (5 − 4)
    expect(median([])).toBeNull();
    expect(quantileInPlace(new Float64Array(0), 0.5)).toBeNull();
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });

  it('selection gives the same quantile as sorting, duplicates included, and quantile() leaves its input alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }).map((x) => x / 2), { maxLength: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        const before = [...xs];
        const sorted = Float64Array.from(xs).sort();
        expect(quantileInPlace(Float64Array.from(xs), p)).toBe(quantileSorted(sorted, p));
        expect(quantile(xs, p)).toBe(quantileSorted(sorted, p));
        expect(xs).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('NumberBuffer grows and keeps every value', () => {
    const b = new NumberBuffer(1);
    for (let i = 0; i < 100; i++) b.push(100 - i);
    expect(b.length).toBe(100);
    expect(b.sorted()[0]).toBe(1);
    expect(b.values()[0]).toBe(100);
    expect(b.copy().length).toBe(100);
  });
});
