import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { GroupAccumulator, type Grouped } from '../model/groupBy.js';
import type { OpportunityId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import type { ForecastCategory } from '../model/stage.js';
import { dealCategory } from './_lib/dealCategory.js';
import { DealOrdinals, listIdsOption, readDeals } from './_lib/dealsAsOf.js';
import { groupContextOf, scanForecast } from './_lib/forecastScan.js';
import type { ExcludedDeals, ForecastTally, WeightedForecastOptions } from './weightedForecast.js';

/**
 * Options for {@link forecastCategories}: the same grouping, period, zone, currency,
 * `asOf` and `dealIds` settings as {@link weightedForecast}.
 */
export type ForecastCategoriesOptions = WeightedForecastOptions;

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
  /** Every such deal's id, in input order. */
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

const CATEGORIES: readonly ForecastCategory[] = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'];
const ZERO = new Decimal(0);

interface Cell {
  count: number;
  amount: Decimal;
  weighted: Decimal;
  /** Ordinals of the deals (only when listing deal ids). */
  ids: number[] | undefined;
}
type Cells = Record<ForecastCategory, Cell>;

function newCells(): Cells {
  const c = {} as Cells;
  for (const k of CATEGORIES) c[k] = { count: 0, amount: ZERO, weighted: ZERO, ids: undefined };
  return c;
}

function newListingCells(): Cells {
  const c = {} as Cells;
  for (const k of CATEGORIES) c[k] = { count: 0, amount: ZERO, weighted: ZERO, ids: [] };
  return c;
}

/** Adds `b`'s amounts into `a`, category by category (counts and deal ordinals are set separately). */
function addAmounts(a: Cells, b: Cells): void {
  for (const k of CATEGORIES) {
    a[k].amount = a[k].amount.plus(b[k].amount);
    a[k].weighted = a[k].weighted.plus(b[k].weighted);
  }
}

function addIds(a: Cells, b: Cells): void {
  for (const k of CATEGORIES) {
    const ids = b[k].ids;
    if (ids !== undefined) a[k].ids?.push(...ids);
  }
}

function figures(cells: Cells, currency: CurrencyCode, deals: DealOrdinals): ForecastCategoryFigures {
  const m = (amount: Decimal): Money => ({ amount, currency });
  const tally = (...ks: ForecastCategory[]): ForecastTally => {
    let count = 0;
    let amount = ZERO;
    let weighted = ZERO;
    for (const k of ks) {
      count += cells[k].count;
      amount = amount.plus(cells[k].amount);
      weighted = weighted.plus(cells[k].weighted);
    }
    const listed = cells.pipeline.ids === undefined ? undefined : ks.map((k) => cells[k].ids ?? []);
    return { count, amount: m(amount), weighted: m(weighted), ...(listed === undefined ? {} : { dealIds: deals.idsOf(...listed) }) };
  };
  const categories = {} as Record<ForecastCategory, ForecastTally>;
  for (const k of CATEGORIES) categories[k] = tally(k);
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

/**
 * Forecast categories (预测类别) with their individual and cumulative roll-ups, per group
 * and in total.
 *
 * A deal's category is its `forecastCategoryOverride` if set, else its stage's
 * category (default by kind: open → `pipeline`); won deals are always `closed` and
 * lost deals `omitted`; suspended deals are left out (reported under `suspended`, also
 * when they have no close date: they are never `unforecastable`).
 * The override is a field of the deal, so it holds whatever stage the deal moves to.
 *
 * Each category reports its count, unweighted amount and weighted amount
 * (`amount × probability` with the rule of {@link dealProbability}). The roll-ups are
 * cumulative: commit = closed + commit; best case = closed + commit + best case; open
 * pipeline = pipeline + best case + commit (closed excluded); omitted is never counted
 * in a roll-up. Grouping, forecast dates, credit splits, currency and the totals
 * (`total` for the dated deals, `unforecastable`, `book` = both) work exactly as in
 * {@link weightedForecast}, and so do `asOf` (each deal as it stood then, its
 * category override included: see {@link opportunityAsOf}) and `dealIds` (every
 * category and roll-up lists its deals).
 *
 * @param opportunities - The deals (any iterable; read once, never changed).
 * @param pipeline - Supplies stage categories and probabilities.
 * @param options - Grouping (keys, periods, zone, customers, teams), currency, `asOf` and `dealIds`.
 * @returns Category figures per group, in total, for the unforecastable deals and for the whole book.
 * @throws {@link FunnelError} as {@link weightedForecast}.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { forecastCategories, parsePipeline, parseOpportunity } from 'sales-funnel';
 * const pipeline = parsePipeline({
 *   id: 'p', name: 'Direct', currency: 'CNY',
 *   stages: [
 *     { id: 'qualify', name: '需求确认', kind: 'open', probability: '0.2' },
 *     { id: 'negotiate', name: '商务洽谈', kind: 'open', probability: '0.8', forecastCategory: 'commit' },
 *     { id: 'won', name: '赢单', kind: 'won', probability: 1 },
 *     { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
 *   ],
 * });
 * const deal = (id: string, stageId: string, amount: string, status = 'open') =>
 *   parseOpportunity({ id, customerId: 'c', pipelineId: 'p', name: id, ownerId: 'rep-li', status,
 *     amount: { amount, currency: 'CNY' }, stageId, expectedCloseDate: '2026-03-31',
 *     ...(status === 'won' ? { closedAt: '2026-03-01T00:00:00Z' } : {}) });
 * const f = forecastCategories(
 *   [deal('a', 'qualify', '100'), deal('b', 'negotiate', '300'), deal('c', 'won', '50', 'won')],
 *   pipeline,
 * );
 * f.total.rollups.commit.amount.amount.toString(); //=> '350' (closed 50 + commit 300)
 * f.total.rollups.openPipeline.amount.amount.toString(); //=> '400' (pipeline 100 + commit 300)
 * ```
 */
export function forecastCategories(
  opportunities: Iterable<Opportunity>,
  pipeline: Pipeline,
  options: ForecastCategoriesOptions = {},
): ForecastCategories {
  const groupBy = options.groupBy ?? [];
  const listing = listIdsOption(options.dealIds);
  const create = listing ? newListingCells : newCells;
  const groups = new GroupAccumulator(create);
  const total = create();
  const undated = create();
  const grouped = groupBy.length > 0;
  const deals = new DealOrdinals();
  let last: Opportunity | undefined;
  const summary = scanForecast(
    readDeals(opportunities, pipeline, options.asOf),
    pipeline,
    { groupBy, context: groupContextOf(options), currency: options.currency, rates: options.rates, requireDate: true },
    (key, _status, amount, weighted, o, stage) => {
      const category = dealCategory(o, stage);
      const cells = key === undefined ? undated : grouped ? groups.get(key) : total;
      const cell = cells[category];
      const ordinal = listing ? deals.ordinal(o) : 0;
      cell.ids?.push(ordinal);
      cell.count += 1;
      cell.amount = cell.amount.plus(amount);
      cell.weighted = cell.weighted.plus(weighted);
      // Shares of one split deal arrive one after another: the total counts the deal once.
      if (grouped && key !== undefined && o !== last) {
        total[category].count += 1;
        total[category].ids?.push(ordinal);
      }
      last = o;
    },
  );
  const currency = summary.currency;
  if (grouped) for (const g of groups.sorted()) addAmounts(total, g.acc);
  const book = create();
  addAmounts(book, total);
  addAmounts(book, undated);
  addIds(book, total);
  addIds(book, undated);
  for (const k of CATEGORIES) book[k].count = total[k].count + undated[k].count;
  const s = summary.suspended;
  return {
    ...groups.grouped(groupBy, total, (cells) => figures(cells, currency, deals)),
    currency,
    unforecastable: { ...figures(undated, currency, deals), opportunityIds: summary.undatedIds },
    book: figures(book, currency, deals),
    suspended: { count: s.count, amount: { amount: s.amount, currency }, weighted: { amount: ZERO, currency }, opportunityIds: s.ids },
  };
}
