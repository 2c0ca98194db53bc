import { describe, expect, it } from 'vitest';
import { FunnelError, forecastDistribution, money, type ForecastDeal, type ForecastDistribution } from '../../src/index.js';

// The exact method's kernel (src/forecast/_lib/bernoulliSum.ts) on books built to reach
// its less travelled parts: the dense window sliding along its buffer, the tails it drops,
// the distinct-sums route's capacity and work budget, and the grid step. Plain amounts
// (no currency) are counted in whole units, so 1 unit = 1 cell wherever the gcd is 1.
//
// Constants of the derivations below: TAIL_TOLERANCE = 2⁻⁶⁰, ln(1/2⁻⁶⁰)/2 = 30·ln 2 =
// 20.794415…, and the Hoeffding half-width t = √(Σaᵢ² · 20.794415…). Route 1 (dense) is
// tried when cellsNeeded = min(total/d + 1, ⌈(2t + aMax)/d⌉ + n + 4) ≤ maxStates; route 2
// (distinct sums) while the sums fit maxStates and the merge steps 32·maxStates; route 3
// (grid) otherwise, with step g = max(d, min(⌈total/(maxStates − 1)⌉, ⌈(2t + aMax)/free⌉))
// rounded up to a multiple of d, where free = max(maxStates − n − 4, ⌊maxStates/2⌋).

/** n deals alternating amounts a and b (a first), each won with probability p. */
function alternating(n: number, a: number, b: number, p: string): ForecastDeal[] {
  return Array.from({ length: n }, (_, i) => ({ amount: i % 2 === 0 ? a : b, probability: p }));
}

/** P(X ≥ x) at every whole x from 0 to `top`. */
function tail(d: ForecastDistribution, top: number): number[] {
  return Array.from({ length: top + 1 }, (_, x) => d.probabilityAtLeast(x));
}

/** E[X] of an integer-valued X ≥ 0 from its tail P(X ≥ 0), P(X ≥ 1), …: Σₓ≥₁ P(X ≥ x). */
function meanFromTail(tailValues: readonly number[]): number {
  return tailValues.reduce((m, p, x) => (x === 0 ? m : m + p), 0);
}

function expectFunnelError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FunnelError);
    expect((e as FunnelError).code).toBe(code);
    return;
  }
  throw new Error(`expected FunnelError ${code}`);
}

