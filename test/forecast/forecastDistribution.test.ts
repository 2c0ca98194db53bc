import { describe, expect, it } from 'vitest';
import { Decimal, FunnelError, forecastDistribution, money, type ForecastDeal, type ForecastDistribution } from '../../src/index.js';

const wan = (n: number) => money(String(n * 10_000), 'CNY');

// Five deals of 100 万 each with p = 0.5, 0.3, 0.7, 0.3, 0.9 (the golden book).
const five: ForecastDeal[] = ['0.5', '0.3', '0.7', '0.3', '0.9'].map((p) => ({ amount: wan(100), probability: p }));

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

describe('forecastDistribution: the five-deal golden book', () => {
  // Computed inside each test, so that a mutation runner can tell which tests cover what.
  const golden = () => forecastDistribution(five);

  it('P(exactly 2 wins) = 0.3167', () => {
    const d = golden();
    // Sum over the 10 pairs {i, j} of pᵢ·pⱼ·Π(1 − p) of the other three:
    // (1,2) .5·.3·(.3·.7·.1) = .00315   (1,3) .5·.7·(.7·.7·.1) = .01715
    // (1,4) .5·.3·(.7·.3·.1) = .00315   (1,5) .5·.9·(.7·.3·.7) = .06615
    // (2,3) .3·.7·(.5·.7·.1) = .00735   (2,4) .3·.3·(.5·.3·.1) = .00135
    // (2,5) .3·.9·(.5·.3·.7) = .02835   (3,4) .7·.3·(.5·.7·.1) = .00735
    // (3,5) .7·.9·(.5·.7·.7) = .15435   (4,5) .3·.9·(.5·.7·.3) = .02835   total .3167
    const exactlyTwo = d.probabilityAtLeast(wan(200)) - d.probabilityAtLeast(wan(300));
    expect(exactlyTwo).toBeCloseTo(0.3167, 12);
    expect(d.method).toBe('exact');
    expect(d.exact).toBe(true);
    expect(d.truncatedMass).toBe(0);
  });

  it('mean Σ a·p and variance Σ a²·p·(1 − p), exact', () => {
    const d = golden();
    // mean = 100 万 × (0.5 + 0.3 + 0.7 + 0.3 + 0.9) = 270 万
    expect(d.mean.toFixed(2)).toBe('2700000.00');
    // variance = (100 万)² × (0.25 + 0.21 + 0.21 + 0.21 + 0.09) = 1e12 × 0.97
    expect(d.variance.eq('970000000000')).toBe(true);
    expect(d.standardDeviation.toFixed(6)).toBe(new Decimal('970000000000').sqrt().toFixed(6));
    expect(d.currency).toBe('CNY');
    expect(d.dealCount).toBe(5);
    expect(d.minimum.isZero()).toBe(true);
    expect(d.maximum.eq(5_000_000)).toBe(true);
  });

  it('P10 / P50 / P90 from the cumulative distribution', () => {
    const d = golden();
    // P(0 wins) = .5·.7·.3·.7·.1 = .00735, P(≤1) = .00735 + .09695 = .1043 ≥ .1 → P10 = 100 万
    // P(≤2) = .1043 + .3167 = .421 < .5, P(≤3) = .421 + .3747 = .7957 ≥ .5 → P50 = 300 万
    // P(≤4) = .7957 + .17595 = .97165 ≥ .9 → P90 = 400 万
    expect(d.p10.eq(1_000_000)).toBe(true);
    expect(d.p50.eq(3_000_000)).toBe(true);
    expect(d.p90.eq(4_000_000)).toBe(true);
    expect(d.quantiles.map((q) => [q.level, q.amount.toNumber()])).toEqual([
      [0.1, 1_000_000],
      [0.5, 3_000_000],
      [0.9, 4_000_000],
    ]);
    // P(5 wins) = .5·.3·.7·.3·.9 = .02835, so P(≤4) = .97165 < .98 → the 0.98-quantile is 500 万
    expect(d.quantile(0.98).eq(5_000_000)).toBe(true);
    expect(d.quantile(0).isZero()).toBe(true);
    expect(d.quantile(1).eq(5_000_000)).toBe(true);
  });

  it('P(revenue ≥ x) steps at the possible sums', () => {
    const d = golden();
    expect(d.probabilityAtLeast(0)).toBe(1);
    expect(d.probabilityAtLeast(-5)).toBe(1);
    expect(d.probabilityAtLeast('0.01')).toBeCloseTo(1 - 0.00735, 12);
    expect(d.probabilityAtLeast(wan(500))).toBeCloseTo(0.02835, 12);
    expect(d.probabilityAtLeast('5000000.01')).toBe(0);
    // P(≥ 250 万) = P(≥ 3 wins) = .3747 + .17595 + .02835 = .579
    expect(d.probabilityAtLeast(wan(250))).toBeCloseTo(0.579, 12);
  });

  it('the normal approximation: mean ± z·sd, clamped, rounded to the unit', () => {
    const n = forecastDistribution(five, { method: 'normal' });
    expect(n.method).toBe('normal');
    // sd = √0.97 × 1e6 = 984 885.78…; P10 = 2 700 000 − 1.2815515655446004 × 984 885.78 = 1 437 818.4 → 1 437 818
    expect(n.p10.toFixed(0)).toBe('1437818');
    expect(n.p50.toFixed(0)).toBe('2700000');
    expect(n.p90.toFixed(0)).toBe('3962182');
    // P(≥ mean) = 1/2
    expect(n.probabilityAtLeast(wan(270))).toBeCloseTo(0.5, 14);
    // P(≥ mean + sd) = 1 − Φ(1) = 0.15865525393145707
    expect(n.probabilityAtLeast(new Decimal(2_700_000).plus(n.standardDeviation))).toBeCloseTo(0.15865525393145707, 12);
    expect(n.quantile(0).isZero()).toBe(true);
    expect(n.quantile(1).eq(5_000_000)).toBe(true);
    // far quantiles are clamped to [minimum, maximum]
    expect(n.quantile(1e-12).isZero()).toBe(true);
  });

  it('Monte Carlo: same seed, same answer; a different seed, another sample', () => {
    const a = forecastDistribution(five, { method: 'monteCarlo', seed: 42, trials: 5000 });
    const b = forecastDistribution(five, { method: 'monteCarlo', seed: 42, trials: 5000 });
    const c = forecastDistribution(five, { method: 'monteCarlo', seed: 43, trials: 5000 });
    expect(a.method).toBe('monteCarlo');
    expect(a.trials).toBe(5000);
    expect(a.seed).toBe(42);
    expect(a.sampleMean.eq(b.sampleMean)).toBe(true);
    expect(a.probabilityAtLeast(wan(300))).toBe(b.probabilityAtLeast(wan(300)));
    expect(a.sampleMean.eq(c.sampleMean)).toBe(false);
    // exact mean and variance whatever the method
    expect(a.mean.eq(2_700_000)).toBe(true);
    expect(a.variance.eq('970000000000')).toBe(true);
    // P(exactly 2) within 4 standard errors: √(.3167 × .6833 / 5000) = 0.00658
    expect(Math.abs(a.probabilityAtLeast(wan(200)) - a.probabilityAtLeast(wan(300)) - 0.3167)).toBeLessThan(4 * 0.00658);
    // sample mean within 4 standard errors of 270 万; SE ≈ 984 886 / √5000 ≈ 13 929
    expect(a.standardError.toNumber()).toBeGreaterThan(13_000);
    expect(a.standardError.toNumber()).toBeLessThan(15_000);
    expect(Math.abs(a.sampleMean.toNumber() - 2_700_000)).toBeLessThan(4 * a.standardError.toNumber());
  });
});

