import type { ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import { partialOf, type Accumulator, type DealBatch } from '../model/accumulator.js';
import type { GroupOptions } from '../model/groupBy.js';
import type { Pipeline } from '../model/pipeline.js';
import { weightedFigures, type ForecastStatus, type WeightedForecast, type WeightedForecastFigures } from '../model/results/weightedFigures.js';
import type { InstantInput } from '../time/instant.js';
import { ForecastSums, statusBucket, type Assembled, type Bucket, type ForecastSumsPartial } from './_lib/forecastSums.js';

export type { ExcludedDeals, ForecastTally, UnforecastableDeals, WeightedForecast, WeightedForecastFigures } from '../model/results/weightedFigures.js';
export type { ForecastClassPartial, ForecastSumPartial, ForecastSumsPartial, ForecastTargetPartial } from './_lib/forecastSums.js';

/** Options for {@link weightedForecast}. */
export interface WeightedForecastOptions extends GroupOptions {
  /**
   * Currency of the result.
   *
   * @defaultValue the pipeline's currency
   */
  readonly currency?: CurrencyCode;
  /** Rates for converting deals in other currencies; without them such a deal is an error. */
  readonly rates?: ExchangeRates;
  /**
   * Read the books as of this instant (a `Date` or an ISO 8601 string with offset): each
   * deal is rebuilt as it stood then from its ledger ({@link opportunityAsOf}: stage,
   * status, amount, close date, owner, splits, overrides), and deals created later are
   * left out. Without it, the deals are read as they stand (no replay).
   *
   * @defaultValue none: the deals as they stand
   */
  readonly asOf?: InstantInput;
  /**
   * List the deals behind each figure (`dealIds` on every {@link ForecastTally}), for
   * drilling down from a number to its deals.
   *
   * @defaultValue false
   */
  readonly dealIds?: boolean;
  /**
   * Keep the ids of the unforecastable and suspended deals (`unforecastable.opportunityIds`,
   * `suspended.opportunityIds`). They grow with the book; when streaming a big book
   * through the accumulator, `false` keeps only their counts and sums (the figures are
   * the same; the two lists come back empty), so that memory stays bounded. Shards
   * must agree on it: a partial state with the other setting is refused by `merge`.
   *
   * @defaultValue true
   */
  readonly opportunityIds?: boolean;
}

/**
 * Probability-weighted value of the pipeline (加权预测), per group and in total.
 *
 * **Probability** (成交概率): the rule of {@link dealProbability}: won deals count 1,
 * lost deals 0, suspended deals are left out (reported under `suspended`); an open
 * deal's `probabilityOverride` beats its stage's default probability. A deal's weighted
 * value is `amount × probability`, exact (no rounding: round once, at presentation,
 * with {@link roundToMinor}).
 *
 * **Forecast date**: an open deal's `expectedCloseDate`; a won or lost deal's
 * `closedAt`, dated on the wall clock of `timeZone` / `offsetMinutes` (of `period` or of
 * the options; UTC by default), falling back to `expectedCloseDate`, so booked revenue
 * lands in the period it was booked in: a deal won at 2026-03-31T20:00:00Z is in Q1 on
 * the UTC calendar and in Q2 with `timeZone: 'Asia/Shanghai'`. Deals without one are in
 * no group, whatever the grouping, and are reported under `unforecastable`, never
 * dropped. Suspended deals are set aside first: a suspended deal without a close date
 * counts under `suspended`, not `unforecastable`.
 *
 * **Groups**: `groupBy` lists the keys (`'period'` is the period of the forecast date);
 * each group's `key` is the tuple of their values (missing values such as a deal
 * without a region are `'(none)'`). When grouping by `'owner'`, a deal with credit
 * splits (联合跟进人/指标分割) is credited to each split owner instead of `ownerId`: its
 * amount and weighted amount are rounded once to the currency's minor unit (half-even)
 * and shared out by basis points with {@link allocate}, so the shares add up to the
 * rounded amount exactly. Owners with a 0-basis-point split get nothing and no group.
 *
 * **Totals** — each says what it holds:
 * - in every figure, `count`, `amount` and `weighted` are the **open and won** deals
 *   (`weighted` includes won deals at 100 %); lost deals are counted in `lost` only
 *   (their weighted value is 0, and their amount would overstate the forecast), so
 *   `weighted ≤ amount` for non-negative amounts;
 * - `total` is the exact sum of the groups: the deals **with** a forecast date;
 * - `unforecastable` holds the deals **without** one, `book` = `total` +
 *   `unforecastable` (every deal read but the suspended ones), and `suspended` the rest;
 *   `unforecastable.amount`, like every figure's `amount`, leaves the lost deals out
 *   (their amounts are in `unforecastable.lost`).
 *
 * **Currency**: amounts are in `options.currency`, default the pipeline's; a deal in
 * another currency is converted with `options.rates` (exact, not rounded). The deals
 * of one currency and probability are added up first, and each such sum is converted
 * and weighted once: the same figure as converting and weighting deal by deal, without
 * rounding a quotient (to 40 significant digits) per deal.
 *
 * **As of an instant**: with `asOf`, each deal is rebuilt as it stood then from its
 * ledger (see {@link opportunityAsOf}) and deals created later are left out, so the
 * forecast of last Monday can be read today; with `asOf` at or after every event the
 * result is the same as without it. Without `asOf` the deals are read as they stand.
 *
 * **Drill-down**: with `dealIds: true`, every figure lists its deals' ids (`dealIds`,
 * in input order; a split deal once in the total and once in each owner's group).
 *
 * **Columns, streams and shards**: `opportunities` may be a {@link DealColumns} chunk
 * (the same result, to the fen, much faster: on a million deals, tens of milliseconds);
 * every option works on columns, `asOf` included (the ledger columns are replayed),
 * except a function grouping key. For books that arrive in chunks or live in several
 * places, see {@link weightedForecastAccumulator}: this function is
 * `weightedForecastAccumulator(pipeline, options).add(opportunities).result()`.
 *
 * @param opportunities - The deals (any iterable; read once, never changed), or a
 *   {@link DealColumns} chunk of them (the same result).
 * @param pipeline - Supplies stage probabilities; every deal must belong to it.
 * @param options - Grouping (keys, periods, zone, customers, teams), currency, `asOf` and `dealIds`.
 * @returns Groups, their total, the unforecastable deals, the whole book and the suspended deals.
 * @throws {@link FunnelError} `currency_mismatch` for a deal in another currency without
 *   `rates` (`missing_rate` when the table lacks it); `pipeline_mismatch` / `unknown_stage`
 *   for a deal of another pipeline or an unknown stage; `invalid_option` for a key listed
 *   twice, a bad period or zone, a grouping key without what it needs, an `asOf` that is
 *   not an instant or a `dealIds` that is not a boolean, a function grouping key on
 *   columns (reason `function_key_on_columns`); `invalid_argument` for columns of
 *   another pipeline.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities or
 *   a `DealColumns` chunk, or an item of it that is not an opportunity (named
 *   `opportunities[i]`); `invalid_argument` (`pipeline`) for a value that is not a
 *   pipeline; `invalid_option` (`rates`) for rates that are not an object with a `rates`
 *   object; `limit_exceeded` for more than 2²⁰ (1 048 576) distinct combinations of
 *   status, probability, forecast category and currency among the deals (a million
 *   distinct probability overrides).
 *
 * @category Forecast
 * @example
 * ```ts
 * import { parsePipeline, parseOpportunity, weightedForecast } from 'sales-funnel';
 * const pipeline = parsePipeline({
 *   id: 'p', name: 'Direct', currency: 'CNY',
 *   stages: [
 *     { id: 'top', name: '初步接触', kind: 'open', probability: '0.25' },
 *     { id: 'bottom', name: '商务洽谈', kind: 'open', probability: '0.75' },
 *     { id: 'won', name: '赢单', kind: 'won', probability: 1 },
 *     { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
 *   ],
 * });
 * const deal = (id: string, stageId: string, amount: string, expectedCloseDate?: string) =>
 *   parseOpportunity({ id, customerId: 'c', pipelineId: 'p', name: id, ownerId: 'rep-li',
 *     amount: { amount, currency: 'CNY' }, stageId, ...(expectedCloseDate ? { expectedCloseDate } : {}) });
 * const f = weightedForecast(
 *   [deal('a', 'top', '1000000', '2026-02-10'), deal('b', 'bottom', '200000', '2026-05-20'), deal('c', 'top', '400000')],
 *   pipeline,
 *   { groupBy: ['period'] },
 * );
 * f.groups.map((g) => [g.key[0], g.value.weighted.amount.toString()]); //=> [['2026-Q1', '250000'], ['2026-Q2', '150000']]
 * f.total.weighted.amount.toString(); //=> '400000' (deals with a close date)
 * f.unforecastable.weighted.amount.toString(); //=> '100000' (deal c: no close date)
 * f.book.weighted.amount.toString(); //=> '500000' (the whole book)
 * ```
 */
export function weightedForecast(opportunities: DealBatch, pipeline: Pipeline, options: WeightedForecastOptions = {}): WeightedForecast {
  return weightedForecastAccumulator(pipeline, options).add(opportunities).result();
}

/**
 * The plain-data state of a {@link WeightedForecastAccumulator} (see
 * {@link ForecastSumsPartial}): exact sums by group, deal class and currency, to merge
 * in another thread or process.
 */
export interface WeightedForecastPartial extends ForecastSumsPartial {
  /** Always `'weighted_forecast'`. */
  readonly kind: 'weighted_forecast';
}

/**
 * The incremental form of {@link weightedForecast}: `add` deals or column chunks,
 * `merge` shards, read `result()`. `weightedForecast(deals, pipeline, options)` is
 * `weightedForecastAccumulator(pipeline, options).add(deals).result()`.
 */
export type WeightedForecastAccumulator = Accumulator<WeightedForecast, WeightedForecastPartial>;

/**
 * Creates the incremental form of {@link weightedForecast} (累加器): feed it deals or
 * {@link DealColumns} chunks as they arrive (a database cursor, a file stream, worker
 * threads), merge the accumulators or partial states of other shards, and read the
 * result at any time; the result equals `weightedForecast` over every deal added, in
 * any chunks, shards and order, to the fen: splits by owner, `asOf`, rates, the
 * unforecastable, book and suspended figures included. Memory grows with groups ×
 * probabilities × currencies (plus the ids of the unforecastable and suspended deals,
 * unless `opportunityIds: false`, and, with `dealIds: true`, of every deal), not with
 * the book.
 *
 * Lists of ids (`dealIds`, `opportunityIds`) are in input order within one accumulator;
 * after a merge, the merged shard's deals come after the deals already held, so ids may
 * come in another order than one pass over the whole book would give (the figures are
 * the same). Give every shard the same options: a shard with other settings is refused.
 *
 * @param pipeline - The deals' pipeline.
 * @param options - The options of {@link weightedForecast}.
 * @returns An empty accumulator.
 * @throws {@link FunnelError} `invalid_option` for bad options (at once, not on the
 *   first deal); `add` throws what {@link weightedForecast} throws for a deal or a
 *   chunk; `merge` throws `invalid_argument` for a shard of another kind, pipeline or
 *   options.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { dealColumns, weightedForecastAccumulator, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const east: Opportunity[];
 * declare const west: Opportunity[];
 * const options = { groupBy: ['period', 'owner'], rates: { base: 'CNY', rates: { USD: '7.10' } } } as const;
 * const a = weightedForecastAccumulator(pipeline, options).add(dealColumns(east, pipeline));
 * const b = weightedForecastAccumulator(pipeline, options).add(west);
 * // b.partial() is plain data: send it through postMessage or JSON, then merge it.
 * const forecast = a.merge(JSON.parse(JSON.stringify(b.partial()))).result();
 * forecast.total.weighted.amount.toString(); // = weightedForecast([...east, ...west], pipeline, options)
 * ```
 */
export function weightedForecastAccumulator(pipeline: Pipeline, options: WeightedForecastOptions = {}): WeightedForecastAccumulator {
  return new WeightedForecastSums(pipeline, options);
}

const ZERO = new Decimal(0);

class WeightedForecastSums implements WeightedForecastAccumulator {
  readonly kind = 'weighted_forecast';
  private readonly sums: ForecastSums;

  constructor(pipeline: Pipeline, options: WeightedForecastOptions) {
    this.sums = new ForecastSums('weighted_forecast', pipeline, options, false);
  }

  add(batch: DealBatch): this {
    this.sums.add(batch);
    return this;
  }

  merge(other: WeightedForecastAccumulator | WeightedForecastPartial): this {
    this.sums.merge(partialOf(other));
    return this;
  }

  partial(): WeightedForecastPartial {
    return this.sums.partial() as WeightedForecastPartial;
  }

  result(): WeightedForecast {
    const a = this.sums.assemble(statusBucket, 3);
    const currency = a.currency;
    const figures = (b: readonly Bucket[]) => statusFigures(b, a);
    return {
      groupBy: a.groupBy,
      total: figures(a.total),
      groups: a.groups.map((g) => ({ key: g.key, value: figures(g.buckets) })),
      currency,
      unforecastable: { ...figures(a.undated), opportunityIds: a.undatedIds },
      book: figures(a.book),
      suspended: {
        count: a.suspended.count,
        amount: { amount: a.suspended.amount, currency },
        weighted: { amount: ZERO, currency },
        opportunityIds: a.suspendedIds,
      },
    };
  }
}

const STATUSES: readonly ForecastStatus[] = ['open', 'won', 'lost'];

/** The figures of buckets by status (open, won, lost). */
function statusFigures(b: readonly Bucket[], a: Assembled): WeightedForecastFigures {
  const [open, won, lost] = b as [Bucket, Bucket, Bucket];
  return weightedFigures(
    {
      openCount: open.count,
      openAmount: open.amount,
      openWeighted: open.weighted,
      wonCount: won.count,
      wonAmount: won.amount,
      lostCount: lost.count,
      lostAmount: lost.amount,
    },
    a.currency,
    a.listing ? (...statuses) => a.idsOf(statuses.flatMap((s) => b[STATUSES.indexOf(s)]!.lists)) : undefined,
  );
}