describe('forecastDistribution kernel: the dense window slides along its buffer', () => {
  it('2 000 deals of 1 and 2 units at 0.9 with maxStates 2 700: the same distribution as with room to spare', () => {
    // total = 1 000·1 + 1 000·2 = 3 000 units, so the full range needs 3 001 cells > 2 700.
    // Σa² = 1 000·1 + 1 000·4 = 5 000, t = √(5 000 · 20.794415) = 322.447, and
    // cellsNeeded = min(3 001, ⌈644.894 + 2⌉ + 2 004) = 2 651 ≤ 2 700: route 1, whose window
    // (about 360 live cells) drifts with the mean 0.9·3 000 = 2 700 past cell 2 700 of the
    // buffer, so it must slide down (base > 0) to finish.
    const book = alternating(2000, 1, 2, '0.9');
    const tight = forecastDistribution(book, { maxStates: 2700 });
    const roomy = forecastDistribution(book);
    expect(tight.exact).toBe(true);
    expect(tight.resolution.eq(1)).toBe(true);
    // The slide only moves the window: every figure is the same, to the last bit.
    const tightTail = tail(tight, 3001);
    expect(tightTail).toEqual(tail(roomy, 3001));
    const levels = [0, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999, 1];
    expect(levels.map((q) => tight.quantile(q).toNumber())).toEqual(levels.map((q) => roomy.quantile(q).toNumber()));
    expect(tight.states).toBe(roomy.states);
    expect(tight.truncatedMass).toBe(roomy.truncatedMass);
    // Both take route 1 and update the same live windows: the same work.
    expect(tight.budget.work).toBe(roomy.budget.work);
    // The distribution's own mean, read from its tail, is 0.9 · 3 000 = 2 700 units.
    expect(meanFromTail(tightTail)).toBeCloseTo(2700, 8);
    // Median: the sum is 3 000 − (lost amounts), symmetric enough that P50 is the mean.
    expect(tight.p50.eq(2700)).toBe(true);
    // Tails were dropped, and at most 2⁻⁶⁰ per side per deal: 0 < truncatedMass ≤ 2n·2⁻⁶⁰.
    expect(tight.truncatedMass).toBeGreaterThan(0);
    expect(tight.truncatedMass).toBeLessThanOrEqual(2 * 2000 * 2 ** -60);
  });

  it('1 000 deals of 10 and 11 units at 0.9 with maxStates 4 047: the window slides several times', () => {
    // total = 10 500 units; Σa² = 500·(100 + 121) = 110 500, t = √(110 500 · 20.794415) =
    // 1 515.84, cellsNeeded = min(10 501, ⌈3 031.69 + 11⌉ + 1 004) = 4 047 ≤ 4 047. The
    // mean drifts to 0.9 · 10 500 = 9 450, more than two buffers away from cell 0.
    const book = alternating(1000, 10, 11, '0.9');
    const tight = forecastDistribution(book, { maxStates: 4047 });
    const roomy = forecastDistribution(book);
    expect(tight.exact).toBe(true);
    const tightTail = tail(tight, 10_501);
    expect(tightTail).toEqual(tail(roomy, 10_501));
    expect(meanFromTail(tightTail)).toBeCloseTo(9450, 8);
    expect(tight.truncatedMass).toBeGreaterThan(0);
    expect(tight.truncatedMass).toBeLessThanOrEqual(2 * 1000 * 2 ** -60);
  });

  it('a window that fits only without the n + 4 margin is still exact (the grid step comes out as the gcd)', () => {
    // The same 1-and-2 book with maxStates 2 650: 2 651 > 2 650 skips route 1, and route 2
    // cannot hold 3 001 sums. Route 3 leaves free = max(2 650 − 2 004, 1 325) = 1 325 cells:
    // g = max(1, min(⌈3 000/2 649⌉, ⌈646.894/1 325⌉)) = max(1, min(2, 1)) = 1, the amounts'
    // own step, so no amount moves: exact, maxError 0, and allowed with onLimit 'throw'.
    const book = alternating(2000, 1, 2, '0.9');
    const roomy = forecastDistribution(book);
    for (const onLimit of ['grid', 'throw'] as const) {
      const d = forecastDistribution(book, { maxStates: 2650, onLimit });
      expect(d.exact).toBe(true);
      expect(d.maxError.isZero()).toBe(true);
      expect(d.resolution.eq(1)).toBe(true);
      expect(tail(d, 3001)).toEqual(tail(roomy, 3001));
      // Route 1 was not tried: the distinct-sums route ran first and gave up, and its merge
      // steps count on top of the dense programme's (the same windows as with room to spare).
      expect(d.budget.work).toBeGreaterThan(roomy.budget.work);
    }
    // At maxStates 2 651 = cellsNeeded, route 1 is tried and fits: its work alone.
    expect(forecastDistribution(book, { maxStates: 2651 }).budget.work).toBe(roomy.budget.work);
  });
});

