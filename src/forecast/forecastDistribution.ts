import { bernoulliSumDistribution } from '../_lib/bernoulliSum.js';
import { toDecimal } from '../_lib/decimal.js';
import { inverseNormalCdf, normalSurvival } from '../_lib/normal.js';
import { sampleBernoulliSums, seedState } from '../_lib/random.js';
import { toRatio } from '../_lib/toRatio.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { convert, type ExchangeRates } from '../money/convert.js';
import { minorUnitDigits, type CurrencyCode } from '../money/currency.js';
import { Decimal, type DecimalLike } from '../money/decimal.js';
import type { Money } from '../money/money.js';

/**
 * One deal of a forecast distribution: an amount that is won with some probability,
 * independently of every other deal.
 *
 * @example
 * ```ts
 * import { money, type ForecastDeal } from 'sales-funnel';
 * const deal: ForecastDeal = { amount: money('1000000', 'CNY'), probability: '0.25' };
 * ```
 */
export interface ForecastDeal {
  /** What the deal brings if won: money, or a plain decimal in the distribution's currency. Never negative. */
  readonly amount: Money | DecimalLike;
  /** Its win probability (成交概率/赢率), in [0, 1]. */
  readonly probability: DecimalLike;
}

/**
 * How {@link forecastDistribution} computes the distribution: `'exact'` (dynamic
 * programming over the possible sums), `'normal'` (normal approximation) or
 * `'monteCarlo'` (seeded simulation).
 *
 * @example
 * ```ts
 * import type { ForecastDistributionMethod } from 'sales-funnel';
 * const method: ForecastDistributionMethod = 'monteCarlo';
 * ```
 */
export type ForecastDistributionMethod = 'exact' | 'normal' | 'monteCarlo';

/**
 * Options for {@link forecastDistribution}.
 *
 * @example
 * ```ts
 * import type { ForecastDistributionOptions } from 'sales-funnel';
 * const options: ForecastDistributionOptions = { method: 'monteCarlo', trials: 20_000, seed: 7, quantiles: [0.05, 0.5, 0.95] };
 * ```
 */
export interface ForecastDistributionOptions {
  /** The method. Default `'exact'` (see `maxStates` and `onLimit` for large books). */
  readonly method?: ForecastDistributionMethod;
  /** Quantile levels to report in `quantiles`, each in [0, 1]. Default `[0.1, 0.5, 0.9]`. */
  readonly quantiles?: readonly number[];
  /** Currency of the result. Default: the first deal's, when amounts are money. */
  readonly currency?: CurrencyCode;
  /** Rates for deals in other currencies; converted amounts are rounded half-even to the currency's minor unit. */
  readonly rates?: ExchangeRates;
  /**
   * `exact` method: the most probability cells kept at once (distinct sums, or grid
   * points). Default 131 072 (2¹⁷). Time grows with deals × cells: about 0.3 s of CPU
   * for 2 000 deals with amounts to the fen at the default.
   */
  readonly maxStates?: number;
  /**
   * `exact` method, when the exact sums do not fit `maxStates`: `'grid'` (default) rounds
   * the amounts to a grid and reports its `resolution` and `maxError`; `'throw'` throws
   * `limit_exceeded`.
   */
  readonly onLimit?: 'grid' | 'throw';
  /** `monteCarlo` method: number of simulated outcomes. Default 10 000. */
  readonly trials?: number;
  /** `monteCarlo` method: the seed (any safe integer). Default 1. Same seed, same answer. */
  readonly seed?: number;
}

/**
 * One quantile of a forecast distribution.
 *
 * @example
 * ```ts
 * import { Decimal, type ForecastQuantile } from 'sales-funnel';
 * const p90: ForecastQuantile = { level: 0.9, amount: new Decimal('1250000') };
 * ```
 */
export interface ForecastQuantile {
  /** The level q in [0, 1]. */
  readonly level: number;
  /** The smallest amount x with P(revenue ≤ x) ≥ q. */
  readonly amount: Decimal;
}

