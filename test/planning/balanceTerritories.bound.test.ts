// The lower bound of balanceTerritories, pinned on small books computed by hand (issue #18).
//
// How the bound is built (see the TSDoc of balanceTerritories): weights are counted in their
// finest decimal step, capacities likewise; D is the least common multiple of the scaled
// capacities, so rep r's relative load is load × D / C[r] over D. The bound is the largest of
//   (a) the total weight over the total capacity, rounded up (in steps of 1/D);
//   (b) each locked load over its rep's capacity;
//   (c) for k = 0, 1, …: the k + 1 smallest of the k·m + 1 heaviest movable pieces, added to
//       the rep where they weigh least (its locked load included): some rep receives k + 1;
// then rounded up to the next value some rep's relative load can take (a whole number of
// steps over its capacity). With `maxNodes: 0` the exact search is off and cannot raise it,
// so the bound reported is exactly this value.
import { describe, expect, it } from 'vitest';
import { balanceTerritories, Decimal, type TerritoryPlan, type TerritoryRep, type TerritoryUnit } from '../../src/index.js';

const units = (weights: readonly (number | string)[]): TerritoryUnit[] => weights.map((w, i) => ({ id: `u${i + 1}`, weight: w }));
const twoReps: TerritoryRep[] = [{ id: 'A' }, { id: 'B' }];
/** No search beyond the constructive starts: the plain bound is reported. */
const plain = { maxNodes: 0, maxIterations: 0 } as const;
const loadsOf = (plan: TerritoryPlan): string[] => plan.loads.map((l) => l.load.toString());

