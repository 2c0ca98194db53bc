import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, forecastDistribution, money, type ForecastDeal } from '../../src/index.js';

// Deals in CNY: amounts in cents (sometimes on a coarse lattice so that sums collide),
// probabilities in whole percent, including the certain 0 and 1.
const dealArb = fc.record({
  cents: fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 20 }).map((n) => n * 100_000)),
  percent: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(0, 100)),
});
const toDeals = (rows: ReadonlyArray<{ cents: number; percent: number }>) =>
  rows.map((r): ForecastDeal => ({ amount: money(new Decimal(r.cents).div(100), 'CNY'), probability: new Decimal(r.percent).div(100) }));
const bookArb = (maxLength: number) => fc.array(dealArb, { maxLength }).map(toDeals);
// Books whose distinct sums outgrow a small cap: 6–10 uncertain deals with amounts to the fen.
const unevenBookArb = fc
  .array(fc.record({ cents: fc.integer({ min: 1, max: 2_000_000 }), percent: fc.integer({ min: 1, max: 99 }) }), { minLength: 6, maxLength: 10 })
  .map(toDeals);

/** Every outcome's probability by enumerating the 2ⁿ win/lose combinations: cents → probability. */
function bruteForce(deals: readonly ForecastDeal[]): Map<number, number> {
  const cents = deals.map((d) => (d.amount as { amount: Decimal }).amount.times(100).toNumber());
  const ps = deals.map((d) => new Decimal(d.probability).toNumber());
  const out = new Map<number, number>();
  for (let mask = 0; mask < 1 << deals.length; mask++) {
    let s = 0;
    let p = 1;
    for (let i = 0; i < deals.length; i++) {
      const win = (mask >> i) & 1;
      p *= win ? (ps[i] as number) : 1 - (ps[i] as number);
      if (win) s += cents[i] as number;
    }
    out.set(s, (out.get(s) ?? 0) + p);
  }
  return out;
}

/** P(X ≥ x) of an enumerated distribution, as a function (suffix sums over the sorted support). */
function tailOf(dist: Map<number, number>): (x: number) => number {
  const values = [...dist.keys()].sort((a, b) => a - b);
  const suffix = new Array<number>(values.length + 1).fill(0);
  for (let i = values.length - 1; i >= 0; i--) suffix[i] = (suffix[i + 1] as number) + (dist.get(values[i] as number) as number);
  return (x) => {
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((values[mid] as number) >= x) hi = mid;
      else lo = mid + 1;
    }
    return suffix[lo] as number;
  };
}

/** The first index i in [0, trials) with (i + 1)/trials ≥ q, scanning up: where an empirical F first meets q. */
function firstMeeting(trials: number, q: number): number {
  let i = 0;
  while (i < trials - 1 && (i + 1) / trials < q) i++;
  return i;
}

const cny = (cents: number) => money(new Decimal(cents).div(100), 'CNY');
const METHODS = ['exact', 'normal', 'monteCarlo'] as const;
const LEVELS = [0, 0.01, 0.05, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.95, 0.99, 1];