describe('forecastDistribution: small cases by hand', () => {
  it('two deals of 100 and 300 at 50 %: outcomes 0, 100, 300, 400 each ¼', () => {
    const d = forecastDistribution([
      { amount: '100', probability: '0.5' },
      { amount: '300', probability: 0.5 },
    ]);
    expect(d.currency).toBeUndefined();
    expect(d.exact).toBe(true);
    expect(d.states).toBe(4);
    expect(d.p10.eq(0)).toBe(true); // F(0) = .25 ≥ .1
    expect(d.p50.eq(100)).toBe(true); // F(100) = .5 ≥ .5 (smallest x with F(x) ≥ q)
    expect(d.quantile(0.51).eq(300)).toBe(true);
    expect(d.p90.eq(400)).toBe(true);
    expect(d.probabilityAtLeast(250)).toBe(0.5);
    expect(d.probabilityAtLeast(301)).toBe(0.25);
    expect(d.mean.eq(200)).toBe(true);
    expect(d.variance.eq(25_000)).toBe(true); // 100²·¼ + 300²·¼
  });

  it('certain deals shift everything; zero-probability deals never count', () => {
    const d = forecastDistribution([
      { amount: money('50', 'CNY'), probability: 1 },
      { amount: money('10', 'CNY'), probability: '0.5' },
      { amount: money('999', 'CNY'), probability: 0 },
    ]);
    expect(d.minimum.eq(50)).toBe(true);
    expect(d.maximum.eq(60)).toBe(true);
    expect(d.probabilityAtLeast(money('50', 'CNY'))).toBe(1);
    expect(d.probabilityAtLeast('50.01')).toBe(0.5);
    expect(d.probabilityAtLeast(61)).toBe(0);
    expect(d.p10.eq(50)).toBe(true);
    expect(d.p90.eq(60)).toBe(true);
    expect(d.variance.eq(25)).toBe(true); // 10²·½·½
  });

  it('no deals: revenue is 0 for sure', () => {
    for (const method of ['exact', 'normal', 'monteCarlo'] as const) {
      const d = forecastDistribution([], { method, currency: 'CNY' });
      expect(d.mean.isZero()).toBe(true);
      expect(d.p50.isZero()).toBe(true);
      expect(d.probabilityAtLeast(0)).toBe(1);
      expect(d.probabilityAtLeast('0.01')).toBe(0);
      expect(d.currency).toBe('CNY');
    }
  });

  it('amounts with cents stay exact (worked in the smallest unit)', () => {
    const d = forecastDistribution([
      { amount: '0.10', probability: '0.5' },
      { amount: '0.20', probability: '0.5' },
      { amount: '1234.57', probability: '0.25' },
    ]);
    expect(d.exact).toBe(true);
    // P(≥ 0.30) = P(both small) + P(the large one and not both small)·… : outcomes ≥ 0.30 are
    // {0.1+0.2} (¼·¾ without the large) or any with the large (¼): ¼·¾ + ¼ = 0.4375
    expect(d.probabilityAtLeast('0.30')).toBeCloseTo(0.4375, 14);
    expect(d.probabilityAtLeast('0.21')).toBeCloseTo(0.4375, 14);
    expect(d.probabilityAtLeast('0.2')).toBeCloseTo(0.25 * 0.75 + 0.25 * 0.75 + 0.25, 14);
    expect(d.quantile(0.999).eq('1234.87')).toBe(true);
  });

  it('equal amounts: the binomial distribution', () => {
    // 10 deals of 1 at p = 0.5: P(≥ 8) = (45 + 10 + 1) / 1024
    const d = forecastDistribution(Array.from({ length: 10 }, () => ({ amount: 1, probability: 0.5 })));
    expect(d.probabilityAtLeast(8)).toBeCloseTo(56 / 1024, 14);
    expect(d.p50.eq(5)).toBe(true); // F(4) = 386/1024 < .5 ≤ F(5) = 638/1024
  });
});