/**
 * What every method of {@link forecastDistribution} reports.
 *
 * @example
 * ```ts
 * import type { ForecastDistributionBase } from 'sales-funnel';
 * const spread = (d: ForecastDistributionBase) => d.p90.minus(d.p10);
 * ```
 */
export interface ForecastDistributionBase {
  /** Currency of every amount, when known (money amounts or `options.currency`). */
  readonly currency?: CurrencyCode;
  /** Number of deals read. */
  readonly dealCount: number;
  /** Expected won revenue Σ aᵢ·pᵢ, exact, whatever the method. */
  readonly mean: Decimal;
  /** Variance Σ aᵢ²·pᵢ·(1 − pᵢ), exact, whatever the method. */
  readonly variance: Decimal;
  /** √variance (40 significant digits). */
  readonly standardDeviation: Decimal;
  /** The least possible revenue: the deals with probability 1. */
  readonly minimum: Decimal;
  /** The most possible revenue: every deal with probability above 0. */
  readonly maximum: Decimal;
  /** The quantiles asked for in `options.quantiles`, in that order. */
  readonly quantiles: readonly ForecastQuantile[];
  /** 10th percentile: revenue reaches at least this with probability ≥ 90 % (a conservative figure). */
  readonly p10: Decimal;
  /** Median. */
  readonly p50: Decimal;
  /** 90th percentile: revenue exceeds this with probability ≤ 10 % (an optimistic figure). */
  readonly p90: Decimal;
  /**
   * The q-quantile: the smallest amount x with P(revenue ≤ x) ≥ q; q = 0 gives the
   * smallest possible amount the method knows of.
   * @throws {@link FunnelError} `invalid_argument` for q outside [0, 1].
   */
  readonly quantile: (q: number) => Decimal;
  /**
   * P(revenue ≥ x), e.g. the chance of making quota: 1 for x at or below `minimum`, 0
   * above `maximum`, never increasing in x.
   * @throws {@link FunnelError} `currency_mismatch` for money in another currency.
   */
  readonly probabilityAtLeast: (x: Money | DecimalLike) => number;
}

/**
 * Result of the `exact` method.
 *
 * @example
 * ```ts
 * import type { ExactForecastDistribution } from 'sales-funnel';
 * const describe = (d: ExactForecastDistribution) => (d.exact ? 'exact' : `within ${d.maxError.toFixed(0)}`);
 * ```
 */
export interface ExactForecastDistribution extends ForecastDistributionBase {
  /** The method used: `'exact'`. */
  readonly method: 'exact';
  /**
   * `true` when every amount was used as given, so probabilities are exact up to
   * floating-point rounding (relative error about 2n·2⁻⁵³) and `truncatedMass`; `false`
   * when the amounts were rounded to a grid of step `resolution` to fit `maxStates`.
   */
  readonly exact: boolean;
  /** Distance between neighbouring possible sums used (the amounts' common step, or the grid step). */
  readonly resolution: Decimal;
  /**
   * Worst-case gap between the computed and the true revenue in any outcome, Σ|aᵢ − aᵢ′|
   * over the gridded amounts aᵢ′ (0 when exact): every quantile is within it, and the
   * true P(revenue ≥ x) lies between the computed values at x + maxError and x − maxError.
   */
  readonly maxError: Decimal;
  /** Probability mass dropped from the far tails (each tail step ≤ 2⁻⁶⁰; in all ≤ 2n·2⁻⁶⁰). */
  readonly truncatedMass: number;
  /** Number of possible sums kept. */
  readonly states: number;
}

/**
 * Result of the `normal` method.
 *
 * @example
 * ```ts
 * import type { NormalForecastDistribution } from 'sales-funnel';
 * const z = (d: NormalForecastDistribution, x: number) => (x - d.mean.toNumber()) / d.standardDeviation.toNumber();
 * ```
 */
export interface NormalForecastDistribution extends ForecastDistributionBase {
  /** The method used: `'normal'`. */
  readonly method: 'normal';
}

/**
 * Result of the `monteCarlo` method.
 *
 * @example
 * ```ts
 * import type { MonteCarloForecastDistribution } from 'sales-funnel';
 * const ci95 = (d: MonteCarloForecastDistribution) => [d.sampleMean.minus(d.standardError.times(1.96)), d.sampleMean.plus(d.standardError.times(1.96))];
 * ```
 */
