import { compareKeys, scanForecast, type ScanStatus } from '../_lib/forecastScan.js';
import type { ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import type { OpportunityId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import type { SegmentBy, SegmentContext } from '../model/segmentKey.js';
import type { PeriodOptions } from '../time/periodOf.js';

/**
 * One way to group a forecast: any {@link SegmentBy} (`'stage'`, `'owner'`, `'region'`,
 * `'customer_segment'`, `'customer_priority'`, `'pipeline'`, `'created_month'` …, or a
 * function of the deal), or `'period'`: the period of the deal's forecast date (see
 * {@link WeightedForecastOptions.period}).
 *
 * @example
 * ```ts
 * import type { ForecastGroupBy } from 'sales-funnel';
 * const byQuarterAndOwner: ForecastGroupBy[] = ['period', 'owner'];
 * const bySize: ForecastGroupBy = (o) => (o.amount.amount.gte(1_000_000) ? 'large' : 'small');
 * ```
 */
export type ForecastGroupBy = SegmentBy | 'period';

/**
 * A count with its unweighted and weighted amounts.
 *
 * @example
 * ```ts
 * import { money, type ForecastTally } from 'sales-funnel';
 * const t: ForecastTally = { count: 1, amount: money('1000000', 'CNY'), weighted: money('250000', 'CNY') };
 * ```
 */
export interface ForecastTally {
  /** Number of deals. */
  readonly count: number;
  /** Σ amount, unweighted. */
  readonly amount: Money;
  /** Σ amount × probability (加权金额). */
  readonly weighted: Money;
}

/**
 * Figures of one group of a {@link WeightedForecast} (or of its total): `count`,
 * `amount` and `weighted` cover the open and won deals; the same figures split by
 * status are in `open`, `won` and `lost`.
 *
 * @example
 * ```ts
 * import { weightedForecast, type Opportunity, type Pipeline, type WeightedForecastFigures } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * declare const pipeline: Pipeline;
 * const t: WeightedForecastFigures = weightedForecast(deals, pipeline).total;
 * t.weighted.amount.toFixed(2);
 * ```
 */
export interface WeightedForecastFigures extends ForecastTally {
  /** Open deals: amount × (override ?? stage probability). */
  readonly open: ForecastTally;
  /** Won deals (赢单): weighted = amount. */
  readonly won: ForecastTally;
  /** Lost deals (输单): weighted is always 0; their amount is not in the group's `amount`. */
  readonly lost: ForecastTally;
}

/**
 * One group of a {@link WeightedForecast}.
 *
 * @example
 * ```ts
 * import { weightedForecast, type Opportunity, type Pipeline, type WeightedForecastRow } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * declare const pipeline: Pipeline;
 * const rows: readonly WeightedForecastRow[] = weightedForecast(deals, pipeline, { groupBy: ['period', 'owner'] }).rows;
 * rows[0]?.key; //=> e.g. ['2026-Q1', 'rep-li']
 * ```
 */
export interface WeightedForecastRow extends WeightedForecastFigures {
  /** The group's key, one element per entry of `groupBy`, in the same order. */
  readonly key: readonly string[];
}

/**
 * Deals kept out of the rows, with their ids so that nothing is silently dropped.
 *
 * @example
 * ```ts
 * import { weightedForecast, type Opportunity, type Pipeline, type ExcludedDeals } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * declare const pipeline: Pipeline;
 * const s: ExcludedDeals = weightedForecast(deals, pipeline).suspended;
 * ```
 */
export interface ExcludedDeals extends ForecastTally {
  /** The deals' ids, in input order. */
  readonly opportunityIds: readonly OpportunityId[];
}

/**
 * Result of {@link weightedForecast}.
 *
 * @example
 * ```ts
 * import { weightedForecast, type Opportunity, type Pipeline, type WeightedForecast } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * declare const pipeline: Pipeline;
 * const f: WeightedForecast = weightedForecast(deals, pipeline, { groupBy: ['period'] });
 * for (const row of f.rows) console.log(row.key[0], row.weighted.amount.toFixed(2));
 * ```
 */
export interface WeightedForecast {
  /** Currency of every amount. */
  readonly currency: CurrencyCode;
  /** The grouping keys, as labels (`'custom'` for an anonymous function). */
  readonly groupBy: readonly string[];
  /** One row per group, sorted by key (period keys sort in time). */
  readonly rows: readonly WeightedForecastRow[];
  /** The sum of the rows, exactly (a split deal counts once in `count`). */
  readonly total: WeightedForecastFigures;
  /** Deals without a forecast date (no `expectedCloseDate`; closed deals without `closedAt` either). */
  readonly unforecastable: ExcludedDeals;
  /** Suspended deals (中止), left out of the forecast; `weighted` is 0. */
  readonly suspended: ExcludedDeals;
}

/**
 * Options for {@link weightedForecast}.
 *
 * @example
 * ```ts
 * import type { WeightedForecastOptions } from 'sales-funnel';
 * const o: WeightedForecastOptions = {
 *   groupBy: ['period', 'owner'],
 *   period: { unit: 'fiscal_quarter', fiscalYearStartMonth: 4 },
 *   currency: 'CNY',
 *   rates: { base: 'CNY', rates: { USD: '7.10' } },
 * };
 * ```
 */
export interface WeightedForecastOptions {
  /** Grouping keys; rows are keyed by a tuple in this order. Default `[]` (one row). */
  readonly groupBy?: ReadonlyArray<ForecastGroupBy>;
  /**
   * Periods for `'period'` grouping: unit, fiscal year start month and label, and the
   * UTC offset used to date `closedAt`. Default `{ unit: 'quarter' }`.
   */
  readonly period?: PeriodOptions;
  /** Customers, for `'customer_segment'` and `'customer_priority'` grouping. */
  readonly customers?: SegmentContext['customers'];
  /** Currency of the result. Default the pipeline's currency. */
  readonly currency?: CurrencyCode;
  /** Rates for converting deals in other currencies; without them such a deal is an error. */
  readonly rates?: ExchangeRates;
}

interface Acc {
  readonly parts: readonly string[];
  openCount: number;
  openAmount: Decimal;
  openWeighted: Decimal;
  wonCount: number;
  wonAmount: Decimal;
  lostCount: number;
  lostAmount: Decimal;
}

const ZERO = new Decimal(0);

function newAcc(parts: readonly string[]): Acc {
  return { parts, openCount: 0, openAmount: ZERO, openWeighted: ZERO, wonCount: 0, wonAmount: ZERO, lostCount: 0, lostAmount: ZERO };
}

function figures(a: Acc, currency: CurrencyCode): WeightedForecastFigures {
  const m = (amount: Decimal): Money => ({ amount, currency });
  return {
    count: a.openCount + a.wonCount,
    amount: m(a.openAmount.plus(a.wonAmount)),
    weighted: m(a.openWeighted.plus(a.wonAmount)),
    open: { count: a.openCount, amount: m(a.openAmount), weighted: m(a.openWeighted) },
    won: { count: a.wonCount, amount: m(a.wonAmount), weighted: m(a.wonAmount) },
    lost: { count: a.lostCount, amount: m(a.lostAmount), weighted: m(ZERO) },
  };
}

/**
 * Probability-weighted value of the pipeline (加权预测), per group and in total.
 *
 * **Probability precedence** (成交概率): won deals count 1, lost deals 0, suspended
 * deals are left out (reported under `suspended`); an open deal's
 * `probabilityOverride` beats its stage's default probability. A deal's weighted value
 * is `amount × probability`, exact (no rounding: round once, at presentation, with
 * {@link roundToMinor}).
 *
 * **Forecast date**: an open deal's `expectedCloseDate`; a won or lost deal's
 * `closedAt` (its date at `period.offsetMinutes`), falling back to `expectedCloseDate`,
 * so booked revenue lands in the period it was booked in. Deals without one are
 * reported under `unforecastable`, never dropped, and are in no row, whatever the
 * grouping.
 *
 * **Groups**: `groupBy` lists the keys; each row's `key` is the tuple of their values
 * (missing values such as a deal without a region are `'(none)'`). When grouping by
 * `'owner'`, a deal with credit splits (联合跟进人/指标分割) is credited to each split
 * owner instead of `ownerId`: its amount and weighted amount are rounded once to the
 * currency's minor unit (half-even) and shared out by basis points with
 * {@link allocate}, so the shares add up to the rounded amount exactly. Owners with a
 * 0-basis-point split get nothing and no row.
 *
 * **Totals**: `total` is the exact sum of the rows. `count`, `amount` and `weighted`
 * cover the open and won deals; lost deals are counted in `lost` only (their weighted
 * value is 0, and their amount would overstate the forecast). So `weighted ≤ amount`
 * for non-negative amounts.
 *
 * **Currency**: amounts are in `options.currency`, default the pipeline's; a deal in
 * another currency is converted with `options.rates` (exact, not rounded).
 *
 * @param opportunities - The deals (any iterable; read once, never changed).
 * @param pipeline - Supplies stage probabilities; every deal must belong to it.
 * @param options - Grouping, periods, customers and currency.
 * @returns Rows per group, their total, and the unforecastable and suspended deals.
 * @throws {@link FunnelError} `currency_mismatch` for a deal in another currency without
 *   `rates` (`missing_rate` when the table lacks it); `pipeline_mismatch` / `unknown_stage`
 *   for a deal of another pipeline or an unknown stage; `invalid_option` for a key listed
 *   twice, a bad period, or customer grouping without `customers`.
 *
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
 * const deal = (id: string, stageId: string, amount: string, expectedCloseDate: string) =>
 *   parseOpportunity({ id, customerId: 'c', pipelineId: 'p', name: id, ownerId: 'rep-li',
 *     amount: { amount, currency: 'CNY' }, stageId, expectedCloseDate });
 * const f = weightedForecast(
 *   [deal('a', 'top', '1000000', '2026-02-10'), deal('b', 'bottom', '200000', '2026-05-20')],
 *   pipeline,
 *   { groupBy: ['period'] },
 * );
 * f.rows.map((r) => [r.key[0], r.weighted.amount.toString()]); //=> [['2026-Q1', '250000'], ['2026-Q2', '150000']]
 * f.total.weighted.amount.toString(); //=> '400000'
 * ```
 */
export function weightedForecast(
  opportunities: Iterable<Opportunity>,
  pipeline: Pipeline,
  options: WeightedForecastOptions = {},
): WeightedForecast {
  const rows = new Map<string, Acc>();
  const total = newAcc([]);
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
    (key, parts, status: ScanStatus, amount, weighted) => {
      let acc = rows.get(key);
      if (acc === undefined) {
        acc = newAcc(parts);
        rows.set(key, acc);
      }
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
    },
  );
  const currency = summary.currency;
  const sorted = [...rows.values()].sort((a, b) => compareKeys(a.parts, b.parts));
  for (const a of sorted) {
    total.openAmount = total.openAmount.plus(a.openAmount);
    total.openWeighted = total.openWeighted.plus(a.openWeighted);
    total.wonAmount = total.wonAmount.plus(a.wonAmount);
    total.lostAmount = total.lostAmount.plus(a.lostAmount);
  }
  // Counts are distinct deals: a split deal appears in several owners' rows but is one deal.
  total.openCount = summary.visited.open;
  total.wonCount = summary.visited.won;
  total.lostCount = summary.visited.lost;
  const u = summary.unforecastable;
  const s = summary.suspended;
  return {
    currency,
    groupBy: summary.labels,
    rows: sorted.map((a) => ({ key: [...a.parts], ...figures(a, currency) })),
    total: figures(total, currency),
    unforecastable: { count: u.count, amount: { amount: u.amount, currency }, weighted: { amount: u.weighted, currency }, opportunityIds: u.ids },
    suspended: { count: s.count, amount: { amount: s.amount, currency }, weighted: { amount: ZERO, currency }, opportunityIds: s.ids },
  };
}
