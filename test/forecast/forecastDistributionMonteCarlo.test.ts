import { describe, expect, it } from 'vitest';
import { Decimal, forecastDistribution, money, type ForecastDeal, type MonteCarloForecastDistribution } from '../../src/index.js';

const wan = (n: number) => money(String(n * 10_000), 'CNY');

// The golden book: five deals of 100 万 at 0.5, 0.3, 0.7, 0.3, 0.9. Every total is
// k × 100 万 for k wins. Exact: P(k ≤ 0, 1, 2, 3, 4) = .00735, .1043, .421, .7957, .97165.
const five = (): ForecastDeal[] => ['0.5', '0.3', '0.7', '0.3', '0.9'].map((p) => ({ amount: wan(100), probability: p }));

/**
 * The simulated sample of a Monte Carlo result on the golden book, read back through
 * P(revenue ≥ x) = (draws ≥ x) / trials at x = 0, 100 万, …, 500 万: the number of
 * draws with k wins, k = 0 … 5.
 */
function winCounts(d: MonteCarloForecastDistribution): number[] {
  const atLeast = [0, 1, 2, 3, 4, 5].map((k) => d.probabilityAtLeast(wan(100 * k)));
  return atLeast.map((p, k) => Math.round((p - (atLeast[k + 1] ?? 0)) * d.trials));
}

/** The sorted sample in 万 (k wins → 100k). */
function sortedSample(d: MonteCarloForecastDistribution): number[] {
  return winCounts(d).flatMap((c, k) => Array.from({ length: c }, () => 100 * k));
}

describe('forecastDistribution Monte Carlo: quantiles of the empirical distribution', () => {
  it('20 000 trials with seed 2024: P50 = 300 万 and P90 = 400 万, as in the exact distribution', () => {
    // Dvoretzky–Kiefer–Wolfowitz: the empirical F of 20 000 draws is within ε = 0.02 of F
    // everywhere except with probability 2·e^(−2·20 000·0.02²) = 2·e⁻¹⁶ ≈ 2.3e-7. F(2 wins)
    // = .421 < .5 − ε and F(3) = .7957 > .5 + ε, so P50 = 300 万; F(3) < .9 − ε and F(4) =
    // .97165 > .9 + ε, so P90 = 400 万. (Not P10: F(1) = .1043 is too close to .1.) The seed
    // fixes the draws, so this holds or fails for good; it holds for all but 2.3e-7 of seeds.
    const mc = forecastDistribution(five(), { method: 'monteCarlo', trials: 20_000, seed: 2024, quantiles: [0.5, 0.9] });
    expect(mc.p50.toNumber()).toBe(3_000_000);
    expect(mc.p90.toNumber()).toBe(4_000_000);
    expect(mc.quantile(0.5).toNumber()).toBe(3_000_000);
    expect(mc.quantiles.map((q) => q.amount.toNumber())).toEqual([3_000_000, 4_000_000]);
    // The ends: 0 wins (P = .00735, about 147 draws) and 5 wins (P = .02835, about 567)
    // are in the sample, so the 0- and 1-quantiles are 0 and 500 万.
    expect(mc.quantile(0).toNumber()).toBe(0);
    expect(mc.quantile(1).toNumber()).toBe(5_000_000);
  });

  it('a tiny sample: the q-quantile is the smallest draw x with F̂(x) ≥ q (trials: 4, seeds 1 … 12)', () => {
    let split = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const mc = forecastDistribution(five(), { method: 'monteCarlo', trials: 4, seed });
      const s = sortedSample(mc);
      expect(s).toHaveLength(4);
      const q = (level: number) => mc.quantile(level).toNumber() / 10_000;
      // F̂(s[i]) ≥ (i + 1)/4, so level k/4 is met at the k-th smallest draw, and any level
      // above it only at the next; 0 gives the smallest draw, 1 the largest.
      expect([q(0), q(0.25), q(0.5), q(0.75), q(1)]).toEqual([s[0], s[0], s[1], s[2], s[3]]);
      expect([q(0.26), q(0.51), q(0.76)]).toEqual([s[1], s[2], s[3]]);
      expect(mc.p50.toNumber() / 10_000).toBe(s[1]);
      if (s[1] !== s[2]) split++;
    }
    // Several seeds give a 2nd draw below the 3rd, where "≥ q" and "> q" part ways.
    expect(split).toBeGreaterThan(3);
  });
});

