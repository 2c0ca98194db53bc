// minCostAssignment (src/planning/_lib/hungarian.ts), the optimal relabelling behind
// balanceTerritories, against every permutation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minCostAssignment } from '../../../src/planning/_lib/hungarian.js';

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]));
}

const costOf = (n: number, cost: readonly number[], assignment: ArrayLike<number>): number => {
  let total = 0;
  for (let i = 0; i < n; i++) total += cost[i * n + assignment[i]!]!;
  return total;
};

describe('minCostAssignment', () => {
  it('a 3 × 3 case by hand', () => {
    // Rows → columns: 0→1 (1), 1→0 (2), 2→2 (1): total 4; the identity costs 4 + 5 + 1 = 10.
    const cost = [4, 1, 3, 2, 5, 6, 3, 2, 1];
    expect([...minCostAssignment(3, cost)]).toEqual([1, 0, 2]);
  });

  it('is a permutation of least total cost', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.integer({ min: -20, max: 20 }), { minLength: n * n, maxLength: n * n }))),
        ([n, cost]) => {
          const a = minCostAssignment(n, cost);
          expect([...a].sort()).toEqual(Array.from({ length: n }, (_, i) => i));
          const best = Math.min(...permutations(n).map((p) => costOf(n, cost, p)));
          expect(costOf(n, cost, a)).toBe(best);
        },
      ),
      { numRuns: 200 },
    );
  });
});