export interface MonteCarloForecastDistribution extends ForecastDistributionBase {
  /** The method used: `'monteCarlo'`. */
  readonly method: 'monteCarlo';
  /** Simulated outcomes. */
  readonly trials: number;
  /** The seed used. */
  readonly seed: number;
  /** Mean of the simulated totals, rounded to the amounts' smallest unit. */
  readonly sampleMean: Decimal;
  /** Standard deviation of the simulated totals (divisor trials − 1), rounded likewise. */
  readonly sampleStandardDeviation: Decimal;
  /** Standard error of `sampleMean`: sampleStandardDeviation / √trials, rounded likewise. */
  readonly standardError: Decimal;
}

/**
 * A distribution of won revenue, by method.
 *
 * @example
 * ```ts
 * import { forecastDistribution, type ForecastDistribution } from 'sales-funnel';
 * const d: ForecastDistribution = forecastDistribution([{ amount: '100', probability: '0.5' }]);
 * ```
 */
export type ForecastDistribution = ExactForecastDistribution | NormalForecastDistribution | MonteCarloForecastDistribution;

/**
 * The result type of {@link forecastDistribution} for a method.
 *
 * @example
 * ```ts
 * import type { ForecastDistributionFor } from 'sales-funnel';
 * type Normal = ForecastDistributionFor<'normal'>; // NormalForecastDistribution
 * ```
 */
export type ForecastDistributionFor<M extends ForecastDistributionMethod> = M extends 'normal'
  ? NormalForecastDistribution
  : M extends 'monteCarlo'
    ? MonteCarloForecastDistribution
    : ExactForecastDistribution;

const DEFAULT_MAX_STATES = 2 ** 17;
const MAX_TRIALS = 10_000_000;

function isMoney(value: unknown): value is Money {
  return typeof value === 'object' && value !== null && 'currency' in value && 'amount' in value;
}

function checkOptions(options: ForecastDistributionOptions): void {
  const { method, quantiles, maxStates, onLimit, trials, seed } = options;
  if (method !== undefined && method !== 'exact' && method !== 'normal' && method !== 'monteCarlo') {
    throw new FunnelError('invalid_option', { option: 'method', reason: "must be 'exact', 'normal' or 'monteCarlo'" });
  }
  if (quantiles !== undefined) {
    if (!Array.isArray(quantiles)) throw new FunnelError('invalid_option', { option: 'quantiles', reason: 'must be an array of numbers in [0, 1]' });
    for (const q of quantiles) {
      if (typeof q !== 'number' || !(q >= 0 && q <= 1)) throw new FunnelError('invalid_option', { option: 'quantiles', reason: `${String(q)} is not in [0, 1]` });
    }
  }
  if (maxStates !== undefined && !(Number.isSafeInteger(maxStates) && maxStates >= 16 && maxStates <= 2 ** 27)) {
    throw new FunnelError('invalid_option', { option: 'maxStates', reason: 'must be a whole number from 16 to 2^27' });
  }
  if (onLimit !== undefined && onLimit !== 'grid' && onLimit !== 'throw') {
    throw new FunnelError('invalid_option', { option: 'onLimit', reason: "must be 'grid' or 'throw'" });
  }
  if (trials !== undefined && !(Number.isSafeInteger(trials) && trials >= 2 && trials <= MAX_TRIALS)) {
    throw new FunnelError('invalid_option', { option: 'trials', reason: `must be a whole number from 2 to ${MAX_TRIALS}` });
  }
  if (seed !== undefined) seedState(seed);
  if (options.currency !== undefined) minorUnitDigits(options.currency);
}

function checkLevel(q: number): void {
  if (typeof q !== 'number' || !(q >= 0 && q <= 1)) throw new FunnelError('invalid_argument', { name: 'q', reason: `${String(q)} is not in [0, 1]` });
}