describe('forecastDistribution: quantiles exactly at a cumulative probability', () => {
  it('one deal of 100 at 0.9: P(revenue ≤ 0) is exactly 0.1, so P10 = 0', () => {
    const d = forecastDistribution([{ amount: '100', probability: '0.9' }]);
    expect(d.p10.toString()).toBe('0'); // F(0) = 0.1 ≥ 0.1 (1 − 0.9 in doubles is 0.09999999999999998)
    expect(d.quantile(0.1).toString()).toBe('0');
    expect(d.quantile(0.100001).toString()).toBe('100');
    expect(d.p50.toString()).toBe('100');
    expect(d.p90.toString()).toBe('100');
    expect(d.quantile(1).toString()).toBe('100');
  });

  it('one deal of 100 at 0.1: P(revenue ≤ 0) is exactly 0.9, so P90 = 0', () => {
    const d = forecastDistribution([{ amount: '100', probability: '0.1' }]);
    expect(d.p10.toString()).toBe('0');
    expect(d.p50.toString()).toBe('0');
    expect(d.p90.toString()).toBe('0'); // F(0) = 0.9 ≥ 0.9
    expect(d.quantile(0.900001).toString()).toBe('100');
  });

  it('100 at 0.7 and 200 at 0.3: each level met exactly by F picks that outcome', () => {
    // Outcomes 0: .3·.7 = .21; 100: .7·.7 = .49; 200: .3·.3 = .09; 300: .7·.3 = .21.
    // F(0) = .21, F(100) = .70, F(200) = .79, F(300) = 1.
    const d = forecastDistribution([
      { amount: '100', probability: '0.7' },
      { amount: '200', probability: '0.3' },
    ]);
    const q = (level: number) => d.quantile(level).toNumber();
    expect([q(0.21), q(0.2100001), q(0.7), q(0.7000001), q(0.79), q(0.7900001), q(1)]).toEqual([0, 100, 100, 200, 200, 300, 300]);
    expect([d.p10.toNumber(), d.p50.toNumber(), d.p90.toNumber()]).toEqual([0, 100, 300]);
  });

  it('ten deals of 1 at 0.1: F(0) = 0.9¹⁰ = 0.3486784401 and F(1) = 0.7360989291 exactly', () => {
    const d = forecastDistribution(Array.from({ length: 10 }, () => ({ amount: 1, probability: '0.1' })));
    // F(1) = 0.9¹⁰ + 10 · 0.1 · 0.9⁹ = 0.3486784401 + 0.387420489
    expect(d.quantile(0.3486784401).toNumber()).toBe(0);
    expect(d.quantile(0.3486784402).toNumber()).toBe(1);
    expect(d.quantile(0.7360989291).toNumber()).toBe(1);
    expect(d.quantile(0.7360989292).toNumber()).toBe(2);
    expect([d.p10.toNumber(), d.p50.toNumber(), d.p90.toNumber()]).toEqual([0, 1, 2]); // F(2) = 0.9298091736
  });
});