describe('forecastDistribution kernel: dropped tails are accounted for exactly', () => {
  // 59 deals of 1 unit and one of 1 000, each at ½. Sorted, the 1 000 comes last. Before it,
  // the 60 sums 0 … 59 carry C(59, k)/2⁵⁹ each (the least 2⁻⁵⁹ > 2⁻⁶⁰: nothing dropped).
  // After it, P(sum 0) = P(every deal lost) = 2⁻⁶⁰ exactly ≤ 2⁻⁶⁰: dropped, and the next,
  // P(sum 1) = 59·2⁻⁶⁰, would pass the tolerance, so the low side stops there. Likewise
  // P(sum 1 059) = 2⁻⁶⁰ is dropped and P(sum 1 058) = 59·2⁻⁶⁰ kept. truncatedMass = 2⁻⁵⁹
  // exactly, and the 59 + 59 sums 1 … 59 and 1 000 … 1 058 remain.
  const halves = (): ForecastDeal[] => [...Array.from({ length: 59 }, () => ({ amount: 1, probability: '0.5' })), { amount: 1000, probability: '0.5' }];

  it('route 1 (dense): both tails of exactly 2⁻⁶⁰ dropped, truncatedMass = 2⁻⁵⁹', () => {
    // cellsNeeded = min(1 060, …) ≤ 2¹⁷.
    const d = forecastDistribution(halves());
    expect(d.exact).toBe(true);
    expect(d.truncatedMass).toBe(2 ** -59);
    expect(d.states).toBe(118);
    expect(d.quantile(0).toNumber()).toBe(1); // sum 0 was dropped
    expect(d.probabilityAtLeast(1058)).toBeCloseTo((59 * 2 ** -60) / (1 - 2 ** -59), 30); // kept
    expect(d.probabilityAtLeast(1059)).toBe(0); // dropped
    // Work: after the k-th deal of 1 the live sums are 0 … k (k + 1 cells), then 0 … 1 059:
    // Σₖ₌₁⁵⁹ (k + 1) + 1 060 = 1 829 + 1 060.
    expect(d.budget.work).toBe(1829 + 1060);
  });

  it('a deal larger than the window leaves a gap no sum reaches, even where a dropped tail cell was', () => {
    // Two deals of 1 at p = 2⁻³⁰ (the number 2 ** -30 is exact), then one of 5 at ½.
    // After the two 1s: P(sum 2) = 2⁻³⁰·2⁻³⁰ = 2⁻⁶⁰ exactly: dropped, the window is 0 … 1.
    // The 5 then gives the sums 0, 1, 5, 6; no outcome lands on 2, 3 or 4.
    const d = forecastDistribution([
      { amount: 1, probability: 2 ** -30 },
      { amount: 1, probability: 2 ** -30 },
      { amount: 5, probability: '0.5' },
    ]);
    expect(d.truncatedMass).toBe(2 ** -60);
    expect(d.states).toBe(4);
    expect(d.probabilityAtLeast(2)).toBeCloseTo(0.5, 15); // = P(X ≥ 5): the 5 won
    expect(d.probabilityAtLeast(6)).toBeCloseTo(0.5 * 2 * 2 ** -30 * (1 - 2 ** -30), 24); // the 5 and exactly one 1
    expect(d.budget.work).toBe(2 + 3 + 7); // windows 0 … 1, 0 … 2, 0 … 6
  });

  it('route 2 (distinct sums, maxStates 128): the same tails dropped and the list compacted', () => {
    // cellsNeeded(1) = min(1 060, ⌈2·√(1 000 059 · 20.79) + 1 000⌉ + 64) = 1 060 > 128, and
    // the sums fit: 60 before the last deal, 120 merged after it, ≤ 128. Merge steps:
    // 2·(1 + 2 + … + 60) = 3 660 ≤ 32·128 = 4 096.
    const d = forecastDistribution(halves(), { maxStates: 128 });
    expect(d.exact).toBe(true);
    expect(d.budget.work).toBe(3660);
    expect(d.truncatedMass).toBe(2 ** -59);
    expect(d.states).toBe(118);
    expect(d.quantile(0).toNumber()).toBe(1);
    expect(d.probabilityAtLeast(1058)).toBeCloseTo((59 * 2 ** -60) / (1 - 2 ** -59), 30);
    expect(d.probabilityAtLeast(1059)).toBe(0);
    const dense = forecastDistribution(halves());
    for (const x of [1, 2, 30, 59, 60, 1000, 1001, 1030, 1058]) expect(d.probabilityAtLeast(x)).toBeCloseTo(dense.probabilityAtLeast(x), 15);
  });
});

