import { deadlineAfter } from '../_lib/deadline.js';
import { oneOfOption, ratioOption, wholeNumberOption } from '../_lib/options.js';
import { toDecimal } from '../_lib/decimal.js';
import { seedState } from '../_lib/random.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import { minorUnitDigits, type CurrencyCode } from '../money/currency.js';
import type { Decimal, DecimalLike } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { workBudget, type WorkBudget } from './_lib/bernoulliSum.js';
import { exactMethod, monteCarloMethod, normalMethod, type DistributionShape } from './_lib/distributionMethods.js';
import { isMoney, readRevenueBook, revenueMoments, revenueUnits, type RevenueBook, type RevenueMoments } from './_lib/revenueBook.js';

/**
 * One deal of a forecast distribution: an amount that is won with some probability,
 * independently of every other deal.
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
 */
export type ForecastDistributionMethod = 'exact' | 'normal' | 'monteCarlo';

/**
 * Options for {@link forecastDistribution}.
 */
export interface ForecastDistributionOptions {
  /**
   * The method (see `maxStates` and `onLimit` for large books).
   *
   * @defaultValue `'exact'`
   */
  readonly method?: ForecastDistributionMethod;
  /**
   * Quantile levels to report in `quantiles`, each in [0, 1].
   *
   * @defaultValue `[0.1, 0.5, 0.9]`
   */
  readonly quantiles?: readonly number[];
  /**
   * Currency of the result.
   *
   * @defaultValue the first deal's currency, when amounts are money
   */
  readonly currency?: CurrencyCode;
  /** Rates for deals in other currencies; converted amounts are rounded half-even to the currency's minor unit. */
  readonly rates?: ExchangeRates;
  /**
   * `exact` method: the most probability cells kept at once (distinct sums, or grid
   * points), from 16 to 2²⁷. Time grows with deals × cells: about 0.3 s of CPU for 2 000
   * deals with amounts to the fen at the default.
   *
   * @defaultValue 131 072 (2¹⁷)
   */
  readonly maxStates?: number;
  /**
   * `exact` method, when the exact sums do not fit `maxStates`: `'grid'` rounds the
   * amounts to a grid and reports its `resolution` and `maxError`; `'throw'` throws
   * `limit_exceeded`.
   *
   * @defaultValue `'grid'`
   */
  readonly onLimit?: 'grid' | 'throw';
  /**
   * `monteCarlo` method: number of simulated outcomes, from 2 to 10 000 000.
   *
   * @defaultValue 10 000
   */
  readonly trials?: number;
  /**
   * `monteCarlo` method: the seed (any safe integer). Same seed, same answer.
   *
   * @defaultValue 1
   */
  readonly seed?: number;
  /**
   * A deterministic work budget (a whole number of steps, ≥ 0). The steps: for `'exact'`,
   * the cells its dynamic programme updates (the live window after each deal: about
   * deals × cells, so up to deals × `maxStates`), and the merge steps of its
   * distinct-sums route; for `'monteCarlo'`, the draws (`trials` × the deals with a
   * probability strictly between 0 and 1). `'normal'` takes no steps.
   *
   * When the method asked for would need more, it stops (`'exact'` at the deal that would
   * pass the budget, `'monteCarlo'` before drawing at all) and the result is the normal
   * approximation: `method: 'normal'`, `budget.workLimitHit: true`. The steps depend only
   * on the input, so the same input and budget give the same result on every machine;
   * with a budget the method needs, the result is identical to the one without. A step
   * takes about 3 ns: 100 000 deals with amounts to the fen need about 2 × 10⁹ steps
   * (8.5 s in all), and with `maxWork: 1e8` give the normal approximation in 2.4 s,
   * most of it reading the deals and their exact moments.
   *
   * @defaultValue unlimited
   */
  readonly maxWork?: number;
  /**
   * Optional wall-clock cap in milliseconds (≥ 0), counted from the call. When it passes
   * while `'exact'` or `'monteCarlo'` is still computing (the clock is read every 2¹⁶
   * steps, and at the first), the result is the normal approximation:
   * `method: 'normal'`, `budget.timeLimitHit: true`. The result then depends on the speed
   * of the machine: prefer `maxWork` where reproducibility matters.
   * Reading the deals and the exact moments is not interrupted.
   *
   * @defaultValue none
   */
  readonly timeLimitMs?: number;
}