describe('forecastDistribution Monte Carlo: certain deals', () => {
  it('a deal won for sure shifts every draw, quantile and the sample mean by its amount; the spread stays', () => {
    // The golden book plus 50 万 at probability 1 (and 30 万 at 0, never won): with the same
    // seed the uncertain deals draw the same wins, so every total is 50 万 more.
    const withCertain = [...five(), { amount: wan(50), probability: '1' }, { amount: wan(30), probability: '0' }];
    const base = forecastDistribution(five(), { method: 'monteCarlo', trials: 500, seed: 9 });
    const shifted = forecastDistribution(withCertain, { method: 'monteCarlo', trials: 500, seed: 9 });
    for (const q of [0, 0.1, 0.5, 0.9, 1]) expect(shifted.quantile(q).toNumber()).toBe(base.quantile(q).toNumber() + 500_000);
    expect(shifted.sampleMean.toNumber()).toBe(base.sampleMean.toNumber() + 500_000);
    expect(shifted.sampleStandardDeviation.eq(base.sampleStandardDeviation)).toBe(true);
    expect(shifted.standardError.eq(base.standardError)).toBe(true);
    for (let k = 0; k <= 5; k++) expect(shifted.probabilityAtLeast(wan(50 + 100 * k))).toBe(base.probabilityAtLeast(wan(100 * k)));
    // 50 万 is the least possible total: P(≥ 50 万) = 1, and nothing lies below it.
    expect(shifted.minimum.toNumber()).toBe(500_000);
    expect(shifted.quantile(0).toNumber()).toBeGreaterThanOrEqual(500_000);
  });
});

describe('forecastDistribution Monte Carlo: sample mean, standard deviation and standard error', () => {
  /** The sample's mean and standard deviation (divisor trials − 1), exactly, in CNY. */
  function exactFigures(d: MonteCarloForecastDistribution): { mean: Decimal; sd: Decimal } {
    const counts = winCounts(d);
    const n = d.trials;
    let sum = new Decimal(0);
    let squares = new Decimal(0);
    counts.forEach((c, k) => {
      sum = sum.plus(c * k);
      squares = squares.plus(c * k * k);
    });
    // Σ(x − x̄)² = Σx² − (Σx)²/n, in units of 100 万
    const ss = squares.minus(sum.pow(2).div(n));
    return { mean: sum.div(n).times(1_000_000), sd: ss.div(n - 1).sqrt().times(1_000_000) };
  }

  it('agree with the sample itself to the fen (trials: 4, seeds 1 … 12)', () => {
    // E.g. a sample of 100, 100, 300, 300 万: mean 200 万, Σ(x − x̄)² = 4·(100 万)², so
    // sd = √(4/3)·100 万 = 1 154 700.54 and SE = sd/√4 = 577 350.27 (with trials + 1 in the
    // divisor it would be √(4/5)·100 万 = 894 427.19).
    for (let seed = 1; seed <= 12; seed++) {
      const mc = forecastDistribution(five(), { method: 'monteCarlo', trials: 4, seed });
      const { mean, sd } = exactFigures(mc);
      // Reported values are rounded half-even to the fen; the doubles behind them are
      // within far less than a fen of the exact figures.
      const nearFen = (x: Decimal, y: Decimal) => expect(x.minus(y).abs().lte('0.0050001')).toBe(true);
      nearFen(mc.sampleMean, mean);
      nearFen(mc.sampleStandardDeviation, sd);
      nearFen(mc.standardError, sd.div(2));
    }
  });

  it('agree with the sample itself to the fen (trials: 5 000)', () => {
    // SE ≈ 984 886/√5 000 ≈ 13 929; the divisor trials + 1 would move sd by a factor
    // √(4 999/5 001) and SE by about 2.8 CNY, far more than a fen.
    const mc = forecastDistribution(five(), { method: 'monteCarlo', trials: 5000, seed: 42 });
    const { mean, sd } = exactFigures(mc);
    expect(mc.sampleMean.minus(mean).abs().lte('0.0050001')).toBe(true);
    expect(mc.sampleStandardDeviation.minus(sd).abs().lte('0.0050001')).toBe(true);
    expect(mc.standardError.minus(sd.div(new Decimal(5000).sqrt())).abs().lte('0.0050001')).toBe(true);
  });

  it('two trials: the standard deviation of two draws is |x − y|/√2', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const mc = forecastDistribution(five(), { method: 'monteCarlo', trials: 2, seed });
      const [x, y] = sortedSample(mc) as [number, number];
      // s² = ((x − m)² + (y − m)²)/(2 − 1) = (x − y)²/2
      const sd = new Decimal(Math.abs(x - y) * 10_000).div(new Decimal(2).sqrt());
      expect(mc.sampleStandardDeviation.minus(sd).abs().lte('0.0050001')).toBe(true);
      expect(mc.sampleMean.toNumber()).toBe(((x + y) / 2) * 10_000);
    }
  });
});