/** Smallest index i in [0, n) with pred(i), for a predicate false…false true…true; n when none. */
function firstIndex(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The probability distribution of won revenue (赢单收入的分布) when deal i brings amount
 * aᵢ with probability pᵢ, independently: its exact mean Σ aᵢpᵢ and variance
 * Σ aᵢ²pᵢ(1 − pᵢ), quantiles (P10 / P50 / P90 and any others asked for) and
 * P(revenue ≥ x) — for instance the chance of making quota.
 *
 * A q-quantile is the smallest amount x with P(revenue ≤ x) ≥ q, so revenue reaches at
 * least P10 with probability above 90 %. Methods:
 *
 * - `'exact'` (default): dynamic programming over the possible sums, working in the
 *   amounts' smallest decimal unit as integers. Exact (up to floating-point rounding of
 *   the probabilities, relative error about 2n·2⁻⁵³, and a far-tail mass below 2n·2⁻⁶⁰
 *   reported as `truncatedMass`) whenever the possible sums fit `maxStates`: either
 *   the multiples of the amounts' greatest common divisor that carry the mass, or the
 *   distinct sums themselves (tried within 32 × `maxStates` merge steps). Otherwise,
 *   with `onLimit: 'grid'` (default), each amount is rounded to the nearest multiple of
 *   a grid step (`resolution`) chosen to fit, and
 *   `exact: false` with `maxError` = Σ|aᵢ − aᵢ′| bounds the effect on every outcome; with
 *   `onLimit: 'throw'` it throws `limit_exceeded` instead.
 * - `'normal'`: mean ± z·sd with z = Φ⁻¹(q) (Acklam's approximation refined by a Halley
 *   step), clamped to [minimum, maximum] and rounded half-even to the amounts' smallest
 *   unit; P(revenue ≥ x) = 1 − Φ((x − mean)/sd). Fast, but blind to skew and to a few
 *   large deals dominating the book.
 * - `'monteCarlo'`: `trials` simulated outcomes from a seeded mulberry32 stream (one draw
 *   per deal per trial: deal by deal in input order, each for every trial in turn;
 *   probabilities resolved to 2⁻³²), quantiles and
 *   probabilities of the empirical distribution, and the sample mean with its standard
 *   error. Same seed, same answer.
 *
 * `mean`, `variance`, `minimum` and `maximum` are exact Decimals whatever the method.
 * "The amounts' smallest unit" is the currency's minor unit (a cent for CNY) when the
 * currency is known, or the finest decimal place an amount uses if that is finer;
 * `exact` and `monteCarlo` count in it with integers, so the total of all amounts in
 * that unit must stay below 2⁵³ (9 × 10¹³ CNY in cents).
 *
 * @param deals - The deals (any iterable; read once, not modified).
 * @param options - Method, quantiles, currency and method settings.
 * @returns The distribution, with `quantile(q)` and `probabilityAtLeast(x)`.
 * @throws {@link FunnelError} `invalid_argument` for a negative amount or a probability
 *   outside [0, 1]; `currency_mismatch` for mixed currencies without `rates`;
 *   `invalid_option` for bad options; `limit_exceeded` when the exact sums do not fit
 *   and `onLimit` is `'throw'`, or when a total in the amounts' smallest unit reaches 2⁵³.
 *
 * @example
 * ```ts
 * import { forecastDistribution, money } from 'sales-funnel';
 * // Five deals of 100 万 each.
 * const deals = ['0.5', '0.3', '0.7', '0.3', '0.9'].map((p) => ({ amount: money('1000000', 'CNY'), probability: p }));
 * const d = forecastDistribution(deals);
 * d.mean.toFixed(0); //=> '2700000'
 * d.p50.toFixed(0); //=> '3000000'
 * d.probabilityAtLeast(money('2000000', 'CNY')) - d.probabilityAtLeast(money('3000000', 'CNY')); // P(exactly 2 won) ≈ 0.3167
 * ```
 */