describe('forecastDistribution: the cap', () => {
  // 24 deals with "random" amounts in cents: 2²⁴ distinct sums, far beyond 1 024 states.
  const big: ForecastDeal[] = Array.from({ length: 24 }, (_, i) => ({
    amount: new Decimal(100_000 + ((i * 7919 * 104729) % 900_001)).div(100),
    probability: new Decimal(((i * 37) % 90) + 5).div(100),
  }));

  it('falls back to a grid and reports its resolution and worst-case error', () => {
    const d = forecastDistribution(big, { maxStates: 1024 });
    expect(d.exact).toBe(false);
    expect(d.states).toBeLessThanOrEqual(1024);
    expect(d.resolution.gt('0.01')).toBe(true);
    expect(d.maxError.gt(0)).toBe(true);
    // each amount moves at most half a grid step
    expect(d.maxError.lte(d.resolution.times(24).div(2))).toBe(true);
    // exact figures do not depend on the grid
    expect(d.mean.eq(forecastDistribution(big, { method: 'normal' }).mean)).toBe(true);
  });

  it('the grid brackets the exact answer within maxError', () => {
    const coarse = forecastDistribution(big, { maxStates: 1024 });
    const fine = forecastDistribution(big, { maxStates: 2 ** 21 });
    // 2²⁴ distinct sums, but the sums that carry probability above 2⁻⁶⁰ fit 2²¹ one-cent cells
    expect(fine.exact).toBe(true);
    expect(fine.resolution.eq('0.01')).toBe(true);
    const e = coarse.maxError;
    for (const q of [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95]) {
      const x = fine.quantile(q);
      expect(coarse.quantile(q).minus(x).abs().lte(e)).toBe(true);
    }
  });

  it("onLimit: 'throw' refuses instead", () => {
    expectFunnelError(() => forecastDistribution(big, { maxStates: 1024, onLimit: 'throw' }), 'limit_exceeded');
  });

  it('a book on a coarse lattice (whole 万) is exact however many deals', () => {
    const deals = Array.from({ length: 300 }, (_, i) => ({ amount: wan(1 + (i % 50)), probability: new Decimal((i % 9) + 1).div(10) }));
    const d = forecastDistribution(deals);
    expect(d.exact).toBe(true);
    expect(d.resolution.eq(10_000)).toBe(true);
    // Tails below 2⁻⁶⁰ exist (P(every deal won) < 0.9³⁰⁰) and are dropped, at most 2⁻⁶⁰ per
    // side per deal: 0 < truncatedMass ≤ 2n·2⁻⁶⁰.
    expect(d.truncatedMass).toBeGreaterThan(0);
    expect(d.truncatedMass).toBeLessThanOrEqual(300 * 2 * 2 ** -60);
  });
});