describe('forecastDistribution kernel: the distinct-sums route', () => {
  it('16 distinct sums fit maxStates 16 exactly; 17 do not', () => {
    // 1, 2, 4, 9 at ½: total 16, so route 1 needs 17 cells > 16; the distinct sums are
    // 0 … 7 and 9 … 16 (8 is missing), 16 of them, each 1/16.
    const fits = forecastDistribution([1, 2, 4, 9].map((amount) => ({ amount, probability: '0.5' })), { maxStates: 16 });
    expect(fits.exact).toBe(true);
    expect(fits.states).toBe(16);
    expect(fits.resolution.eq(1)).toBe(true);
    expect(fits.probabilityAtLeast(8)).toBe(0.5); // P(X ≥ 8) = P(X ≥ 9) = 8/16
    expect(fits.probabilityAtLeast(16)).toBe(1 / 16);
    expect(fits.budget.work).toBe(2 * (1 + 2 + 4 + 8)); // 2 × the list's length per deal
    // 1, 1, 2, 4, 8 at ½: the sums 0 … 16, 17 of them > 16: not exact.
    const over = [1, 1, 2, 4, 8].map((amount) => ({ amount, probability: '0.5' }));
    const grid = forecastDistribution(over, { maxStates: 16 });
    expect(grid.exact).toBe(false);
    // Route 3: free = max(16 − 9, 8) = 8, Σa² = 86, t = √(86 · 20.79) = 42.29,
    // g = max(1, min(⌈16/15⌉, ⌈92.58/8⌉)) = min(2, 12) = 2. The amounts 1, 1, 2, 4, 8 become
    // 2, 2, 2, 4, 8 (Math.round(½) = 1 cell): maxError = 1 + 1 = 2, sums 0, 2, …, 18: 10 states.
    expect(grid.resolution.eq(2)).toBe(true);
    expect(grid.maxError.eq(2)).toBe(true);
    expect(grid.states).toBe(10);
    expectFunnelError(() => forecastDistribution(over, { maxStates: 16, onLimit: 'throw' }), 'limit_exceeded');
  });

  it('a book whose sums fit but whose merge work exceeds 32 × maxStates is not exact', () => {
    // One deal of 1 and 63 of 50, each at ½. Sorted, the 1 comes first; after it and k of
    // the 50s the sums are 50j and 50j + 1 for j ≤ k: 2(k + 1) of them, 128 at the end.
    // Route 1 needs min(3 152, …) cells (total 1 + 63·50 = 3 151) > 256. Merge steps: 2 for
    // the 1, then 2·2k for the k-th 50: 2 + 2k(k + 1) after k of them.
    const book: ForecastDeal[] = [{ amount: 1, probability: '0.5' }, ...Array.from({ length: 63 }, () => ({ amount: 50, probability: '0.5' }))];
    // maxStates 256: the sums fit, and the work 2 + 2·63·64 = 8 066 ≤ 32·256 = 8 192
    // (a little less, once the 2⁻⁶⁰ tails are dropped in the last deals).
    const roomy = forecastDistribution(book, { maxStates: 256 });
    expect(roomy.exact).toBe(true);
    expect(roomy.budget.work).toBeLessThanOrEqual(8066);
    expect(roomy.budget.work).toBeGreaterThan(32 * 128);
    // maxStates 128: the sums still fit (128), but 2 + 2·45·46 = 4 142 > 32·128 = 4 096 at
    // the 45th 50: route 2 gives up, and the grid is used.
    const tight = forecastDistribution(book, { maxStates: 128 });
    expect(tight.exact).toBe(false);
    // Route 3: free = max(128 − 68, 64) = 64; t = √(157 501 · 20.79) = 1 809.7, so the
    // Hoeffding step is ⌈3 669.4/64⌉ = 58 and the full-range step ⌈3 151/127⌉ = 25: g = 25.
    // The 1 rounds to 0 (off by 1), each 50 to 2 cells: maxError 1.
    expect(tight.resolution.eq(25)).toBe(true);
    expect(tight.maxError.eq(1)).toBe(true);
    expectFunnelError(() => forecastDistribution(book, { maxStates: 128, onLimit: 'throw' }), 'limit_exceeded');
  });

  it('resolution is the amounts’ common step in route 2 too (whole yuan: 1, not 0.01)', () => {
    // 1, 2, 4, 9 yuan = 100, 200, 400, 900 fen, gcd 100 fen = 1 yuan. maxStates 17: route 1
    // (17 cells of 1 yuan), its work 2 + 4 + 8 + 17 = 31 cells; maxStates 16: route 2, work
    // 2·(1 + 2 + 4 + 8) = 30 merge steps. Same 16 sums, same step.
    const book = [1, 2, 4, 9].map((y) => ({ amount: money(String(y), 'CNY'), probability: '0.5' }));
    const dense = forecastDistribution(book, { maxStates: 17 });
    const sparse = forecastDistribution(book, { maxStates: 16 });
    expect([dense.exact, sparse.exact]).toEqual([true, true]);
    expect(dense.budget.work).toBe(31);
    expect(sparse.budget.work).toBe(30);
    expect(dense.resolution.toString()).toBe('1');
    expect(sparse.resolution.toString()).toBe('1');
    expect(sparse.states).toBe(16);
    expect(sparse.probabilityAtLeast(money('9', 'CNY'))).toBe(0.5);
  });
});

