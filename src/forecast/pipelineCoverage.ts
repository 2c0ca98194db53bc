import { toRatio } from '../_lib/toRatio.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { amountIn } from '../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal, type DecimalLike } from '../money/decimal.js';
import type { Money } from '../money/money.js';

/**
 * Input of {@link pipelineCoverage}.
 */
export interface PipelineCoverageInput {
  /** Unweighted amount of the open deals that can still close in the period. */
  readonly openPipeline: Money;
  /** The quota (定额) for the period. */
  readonly quota: Money;
  /**
   * Already won in the period.
   *
   * @defaultValue 0
   */
  readonly closedWon?: Money;
  /** The win rate (赢率) the pipeline converts at, in [0, 1] (a decimal string, number or Decimal); `null` or absent when unknown. */
  readonly winRate?: DecimalLike | null;
}

/**
 * Options for {@link pipelineCoverage}.
 */
export interface PipelineCoverageOptions {
  /** Rates for amounts in a currency other than the quota's. */
  readonly rates?: ExchangeRates;
}

/**
 * Result of {@link pipelineCoverage}. Ratios are numbers (`3` means 3×) or `null`;
 * amounts are exact Money.
 */
export interface PipelineCoverage {
  /** Currency of every amount (the quota's). */
  readonly currency: CurrencyCode;
  /** max(quota − closed won, 0). */
  readonly remainingQuota: Money;
  /** Whether closed won already reaches the quota. */
  readonly quotaMet: boolean;
  /** open pipeline ÷ remaining quota; `null` when nothing remains. */
  readonly coverage: number | null;
  /** 1 ÷ win rate: the coverage the win rate requires; `null` without a positive win rate. */
  readonly requiredCoverage: number | null;
  /** remaining quota ÷ win rate: the open pipeline needed; `null` without a positive win rate. */
  readonly requiredPipeline: Money | null;
  /** max(required pipeline − open pipeline, 0); `null` without a positive win rate. */
  readonly gap: Money | null;
  /** coverage ≥ required coverage; `true` when the quota is met; otherwise `null` without a positive win rate. */
  readonly sufficient: boolean | null;
}

/**
 * Pipeline coverage (管道覆盖率): how many times the open pipeline covers what is
 * left of the quota, and how much coverage the win rate actually requires.
 *
 * - remaining quota = max(quota − closed won, 0)
 * - coverage = open pipeline ÷ remaining quota (denominator: remaining quota; `null`
 *   when it is 0)
 * - required coverage = 1 ÷ win rate (denominator: win rate; `null` when it is 0 or
 *   unknown): at a 25 % win rate you need 4× coverage, not the rule-of-thumb 3×
 * - required pipeline = remaining quota ÷ win rate; gap = max(required − open, 0)
 *
 * The open pipeline is unweighted: the win rate does the weighting (use
 * `forecastCategories(...).total.rollups.openPipeline.amount`). All amounts are
 * converted to the quota's currency; results are exact.
 *
 * @param input - Open pipeline, quota, closed won and win rate.
 * @param options - Exchange rates.
 * @returns Coverage, required coverage and the gap (the sufficiency test is made on the exact ratios).
 * @throws {@link FunnelError} `currency_mismatch` for another currency without rates;
 *   `invalid_argument` for a win rate outside [0, 1] or a negative amount.
 *   Also `invalid_option` (`rates`) for rates that are not an object with a `rates` object.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { money, pipelineCoverage } from 'sales-funnel';
 * const c = pipelineCoverage({
 *   openPipeline: money('4500000', 'CNY'), quota: money('2000000', 'CNY'),
 *   closedWon: money('500000', 'CNY'), winRate: '0.25',
 * });
 * c.coverage; //=> 3 (450 万 ÷ (200 万 − 50 万))
 * c.requiredCoverage; //=> 4 (1 ÷ 25 %)
 * c.gap?.amount.toString(); //=> '1500000' (150 万 × 4 − 450 万)
 * ```
 */
export function pipelineCoverage(input: PipelineCoverageInput, options: PipelineCoverageOptions = {}): PipelineCoverage {
  ratesOption(options.rates);
  const currency = input.quota.currency;
  const value = (m: Money, name: string): Decimal => {
    const d = amountIn(m, currency, options.rates);
    if (d.isNegative() && !d.isZero()) throw new FunnelError('invalid_argument', { name, reason: because('must_not_be_negative') });
    return d;
  };
  const quota = value(input.quota, 'quota');
  const open = value(input.openPipeline, 'openPipeline');
  const won = input.closedWon === undefined ? new Decimal(0) : value(input.closedWon, 'closedWon');
  const winRate = input.winRate === undefined || input.winRate === null ? null : toRatio(input.winRate, 'winRate', 'unit');

  const remaining = Decimal.max(quota.minus(won), 0);
  const quotaMet = remaining.isZero();
  const coverage = quotaMet ? null : open.div(remaining);
  const rate = winRate?.gt(0) ? winRate : null; // a usable (positive) win rate
  const requiredCoverage = rate === null ? null : new Decimal(1).div(rate);
  const required = rate === null ? null : remaining.div(rate);
  const m = (amount: Decimal): Money => ({ amount, currency });
  return {
    currency,
    remainingQuota: m(remaining),
    quotaMet,
    coverage: coverage === null ? null : coverage.toNumber(),
    requiredCoverage: requiredCoverage === null ? null : requiredCoverage.toNumber(),
    requiredPipeline: required === null ? null : m(required),
    gap: required === null ? null : m(Decimal.max(required.minus(open), 0)),
    sufficient: coverage === null ? true : requiredCoverage === null ? null : coverage.gte(requiredCoverage),
  };
}