describe('forecastDistribution: currencies and errors', () => {
  it('converts other currencies with rates, rounding to the minor unit', () => {
    const rates = { base: 'CNY', rates: { USD: '7.1' } };
    const d = forecastDistribution(
      [
        { amount: money('100', 'USD'), probability: 1 },
        { amount: money('10', 'CNY'), probability: 1 },
      ],
      { currency: 'CNY', rates },
    );
    expect(d.mean.eq(720)).toBe(true);
    expect(d.currency).toBe('CNY');
  });

  it('refuses mixed currencies without rates, and money of another currency in queries', () => {
    expectFunnelError(
      () => forecastDistribution([{ amount: money('1', 'CNY'), probability: 1 }, { amount: money('1', 'USD'), probability: 1 }]),
      'currency_mismatch',
    );
    const d = forecastDistribution([{ amount: money('1', 'CNY'), probability: 1 }]);
    expectFunnelError(() => d.probabilityAtLeast(money('1', 'USD')), 'currency_mismatch');
  });

  it('refuses bad deals', () => {
    expectFunnelError(() => forecastDistribution([{ amount: '-1', probability: 0.5 }]), 'invalid_argument');
    expectFunnelError(() => forecastDistribution([{ amount: '1', probability: 1.5 }]), 'invalid_argument');
    expectFunnelError(() => forecastDistribution([{ amount: '1', probability: '-0.1' }]), 'invalid_argument');
    expectFunnelError(() => forecastDistribution([{ amount: 'abc', probability: 0.5 }]), 'invalid_amount');
    expectFunnelError(() => forecastDistribution([null as unknown as ForecastDeal]), 'invalid_argument');
  });

  it('refuses bad options and bad quantile levels', () => {
    const bad = [
      { method: 'magic' },
      { quantiles: [0.5, 1.5] },
      { quantiles: [Number.NaN] },
      { maxStates: 3 },
      { maxStates: 1.5 },
      { onLimit: 'guess' },
      { trials: 1 },
      { trials: 2.5 },
      { seed: 0.5 },
      { currency: 'RMB' },
    ];
    for (const options of bad) {
      expect(() => forecastDistribution(five, options as never)).toThrow(FunnelError);
    }
    const d = forecastDistribution(five);
    expectFunnelError(() => d.quantile(1.1), 'invalid_argument');
    expectFunnelError(() => d.quantile(-0.1), 'invalid_argument');
  });

  it('refuses totals beyond 2⁵³ in the smallest unit for exact and Monte Carlo, not for normal', () => {
    const huge = [{ amount: '1e14', probability: '0.5' }, { amount: '0.01', probability: '0.5' }];
    expectFunnelError(() => forecastDistribution(huge), 'limit_exceeded');
    expectFunnelError(() => forecastDistribution(huge, { method: 'monteCarlo' }), 'limit_exceeded');
    expect(forecastDistribution(huge, { method: 'normal' }).mean.eq('50000000000000.005')).toBe(true);
  });

  it('reports the quantiles asked for, in order', () => {
    const d = forecastDistribution(five, { quantiles: [0.9, 0.05] });
    expect(d.quantiles.map((q) => q.level)).toEqual([0.9, 0.05]);
    // P(≤0) = .00735 < .05 ≤ P(≤1) = .1043
    expect(d.quantiles[1]?.amount.eq(1_000_000)).toBe(true);
  });
});

