import type { ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { GroupAccumulator, type GroupOptions, type Grouped } from '../model/groupBy.js';
import type { OpportunityId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import type { InstantInput } from '../time/instant.js';
import { DealOrdinals, listIdsOption, readDeals } from './_lib/dealsAsOf.js';
import { groupContextOf, scanForecast, type ScanStatus } from './_lib/forecastScan.js';

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
  /** Every such deal's id (open, won and lost), in input order. */
  readonly opportunityIds: readonly OpportunityId[];
}

/** Deals left out of every figure (suspended deals), with their ids. */
export interface ExcludedDeals extends ForecastTally {
  /** The deals' ids, in input order. */
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
}

/** Running sums of one group, of the undated deals or of the total. */
interface Acc {
  openCount: number;
  openAmount: Decimal;
  openWeighted: Decimal;
  wonCount: number;
  wonAmount: Decimal;
  lostCount: number;
  lostAmount: Decimal;
  /** Ordinals of the deals, per status (only when listing deal ids). */
  ids: { open: number[]; won: number[]; lost: number[] } | undefined;
}

const ZERO = new Decimal(0);

function newAcc(): Acc {
  return { openCount: 0, openAmount: ZERO, openWeighted: ZERO, wonCount: 0, wonAmount: ZERO, lostCount: 0, lostAmount: ZERO, ids: undefined };
}

function newListingAcc(): Acc {
  return { ...newAcc(), ids: { open: [], won: [], lost: [] } };
}

function add(acc: Acc, status: ScanStatus, amount: Decimal, weighted: Decimal, ordinal: number): void {
  acc.ids?.[status].push(ordinal);
  if (status === 'open') {
    acc.openCount += 1;
    acc.openAmount = acc.openAmount.plus(amount);
    acc.openWeighted = acc.openWeighted.plus(weighted);
  } else if (status === 'won') {
    acc.wonCount += 1;
    acc.wonAmount = acc.wonAmount.plus(amount);
  } else {
    acc.lostCount += 1;
    acc.lostAmount = acc.lostAmount.plus(amount);
  }
}

/** Adds `b`'s amounts into `a` (counts are set separately: a split deal is one deal). */
function addAmounts(a: Acc, b: Acc): void {
  a.openAmount = a.openAmount.plus(b.openAmount);
  a.openWeighted = a.openWeighted.plus(b.openWeighted);
  a.wonAmount = a.wonAmount.plus(b.wonAmount);
  a.lostAmount = a.lostAmount.plus(b.lostAmount);
}

function figures(a: Acc, currency: CurrencyCode, deals: DealOrdinals): WeightedForecastFigures {
  const m = (amount: Decimal): Money => ({ amount, currency });
  const ids = a.ids;
  const list = (...of: ReadonlyArray<readonly number[]>) => (ids === undefined ? {} : { dealIds: deals.idsOf(...of) });
  return {
    count: a.openCount + a.wonCount,
    amount: m(a.openAmount.plus(a.wonAmount)),
    weighted: m(a.openWeighted.plus(a.wonAmount)),
    ...list(ids?.open ?? [], ids?.won ?? []),
    open: { count: a.openCount, amount: m(a.openAmount), weighted: m(a.openWeighted), ...list(ids?.open ?? []) },
    won: { count: a.wonCount, amount: m(a.wonAmount), weighted: m(a.wonAmount), ...list(ids?.won ?? []) },
    lost: { count: a.lostCount, amount: m(a.lostAmount), weighted: m(ZERO), ...list(ids?.lost ?? []) },
  };
}

/** Adds `b`'s deal ordinals into `a`'s (when listing). */
function addIds(a: Acc, b: Acc): void {
  if (a.ids === undefined || b.ids === undefined) return;
  a.ids.open.push(...b.ids.open);
  a.ids.won.push(...b.ids.won);
  a.ids.lost.push(...b.ids.lost);
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
 * another currency is converted with `options.rates` (exact, not rounded).
 *
 * **As of an instant**: with `asOf`, each deal is rebuilt as it stood then from its
 * ledger (see {@link opportunityAsOf}) and deals created later are left out, so the
 * forecast of last Monday can be read today; with `asOf` at or after every event the
 * result is the same as without it. Without `asOf` the deals are read as they stand.
 *
 * **Drill-down**: with `dealIds: true`, every figure lists its deals' ids (`dealIds`,
 * in input order; a split deal once in the total and once in each owner's group).
 *
 * @param opportunities - The deals (any iterable; read once, never changed).
 * @param pipeline - Supplies stage probabilities; every deal must belong to it.
 * @param options - Grouping (keys, periods, zone, customers, teams), currency, `asOf` and `dealIds`.
 * @returns Groups, their total, the unforecastable deals, the whole book and the suspended deals.
 * @throws {@link FunnelError} `currency_mismatch` for a deal in another currency without
 *   `rates` (`missing_rate` when the table lacks it); `pipeline_mismatch` / `unknown_stage`
 *   for a deal of another pipeline or an unknown stage; `invalid_option` for a key listed
 *   twice, a bad period or zone, a grouping key without what it needs, an `asOf` that is
 *   not an instant or a `dealIds` that is not a boolean.
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
export function weightedForecast(
  opportunities: Iterable<Opportunity>,
  pipeline: Pipeline,
  options: WeightedForecastOptions = {},
): WeightedForecast {
  const groupBy = options.groupBy ?? [];
  const listing = listIdsOption(options.dealIds);
  const create = listing ? newListingAcc : newAcc;
  const groups = new GroupAccumulator(create);
  const total = create();
  const undated = create();
  const grouped = groupBy.length > 0;
  const deals = new DealOrdinals();
  let last = -1;
  const summary = scanForecast(
    readDeals(opportunities, pipeline, options.asOf),
    pipeline,
    { groupBy, context: groupContextOf(options), currency: options.currency, rates: options.rates, requireDate: true },
    (key, status, amount, weighted, o) => {
      const ordinal = listing ? deals.ordinal(o) : 0;
      if (key === undefined) add(undated, status, amount, weighted, ordinal);
      else if (!grouped) add(total, status, amount, weighted, ordinal);
      else {
        add(groups.get(key), status, amount, weighted, ordinal);
        // A split deal is in several owners' groups but is one deal of the total.
        if (listing && ordinal !== last) total.ids?.[status].push(ordinal);
        last = ordinal;
      }
    },
  );
  const currency = summary.currency;
  const sorted = groups.sorted();
  // The total is the exact sum of the groups (split shares included) ...
  if (grouped) for (const g of sorted) addAmounts(total, g.acc);
  // ... and its counts are distinct deals: a split deal is in several owners' groups but is one deal.
  total.openCount = summary.visited.open;
  total.wonCount = summary.visited.won;
  total.lostCount = summary.visited.lost;
  const book = newAcc();
  addAmounts(book, total);
  addAmounts(book, undated);
  book.openCount = total.openCount + undated.openCount;
  book.wonCount = total.wonCount + undated.wonCount;
  book.lostCount = total.lostCount + undated.lostCount;
  if (listing) {
    book.ids = { open: [], won: [], lost: [] };
    addIds(book, total);
    addIds(book, undated);
  }
  const s = summary.suspended;
  const result = groups.grouped(groupBy, total, (acc) => figures(acc, currency, deals));
  return {
    ...result,
    currency,
    unforecastable: { ...figures(undated, currency, deals), opportunityIds: summary.undatedIds },
    book: figures(book, currency, deals),
    suspended: { count: s.count, amount: { amount: s.amount, currency }, weighted: { amount: ZERO, currency }, opportunityIds: s.ids },
  };
}
