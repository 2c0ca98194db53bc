import { Decimal } from '../money/decimal.js';
import { partialOf, type Accumulator, type DealBatch } from '../model/accumulator.js';
import type { Pipeline } from '../model/pipeline.js';
import { categoryFigures, FORECAST_CATEGORIES, type ForecastCategories, type ForecastCategoryFigures } from '../model/results/categoryFigures.js';
import type { ForecastCategory } from '../model/stage.js';
import { categoryBucket, ForecastSums, type Assembled, type Bucket, type ForecastSumsPartial } from './_lib/forecastSums.js';
import type { ForecastTally, WeightedForecastOptions } from './weightedForecast.js';

/**
 * Options for {@link forecastCategories}: the same grouping, period, zone, currency,
 * `asOf` and `dealIds` settings as {@link weightedForecast}.
 */
export type ForecastCategoriesOptions = WeightedForecastOptions;

export type { ForecastCategories, ForecastCategoryFigures, ForecastRollups, UnforecastableCategories } from '../model/results/categoryFigures.js';

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
 * `opportunities` may be a {@link DealColumns} chunk: the same result, to the fen, much
 * faster; every option works on columns, `asOf` included, except a function grouping
 * key. This function is `forecastCategoriesAccumulator(pipeline, options).add(opportunities).result()`
 * (see {@link forecastCategoriesAccumulator} for streams and shards).
 *
 * @param opportunities - The deals (any iterable; read once, never changed), or a
 *   {@link DealColumns} chunk of them (the same result).
 * @param pipeline - Supplies stage categories and probabilities.
 * @param options - Grouping (keys, periods, zone, customers, teams), currency, `asOf` and `dealIds`.
 * @returns Category figures per group, in total, for the unforecastable deals and for the whole book.
 * @throws {@link FunnelError} as {@link weightedForecast}.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities or
 *   a `DealColumns` chunk, or an item of it that is not an opportunity (named
 *   `opportunities[i]`); `invalid_argument` (`pipeline`) for a value that is not a
 *   pipeline; `invalid_option` (`rates`) for rates that are not an object with a `rates`
 *   object.
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
export function forecastCategories(opportunities: DealBatch, pipeline: Pipeline, options: ForecastCategoriesOptions = {}): ForecastCategories {
  return forecastCategoriesAccumulator(pipeline, options).add(opportunities).result();
}

/**
 * The plain-data state of a {@link ForecastCategoriesAccumulator} (see
 * {@link ForecastSumsPartial}): exact sums by group, deal class (status, probability,
 * category) and currency, to merge in another thread or process.
 */
export interface ForecastCategoriesPartial extends ForecastSumsPartial {
  /** Always `'forecast_categories'`. */
  readonly kind: 'forecast_categories';
}

/**
 * The incremental form of {@link forecastCategories}: `add` deals or column chunks,
 * `merge` shards, read `result()`. `forecastCategories(deals, pipeline, options)` is
 * `forecastCategoriesAccumulator(pipeline, options).add(deals).result()`.
 */
export type ForecastCategoriesAccumulator = Accumulator<ForecastCategories, ForecastCategoriesPartial>;

/**
 * Creates the incremental form of {@link forecastCategories} (累加器): feed it deals or
 * {@link DealColumns} chunks as they arrive, merge the accumulators or partial states
 * of other shards, and read the result at any time; the result equals
 * `forecastCategories` over every deal added, in any chunks, shards and order, to the
 * fen (splits by owner, `asOf`, rates and the unforecastable, book and suspended
 * figures included). Memory grows with groups × probabilities × categories ×
 * currencies, plus the ids of the unforecastable and suspended deals (unless
 * `opportunityIds: false`: then only their counts and sums; and of every deal with
 * `dealIds: true`).
 *
 * Lists of ids are in input order within one accumulator; after a merge, the merged
 * shard's deals come after the deals already held, so ids may come in another order
 * than one pass over the whole book would give (the figures are the same). Give every
 * shard the same options: a shard with other settings is refused.
 *
 * @param pipeline - The deals' pipeline.
 * @param options - The options of {@link forecastCategories}.
 * @returns An empty accumulator.
 * @throws {@link FunnelError} `invalid_option` for bad options (at once); `add` throws
 *   what {@link forecastCategories} throws; `merge` throws `invalid_argument` for a
 *   shard of another kind, pipeline or options.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { dealColumns, forecastCategoriesAccumulator, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const pages: Opportunity[][]; // e.g. pages of a database cursor
 * const acc = forecastCategoriesAccumulator(pipeline, { groupBy: ['owner'] });
 * for (const page of pages) acc.add(dealColumns(page, pipeline));
 * const { total } = acc.result(); // = forecastCategories(pages.flat(), pipeline, { groupBy: ['owner'] })
 * total.rollups.commit.amount.amount.toString();
 * ```
 */
export function forecastCategoriesAccumulator(pipeline: Pipeline, options: ForecastCategoriesOptions = {}): ForecastCategoriesAccumulator {
  return new CategorySums(pipeline, options);
}

const ZERO = new Decimal(0);

class CategorySums implements ForecastCategoriesAccumulator {
  readonly kind = 'forecast_categories';
  private readonly sums: ForecastSums;

  constructor(pipeline: Pipeline, options: ForecastCategoriesOptions) {
    this.sums = new ForecastSums('forecast_categories', pipeline, options, true);
  }

  add(batch: DealBatch): this {
    this.sums.add(batch);
    return this;
  }

  merge(other: ForecastCategoriesAccumulator | ForecastCategoriesPartial): this {
    this.sums.merge(partialOf(other));
    return this;
  }

  partial(): ForecastCategoriesPartial {
    return this.sums.partial() as ForecastCategoriesPartial;
  }

  result(): ForecastCategories {
    const a = this.sums.assemble(categoryBucket, FORECAST_CATEGORIES.length);
    const currency = a.currency;
    return {
      groupBy: a.groupBy,
      total: figures(a.total, a),
      groups: a.groups.map((g) => ({ key: g.key, value: figures(g.buckets, a) })),
      currency,
      unforecastable: { ...figures(a.undated, a), opportunityIds: a.undatedIds },
      book: figures(a.book, a),
      suspended: {
        count: a.suspended.count,
        amount: { amount: a.suspended.amount, currency },
        weighted: { amount: ZERO, currency },
        opportunityIds: a.suspendedIds,
      },
    };
  }
}

/** The category figures of buckets by category (in FORECAST_CATEGORIES order). */
function figures(b: readonly Bucket[], a: Assembled): ForecastCategoryFigures {
  const currency = a.currency;
  return categoryFigures((...ks: ForecastCategory[]): ForecastTally => {
    let count = 0;
    let amount = ZERO;
    let weighted = ZERO;
    const lists: number[][] = [];
    for (const k of ks) {
      const x = b[FORECAST_CATEGORIES.indexOf(k)]!;
      count += x.count;
      amount = amount.plus(x.amount);
      weighted = weighted.plus(x.weighted);
      for (const l of x.lists) lists.push(l);
    }
    return { count, amount: { amount, currency }, weighted: { amount: weighted, currency }, ...(a.listing ? { dealIds: a.idsOf(lists) } : {}) };
  });
}
