import { toDecimal } from '../_lib/decimal.js';
import { numberOption } from '../_lib/options.js';
import { nonNegativeNumber, toRatio } from '../_lib/toRatio.js';
import { Decimal, type DecimalLike } from '../money/decimal.js';
import type { Money } from '../money/money.js';

/**
 * Input of {@link salesVelocity}. Each input may be `null` (unknown), which makes the
 * velocity `null`: {@link salesVelocityInputs} returns `null`s when the deals cannot
 * tell.
 */
export interface SalesVelocityInput {
  /** Open opportunities in the pipeline (≥ 0). */
  readonly opportunities: number;
  /** Win rate (赢率), in [0, 1]: a decimal string, number or Decimal. */
  readonly winRate: DecimalLike | null;
  /** Average value of a won deal. */
  readonly averageDealSize: Money | null;
  /** Average sales cycle in days (creation to win), ≥ 0. */
  readonly cycleDays: number | null;
}

/**
 * Options for {@link salesVelocity}.
 */
export interface SalesVelocityOptions {
  /**
   * Length in days of the period for `perPeriod` (> 0).
   *
   * @defaultValue 30
   */
  readonly periodDays?: number;
}

/**
 * Result of {@link salesVelocity}.
 */
export interface SalesVelocity {
  /** Revenue per day; `null` when an input is unknown or the cycle is 0 days. */
  readonly perDay: Money | null;
  /** Revenue per period of `periodDays`; `null` with `perDay`. */
  readonly perPeriod: Money | null;
  /** The period length used. */
  readonly periodDays: number;
}

/**
 * Sales velocity (销售速度): how much revenue the pipeline produces per day.
 *
 * velocity = opportunities × win rate × average deal size ÷ sales cycle (days). The
 * denominator is the cycle length; a cycle of 0 days, or any unknown (`null`) input,
 * gives `null`. Exact Decimal arithmetic; round at presentation.
 *
 * @param input - Opportunities, win rate, average deal size, cycle length.
 * @param options - Period length for `perPeriod`.
 * @returns Revenue per day and per period.
 * @throws {@link FunnelError} `invalid_argument` for a negative count or cycle, or a
 *   win rate outside [0, 1]; `invalid_option` for a bad `periodDays`.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { money, salesVelocity } from 'sales-funnel';
 * const v = salesVelocity(
 *   { opportunities: 40, winRate: '0.25', averageDealSize: money('200000', 'CNY'), cycleDays: 90 },
 *   { periodDays: 90 },
 * );
 * v.perPeriod?.amount.toString(); //=> '2000000' (40 × 25 % × 20 万 = 200 万 per 90-day cycle)
 * v.perDay?.amount.toFixed(2); //=> '22222.22'
 * ```
 */
export function salesVelocity(input: SalesVelocityInput, options: SalesVelocityOptions = {}): SalesVelocity {
  const periodDays = numberOption(options.periodDays ?? 30, 'periodDays', { min: 0, minExclusive: true });
  const n = nonNegativeNumber(input.opportunities, 'opportunities');
  const winRate = input.winRate === null ? null : toRatio(input.winRate, 'winRate', 'unit');
  const cycle = input.cycleDays === null ? null : nonNegativeNumber(input.cycleDays, 'cycleDays');
  const avg = input.averageDealSize;
  if (winRate === null || cycle === null || cycle === 0 || avg === null) return { perDay: null, perPeriod: null, periodDays };
  const perCycle = new Decimal(n).times(winRate).times(toDecimal(avg.amount, 'averageDealSize'));
  const cycleD = new Decimal(cycle);
  return {
    perDay: { amount: perCycle.div(cycleD), currency: avg.currency },
    // Multiply before dividing so that a whole number of cycles stays exact.
    perPeriod: { amount: perCycle.times(new Decimal(periodDays)).div(cycleD), currency: avg.currency },
    periodDays,
  };
}

