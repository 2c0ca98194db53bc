import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveLinearSystem } from '../../../src/forecast/_lib/linalg.js';

describe('solveLinearSystem', () => {
  it('solves a system by hand, pivoting past a zero', () => {
    // 0·x + 2y = 4, 3x + y = 5 → y = 2, x = 1
    const x = solveLinearSystem([[0, 2], [3, 1]], [[4], [5]]);
    expect(x).toEqual([[1], [2]]);
  });

  it('inverts the drunkard-walk matrix I − Q: N = [[1.5, 1, 0.5], [1, 2, 1], [0.5, 1, 1.5]]', () => {
    const iMinusQ = [[1, -0.5, 0], [-0.5, 1, -0.5], [0, -0.5, 1]];
    const n = solveLinearSystem(iMinusQ, [[1, 0, 0], [0, 1, 0], [0, 0, 1]]) as number[][];
    const expected = [[1.5, 1, 0.5], [1, 2, 1], [0.5, 1, 1.5]];
    n.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 14)));
  });

  it('returns null for a singular matrix and leaves its inputs alone', () => {
    const a = [[1, 2], [2, 4]];
    const b = [[1], [2]];
    expect(solveLinearSystem(a, b)).toBeNull();
    expect(a).toEqual([[1, 2], [2, 4]]);
    expect(b).toEqual([[1], [2]]);
  });

  it('returns null for a matrix singular to working precision, at any scale (the tolerance is n·2⁻⁵² times its largest entry)', () => {
    // Row 2 is 3 × row 1; in doubles the second pivot comes out as rounding noise, not 0.
    // (Powers of 2 scale it exactly: the noise scales with it.)
    for (const k of [1, 2 ** 20, 2 ** -20]) {
      const a = [[0.1 * k, 0.3 * k], [0.3 * k, 0.9 * k]];
      expect(solveLinearSystem(a, [[1], [1]])).toBeNull();
    }
    // Row 2 is 6/7 × row 1 up to rounding; the noise left in the second pivot is 1.13 × 2⁻⁵² times the
    // largest entry: under the 2 × 2⁻⁵² × 3.55 of a 2 × 2 system, so singular.
    expect(solveLinearSystem([[0.01, 3.55], [0.008571428571428572, 3.0428571428571423]], [[1], [1]])).toBeNull();
    // A zero matrix: every pivot is 0, not above a tolerance of 0.
    expect(solveLinearSystem([[0]], [[1]])).toBeNull();
    expect(solveLinearSystem([[0, 0], [0, 0]], [[1], [1]])).toBeNull();
  });

  it('solves the empty system and refuses shapes that do not fit', () => {
    expect(solveLinearSystem([], [])).toEqual([]);
    expect(() => solveLinearSystem([[1]], [])).toThrow(RangeError);
    expect(() => solveLinearSystem([[1, 2]], [[1]])).toThrow(RangeError);
    expect(() => solveLinearSystem([[1, 0], [0, 1]], [[1], [1, 2]])).toThrow(RangeError);
  });

  it('A·X = B for diagonally dominant random systems', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) =>
          fc.tuple(
            fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
            fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 2 }), { minLength: n, maxLength: n }),
          ),
        ),
        ([raw, b]) => {
          const n = raw.length;
          const a = raw.map((row, i) => row.map((v, j) => (i === j ? v + n + 1 : v)));
          const x = solveLinearSystem(a, b) as number[][];
          for (let i = 0; i < n; i++) {
            for (let k = 0; k < 2; k++) {
              const lhs = a[i]!.reduce((s, v, j) => s + v * x[j]![k]!, 0);
              expect(Math.abs(lhs - b[i]![k]!)).toBeLessThan(1e-9);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
