import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberBuffer, quantileInPlace } from '../../../src/analytics/_lib/stats.js';
import { quantileSorted } from './_reference.js';

const q = (values: readonly number[], p: number) => quantileInPlace(Float64Array.from(values), p);

describe('quantileInPlace', () => {
  it('golden: type-7 quantiles', () => {
    expect(q([4, 1, 3], 0.5)).toBe(3);
    expect(q([4, 1, 3, 2], 0.5)).toBe(2.5); // (2 + 3) / 2
    expect(q([5, 3, 1, 4, 2], 0.9)).toBeCloseTo(4.6, 12); // h = 4 × 0.9 = 3.6 → 4 + 0.6 × (5 − 4)
    expect(q([5, 3, 1, 4, 2], 0.25)).toBe(2); // h = 1 exactly: the second smallest
    expect(q([9, 7], 1)).toBe(9); // h = N − 1: the largest, no next value
    expect(q([9, 7], 0)).toBe(7);
    expect(q([6], 0.3)).toBe(6);
    expect(quantileInPlace(new Float64Array(0), 0.5)).toBeNull();
  });

  it('interpolates towards the next order statistic, which need not sit next to it', () => {
    // After selecting the 2nd smallest (h = 1.5), the values above it are in any order.
    expect(q([10, 40, 20, 30, 50, 0], 0.3)).toBeCloseTo(15, 12); // sorted 0 10 20 30 40 50, h = 1.5
    expect(q([-3, 8, -1, 5], 2 / 3)).toBeCloseTo(5, 12); // h = 2 exactly
  });

  it.each([-0.01, 1.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses p = %s with a RangeError naming it', (p) => {
    expect(() => q([1, 2], p)).toThrow(new RangeError(`quantile p must be in [0, 1], got ${String(p)}`));
  });

  it('selects right whichever of the three probed positions holds the smallest, middle or largest value (the six orders, and ties)', () => {
    for (const [x, y, z] of [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1], [2, 2, 1], [1, 2, 2], [2, 1, 2]]) {
      // lo, mid and hi of a five-value array are its positions 0, 2 and 4.
      const values = [x!, 9, y!, -9, z!];
      const sorted = [...values].sort((a, b) => a - b);
      for (const p of [0, 0.25, 0.5, 0.6, 0.75, 1]) expect(q(values, p)).toBe(quantileSorted(sorted, p));
    }
  });

  it('agrees with sorting, duplicates included, at every p', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }).map((x) => x / 2), { maxLength: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        const sorted = Float64Array.from(xs).sort();
        expect(q(xs, p)).toBe(quantileSorted(sorted, p));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves a permutation of the values, with the selected order statistic at its place', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 100 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        const values = Float64Array.from(xs);
        quantileInPlace(values, p);
        const sorted = Float64Array.from(xs).sort();
        expect(Float64Array.from(values).sort()).toEqual(sorted);
        const lo = Math.floor((xs.length - 1) * p);
        expect(values[lo]).toBe(sorted[lo]);
        for (let i = 0; i < lo; i++) expect(values[i]).toBeLessThanOrEqual(values[lo]!);
        for (let i = lo + 1; i < xs.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[lo]!);
      }),
      { numRuns: 300 },
    );
  });
});

describe('NumberBuffer', () => {
  it('grows and keeps every value in order', () => {
    const b = new NumberBuffer(1);
    for (let i = 0; i < 100; i++) b.push(100 - i);
    expect(b.length).toBe(100);
    expect(Array.from(b.values())).toEqual(Array.from({ length: 100 }, (_, i) => 100 - i));
  });

  it('copy() is a copy: changing it leaves the buffer alone', () => {
    const b = new NumberBuffer(0);
    b.push(3);
    b.push(1);
    const c = b.copy();
    c[0] = 7;
    expect(Array.from(b.values())).toEqual([3, 1]);
    expect(Array.from(c)).toEqual([7, 1]);
  });
});
