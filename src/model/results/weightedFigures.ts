// The weighted-forecast result: its public types and the one implementation of its
// finishing step (open + won figures, won at 100 %, lost at 0), shared by
// `weightedForecast` (src/forecast) and the decoder of `weightedForecastSql` (src/sql),
// which may not import the forecasts. The types are public through
// src/forecast/weightedForecast.ts.
import type { CurrencyCode } from '../../money/currency.js';
import { Decimal } from '../../money/decimal.js';
import type { Money } from '../../money/money.js';
import type { Grouped } from '../groupBy.js';
import type { OpportunityId } from '../ids.js';

/** A count with its unweighted and weighted amounts. */
export interface ForecastTally {
  /** Number of deals. */
  readonly count: number;
  /** Σ amount, unweighted. */
  readonly amount: Money;
  /** Σ amount × probability (加权金额). */
  readonly weighted: Money;
  /**
   * The deals counted here, in input order (a split deal once): only with the option
   * `dealIds: true`, for drilling down from a figure to its deals.
   */
  readonly dealIds?: readonly OpportunityId[];
}

/**
 * The figures of a set of deals, by status. The top-level `count`, `amount` and
 * `weighted` are **open + won** deals (won deals weigh 1, so `weighted` includes the
 * booked revenue); lost deals are only in `lost`, and suspended deals in none of them.
 */
export interface WeightedForecastFigures extends ForecastTally {
  /** Open deals: weighted = amount × (override ?? stage probability). */
  readonly open: ForecastTally;
  /** Won deals (赢单): weighted = amount. */
  readonly won: ForecastTally;
  /** Lost deals (输单): weighted is always 0; their amount is not in the top-level `amount`. */
  readonly lost: ForecastTally;
}

/** Deals without a forecast date: their figures by status, and their ids. */
export interface UnforecastableDeals extends WeightedForecastFigures {
  /** Every such deal's id (open, won and lost), in input order; empty with the option `opportunityIds: false`. */
  readonly opportunityIds: readonly OpportunityId[];
}

/** Deals left out of every figure (suspended deals), with their ids. */
export interface ExcludedDeals extends ForecastTally {
  /** The deals' ids, in input order; empty with the option `opportunityIds: false`. */
  readonly opportunityIds: readonly OpportunityId[];
}

/**
 * Result of {@link weightedForecast}: the {@link Grouped} envelope of
 * {@link WeightedForecastFigures}, plus what lies outside the groups.
 *
 * How the totals fit together, status by status (open, won, lost):
 *
 * - `total` = Σ `groups` = the deals **with** a forecast date;
 * - `unforecastable` = the deals **without** one (in no group, not in `total`);
 * - `book` = `total` + `unforecastable` = every deal read except the suspended ones;
 * - `suspended` = the suspended deals, in no figure above.
 *
 * So the sum of every deal's amount, whatever its status, is
 * `book.amount + book.lost.amount + suspended.amount`.
 */
export interface WeightedForecast extends Grouped<WeightedForecastFigures> {
  /** Currency of every amount. */
  readonly currency: CurrencyCode;
  /**
   * The deals **with a forecast date**: the exact sum of the groups (a split deal counts
   * once in each count). Not the whole book: deals without a forecast date are in
   * `unforecastable`, and `book` adds them back.
   */
  readonly total: WeightedForecastFigures;
  /** Deals **without** a forecast date (an open deal without `expectedCloseDate`; a closed deal without `closedAt` or `expectedCloseDate`). */
  readonly unforecastable: UnforecastableDeals;
  /** Every deal read except the suspended ones, dated or not: `total` + `unforecastable`, status by status. */
  readonly book: WeightedForecastFigures;
  /** Suspended deals (中止): in no figure above; `weighted` is 0. */
  readonly suspended: ExcludedDeals;
}

/** A deal status a forecast figure is made of. @internal */
export type ForecastStatus = 'open' | 'won' | 'lost';

/**
 * The exact sums of one set of deals, by status (open deals with their weighted amount).
 *
 * @internal
 */
export interface WeightedSums {
  readonly openCount: number;
  readonly openAmount: Decimal;
  readonly openWeighted: Decimal;
  readonly wonCount: number;
  readonly wonAmount: Decimal;
  readonly lostCount: number;
  readonly lostAmount: Decimal;
}

const ZERO = new Decimal(0);

/**
 * The finishing step of a weighted forecast: the figures of one set of deals — the
 * top-level `count`, `amount` and `weighted` over the open and won deals (won deals
 * weigh 1), `lost` with a weighted amount of 0 — and, when `listIds` is given, each
 * figure's `dealIds` (the ids of the deals of the statuses it is made of).
 *
 * @internal
 */
export function weightedFigures(
  a: WeightedSums,
  currency: CurrencyCode,
  listIds: ((...statuses: ForecastStatus[]) => readonly OpportunityId[]) | undefined,
): WeightedForecastFigures {
  const m = (amount: Decimal): Money => ({ amount, currency });
  const list = (...statuses: ForecastStatus[]) => (listIds === undefined ? {} : { dealIds: listIds(...statuses) });
  return {
    count: a.openCount + a.wonCount,
    amount: m(a.openAmount.plus(a.wonAmount)),
    weighted: m(a.openWeighted.plus(a.wonAmount)),
    ...list('open', 'won'),
    open: { count: a.openCount, amount: m(a.openAmount), weighted: m(a.openWeighted), ...list('open') },
    won: { count: a.wonCount, amount: m(a.wonAmount), weighted: m(a.wonAmount), ...list('won') },
    lost: { count: a.lostCount, amount: m(a.lostAmount), weighted: m(ZERO), ...list('lost') },
  };
}