/**
 * How much work {@link forecastDistribution} did, and whether a budget
 * (`maxWork`, `timeLimitMs`) made it fall back to the normal approximation.
 */
export interface ForecastBudgetReport {
  /** The method asked for (`options.method`); the result's `method` is the one used. */
  readonly requestedMethod: ForecastDistributionMethod;
  /**
   * Steps done, as `maxWork` counts them, including those of a method stopped by the
   * budget (0 for `'normal'`).
   */
  readonly work: number;
  /** The budget (`options.maxWork`), or `null` when unlimited. */
  readonly maxWork: number | null;
  /** Whether `maxWork` stopped the method asked for (deterministic). */
  readonly workLimitHit: boolean;
  /** Whether `timeLimitMs` stopped it (the result then depends on the speed of the machine). */
  readonly timeLimitHit: boolean;
}

/**
 * One quantile of a forecast distribution.
 */
export interface ForecastQuantile {
  /** The level q in [0, 1]. */
  readonly level: number;
  /** The smallest amount x with P(revenue ≤ x) ≥ q. */
  readonly amount: Decimal;
}

/**
 * What every method of {@link forecastDistribution} reports.
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
  /**
   * The work done and whether a budget cut the method asked for short (then `method` is
   * `'normal'`).
   */
  readonly budget: ForecastBudgetReport;
}

/**
 * Result of the `exact` method.
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
 */
export interface NormalForecastDistribution extends ForecastDistributionBase {
  /** The method used: `'normal'`. */
  readonly method: 'normal';
}

/**
 * Result of the `monteCarlo` method.
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
 */
export type ForecastDistribution = ExactForecastDistribution | NormalForecastDistribution | MonteCarloForecastDistribution;

/**
 * The result type of {@link forecastDistribution} for a method.
 */
export type ForecastDistributionFor<M extends ForecastDistributionMethod> = M extends 'normal'
  ? NormalForecastDistribution
  : M extends 'monteCarlo'
    ? MonteCarloForecastDistribution
    : ExactForecastDistribution;

const DEFAULT_MAX_STATES = 2 ** 17;
const MAX_TRIALS = 10_000_000;
const METHODS: readonly ForecastDistributionMethod[] = ['exact', 'normal', 'monteCarlo'];

/** The options, checked and with their defaults. */
interface Settings {
  readonly method: ForecastDistributionMethod;
  readonly levels: readonly number[];
  readonly maxStates: number;
  readonly onLimit: 'grid' | 'throw';
  readonly trials: number;
  readonly seed: number;
  readonly budget: WorkBudget;
}

function readOptions(options: ForecastDistributionOptions): Settings {
  const method = oneOfOption(options.method ?? 'exact', 'method', METHODS);
  const levels = options.quantiles ?? [0.1, 0.5, 0.9];
  if (!Array.isArray(levels)) throw new FunnelError('invalid_option', { option: 'quantiles', reason: because('quantile_levels') });
  for (const q of levels) ratioOption(q, 'quantiles');
  const maxStates = wholeNumberOption(options.maxStates ?? DEFAULT_MAX_STATES, 'maxStates', { min: 16, max: 2 ** 27 });
  const onLimit = oneOfOption(options.onLimit ?? 'grid', 'onLimit', ['grid', 'throw'] as const);
  const trials = wholeNumberOption(options.trials ?? 10_000, 'trials', { min: 2, max: MAX_TRIALS });
  const seed = options.seed ?? 1;
  seedState(seed);
  if (options.currency !== undefined) minorUnitDigits(options.currency);
  const maxWork = options.maxWork === undefined ? Number.POSITIVE_INFINITY : wholeNumberOption(options.maxWork, 'maxWork');
  const budget = workBudget(maxWork, deadlineAfter(options.timeLimitMs));
  return { method, levels, maxStates, onLimit, trials, seed, budget };
}