describe('balanceTerritories: the lower bound, by hand', () => {
  it('(a) the average, rounded up to a whole step: [3, 3, 2, 2, 2, 1] over 3 reps is 5', () => {
    // Total 13 over capacity 3 = 4.33…, and a rep's load is a whole number: 5.
    // (c) k = 0: the heaviest piece, 3; k = 1: the 2 smallest of the 4 heaviest (3, 3, 2, 2) = 4.
    // {3, 2}, {3, 1}… the greedy start gives 5 | 4 | 4, which meets the bound: no search needed.
    const plan = balanceTerritories(units([3, 3, 2, 2, 2, 1]), [{ id: 'A' }, { id: 'B' }, { id: 'C' }], plain);
    expect(plan.lowerBound.toString()).toBe('5');
    expect(plan.largestRelativeLoad.toString()).toBe('5');
    expect(plan.gap).toBe(0);
    expect(plan.provenOptimal).toBe(true);
    expect(plan.search.exact).toBe('not_needed');
    expect(plan.search.nodes).toBe(0);
  });

  it('(a) the same off the fast path, with pieces past the k·m + 1 heaviest: [3, 3, 2, 2, 2, 1] × 2^50 over 3 reps', () => {
    // Six pieces over 3 reps: (c) reads only the 4 heaviest (k = 1: 3·1 + 1), yet the
    // average must still count all six. With s = 2^50 and steps of 1 (whole weights): total
    // 13s over 3 = ⌈13s / 3⌉ = (13s + 2) / 3 = 4 878 899 596 318 038 (13s ≡ 1 mod 3), above
    // (c)'s 2s + 2s = 4s. Without the last two pieces (2s + 1s) the average would be ⌈7s / 3⌉,
    // and the bound (c)'s 4s.
    const s = 2n ** 50n;
    const plan = balanceTerritories(units([3n, 3n, 2n, 2n, 2n, 1n].map((w) => (w * s).toString())), [{ id: 'A' }, { id: 'B' }, { id: 'C' }], plain);
    expect(plan.lowerBound.toFixed()).toBe(((13n * s + 2n) / 3n).toString());
    expect(plan.lowerBound.toFixed()).toBe('4878899596318038');
    // Greedy, heaviest first to the least loaded: 3s | 3s | 2s, then 2s → C, 2s → A, 1s → B: 5s | 4s | 4s.
    expect(plan.largestRelativeLoad.toFixed()).toBe((5n * s).toString());
  });

  it('(a) the average counts locked loads: 3 locked on A and seven 1s over 2 reps is 5', () => {
    // Total 3 + 7 = 10 over 2 reps: 5. Locked alone: 3. (c) k = 3: 4 of the 7 ones on one rep,
    // at best B: 4. A takes two 1s (3 + 2), B five: 5 | 5. Also off the fast path (× 2^50).
    const book = (scale: bigint): TerritoryUnit[] => [
      { id: 'lock', weight: (3n * scale).toString(), owner: 'A', locked: true },
      ...units(Array.from({ length: 7 }, () => scale.toString())),
    ];
    const plan = balanceTerritories(book(1n), twoReps, plain);
    expect(plan.lowerBound.toString()).toBe('5');
    expect(loadsOf(plan)).toEqual(['5', '5']);
    const s = 2n ** 50n;
    const big = balanceTerritories(book(s), twoReps, plain);
    expect(big.lowerBound.toFixed()).toBe((5n * s).toString());
  });

  it('(c) k = 1 reaches the last piece: [9, 8, 7] over 2 reps is 15, not the average 12', () => {
    // k·m + 1 = 3 pieces = all of them: some rep takes two, at least 8 + 7 = 15.
    const plan = balanceTerritories(units([9, 8, 7]), twoReps, plain);
    expect(plan.lowerBound.toString()).toBe('15');
    expect(loadsOf(plan).sort()).toEqual(['15', '9']);
    expect(plan.provenOptimal).toBe(true);
  });

  it('(c) the same off the fast path: [9, 8, 7] × 2^50 over 2 reps is 15 × 2^50', () => {
    // Weights of 2^50 smallest units and more are summed as bigints; the bound is the same, scaled.
    const s = 2n ** 50n;
    const plan = balanceTerritories(units([9n * s, 8n * s, 7n * s].map(String)), twoReps, plain);
    expect(plan.lowerBound.toFixed()).toBe((15n * s).toString());
    expect(plan.largestRelativeLoad.toFixed()).toBe((15n * s).toString());
    expect(plan.search.exact).toBe('not_needed');
  });

  it('(c) a group one step above the average still raises the bound: [2^42 − 2, 2^41, 2^41] over 2 reps is 2^42', () => {
    // Total 2^43 − 2 over 2 reps: 2^42 − 1. k = 1: the 2 smallest of all three, 2^41 + 2^41 = 2^42,
    // one step (a relative 2^-42) above it. Groups are screened in doubles with a margin of
    // 2^-40 below the bound, so that a group this close is still checked exactly, never skipped.
    const t = 2 ** 41;
    const plan = balanceTerritories(units([2 * t - 2, t, t]), twoReps, plain);
    expect(plan.lowerBound.toFixed()).toBe(String(2 * t));
    // 2^42 − 2 | 2^41 + 2^41 = 2^42: the plan meets the bound.
    expect(plan.largestRelativeLoad.toFixed()).toBe(String(2 * t));
    expect(plan.provenOptimal).toBe(true);
  });

  it('(c) reads the k + 1 smallest of the k·m + 1 heaviest, not any k + 1: [9, 8, 7, 1] over 2 reps is 15', () => {
    // k = 1: the 3 heaviest are 9, 8, 7; the 2 smallest of them 8 + 7 = 15 (the average is 12.5 → 13;
    // the two heaviest would say 17, the two lightest of all 8).
    const plan = balanceTerritories(units([9, 8, 7, 1]), twoReps, plain);
    expect(plan.lowerBound.toString()).toBe('15');
    expect(plan.largestRelativeLoad.toString()).toBe('15');
  });

  it('(c) adds the pieces to a rep with its locked load: 3 | 3 locked and [5, 5, 5] over 2 reps is 13', () => {
    // Average: 21 / 2 = 10.5 → 11. Locked loads alone: 3. k = 1: two of the three 5s land on one
    // rep, which already carries 3: 3 + 10 = 13.
    const plan = balanceTerritories(
      [{ id: 'lockA', weight: 3, owner: 'A', locked: true }, { id: 'lockB', weight: 3, owner: 'B', locked: true }, ...units([5, 5, 5])],
      twoReps,
      plain,
    );
    expect(plan.lowerBound.toString()).toBe('13');
    expect(loadsOf(plan).sort()).toEqual(['13', '8']);
    expect(plan.provenOptimal).toBe(true);
  });

  it('(b) a locked load over its own capacity: 6 locked on B (capacity 1) beside A (capacity 2) is 6', () => {
    // Average: 8 / 3 = 2.67. B carries 6 over capacity 1 whatever happens: 6. The movable 1s go to A.
    const plan = balanceTerritories(
      [{ id: 'lock', weight: 6, owner: 'B', locked: true }, ...units([1, 1])],
      [{ id: 'A', capacity: 2 }, { id: 'B', capacity: 1 }],
      plain,
    );
    expect(plan.lowerBound.toString()).toBe('6');
    expect(loadsOf(plan)).toEqual(['2', '6']);
    expect(plan.provenOptimal).toBe(true);
  });

  it('(b) uses the capacity of the rep holding the lock: 8 locked on A (capacity 2) is 4', () => {
    // 8 / 2 = 4; the average is 10 / 3 = 3.33 → 3.5 in A's steps of 1/2. B takes the two 1s (2).
    const plan = balanceTerritories(
      [{ id: 'lock', weight: 8, owner: 'A', locked: true }, ...units([1, 1])],
      [{ id: 'A', capacity: 2 }, { id: 'B', capacity: 1 }],
      plain,
    );
    expect(plan.lowerBound.toString()).toBe('4');
    expect(plan.largestRelativeLoad.toString()).toBe('4');
    expect(loadsOf(plan)).toEqual(['8', '2']);
  });

  it('(a) unequal capacities: [4, 3] over capacities 2 and 1 is 2.5, a value A can take', () => {
    // Total 7 over capacity 3 = 2.33…; D = lcm(2, 1) = 2, so in halves: ⌈14 / 3⌉ = 5 halves = 2.5,
    // which A (capacity 2, steps of 1/2) can take. (c) k = 0: 4 on A = 2. The plan 4 | 3 has 3.
    const plan = balanceTerritories(units([4, 3]), [{ id: 'A', capacity: 2 }, { id: 'B', capacity: 1 }], plain);
    expect(plan.lowerBound.toString()).toBe('2.5');
    expect(plan.largestRelativeLoad.toString()).toBe('3');
    expect(plan.gap).toBe(0.2); // (3 − 2.5) / 2.5
    expect(plan.provenOptimal).toBe(false);
    expect(plan.search.exact).toBe('off');
  });

  it('the exact search raises that bound to the optimum it proves: 3', () => {
    // Every plan of [4, 3] over capacities 2 and 1: {4,3}|{} = 3.5, {4}|{3} = 3, {3}|{4} = 4, {}|{4,3} = 7.
    const plan = balanceTerritories(units([4, 3]), [{ id: 'A', capacity: 2 }, { id: 'B', capacity: 1 }]);
    expect(plan.lowerBound.toString()).toBe('3');
    expect(plan.provenOptimal).toBe(true);
    expect(plan.search.exact).toBe('proved');
    expect(plan.search.nodes).toBeGreaterThan(0);
  });

  it('rounds up to a value a relative load can take: [2, 2] over capacities 2 and 3 is 1, not 0.8', () => {
    // Total 4 over capacity 5 = 0.8 = 4.8 sixths (D = lcm(2, 3) = 6) → 5 sixths. A (capacity 2)
    // takes multiples of 1/2 = 3 sixths, B (capacity 3) multiples of 1/3 = 2 sixths: the next value
    // at or above 5 sixths is 6 sixths = 1 for both. The plan 2 | 2 (1 and 0.67) meets it.
    const plan = balanceTerritories(units([2, 2]), [{ id: 'A', capacity: 2 }, { id: 'B', capacity: 3 }], plain);
    expect(plan.lowerBound.toString()).toBe('1');
    expect(plan.provenOptimal).toBe(true);
    expect(plan.search.exact).toBe('not_needed');
  });

  it('rounds up to the nearest such value over all reps: [3, 3] over capacities 2 and 3 is 4/3, not 1.5', () => {
    // Total 6 over 5 = 1.2 = 7.2 sixths → 8 sixths. A's next value is 9 sixths (1.5), B's is 8
    // sixths (4/3): the smaller, 4/3. The plan 3 | 3 has 1.5 (A) and 1 (B).
    const plan = balanceTerritories(units([3, 3]), [{ id: 'A', capacity: 2 }, { id: 'B', capacity: 3 }], plain);
    expect(plan.lowerBound.eq(new Decimal(4).div(3))).toBe(true);
    expect(plan.largestRelativeLoad.toString()).toBe('1.5');
    expect(plan.provenOptimal).toBe(false);
  });

  it('scales back from the finest steps of weights and capacities: three 0.25 over capacities 1.5 and 1 is 1/3', () => {
    // Weights in hundredths (25 each), capacities in tenths (15, 10): D = 30, so A's relative load is
    // load × 2 / 30 and B's load × 3 / 30. Average: 75 hundredths over 2.5 = 0.3. k = 1: two of the
    // three 0.25 on one rep, at best A: 0.5 / 1.5 = 1/3. Two on A and one on B (0.25) meets it.
    const plan = balanceTerritories(units(['0.25', '0.25', '0.25']), [{ id: 'A', capacity: '1.5' }, { id: 'B', capacity: 1 }], plain);
    expect(plan.lowerBound.eq(new Decimal(1).div(3))).toBe(true);
    expect(loadsOf(plan)).toEqual(['0.5', '0.25']);
    expect(plan.provenOptimal).toBe(true);
    // That plan is the greedy start itself (no search): its figures are scaled back the same way.
    // Largest 0.5 / 1.5 = 1/3 (50 hundredths × 10 over 15 tenths × 100); spread 1/3 − 0.25 / 1 = 1/12.
    expect(plan.search.start).toBe('greedy');
    expect(plan.search.startLargestRelativeLoad.eq(new Decimal(1).div(3))).toBe(true);
    expect(plan.search.startSpread.eq(new Decimal(1).div(12))).toBe(true);
    expect(plan.spread.eq(new Decimal(1).div(12))).toBe(true);
  });

  it('a common factor of the capacities does not inflate the common denominator', () => {
    // Capacities 10^6 each: D = lcm(10^6, 10^6) = 10^6 and the relative loads keep the size of the
    // weights, so the exact search runs (a denominator of 10^18 would put 109 194 × 10^12 beyond
    // 2^53 and report 'imprecise'). The optimum is the one of the book below, over 10^6.
    const ws = ['101.17', '99.53', '97.11', '93.89', '91.07', '88.61', '83.27', '79.43', '71.59', '67.31', '61.13', '57.29', '53.03', '47.51'];
    const million = 1_000_000;
    const plan = balanceTerritories(units(ws), [{ id: 'A', capacity: million }, { id: 'B', capacity: million }, { id: 'C', capacity: million }]);
    expect(plan.search.exact).toBe('proved');
    expect(plan.largestRelativeLoad.toString()).toBe('0.00036409');
    expect(plan.lowerBound.toString()).toBe('0.00036409');
  });

  it('is 0 with a null gap when every weight is 0', () => {
    const plan = balanceTerritories(units([0, 0, 0]), twoReps);
    expect(plan.lowerBound.toString()).toBe('0');
    expect(plan.gap).toBeNull();
    expect(plan.provenOptimal).toBe(true);
  });
});
