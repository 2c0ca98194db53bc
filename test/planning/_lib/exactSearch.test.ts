// The exact searches behind balanceTerritories (src/planning/_lib/exactSearch.ts), tested
// directly: the optimum found and proved from a poor incumbent against brute force, on
// symmetric books, with split units, and their node and time budgets (issue #18).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactMax, exactSpread, maxNumerator } from '../../../src/planning/_lib/exactSearch.js';
import { type BalanceProblem, countMoves, greedyPlan } from '../../../src/planning/_lib/territorySearch.js';
import { problem, never, always, lcm, exData, loads, bruteForce, problemArb, currentPlan } from './_balanceProblems.js';

describe('exactSearch', () => {
  /**
   * exactMax from the current plan, from the trivial lower bound 0 (bisection) or from the
   * optimum itself (one decision): it proves the optimum, every item placed, within the move budget.
   */
  const expectMaxOptimum = (p: BalanceProblem, fromOptimum = false): void => {
    const ex = exData(p);
    const best = bruteForce(p);
    const result = exactMax(p, ex, fromOptimum ? best.max : 0, currentPlan(p), 1_000_000, never);
    expect(result.proved).toBe(true);
    expect(result.stopped).toBeNull();
    expect(maxNumerator(p, ex, result.rep)).toBe(best.max);
    expect(result.lower).toBe(best.max);
    expect(countMoves(p, result.rep)).toBeLessThanOrEqual(p.maxMoves);
    expect([...result.rep].every((r) => r >= 0 && r < p.m)).toBe(true);
  };

  it('exactMax from the current plan finds and proves the optimum, within the move budget', () => {
    fc.assert(fc.property(problemArb, (p) => expectMaxOptimum(p)), { numRuns: 200 });
  });

  /** exactSpread from the current plan, with the averages of the book: it proves the optimum, every item placed, within the move budget. */
  const expectSpreadOptimum = (p: BalanceProblem): void => {
    const ex = exData(p);
    const D = lcm([...p.cap]);
    const W = p.w.reduce((a, x) => a + x, 0) + p.fixed.reduce((a, x) => a + x, 0);
    const sumC = p.cap.reduce((a, x) => a + x, 0);
    const result = exactSpread(p, ex, Math.ceil((W * D) / sumC), Math.floor((W * D) / sumC), currentPlan(p), 1_000_000, never);
    const rel = loads(p, result.rep).map((l, r) => l * ex.M[r]!);
    expect(result.proved).toBe(true);
    expect(Math.max(...rel) - Math.min(...rel)).toBe(bruteForce(p).spread);
    expect(countMoves(p, result.rep)).toBeLessThanOrEqual(p.maxMoves);
    expect([...result.rep].every((r) => r >= 0 && r < p.m)).toBe(true);
  };

  it('exactSpread from the current plan finds and proves the optimum, within the move budget', () => {
    fc.assert(fc.property(problemArb, expectSpreadOptimum), { numRuns: 200 });
  });

  /**
   * Symmetric books, where the search's symmetry rules act: 3 or 4 reps, capacities 1 or 2
   * and locked loads 0 or 3 (so some reps have equal room and some not, or all are alike),
   * weights from a few values (runs of identical items), sometimes a move budget over owners.
   */
  const symmetricArb: fc.Arbitrary<BalanceProblem> = fc
    .record({
      reps: fc.array(fc.record({ cap: fc.constantFrom(1, 2), fixed: fc.constantFrom(0, 0, 3) }), { minLength: 3, maxLength: 4 }),
      w: fc.array(fc.constantFrom(1, 2, 3, 5, 8), { minLength: 1, maxLength: 7 }),
      owners: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 7, maxLength: 7 }),
      maxMoves: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    })
    .map(({ reps, w, owners, maxMoves }) =>
      problem({
        w: [...w].sort((a, b) => b - a),
        cap: reps.map((r) => r.cap),
        fixed: reps.map((r) => r.fixed),
        owner: w.map((_, i) => (owners[i]! < reps.length ? owners[i]! : -1)),
        ...(maxMoves !== undefined ? { maxMoves } : {}),
      }),
    );

  it('exactMax proves the optimum where reps of equal room follow a larger one (the twin rule holds only between equal reps)', () => {
    // [12, 12, 9, 8] over capacities 2, 2, 3: at most 6 per unit of capacity, each 12 alone on a
    // rep of capacity 2 and 9 + 8 on the other (under 6 a 12 fits only the rep of capacity 3,
    // which holds one). Numerator 36 with D = 6.
    expectMaxOptimum(problem({ w: [12, 12, 9, 8], cap: [2, 2, 3] }));
    // [10, 9, 7, 6, 6] over capacities 2, 3, 3: 5 per unit ({10} | {9, 6} | {7, 6}); under 5 the
    // reps hold at most 9 + 14 + 14 = 37 < 38. Numerator 30.
    expectMaxOptimum(problem({ w: [10, 9, 7, 6, 6], cap: [2, 3, 3] }));
    // [12, 9, 9] over capacities 3, 2, 3: 4.5 ({12} | {9} | {9}); under 4.5 the rep of capacity 2
    // holds nothing and the others cannot share 30 below 6. Numerator 27, every item placed.
    expectMaxOptimum(problem({ w: [12, 9, 9], cap: [3, 2, 3] }));
  });

  it('exactMax keeps the move budget after taking back a piece of a split unit', () => {
    // [12, 7, 3, 1] over capacities 1 and 2; 12 and 1 are pieces of one unit (no owner), 7 and 3
    // units owned by rep 1, and no move is allowed: 7 and 3 stay on rep 1. The best is the 1 on
    // rep 0 and the 12 with them: 1 | 22, numerator 22 with D = 2 (putting the 3 on rep 0 would
    // make 19, but that is a move).
    expectMaxOptimum(problem({ w: [12, 7, 3, 1], cap: [1, 2], split: [0, 1, 2, 0], owner: [-1, 1, 1, -1], maxMoves: 0 }));
  });

  it('exactMax finds and proves the optimum of symmetric books (equal reps, runs of identical items)', () => {
    fc.assert(
      fc.property(symmetricArb, fc.boolean(), expectMaxOptimum),
      { numRuns: 150 },
    );
  });

  it('exactSpread finds and proves the optimum of symmetric books (equal reps, runs of identical items)', () => {
    fc.assert(
      fc.property(symmetricArb, (given) => expectSpreadOptimum({ ...given, goal: 'spread' })),
      { numRuns: 150 },
    );
  });

  it('exactMax counts a move per split unit that gains a rep, for the second split unit as for the first', () => {
    // Two split units of two pieces of 2, all on rep 0. With no move allowed everything stays: 8 | 0.
    // With one move, one unit's two pieces may go to rep 1 together (one move): 4 | 4.
    for (const [maxMoves, best] of [[0, 8], [1, 4]] as const) {
      const p = problem({ w: [2, 2, 2, 2], split: [0, 0, 1, 1], owner: [0, 0, 0, 0], maxMoves });
      const ex = exData(p);
      const result = exactMax(p, ex, 0, currentPlan(p), 1_000_000, never);
      expect([result.proved, maxNumerator(p, ex, result.rep)]).toEqual([true, best]);
      expect(countMoves(p, result.rep)).toBeLessThanOrEqual(maxMoves);
    }
  });

  /** The hard book of balanceTerritories.test.ts in cents over 3 reps: optimum 36 409. */
  const hard = (): BalanceProblem =>
    problem({ w: [10117, 9953, 9711, 9389, 9107, 8861, 8327, 7943, 7159, 6731, 6113, 5729, 5303, 4751], cap: [1, 1, 1] });

  it('exactMax: bisection raises the lower bound to the optimum of the hard book, 36 409', () => {
    const p = hard();
    const ex = exData(p);
    const result = exactMax(p, ex, 36_398, greedyPlan(p), 1_000_000, never);
    expect(result.proved).toBe(true);
    expect(result.lower).toBe(36_409);
    expect(maxNumerator(p, ex, result.rep)).toBe(36_409);
    expect(result.nodes).toBeGreaterThan(0);
  });

  it("exactMax and exactSpread stop at the node budget ('node_limit') or the deadline ('time_limit')", () => {
    const p = hard();
    const ex = exData(p);
    const start = greedyPlan(p);
    const byNodes = exactMax(p, ex, 36_398, start, 10, never);
    expect([byNodes.proved, byNodes.stopped, byNodes.nodes]).toEqual([false, 'node_limit', 11]);
    expect(byNodes.lower).toBeLessThan(36_409);
    const byTime = exactMax(p, ex, 36_398, start, 1_000_000, always);
    expect([byTime.proved, byTime.stopped, byTime.nodes]).toEqual([false, 'time_limit', 1024]);
    const spread = { ...p, goal: 'spread' as const };
    const W = 109_194;
    const sByNodes = exactSpread(spread, ex, Math.ceil(W / 3), Math.floor(W / 3), start, 10, never);
    expect([sByNodes.proved, sByNodes.stopped, sByNodes.nodes]).toEqual([false, 'node_limit', 11]);
    const sByTime = exactSpread(spread, ex, Math.ceil(W / 3), Math.floor(W / 3), start, 1_000_000, always);
    expect([sByTime.proved, sByTime.stopped, sByTime.nodes]).toEqual([false, 'time_limit', 1024]);
  });

  it('exactSpread keeps the incumbent when no plan is strictly better', () => {
    // One item, 9, over two reps from 0 | 9: spread 9 whichever rep holds it (average 4.5,
    // bounds 5 and 4); the search meets 9 | 0 first and keeps 0 | 9.
    const p = problem({ w: [9], goal: 'spread' });
    const result = exactSpread(p, exData(p), 5, 4, Int32Array.from([1]), 1_000, never);
    expect([result.proved, result.stopped]).toEqual([true, null]);
    expect([...result.rep]).toEqual([1]);
  });

  it('exactSpread stops at once when the incumbent meets the root bound', () => {
    // 3 | 3: spread 0, nothing to search.
    const p = problem({ w: [3, 3], goal: 'spread' });
    const result = exactSpread(p, exData(p), 3, 3, Int32Array.from([0, 1]), 1_000, never);
    expect([result.proved, result.nodes, result.stopped]).toEqual([true, 0, null]);
  });
});
