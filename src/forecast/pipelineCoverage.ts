import { toDecimal } from '../_lib/decimal.js';
import { toRatio } from '../_lib/toRatio.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { convert, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal, type DecimalLike } from '../money/decimal.js';
import type { Money } from '../money/money.js';

/**
 * Input of {@link pipelineCoverage}.
 *
 * @example
 * ```ts
 * import { money, type PipelineCoverageInput } from 'sales-funnel';
 * const input: PipelineCoverageInput = {
 *   openPipeline: money('3000000', 'CNY'),
 *   quota: money('2000000', 'CNY'),
 *   closedWon: money('500000', 'CNY'),
 *   winRate: '0.25',
 * };
 * ```
 */
export interface PipelineCoverageInput {
  /** Unweighted amount of the open deals that can still close in the period. */
  readonly openPipeline: Money;
  /** The quota (定额) for the period. */
  readonly quota: Money;
  /** Already won in the period. Default 0. */
  readonly closedWon?: Money;
  /** The win rate (赢率) the pipeline converts at, in (0, 1]; `null` or absent when unknown. */
  readonly winRate?: DecimalLike | null;
}

/**
 * Options for {@link pipelineCoverage}.
 *
 * @example
 * ```ts
 * import type { PipelineCoverageOptions } from 'sales-funnel';
 * const o: PipelineCoverageOptions = { rates: { base: 'CNY', rates: { USD: '7.10' } } };
 * ```
 */
export interface PipelineCoverageOptions {
  /** Rates for amounts in a currency other than the quota's. */
  readonly rates?: ExchangeRates;
}

/**
 * Result of {@link pipelineCoverage}. Ratios are exact Decimals (`3` means 3×).
 *
 * @example
 * ```ts
 * import { money, pipelineCoverage, type PipelineCoverage } from 'sales-funnel';
 * const c: PipelineCoverage = pipelineCoverage({ openPipeline: money('300', 'CNY'), quota: money('100', 'CNY') });
 * c.coverage?.toString(); //=> '3'
 * ```
 */
export interface PipelineCoverage {
  /** Currency of every amount (the quota's). */
  readonly currency: CurrencyCode;
  /** max(quota − closed won, 0). */
  readonly remainingQuota: Money;
  /** Whether closed won already reaches the quota. */
  readonly quotaMet: boolean;
  /** open pipeline ÷ remaining quota; `null` when nothing remains. */
  readonly coverage: Decimal | null;
  /** 1 ÷ win rate: the coverage the win rate requires; `null` without a positive win rate. */
  readonly requiredCoverage: Decimal | null;
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
 * @returns Coverage, required coverage and the gap.
 * @throws {@link FunnelError} `currency_mismatch` for another currency without rates;
 *   `invalid_argument` for a win rate outside [0, 1] or a negative amount.
 *
 * @example
 * ```ts
 * import { money, pipelineCoverage } from 'sales-funnel';
 * const c = pipelineCoverage({
 *   openPipeline: money('4500000', 'CNY'), quota: money('2000000', 'CNY'),
 *   closedWon: money('500000', 'CNY'), winRate: '0.25',
 * });
 * c.coverage?.toString(); //=> '3' (450 万 ÷ (200 万 − 50 万))
 * c.requiredCoverage?.toString(); //=> '4' (1 ÷ 25 %)
 * c.gap?.amount.toString(); //=> '1500000' (150 万 × 4 − 450 万)
 * ```
 */
export function pipelineCoverage(input: PipelineCoverageInput, options: PipelineCoverageOptions = {}): PipelineCoverage {
  const currency = input.quota.currency;
  const value = (m: Money, name: string): Decimal => {
    let d: Decimal;
    if (m.currency === currency) d = toDecimal(m.amount, name);
    else if (options.rates !== undefined) d = convert(m, currency, options.rates).amount;
    else throw new FunnelError('currency_mismatch', { left: currency, right: m.currency });
    if (d.isNegative() && !d.isZero()) throw new FunnelError('invalid_argument', { name, reason: 'must not be negative' });
    return d;
  };
  const quota = value(input.quota, 'quota');
  const open = value(input.openPipeline, 'openPipeline');
  const won = input.closedWon === undefined ? new Decimal(0) : value(input.closedWon, 'closedWon');
  const winRate = input.winRate === undefined || input.winRate === null ? null : toRatio(input.winRate, 'winRate', 'unit');

  const remaining = Decimal.max(quota.minus(won), 0);
  const quotaMet = remaining.isZero();
  const coverage = quotaMet ? null : open.div(remaining);
  const usable = winRate !== null && winRate.gt(0);
  const requiredCoverage = usable ? new Decimal(1).div(winRate) : null;
  const required = usable ? remaining.div(winRate) : null;
  const m = (amount: Decimal): Money => ({ amount, currency });
  return {
    currency,
    remainingQuota: m(remaining),
    quotaMet,
    coverage,
    requiredCoverage,
    requiredPipeline: required === null ? null : m(required),
    gap: required === null ? null : m(Decimal.max(required.minus(open), 0)),
    sufficient: coverage === null ? true : requiredCoverage === null ? null : coverage.gte(requiredCoverage),
  };
}