describe('forecastDistribution: work budget and time limit', () => {
  // What a caller reads from a result, to compare two results field by field.
  const figures = (d: ForecastDistribution) => ({
    method: d.method,
    quantiles: d.quantiles.map((q) => q.amount.toString()),
    p: [d.p10, d.p50, d.p90].map(String),
    atLeast: [0, 1, 2, 3, 4, 5].map((k) => d.probabilityAtLeast(wan(100 * k))),
    ...(d.method === 'exact' ? { exact: d.exact, states: d.states, resolution: String(d.resolution), maxError: String(d.maxError), truncatedMass: d.truncatedMass } : {}),
    ...(d.method === 'monteCarlo' ? { trials: d.trials, sampleMean: String(d.sampleMean), standardError: String(d.standardError) } : {}),
  });

  it('counts the exact programme’s steps: 2 + 3 + 4 + 5 + 6 = 20 cells for the five-deal book', () => {
    // Every amount is one cell of 100 万; after deal k the live sums are 0 … k (k + 1 cells).
    const d = forecastDistribution(five);
    expect(d.budget).toEqual({ requestedMethod: 'exact', work: 20, maxWork: null, workLimitHit: false, timeLimitHit: false });
  });

  it('a budget the method needs gives exactly the result without a budget', () => {
    const free = forecastDistribution(five);
    const fits = forecastDistribution(five, { maxWork: 20 });
    expect(fits.method).toBe('exact');
    expect(figures(fits)).toEqual(figures(free));
    expect(fits.budget).toEqual({ requestedMethod: 'exact', work: 20, maxWork: 20, workLimitHit: false, timeLimitHit: false });
    const ample = forecastDistribution(five, { maxWork: 1e12, timeLimitMs: 1e9 });
    expect(figures(ample)).toEqual(figures(free));
    expect(ample.budget.timeLimitHit).toBe(false);
  });

  it('one step short, the exact method stops before the fifth deal and the result is the normal approximation', () => {
    const d = forecastDistribution(five, { maxWork: 19 });
    expect(d.method).toBe('normal');
    // 2 + 3 + 4 + 5 = 14 steps done; the fifth deal needs 6 more.
    expect(d.budget).toEqual({ requestedMethod: 'exact', work: 14, maxWork: 19, workLimitHit: true, timeLimitHit: false });
    expect(figures(d)).toEqual(figures(forecastDistribution(five, { method: 'normal' })));
    // The exact moments stay, whatever the method: 270 万.
    expect(d.mean.eq(2_700_000)).toBe(true);
    expect(d.p10.toFixed(0)).toBe('1437818'); // 270 万 − 1.2816 × 98.49 万, as in the guide
  });

  it('maxWork: 0 falls back at once; a book without uncertain deals needs no steps and stays exact', () => {
    const d = forecastDistribution(five, { maxWork: 0 });
    expect(d.method).toBe('normal');
    expect(d.budget).toMatchObject({ work: 0, workLimitHit: true });
    const certain = forecastDistribution([{ amount: wan(100), probability: '1' }, { amount: wan(50), probability: '0' }], { maxWork: 0 });
    expect(certain.method).toBe('exact');
    expect(certain.p50.eq(1_000_000)).toBe(true);
    expect(certain.budget).toMatchObject({ work: 0, workLimitHit: false });
  });

  it('Monte Carlo takes trials × uncertain deals draws: 100 × 5 = 500, decided before drawing', () => {
    const free = forecastDistribution(five, { method: 'monteCarlo', trials: 100, seed: 7 });
    expect(free.budget.work).toBe(500);
    const fits = forecastDistribution(five, { method: 'monteCarlo', trials: 100, seed: 7, maxWork: 500 });
    expect(fits.method).toBe('monteCarlo');
    expect(figures(fits)).toEqual(figures(free));
    const short = forecastDistribution(five, { method: 'monteCarlo', trials: 100, seed: 7, maxWork: 499 });
    expect(short.method).toBe('normal');
    expect(short.budget).toEqual({ requestedMethod: 'monteCarlo', work: 0, maxWork: 499, workLimitHit: true, timeLimitHit: false });
  });

  it('the normal method takes no steps and never runs out', () => {
    const d = forecastDistribution(five, { method: 'normal', maxWork: 0, timeLimitMs: 0 });
    expect(d.method).toBe('normal');
    expect(d.budget).toEqual({ requestedMethod: 'normal', work: 0, maxWork: 0, workLimitHit: false, timeLimitHit: false });
  });

  it('timeLimitMs: 0 has passed at the first step: the normal approximation, reported as a time stop', () => {
    for (const method of ['exact', 'monteCarlo'] as const) {
      const d = forecastDistribution(five, { method, timeLimitMs: 0 });
      expect(d.method).toBe('normal');
      expect(d.budget).toMatchObject({ requestedMethod: method, maxWork: null, workLimitHit: false, timeLimitHit: true });
    }
  });

  it('a large book with amounts to the fen: a budget of 10⁶ steps gives the normal approximation', () => {
    // The TSDoc example: 1 000 deals of 1 000.25 … 1 999.25 at 40 %; mean 0.4 × 1 499 750 = 599 900.
    const deals = Array.from({ length: 1000 }, (_, i) => ({ amount: `${1000 + i}.25`, probability: '0.4' }));
    const d = forecastDistribution(deals, { maxWork: 1_000_000 });
    expect(d.method).toBe('normal');
    expect(d.budget.workLimitHit).toBe(true);
    expect(d.budget.work).toBeLessThanOrEqual(1_000_000);
    expect(d.p50.toFixed(2)).toBe('599900.00');
  });

  it('refuses a maxWork that is not a whole number ≥ 0, and a timeLimitMs that is not a number ≥ 0', () => {
    for (const maxWork of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '10']) {
      expectFunnelError(() => forecastDistribution(five, { maxWork } as never), 'invalid_option');
      try {
        forecastDistribution(five, { maxWork } as never);
      } catch (e) {
        expect((e as FunnelError).params).toMatchObject({ option: 'maxWork' });
      }
    }
    for (const timeLimitMs of [-1, Number.NaN, '5']) {
      expectFunnelError(() => forecastDistribution(five, { timeLimitMs } as never), 'invalid_option');
      try {
        forecastDistribution(five, { timeLimitMs } as never);
      } catch (e) {
        expect((e as FunnelError).params).toMatchObject({ option: 'timeLimitMs' });
      }
    }
  });
});
