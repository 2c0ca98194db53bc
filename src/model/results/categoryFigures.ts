// The forecast-categories result: its public types and the one implementation of its
// roll-ups, shared by `forecastCategories` (src/forecast) and the decoder of
// `forecastCategoriesSql` (src/sql), which may not import the forecasts. The types are
// public through src/forecast/forecastCategories.ts.
import type { CurrencyCode } from '../../money/currency.js';
import type { Grouped } from '../groupBy.js';
import type { OpportunityId } from '../ids.js';
import type { ForecastCategory } from '../stage.js';
import type { ExcludedDeals, ForecastTally } from './weightedFigures.js';

/**
 * The cumulative forecast roll-ups (预测类别汇总), from the individual categories:
 *
 * - `closed` = closed
 * - `commit` = closed + commit
 * - `bestCase` = closed + commit + best case
 * - `openPipeline` = pipeline + best case + commit (no closed)
 *
 * `omitted` is in none of them.
 */
export interface ForecastRollups {
  /** Closed (won) deals. */
  readonly closed: ForecastTally;
  /** Closed + commit. */
  readonly commit: ForecastTally;
  /** Closed + commit + best case. */
  readonly bestCase: ForecastTally;
  /** Pipeline + best case + commit: everything still open and counted. */
  readonly openPipeline: ForecastTally;
}

/**
 * Category figures of a set of deals (a group, the total, the unforecastable deals or
 * the whole book). Every open, won and lost deal is in exactly one category (lost deals
 * in `omitted`); suspended deals are in none.
 */
export interface ForecastCategoryFigures {
  /** Each category on its own. */
  readonly categories: Readonly<Record<ForecastCategory, ForecastTally>>;
  /** The cumulative roll-ups. */
  readonly rollups: ForecastRollups;
}

/** Deals without a forecast date: their category figures, and their ids. */
export interface UnforecastableCategories extends ForecastCategoryFigures {
  /** Every such deal's id, in input order; empty with the option `opportunityIds: false`. */
  readonly opportunityIds: readonly OpportunityId[];
}

/**
 * Result of {@link forecastCategories}: the {@link Grouped} envelope of
 * {@link ForecastCategoryFigures}, plus what lies outside the groups. The totals fit
 * together as in {@link WeightedForecast}: `total` = Σ `groups` = the deals **with** a
 * forecast date; `unforecastable` = the deals without one; `book` = `total` +
 * `unforecastable`, category by category; `suspended` = the rest.
 */
export interface ForecastCategories extends Grouped<ForecastCategoryFigures> {
  /** Currency of every amount. */
  readonly currency: CurrencyCode;
  /**
   * The deals **with a forecast date**: the exact sum of the groups (a split deal counts
   * once in each count). Not the whole book: see `unforecastable` and `book`.
   */
  readonly total: ForecastCategoryFigures;
  /** Deals **without** a forecast date, as in {@link weightedForecast}: in no group and not in `total`. */
  readonly unforecastable: UnforecastableCategories;
  /** Every deal read except the suspended ones, dated or not: `total` + `unforecastable`. */
  readonly book: ForecastCategoryFigures;
  /** Suspended deals, in no figure above. */
  readonly suspended: ExcludedDeals;
}

/**
 * The forecast categories, in the order of their figures.
 *
 * @internal
 */
export const FORECAST_CATEGORIES: readonly ForecastCategory[] = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'];

/**
 * The finishing step of forecast categories: each category on its own and the
 * cumulative roll-ups (closed; closed + commit; closed + commit + best case; pipeline +
 * best case + commit; `omitted` in none), from `tally`, which sums the given categories
 * (and lists their deals, when asked).
 *
 * @internal
 */
export function categoryFigures<T>(tally: (...categories: ForecastCategory[]) => T): {
  readonly categories: Record<ForecastCategory, T>;
  readonly rollups: { readonly closed: T; readonly commit: T; readonly bestCase: T; readonly openPipeline: T };
} {
  const categories = {} as Record<ForecastCategory, T>;
  for (const k of FORECAST_CATEGORIES) categories[k] = tally(k);
  return {
    categories,
    rollups: {
      closed: tally('closed'),
      commit: tally('closed', 'commit'),
      bestCase: tally('closed', 'commit', 'best_case'),
      openPipeline: tally('pipeline', 'best_case', 'commit'),
    },
  };
}
