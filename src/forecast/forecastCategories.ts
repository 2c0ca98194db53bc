import { dealCategory } from '../_lib/dealForecast.js';
import { compareKeys, scanForecast } from '../_lib/forecastScan.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import type { ForecastCategory } from '../model/stage.js';
import type { ExcludedDeals, ForecastTally, WeightedForecastOptions } from './weightedForecast.js';

/**
 * Options for {@link forecastCategories}: the same grouping, period and currency
 * settings as {@link weightedForecast}.
 *
 * @example
 * ```ts
 * import type { ForecastCategoriesOptions } from 'sales-funnel';
 * const o: ForecastCategoriesOptions = { groupBy: ['owner'], currency: 'CNY' };
 * ```
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
 *
 * @example
 * ```ts
 * import { forecastCategories, type ForecastRollups, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * declare const pipeline: Pipeline;
 * const r: ForecastRollups = forecastCategories(deals, pipeline).total.rollups;
 * r.commit.amount.amount.toFixed(2);
 * ```
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
 * Category figures of one group (or of the total).
 *
 * @example
 * ```ts
 * import { forecastCategories, type ForecastCategoryFigures, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * declare const pipeline: Pipeline;
 * const t: ForecastCategoryFigures = forecastCategories(deals, pipeline).total;
 * t.categories.best_case.count;
 * ```
 */
export interface ForecastCategoryFigures {
  /** Each category on its own. */
  readonly categories: Readonly<Record<ForecastCategory, ForecastTally>>;
  /** The cumulative roll-ups. */
  readonly rollups: ForecastRollups;
}

/**
 * One group of {@link ForecastCategories}.
 *
 * @example
 * ```ts
 * import { forecastCategories, type ForecastCategoriesRow, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * declare const pipeline: Pipeline;
 * const rows: readonly ForecastCategoriesRow[] = forecastCategories(deals, pipeline, { groupBy: ['owner'] }).rows;
 * ```
 */
export interface ForecastCategoriesRow extends ForecastCategoryFigures {
  /** The group's key, one element per entry of `groupBy`. */
  readonly key: readonly string[];
}

/**
 * Result of {@link forecastCategories}.
 *
 * @example
 * ```ts
 * import { forecastCategories, type ForecastCategories, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * declare const pipeline: Pipeline;
 * const f: ForecastCategories = forecastCategories(deals, pipeline, { groupBy: ['period'] });
 * ```
 */
export interface ForecastCategories {
  /** Currency of every amount. */
  readonly currency: CurrencyCode;
  /** The grouping keys, as labels. */
  readonly groupBy: readonly string[];
  /** One row per group, sorted by key. */
  readonly rows: readonly ForecastCategoriesRow[];
  /** The exact sum of the rows (a split deal counts once in each count). */
  readonly total: ForecastCategoryFigures;
  /** Deals without a forecast date, as in {@link weightedForecast}. */
  readonly unforecastable: ExcludedDeals;
  /** Suspended deals, left out. */
  readonly suspended: ExcludedDeals;
}

const CATEGORIES: readonly ForecastCategory[] = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'];
const ZERO = new Decimal(0);

interface Cell {
  count: number;
  amount: Decimal;
  weighted: Decimal;
}
type Cells = Record<ForecastCategory, Cell>;

function newCells(): Cells {
  const c = {} as Cells;
  for (const k of CATEGORIES) c[k] = { count: 0, amount: ZERO, weighted: ZERO };
  return c;
}

function figures(cells: Cells, currency: CurrencyCode): ForecastCategoryFigures {
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
    return { count, amount: m(amount), weighted: m(weighted) };
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
 * lost deals `omitted`; suspended deals are left out (reported under `suspended`).
 * The override is a field of the deal, so it holds whatever stage the deal moves to.
 *
 * Each category reports its count, unweighted amount and weighted amount
 * (`amount × probability` with the precedence of {@link weightedForecast}). The
 * roll-ups are cumulative: commit = closed + commit; best case = closed + commit +
 * best case; open pipeline = pipeline + best case + commit (closed excluded); omitted
 * is never counted in a roll-up. Grouping, forecast dates, credit splits, currency and
 * unforecastable deals work exactly as in {@link weightedForecast}.
 *
 * @param opportunities - The deals (any iterable; read once, never changed).
 * @param pipeline - Supplies stage categories and probabilities.
 * @param options - Grouping, periods, customers and currency.
 * @returns Category figures per group and in total.
 * @throws {@link FunnelError} as {@link weightedForecast}.
 *
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
  const rows = new Map<string, { parts: readonly string[]; cells: Cells }>();
  const total = newCells();
  let last: Opportunity | undefined;
  const summary = scanForecast(
    opportunities,
    pipeline,
    {
      groupBy: options.groupBy ?? [],
      period: options.period,
      customers: options.customers,
      currency: options.currency,
      rates: options.rates,
      requireDate: true,
    },
    (key, parts, _status, amount, weighted, o, stage) => {
      let row = rows.get(key);
      if (row === undefined) {
        row = { parts, cells: newCells() };
        rows.set(key, row);
      }
      const category = dealCategory(o, stage);
      const cell = row.cells[category];
      cell.count += 1;
      cell.amount = cell.amount.plus(amount);
      cell.weighted = cell.weighted.plus(weighted);
      // Shares of one split deal arrive one after another: count the deal once.
      if (o !== last) total[category].count += 1;
      last = o;
    },
  );
  const currency = summary.currency;
  const sorted = [...rows.values()].sort((a, b) => compareKeys(a.parts, b.parts));
  for (const r of sorted) {
    for (const k of CATEGORIES) {
      total[k].amount = total[k].amount.plus(r.cells[k].amount);
      total[k].weighted = total[k].weighted.plus(r.cells[k].weighted);
    }
  }
  const u = summary.unforecastable;
  const s = summary.suspended;
  return {
    currency,
    groupBy: summary.labels,
    rows: sorted.map((r) => ({ key: [...r.parts], ...figures(r.cells, currency) })),
    total: figures(total, currency),
    unforecastable: { count: u.count, amount: { amount: u.amount, currency }, weighted: { amount: u.weighted, currency }, opportunityIds: u.ids },
    suspended: { count: s.count, amount: { amount: s.amount, currency }, weighted: { amount: ZERO, currency }, opportunityIds: s.ids },
  };
}
