import { amountIn } from '../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { createdAt } from '../model/createdAt.js';
import type { Opportunity } from '../model/opportunity.js';
import { daysBetween } from '../time/daysBetween.js';
import { checkDeal, checkDealIterable } from '../model/dealArguments.js';

/**
 * Options for {@link salesVelocityInputs}.
 */
export interface SalesVelocityInputsOptions {
  /**
   * Currency of the average deal size.
   *
   * @defaultValue the first won deal's currency
   */
  readonly currency?: CurrencyCode;
  /** Rates for won deals in other currencies. */
  readonly rates?: ExchangeRates;
}

/**
 * Result of {@link salesVelocityInputs}: a {@link SalesVelocityInput} plus the counts
 * behind it.
 */
export interface SalesVelocityInputs {
  /** Open deals. */
  readonly opportunities: number;
  /** won ÷ (won + lost); `null` when no deal is closed. */
  readonly winRate: number | null;
  /** Σ won amount ÷ won; `null` when nothing was won. */
  readonly averageDealSize: Money | null;
  /** Mean days from creation to `closedAt` over won deals that have both; `null` when none. */
  readonly cycleDays: number | null;
  /** Won deals. */
  readonly won: number;
  /** Lost deals. */
  readonly lost: number;
}

/**
 * Measures the inputs of {@link salesVelocity} from deals:
 *
 * - opportunities = deals with status `open` (suspended deals are not counted)
 * - win rate = won ÷ (won + lost); denominator: closed deals; `null` when none
 * - average deal size = Σ amount of won deals ÷ won deals; `null` when none
 * - cycle = mean exact days (`daysBetween`) from creation (the `created` event) to
 *   `closedAt`, over won deals that have both; `null` when none
 *
 * Pass the deals of the window you want to measure (e.g. closed in the last year, plus
 * the open ones).
 *
 * @param opportunities - The deals (any iterable; read once, never changed).
 * @param options - Currency and rates for the average deal size.
 * @returns The inputs, ready for {@link salesVelocity}.
 * @throws {@link FunnelError} `currency_mismatch` for won deals in several currencies without rates.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities,
 *   or an item of it that is not an opportunity (named `opportunities[i]`);
 *   `invalid_option` (`rates`) for rates that are not an object with a `rates` object.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { salesVelocity, salesVelocityInputs, type Opportunity } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * const v = salesVelocity(salesVelocityInputs(deals));
 * v.perDay?.amount.toFixed(2);
 * ```
 */
export function salesVelocityInputs(opportunities: Iterable<Opportunity>, options: SalesVelocityInputsOptions = {}): SalesVelocityInputs {
  ratesOption(options.rates);
  let currency = options.currency;
  let open = 0;
  let won = 0;
  let lost = 0;
  let wonAmount = new Decimal(0);
  let cycleSum = 0;
  let cycleCount = 0;
  checkDealIterable(opportunities, 'opportunities');
  let i = 0;
  for (const o of opportunities) {
    checkDeal(o, i++, 'opportunities');
    if (o.status === 'open') open += 1;
    else if (o.status === 'lost') lost += 1;
    else if (o.status === 'won') {
      won += 1;
      currency ??= o.amount.currency;
      wonAmount = wonAmount.plus(amountIn(o.amount, currency, options.rates));
      const start = createdAt(o);
      if (start !== undefined && o.closedAt !== undefined) {
        cycleSum += daysBetween(start, o.closedAt);
        cycleCount += 1;
      }
    }
  }
  return {
    opportunities: open,
    winRate: won + lost === 0 ? null : won / (won + lost),
    averageDealSize: won === 0 || currency === undefined ? null : { amount: wonAmount.div(won), currency },
    cycleDays: cycleCount === 0 ? null : cycleSum / cycleCount,
    won,
    lost,
  };
}
