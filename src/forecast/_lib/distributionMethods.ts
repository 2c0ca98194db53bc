import { Decimal } from '../../money/decimal.js';
import { sampleBernoulliSums } from '../../_lib/random.js';
import { bernoulliSumDistribution, spend, type WorkBudget } from './bernoulliSum.js';
import { inverseNormalCdf, normalSurvival } from './normal.js';
import type { RevenueMoments, RevenueUnits } from './revenueBook.js';

/**
 * The three methods of `forecastDistribution`, each turning the exact moments (normal)
 * or the book in integer units (Monte Carlo, exact) into a quantile function and
 * P(revenue ≥ x). The public function adds the figures every method shares.
 */

/** What each method contributes: its quantile function and upper tail. */
export interface DistributionShape {
  /** The smallest amount x with P(revenue ≤ x) ≥ q, for q in [0, 1] (checked by the caller). */
  readonly quantile: (q: number) => Decimal;
  /** P(revenue ≥ x) for x strictly between the minimum and the maximum (the caller handles the ends). */
  readonly atLeast: (x: Decimal) => number;
}

/** Smallest index i in [0, n) with pred(i), for a predicate false…false true…true; n when none. */
export function firstIndex(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The normal approximation: mean ± z·sd, clamped to [minimum, maximum] and rounded to the smallest unit. */
export function normalMethod(m: RevenueMoments): DistributionShape {
  const sd = m.standardDeviation.toNumber();
  return {
    quantile: (q) => {
      // The three shortcuts only save work: without them the clamp below gives the same
      // answers (Φ⁻¹(0) = −∞, Φ⁻¹(1) = +∞, and sd = 0 gives the mean), so a mutant that
      // skips one is equivalent; one that always takes it is not.
      if (q === 0) return m.minimum;
      if (q === 1) return m.maximum;
      if (m.standardDeviation.isZero()) return m.mean; // every probability is 0 or 1: mean = minimum = maximum
      const x = m.mean.plus(m.standardDeviation.times(inverseNormalCdf(q))).toDecimalPlaces(m.scale, Decimal.ROUND_HALF_EVEN);
      return Decimal.max(m.minimum, Decimal.min(m.maximum, x));
    },
    // Only asked strictly between minimum and maximum, so never when sd = 0 (then they are equal).
    atLeast: (x) => normalSurvival(x.minus(m.mean).toNumber() / sd),
  };
}

/** What the Monte Carlo method reports besides the shape. */
export interface MonteCarloFigures {
  readonly sampleMean: Decimal;
  readonly sampleStandardDeviation: Decimal;
  readonly standardError: Decimal;
}

/**
 * Seeded simulation: the empirical distribution of `trials` totals. Its work is one draw
 * per uncertain deal per trial, known in advance: when it exceeds the budget's `maxWork`
 * nothing is drawn; the deadline is read as the draws proceed. Returns `null` when the
 * budget stops it (`budget.stopped` says why).
 */
export function monteCarloMethod(u: RevenueUnits, scale: number, trials: number, seed: number, budget: WorkBudget): (DistributionShape & MonteCarloFigures) | null {
  if (budget.work + trials * u.amounts.length > budget.maxWork) {
    budget.stopped = 'work';
    return null;
  }
  const totals = sampleBernoulliSums(u.amounts, u.probabilities, trials, seed, () => !spend(budget, trials));
  if (budget.stopped !== null) return null;
  let s = 0;
  for (const t of totals) s += t;
  const sampleMean = s / trials;
  let ss = 0;
  for (const t of totals) {
    const deviation = t - sampleMean;
    ss += deviation * deviation;
  }
  const sampleSd = Math.sqrt(ss / (trials - 1));
  const sorted = totals.sort(); // in place: the totals are ours and not read again (typed arrays sort numerically)
  const fromUnits = (n: number) => new Decimal(n).div(u.unit);
  const round = (n: number) => fromUnits(n).toDecimalPlaces(scale, Decimal.ROUND_HALF_EVEN);
  return {
    // The smallest total x with F(x) = (i + 1) / trials ≥ q, where i is x's last index in
    // `sorted`: the first i meeting the level. (i + 1) / trials is correctly rounded, so a
    // level that is exactly k / trials is met at i = k − 1; q = 0 is met at i = 0 and
    // q ≤ 1 at i = trials − 1 at the latest, so the index is always in [0, trials).
    quantile: (q) => fromUnits(u.offset + sorted[firstIndex(trials, (i) => (i + 1) / trials >= q)]!),
    atLeast: (x) => {
      const xu = x.times(u.unit).ceil().toNumber() - u.offset;
      return (trials - firstIndex(trials, (i) => sorted[i]! >= xu)) / trials;
    },
    sampleMean: round(u.offset + sampleMean),
    sampleStandardDeviation: round(sampleSd),
    standardError: round(sampleSd / Math.sqrt(trials)),
  };
}

/** What the exact method reports besides the shape. */
export interface ExactFigures {
  readonly exact: boolean;
  readonly resolution: Decimal;
  readonly maxError: Decimal;
  readonly truncatedMass: number;
  readonly states: number;
}

/**
 * The relative shortfall within which a computed cumulative probability still meets a
 * level: the rounding error of the dynamic programme (about 2n·2⁻⁵³ per cell) with room
 * for the running sums. So P(revenue ≤ 0) = 0.1 exactly meets the level 0.1 even when
 * its double comes out a few ulps short.
 */
export function cdfTolerance(deals: number): number {
  return (64 + 4 * deals) * Number.EPSILON;
}

/**
 * Dynamic programming over the possible sums (see `bernoulliSumDistribution`). Quantiles
 * read the cumulative masses from below for levels up to ½ and the complement from above
 * for higher levels (1 − q is exact there), each compared within {@link cdfTolerance}
 * (and, from above, one unit in the last place of 1, the precision of the level itself).
 * Returns `null` when the budget stops the programme (`budget.stopped` says why).
 */
export function exactMethod(u: RevenueUnits, maxStates: number, onLimit: 'grid' | 'throw', budget: WorkBudget): (DistributionShape & ExactFigures) | null {
  const dist = bernoulliSumDistribution(u.amounts, u.probabilities, u.complements, maxStates, onLimit, budget);
  if (dist === null) return null;
  const n = dist.values.length;
  // Cumulative masses from below and from above, normalised by the kept mass so that the
  // last prefix and the first suffix are exactly 1.
  const prefix = new Float64Array(n);
  const suffix = new Float64Array(n + 1);
  let acc = 0;
  // Stryker disable next-line AssignmentOperator: acc -= negates the prefix sums and `kept` alike, every ratio stays
  for (let i = 0; i < n; i++) prefix[i] = acc += dist.masses[i]!;
  const kept = acc;
  acc = 0;
  // Stryker disable next-line AssignmentOperator: acc -= negates the suffix sums and `keptFromAbove` alike, every ratio stays
  for (let i = n - 1; i >= 0; i--) suffix[i] = acc += dist.masses[i]!;
  const keptFromAbove = acc;
  const tolerance = cdfTolerance(u.amounts.length);
  const fromUnits = (x: number) => new Decimal(x).div(u.unit);
  const quantile = (q: number): Decimal => {
    let j: number;
    if (q === 0) j = 0;
    else if (q <= 0.5) {
      // P(S ≤ vᵢ) ≥ q, within the tolerance.
      j = firstIndex(n, (i) => prefix[i]! / kept >= q * (1 - tolerance));
    } else {
      // P(S ≤ vᵢ) ≥ q  ⟺  P(S > vᵢ) ≤ 1 − q (exact for q ≥ ½), within the tolerance, plus
      // one unit in the last place of 1: a level such as 0.9999 is itself a double off
      // the decimal by up to half that much, which its small complement magnifies.
      const tail = 1 - q;
      j = firstIndex(n, (i) => suffix[i + 1]! / keptFromAbove <= tail * (1 + tolerance) + Number.EPSILON);
    }
    // j < n: the last prefix is kept/kept = 1 ≥ q·(1 − tolerance), and suffix[n] = 0 meets any tail.
    return fromUnits(u.offset + dist.values[j]!);
  };
  const atLeast = (x: Decimal): number => {
    const xu = x.times(u.unit).ceil().toNumber() - u.offset;
    const j = firstIndex(n, (i) => dist.values[i]! >= xu);
    return j === n ? 0 : suffix[j]! / keptFromAbove;
  };
  return {
    quantile,
    atLeast,
    exact: dist.exact,
    resolution: fromUnits(dist.step),
    maxError: fromUnits(dist.maxError),
    truncatedMass: dist.truncatedMass,
    states: n,
  };
}