/** The figures every method reports, around the method's quantile function and upper tail. */
function describeDistribution(book: RevenueBook, m: RevenueMoments, levels: readonly number[], shape: DistributionShape, budget: ForecastBudgetReport): ForecastDistributionBase {
  const { currency } = book;
  const toAmount = (x: Money | DecimalLike): Decimal => {
    if (isMoney(x)) {
      if (currency !== undefined && x.currency !== currency) throw new FunnelError('currency_mismatch', { left: currency, right: x.currency });
      return toDecimal(x.amount, 'x');
    }
    return toDecimal(x, 'x');
  };
  return {
    ...(currency === undefined ? {} : { currency }),
    dealCount: book.amounts.length,
    mean: m.mean,
    variance: m.variance,
    standardDeviation: m.standardDeviation,
    minimum: m.minimum,
    maximum: m.maximum,
    quantiles: levels.map((level) => ({ level, amount: shape.quantile(level) })),
    p10: shape.quantile(0.1),
    p50: shape.quantile(0.5),
    p90: shape.quantile(0.9),
    quantile: (q) => {
      if (typeof q !== 'number' || !(q >= 0 && q <= 1)) throw new FunnelError('invalid_argument', { name: 'q', reason: because('not_in_unit_interval', { value: String(q) }) });
      return shape.quantile(q);
    },
    probabilityAtLeast: (x) => {
      const d = toAmount(x);
      if (d.lte(m.minimum)) return 1;
      if (d.gt(m.maximum)) return 0;
      return Math.min(1, Math.max(0, shape.atLeast(d)));
    },
    budget,
  };
}

/**
 * The probability distribution of won revenue (赢单收入的分布) when deal i brings amount
 * aᵢ with probability pᵢ, independently: its exact mean Σ aᵢpᵢ and variance
 * Σ aᵢ²pᵢ(1 − pᵢ), quantiles (P10 / P50 / P90 and any others asked for) and
 * P(revenue ≥ x) — for instance the chance of making quota.
 *
 * A q-quantile is the smallest amount x with P(revenue ≤ x) ≥ q, so revenue reaches at
 * least P10 with probability of at least 90 %: one deal of 100 won with probability 0.9
 * has P10 = 0, since P(revenue ≤ 0) is exactly 0.1. Methods:
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
 *   `onLimit: 'throw'` it throws `limit_exceeded` instead. Each complement 1 − pᵢ is
 *   computed exactly in decimal; a level q is met when the computed P(revenue ≤ x)
 *   falls short of q by at most the computation's rounding error (a relative
 *   (64 + 4n)·2⁻⁵²), and levels above ½ are read from the upper tail, P(revenue > x)
 *   ≤ 1 − q, where 1 − q is exact (with the same relative slack, plus 2⁻⁵², the
 *   precision of the level itself).
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
 * **Budgets.** The exact method's time grows with deals × cells (100 000 deals with
 * amounts to the fen take about 8.5 s at the default `maxStates`). `maxWork` caps its
 * steps deterministically and `timeLimitMs` caps the wall-clock time; when either runs
 * out, the result is the normal approximation, and `budget` says so (see the second
 * signature). Without them (this signature) the method asked for is the method used.
 *
 * @param deals - The deals (any iterable; read once, not modified).
 * @param options - Method, quantiles, currency and method settings.
 * @returns The distribution, with `quantile(q)` and `probabilityAtLeast(x)`.
 * @throws {@link FunnelError} `invalid_argument` for a negative amount or a probability
 *   outside [0, 1]; `currency_mismatch` for mixed currencies without `rates`;
 *   `invalid_option` for bad options; `limit_exceeded` when the exact sums do not fit
 *   and `onLimit` is `'throw'`, or when a total in the amounts' smallest unit reaches 2⁵³.
 *   Also `invalid_option` (`rates`) for rates that are not an object with a `rates` object.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { forecastDistribution, money } from 'sales-funnel';
 * // Five deals of 100 万 each.
 * const deals = ['0.5', '0.3', '0.7', '0.3', '0.9'].map((p) => ({ amount: money('1000000', 'CNY'), probability: p }));
 * const d = forecastDistribution(deals);
 * d.mean.toFixed(0); //=> '2700000'
 * d.p50.toFixed(0); //=> '3000000'
 * d.probabilityAtLeast(money('2000000', 'CNY')) - d.probabilityAtLeast(money('3000000', 'CNY')); // P(exactly 2 won) ≈ 0.3167
 * forecastDistribution([{ amount: '100', probability: '0.9' }]).p10.toString(); //=> '0' (P(revenue ≤ 0) = 0.1)
 * ```
 */