describe('forecastDistribution laws', () => {
  it('exact equals brute-force enumeration, so its mean is Σ a·p and its variance Σ a²·p·(1 − p)', () => {
    fc.assert(
      fc.property(fc.oneof(bookArb(10), unevenBookArb), (deals) => {
        const d = forecastDistribution(deals);
        expect(d.exact).toBe(true);
        const truth = bruteForce(deals);
        const tail = tailOf(truth);
        const support = [...truth.keys()].sort((a, b) => a - b);
        for (const x of support) expect(Math.abs(d.probabilityAtLeast(cny(x)) - tail(x))).toBeLessThan(1e-12);
        // Moments of the computed distribution from its tail: E[X] = Σ (vᵢ − vᵢ₋₁)·P(X ≥ vᵢ),
        // E[X²] = Σ (vᵢ² − vᵢ₋₁²)·P(X ≥ vᵢ), over the support v₀ < v₁ < … (v₋₁ = 0).
        let m1 = 0;
        let m2 = 0;
        let prev = 0;
        for (const v of support) {
          const t = d.probabilityAtLeast(cny(v));
          m1 += (v - prev) * t;
          m2 += (v * v - prev * prev) * t;
          prev = v;
        }
        const mean = d.mean.times(100).toNumber();
        const variance = d.variance.times(10_000).toNumber();
        let expectedMean = new Decimal(0);
        let expectedVariance = new Decimal(0);
        for (const deal of deals) {
          const a = (deal.amount as { amount: Decimal }).amount;
          const p = new Decimal(deal.probability);
          expectedMean = expectedMean.plus(a.times(p));
          expectedVariance = expectedVariance.plus(a.pow(2).times(p).times(new Decimal(1).minus(p)));
        }
        expect(d.mean.eq(expectedMean)).toBe(true);
        expect(d.variance.eq(expectedVariance)).toBe(true);
        expect(Math.abs(m1 - mean)).toBeLessThanOrEqual(1e-9 * Math.max(1, mean));
        expect(Math.abs(m2 - mean * mean - variance)).toBeLessThanOrEqual(1e-7 * Math.max(1, m2));
      }),
      { numRuns: 200 },
    );
  });

  it('quantiles never decrease and stay in [minimum, maximum]; P(X ≥ x) never increases, is 1 at 0 and 0 past the maximum', () => {
    fc.assert(
      fc.property(bookArb(12), fc.constantFrom(...METHODS), fc.array(fc.integer({ min: -100, max: 30_000_000 }), { maxLength: 12 }), (deals, method, xs) => {
        const d = forecastDistribution(deals, { method, trials: 500, seed: 3 });
        let last = d.minimum;
        for (const q of LEVELS) {
          const x = d.quantile(q);
          expect(x.gte(last)).toBe(true);
          expect(x.gte(d.minimum) && x.lte(d.maximum)).toBe(true);
          last = x;
        }
        expect(d.probabilityAtLeast(0)).toBe(1);
        expect(d.probabilityAtLeast(d.minimum)).toBe(1);
        expect(d.probabilityAtLeast(d.maximum.plus('0.01'))).toBe(0);
        let previous = 1;
        for (const x of [...xs].sort((a, b) => a - b)) {
          const p = d.probabilityAtLeast(cny(x));
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(previous);
          previous = p;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the exact q-quantile is the smallest x with P(X ≤ x) ≥ q', () => {
    fc.assert(
      fc.property(bookArb(10), fc.double({ min: 0.001, max: 1, noNaN: true }), (deals, q) => {
        const d = forecastDistribution(deals);
        const x = d.quantile(q);
        const atMost = (y: Decimal) => 1 - d.probabilityAtLeast(y.plus('0.01')); // P(X ≤ y) on a 1-cent lattice
        expect(atMost(x)).toBeGreaterThanOrEqual(q - 1e-12);
        if (x.gt(d.minimum)) expect(atMost(x.minus('0.01'))).toBeLessThan(q + 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('a level equal to an exact cumulative probability P(X ≤ x) gives x; a level just above it, the next outcome', () => {
    // Exact decimal arithmetic on small books with probabilities in tenths: every P(X ≤ x)
    // is a short decimal (0.21, 0.7, 0.3486784401, …) that doubles cannot all hold exactly.
    const smallBook = fc.array(fc.record({ amount: fc.integer({ min: 1, max: 30 }), tenths: fc.integer({ min: 1, max: 9 }) }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(smallBook, (rows) => {
        const d = forecastDistribution(rows.map((r) => ({ amount: r.amount, probability: new Decimal(r.tenths).div(10) })));
        const mass = new Map<number, Decimal>();
        for (let mask = 0; mask < 1 << rows.length; mask++) {
          let s = 0;
          let p = new Decimal(1);
          rows.forEach((r, i) => {
            const q = new Decimal(r.tenths).div(10);
            if ((mask >> i) & 1) {
              s += r.amount;
              p = p.times(q);
            } else p = p.times(new Decimal(1).minus(q));
          });
          mass.set(s, (mass.get(s) ?? new Decimal(0)).plus(p));
        }
        const support = [...mass.keys()].sort((a, b) => a - b);
        let cdf = new Decimal(0);
        support.forEach((x, i) => {
          cdf = cdf.plus(mass.get(x)!);
          if (i === support.length - 1) return; // F = 1 at the maximum
          expect(d.quantile(cdf.toNumber()).toNumber()).toBe(x);
          expect(d.quantile(cdf.plus('1e-9').toNumber()).toNumber()).toBe(support[i + 1]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('the grid brackets the truth: P′(X ≥ x + E) ≤ P(X ≥ x) ≤ P′(X ≥ x − E)', () => {
    let gridded = 0;
    fc.assert(
      fc.property(fc.oneof(unevenBookArb, bookArb(10)), (deals) => {
        const d = forecastDistribution(deals, { maxStates: 32 });
        const e = d.maxError.times(100).toNumber();
        const truth = bruteForce(deals);
        const tail = tailOf(truth);
        for (const x of truth.keys()) {
          const t = tail(x);
          expect(t).toBeGreaterThanOrEqual(d.probabilityAtLeast(cny(x + e)) - 1e-12);
          expect(t).toBeLessThanOrEqual(d.probabilityAtLeast(cny(x - e)) + 1e-12);
        }
        if (d.exact) expect(d.maxError.isZero()).toBe(true);
        else gridded++;
      }),
      { numRuns: 200 },
    );
    expect(gridded).toBeGreaterThan(50); // the law was tested on gridded books, not only exact ones
  });

  it('Monte Carlo with many trials lands near the exact answer', () => {
    // Dvoretzky–Kiefer–Wolfowitz: P(sup |Fₙ − F| > ε) ≤ 2·exp(−2nε²). With n = 20 000
    // trials and ε = 0.02 that is 2·e⁻¹⁶ ≈ 2.3e-7 per book, for every x at once; and the
    // sample mean lies within 5 standard errors except with probability 5.7e-7. Over 60
    // books a run fails by chance with probability below 5e-5; fast-check prints the seed.
    fc.assert(
      fc.property(bookArb(30), fc.integer({ min: 1, max: 1_000_000 }), (deals, seed) => {
        const exact = forecastDistribution(deals);
        const mc = forecastDistribution(deals, { method: 'monteCarlo', trials: 20_000, seed });
        for (const q of LEVELS) {
          const x = exact.quantile(q);
          expect(Math.abs(mc.probabilityAtLeast(x) - exact.probabilityAtLeast(x))).toBeLessThan(0.02);
        }
        const sd = exact.standardDeviation.toNumber();
        expect(Math.abs(mc.sampleMean.toNumber() - exact.mean.toNumber())).toBeLessThanOrEqual((5 * sd) / Math.sqrt(20_000) + 0.01);
      }),
      { numRuns: 60 },
    );
  });

  it('Monte Carlo: same seed, same answer', () => {
    fc.assert(
      fc.property(bookArb(15), fc.integer(), (deals, seed) => {
        const a = forecastDistribution(deals, { method: 'monteCarlo', trials: 200, seed });
        const b = forecastDistribution(deals, { method: 'monteCarlo', trials: 200, seed });
        expect(a.quantiles.map((q) => q.amount.toString())).toEqual(b.quantiles.map((q) => q.amount.toString()));
        expect(a.sampleMean.eq(b.sampleMean) && a.standardError.eq(b.standardError)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('Monte Carlo reports its own sample: quantiles of the empirical F, mean and sd (divisor trials − 1) of the draws', () => {
    // Books on a 1-万 lattice (0 … 20 万 per deal, 1 … 6 deals) so that every possible total
    // is a whole 万 up to the maximum: the sample is read back through P(X ≥ x) at each.
    const latticeBook = fc
      .array(fc.record({ wan: fc.integer({ min: 0, max: 20 }), percent: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 6 })
      .map((rows) => rows.map((r): ForecastDeal => ({ amount: money(String(r.wan * 10_000), 'CNY'), probability: new Decimal(r.percent).div(100) })));
    fc.assert(
      fc.property(latticeBook, fc.integer({ min: 2, max: 40 }), fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), (deals, trials, seed, level) => {
        const mc = forecastDistribution(deals, { method: 'monteCarlo', trials, seed });
        // The draws, ascending, in 万: count at x = trials·(P(X ≥ x) − P(X ≥ x + 1)).
        const top = mc.maximum.div(10_000).toNumber();
        const atLeast = Array.from({ length: top + 2 }, (_, x) => (x > top ? 0 : mc.probabilityAtLeast(x * 10_000)));
        const sample: number[] = [];
        for (let x = 0; x <= top; x++) {
          const count = Math.round((atLeast[x]! - atLeast[x + 1]!) * trials);
          for (let c = 0; c < count; c++) sample.push(x);
        }
        expect(sample).toHaveLength(trials);
        // Quantile: the smallest draw x with F̂(x) ≥ q. F̂ reaches k/trials at the k-th smallest
        // draw, so the level k/trials gives that draw (the 1st for k = 0).
        for (let k = 0; k <= trials; k++) expect(mc.quantile(k / trials).toNumber()).toBe(sample[Math.max(0, k - 1)]! * 10_000);
        expect(mc.quantile(level).toNumber()).toBe(sample[firstMeeting(trials, level)]! * 10_000);
        // Mean and sd of the draws, exactly, and the reported ones rounded to the fen.
        const sum = sample.reduce((a, b) => a + b, 0);
        const ss = new Decimal(sample.reduce((a, b) => a + b * b, 0)).minus(new Decimal(sum).pow(2).div(trials));
        const sd = ss.div(trials - 1).sqrt().times(10_000);
        const nearFen = (x: Decimal, y: Decimal) => expect(x.minus(y).abs().lte('0.0050001')).toBe(true);
        nearFen(mc.sampleMean, new Decimal(sum).div(trials).times(10_000));
        nearFen(mc.sampleStandardDeviation, sd);
        nearFen(mc.standardError, sd.div(new Decimal(trials).sqrt()));
      }),
      { numRuns: 120 },
    );
  });

  it('the normal approximation is centred on the mean', () => {
    fc.assert(
      fc.property(bookArb(12), (deals) => {
        const d = forecastDistribution(deals, { method: 'normal' });
        fc.pre(d.standardDeviation.gt(0) && d.mean.gt(d.minimum));
        expect(d.probabilityAtLeast(d.mean)).toBeCloseTo(0.5, 12);
        expect(d.p50.minus(d.mean).abs().lte('0.005')).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('never modifies its input', () => {
    fc.assert(
      fc.property(bookArb(10), fc.constantFrom(...METHODS), (deals, method) => {
        const before = JSON.stringify(deals);
        const frozen = deals.map((d) => Object.freeze({ ...d }));
        forecastDistribution(frozen, { method, trials: 100 });
        forecastDistribution(deals, { method, trials: 100 });
        expect(JSON.stringify(deals)).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});