describe('forecastDistribution kernel: the grid step', () => {
  it('the Hoeffding step when n is small next to maxStates: 100 deals of 1 000 and 100 of 1 002 at ½, maxStates 1 024', () => {
    // d = 2, total = 200 200, Σa² = 100·1 000² + 100·1 002² = 200 400 400, t = 64 553.92.
    // Route 1: ⌈(2t + 1 002)/2⌉ + 204 = 65 260 > 1 024; route 2: 101·101 distinct sums > 1 024.
    // free = max(1 024 − 204, 512) = 820; Hoeffding step ⌈130 109.85/820⌉ = ⌈158.67⌉ = 159,
    // full-range step ⌈200 200/1 023⌉ = 196: g = 159, rounded up to a multiple of 2: 160.
    // 1 000 and 1 002 both become 6·160 = 960: maxError = 100·40 + 100·42 = 8 200.
    const d = forecastDistribution(alternating(200, 1000, 1002, '0.5'), { maxStates: 1024 });
    expect(d.exact).toBe(false);
    expect(d.resolution.toNumber()).toBe(160);
    expect(d.maxError.toNumber()).toBe(8200);
    expect(d.states).toBeLessThanOrEqual(1024);
  });

  it('the Hoeffding step with half the cells free when n is large: 600 such deals', () => {
    // total = 600 600, Σa² = 601 201 200, t = 111 810.68; free = max(1 024 − 604, 512) = 512.
    // Hoeffding step ⌈224 623.35/512⌉ = ⌈438.72⌉ = 439, full-range ⌈600 600/1 023⌉ = 588:
    // g = 439 → 440. Both amounts become 2·440 = 880: maxError = 300·120 + 300·122 = 72 600.
    const d = forecastDistribution(alternating(600, 1000, 1002, '0.5'), { maxStates: 1024 });
    expect(d.exact).toBe(false);
    expect(d.resolution.toNumber()).toBe(440);
    expect(d.maxError.toNumber()).toBe(72_600);
  });

  it('when the first grid’s window does not fit, the step doubles: 40 deals of 1 at ½, maxStates 32', () => {
    // Route 1 needs min(41, …) = 41 cells > 32. Route 2: the list after the k-th deal has
    // k + 1 sums; the merge steps 2·(1 + … + 31) = 992 fit 32·32 = 1 024, the 32nd deal's
    // 64 more do not. Route 3: free = max(32 − 44, 16) = 16, t = √(40 · 20.79) = 28.84,
    // g = max(1, min(⌈40/31⌉, ⌈58.68/16⌉)) = min(2, 4) = 2, and each 1 rounds to 1 cell
    // (Math.round(½) = 1). No tail is ever as small as 2⁻⁶⁰ (the least is 2⁻⁴⁰), so after the
    // 32nd deal the window needs 33 cells > 32, even slid: after 2 + 3 + … + 33 = 560 cells
    // the grid is coarsened to g = 4, where every 1 rounds to 0: revenue 0 for sure, off by
    // at most maxError = 40 × 1.
    const d = forecastDistribution(
      Array.from({ length: 40 }, () => ({ amount: 1, probability: '0.5' })),
      { maxStates: 32 },
    );
    expect(d.exact).toBe(false);
    expect(d.resolution.toNumber()).toBe(4);
    expect(d.maxError.toNumber()).toBe(40);
    expect(d.states).toBe(1);
    expect(d.budget.work).toBe(992 + 560);
  });

  it('an explicit onLimit: grid is the default', () => {
    const over = [1, 1, 2, 4, 8].map((amount) => ({ amount, probability: '0.5' }));
    const d = forecastDistribution(over, { maxStates: 16, onLimit: 'grid' });
    expect(d.exact).toBe(false);
    expect(d.resolution.eq(2)).toBe(true);
    expect(tail(d, 17)).toEqual(tail(forecastDistribution(over, { maxStates: 16 }), 17));
  });
});

describe('forecastDistribution kernel: books without uncertain deals', () => {
  it('no deals, or only certain ones: one sum, exact, one smallest unit apart, no work', () => {
    for (const deals of [[], [{ amount: money('5', 'CNY'), probability: '1' }, { amount: money('7', 'CNY'), probability: '0' }]]) {
      const d = forecastDistribution(deals, { currency: 'CNY' });
      expect(d.exact).toBe(true);
      expect(d.states).toBe(1);
      expect(d.resolution.toString()).toBe('0.01');
      expect(d.truncatedMass).toBe(0);
      expect(d.budget.work).toBe(0);
    }
  });
});

describe('forecastDistribution kernel: deals in ascending order', () => {
  it('the live window grows by the smaller amount first: 2 + 4 = 6 cells for 2 and 1, not 3 + 4', () => {
    // Sorted 1, 2: after the 1 the sums 0 … 1 (2 cells), after the 2 the sums 0 … 3 (4).
    // In input order 2, 1 it would be 0 … 2 (3 cells), then 0 … 3 (4): 7.
    const d = forecastDistribution([
      { amount: 2, probability: '0.5' },
      { amount: 1, probability: '0.5' },
    ]);
    expect(d.budget.work).toBe(6);
    expect(tail(d, 4)).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });
});