export function forecastDistribution<M extends ForecastDistributionMethod = 'exact'>(
  deals: Iterable<ForecastDeal>,
  options?: ForecastDistributionOptions & { readonly method?: M; readonly maxWork?: undefined; readonly timeLimitMs?: undefined },
): ForecastDistributionFor<M>;
/**
 * {@link forecastDistribution} within a budget: a deterministic number of steps
 * (`maxWork`) and/or a wall-clock cap (`timeLimitMs`). While the method asked for fits,
 * the result is exactly the one without a budget; when it would need more steps or
 * time, it stops and the result is the normal approximation (`method: 'normal'`), with
 * `budget.workLimitHit` or `budget.timeLimitHit` set and `budget.requestedMethod` the
 * method asked for. Hence the result type: the method's own, or the normal one.
 *
 * A stop by `maxWork` depends only on the input (the same book and budget give the same
 * answer on every machine); a stop by `timeLimitMs` depends on the speed of the machine.
 *
 * @param deals - The deals (any iterable; read once, not modified).
 * @param options - Method, quantiles, currency, method settings and the budget.
 * @returns The distribution, with `quantile(q)`, `probabilityAtLeast(x)` and `budget`.
 * @throws {@link FunnelError} as without a budget; `invalid_option` also for a `maxWork`
 *   that is not a whole number ≥ 0, or a `timeLimitMs` that is not a number ≥ 0.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { forecastDistribution } from 'sales-funnel';
 * const deals = Array.from({ length: 1000 }, (_, i) => ({ amount: `${1000 + i}.25`, probability: '0.4' }));
 * const d = forecastDistribution(deals, { maxWork: 1_000_000 });
 * d.method; //=> 'normal' (the exact programme needs more than 10⁶ steps here)
 * d.budget.workLimitHit; //=> true
 * d.p50.toFixed(2); //=> '599900.00' (mean ± z·sd)
 * if (d.method === 'exact') d.maxError; // narrowed to the exact result
 * ```
 */
export function forecastDistribution<M extends ForecastDistributionMethod = 'exact'>(
  deals: Iterable<ForecastDeal>,
  options: ForecastDistributionOptions & { readonly method?: M },
): ForecastDistributionFor<M> | NormalForecastDistribution;
export function forecastDistribution(deals: Iterable<ForecastDeal>, options: ForecastDistributionOptions = {}): ForecastDistribution {
  const settings = readOptions(options);
  const book = readRevenueBook(deals, options.currency, ratesOption(options.rates));
  const moments = revenueMoments(book);
  const { budget } = settings;
  const report = (): ForecastBudgetReport => ({
    requestedMethod: settings.method,
    work: budget.work,
    maxWork: Number.isFinite(budget.maxWork) ? budget.maxWork : null,
    workLimitHit: budget.stopped === 'work',
    timeLimitHit: budget.stopped === 'time',
  });
  const describe = (shape: DistributionShape) => describeDistribution(book, moments, settings.levels, shape, report());
  if (settings.method === 'monteCarlo') {
    const mc = monteCarloMethod(revenueUnits(book, moments), moments.scale, settings.trials, settings.seed, budget);
    if (mc !== null) {
      const { quantile, atLeast, ...figures } = mc;
      return { method: 'monteCarlo', ...describe({ quantile, atLeast }), trials: settings.trials, seed: settings.seed, ...figures };
    }
  } else if (settings.method === 'exact') {
    const exact = exactMethod(revenueUnits(book, moments), settings.maxStates, settings.onLimit, budget);
    if (exact !== null) {
      const { quantile, atLeast, ...figures } = exact;
      return { method: 'exact', ...describe({ quantile, atLeast }), ...figures };
    }
  }
  // 'normal' asked for, or the budget stopped the method asked for.
  return { method: 'normal', ...describe(normalMethod(moments)) };
}