export function forecastDistribution<M extends ForecastDistributionMethod = 'exact'>(
  deals: Iterable<ForecastDeal>,
  options: ForecastDistributionOptions & { readonly method?: M } = {},
): ForecastDistributionFor<M> {
  checkOptions(options);
  const method: ForecastDistributionMethod = options.method ?? 'exact';
  const levels = options.quantiles ?? [0.1, 0.5, 0.9];

  // Read the deals once: exact Decimal amounts in one currency and probabilities.
  let currency = options.currency;
  const amounts: Decimal[] = [];
  const probabilities: Decimal[] = [];
  let index = 0;
  for (const deal of deals) {
    const name = `deals[${index}]`;
    if (typeof deal !== 'object' || deal === null) throw new FunnelError('invalid_argument', { name, reason: 'must be { amount, probability }' });
    let amount: Decimal;
    if (isMoney(deal.amount)) {
      const m = deal.amount;
      currency ??= m.currency;
      if (m.currency === currency) amount = toDecimal(m.amount, `${name}.amount`);
      else if (options.rates === undefined) throw new FunnelError('currency_mismatch', { left: currency, right: m.currency });
      else amount = convert(m, currency, options.rates).amount.toDecimalPlaces(minorUnitDigits(currency), Decimal.ROUND_HALF_EVEN);
    } else {
      amount = toDecimal(deal.amount, `${name}.amount`);
    }
    if (amount.isNegative()) throw new FunnelError('invalid_argument', { name: `${name}.amount`, reason: 'must not be negative' });
    amounts.push(amount);
    probabilities.push(toRatio(deal.probability, `${name}.probability`, 'unit'));
    index++;
  }

  let mean = new Decimal(0);
  let variance = new Decimal(0);
  let minimum = new Decimal(0);
  let maximum = new Decimal(0);
  // The smallest unit: the currency's minor unit, or finer when an amount needs it.
  let scale = currency === undefined ? 0 : minorUnitDigits(currency);
  for (let i = 0; i < amounts.length; i++) {
    const a = amounts[i] as Decimal;
    const p = probabilities[i] as Decimal;
    mean = mean.plus(a.times(p));
    variance = variance.plus(a.times(a).times(p).times(new Decimal(1).minus(p)));
    if (p.gt(0)) {
      maximum = maximum.plus(a);
      if (!a.isZero()) scale = Math.max(scale, a.decimalPlaces());
    }
    if (p.eq(1)) minimum = minimum.plus(a);
  }
  const standardDeviation = variance.sqrt();
  const unit = new Decimal(10).pow(scale);
  const fromUnits = (u: number) => new Decimal(u).div(unit);

  const toAmount = (x: Money | DecimalLike): Decimal => {
    if (isMoney(x)) {
      if (currency !== undefined && x.currency !== currency) throw new FunnelError('currency_mismatch', { left: currency, right: x.currency });
      return toDecimal(x.amount, 'x');
    }
    return toDecimal(x, 'x');
  };

  const common = (
    quantile: (q: number) => Decimal,
    probabilityAtLeast: (x: Decimal) => number,
  ): ForecastDistributionBase => {
    const q = (level: number): Decimal => {
      checkLevel(level);
      return quantile(level);
    };
    return {
      ...(currency === undefined ? {} : { currency }),
      dealCount: amounts.length,
      mean,
      variance,
      standardDeviation,
      minimum,
      maximum,
      quantiles: levels.map((level) => ({ level, amount: quantile(level) })),
      p10: quantile(0.1),
      p50: quantile(0.5),
      p90: quantile(0.9),
      quantile: q,
      probabilityAtLeast: (x) => {
        const d = toAmount(x);
        if (d.lte(minimum)) return 1;
        if (d.gt(maximum)) return 0;
        return Math.min(1, Math.max(0, probabilityAtLeast(d)));
      },
    };
  };

  if (method === 'normal') {
    const mu = mean.toNumber();
    const sd = standardDeviation.toNumber();
    const quantile = (q: number): Decimal => {
      if (q === 0) return minimum;
      if (q === 1) return maximum;
      if (standardDeviation.isZero()) return mean; // every probability is 0 or 1: mean = minimum = maximum
      const x = mean.plus(standardDeviation.times(inverseNormalCdf(q))).toDecimalPlaces(scale, Decimal.ROUND_HALF_EVEN);
      return Decimal.max(minimum, Decimal.min(maximum, x));
    };
    const atLeast = (x: Decimal): number => (sd === 0 ? (x.lte(mean) ? 1 : 0) : normalSurvival(x.minus(mean).toNumber() / sd));
    const result: NormalForecastDistribution = { method: 'normal', ...common(quantile, atLeast) };
    return result as ForecastDistributionFor<M>;
  }

  // Exact and Monte Carlo work on integers in the amounts' smallest unit.
  let offset = 0;
  const randomAmounts: number[] = [];
  const randomProbabilities: number[] = [];
  const totalUnits = maximum.times(unit);
  if (totalUnits.gt(Number.MAX_SAFE_INTEGER)) {
    throw new FunnelError('limit_exceeded', { what: `The total amount in units of ${fromUnits(1).toString()}`, limit: Number.MAX_SAFE_INTEGER });
  }
  for (let i = 0; i < amounts.length; i++) {
    const p = probabilities[i] as Decimal;
    const a = (amounts[i] as Decimal).times(unit).toNumber();
    if (p.isZero() || a === 0) continue;
    if (p.eq(1)) offset += a;
    else {
      randomAmounts.push(a);
      randomProbabilities.push(p.toNumber());
    }
  }

  if (method === 'monteCarlo') {
    const trials = options.trials ?? 10_000;
    const seed = options.seed ?? 1;
    const totals = sampleBernoulliSums(randomAmounts, randomProbabilities, trials, seed);
    let s = 0;
    for (const t of totals) s += t;
    const sampleMean = s / trials;
    let ss = 0;
    for (const t of totals) ss += (t - sampleMean) * (t - sampleMean);
    const sampleSd = Math.sqrt(ss / (trials - 1));
    const sorted = totals.slice().sort();
    const quantile = (q: number): Decimal => {
      const j = q === 0 ? 0 : firstIndex(trials, (i) => (i + 1) / trials >= q);
      return fromUnits(offset + (sorted[Math.min(j, trials - 1)] as number));
    };
    const atLeast = (x: Decimal): number => {
      const xu = x.times(unit).ceil().toNumber() - offset;
      return (trials - firstIndex(trials, (i) => (sorted[i] as number) >= xu)) / trials;
    };
    const round = (u: number) => new Decimal(u).div(unit).toDecimalPlaces(scale, Decimal.ROUND_HALF_EVEN);
    const result: MonteCarloForecastDistribution = {
      method: 'monteCarlo',
      ...common(quantile, atLeast),
      trials,
      seed,
      sampleMean: round(offset + sampleMean),
      sampleStandardDeviation: round(sampleSd),
      standardError: round(sampleSd / Math.sqrt(trials)),
    };
    return result as ForecastDistributionFor<M>;
  }

  const dist = bernoulliSumDistribution(randomAmounts, randomProbabilities, options.maxStates ?? DEFAULT_MAX_STATES, options.onLimit ?? 'grid');
  const n = dist.values.length;
  // Cumulative masses from below and from above, normalised by the kept mass so that
  // the last prefix and the first suffix are exactly 1.
  const prefix = new Float64Array(n);
  const suffix = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) prefix[i] = acc += dist.masses[i] as number;
  const kept = acc;
  acc = 0;
  for (let i = n - 1; i >= 0; i--) suffix[i] = acc += dist.masses[i] as number;
  const keptFromAbove = acc;
  const quantile = (q: number): Decimal => {
    const j = q === 0 ? 0 : firstIndex(n, (i) => (prefix[i] as number) / kept >= q);
    return fromUnits(offset + (dist.values[Math.min(j, n - 1)] as number));
  };
  const atLeast = (x: Decimal): number => {
    const xu = x.times(unit).ceil().toNumber() - offset;
    const j = firstIndex(n, (i) => (dist.values[i] as number) >= xu);
    return j === n ? 0 : (suffix[j] as number) / keptFromAbove;
  };
  const result: ExactForecastDistribution = {
    method: 'exact',
    ...common(quantile, atLeast),
    exact: dist.exact,
    resolution: fromUnits(dist.step),
    maxError: fromUnits(dist.maxError),
    truncatedMass: dist.truncatedMass,
    states: n,
  };
  return result as ForecastDistributionFor<M>;
}
