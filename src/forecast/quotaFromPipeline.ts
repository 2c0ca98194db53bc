import type { ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { GroupAccumulator, type GroupKey, type GroupOptions, type Grouped } from '../model/groupBy.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { groupContextOf, scanForecast } from './_lib/forecastScan.js';

/** Options for {@link quotaFromPipeline}. */
export interface QuotaFromPipelineOptions extends GroupOptions {
  /**
   * Whose quota: `['owner']` (credit splits honoured), `['region']` (the territory,
   * 地盘), any other keys, or functions of the deal. `'period'` is the period of the
   * deal's expected close date (`'(none)'` without one).
   *
   * @defaultValue `['owner']`
   */
  readonly groupBy?: readonly GroupKey[];
  /**
   * Currency of the result.
   *
   * @defaultValue the pipeline's currency
   */
  readonly currency?: CurrencyCode;
  /** Rates for deals in other currencies. */
  readonly rates?: ExchangeRates;
}

/** The quota figures of one owner, territory or other group, or of the total. */
export interface QuotaFigures {
  /** Open deals counted (a split deal once). */
  readonly count: number;
  /** Σ amount of those deals, unweighted. */
  readonly pipeline: Money;
  /** Σ amount × probability: the quota (定额/指标) from the funnel, exact. */
  readonly quota: Money;
}

/**
 * Result of {@link quotaFromPipeline}: the {@link Grouped} envelope of
 * {@link QuotaFigures}. `total` holds **every open deal** (dated or not; it is the
 * exact sum of the groups); won, lost and suspended deals are in no figure, only counted
 * in `excluded`.
 */
export interface QuotaFromPipeline extends Grouped<QuotaFigures> {
  /** Currency of every amount. */
  readonly currency: CurrencyCode;
  /** Every open deal: the exact sum of the groups (a split deal counts once in `count`). */
  readonly total: QuotaFigures;
  /** Deals not counted: won and lost (already decided) and suspended. */
  readonly excluded: { readonly won: number; readonly lost: number; readonly suspended: number };
}

interface Sum {
  count: number;
  pipeline: Decimal;
  quota: Decimal;
}

const ZERO = new Decimal(0);
const OPEN_ONLY: ReadonlySet<'open' | 'won' | 'lost'> = new Set(['open']);
const newSum = (): Sum => ({ count: 0, pipeline: ZERO, quota: ZERO });

/**
 * Quota from the weighted funnel (按漏斗定指标): each open prospect adds
 * `amount × probability` to the quota of its owner (or territory, or any group), and an
 * owner's quota is the sum over every prospect. A customer expected to buy 100 万 next
 * year, now at the top of the funnel (25 %), adds 100 万 × 25 % = 25 万.
 *
 * Only open deals count: won and lost deals are already decided, and suspended deals
 * are on hold; all three are counted in `excluded`. The probability is the deal's
 * override, else its stage's default (the rule of {@link dealProbability}). Close dates
 * do not matter, except for grouping by `'period'` (filter the deals by close date first
 * for one year's quota). Grouped by `'owner'` (the default), credit splits are honoured
 * as in {@link weightedForecast} (rounded once to the minor unit, then shared out
 * exactly). Amounts are exact; round at presentation.
 *
 * @param opportunities - The deals (any iterable; read once, never changed).
 * @param pipeline - Supplies stage probabilities.
 * @param options - Grouping (default by owner), customers, teams, periods and currency.
 * @returns The quota per group and in total.
 * @throws {@link FunnelError} as {@link weightedForecast}.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities,
 *   or an item of it that is not an opportunity (named `opportunities[i]`);
 *   `invalid_argument` (`pipeline`) for a value that is not a pipeline; `invalid_option`
 *   (`rates`) for rates that are not an object with a `rates` object.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { parsePipeline, parseOpportunity, quotaFromPipeline } from 'sales-funnel';
 * const pipeline = parsePipeline({
 *   id: 'p', name: 'Miller–Heiman', currency: 'CNY',
 *   stages: [
 *     { id: 'top', name: '漏斗上部', kind: 'open', probability: '0.25' },
 *     { id: 'middle', name: '漏斗中部', kind: 'open', probability: '0.5' },
 *     { id: 'won', name: '赢单', kind: 'won', probability: 1 },
 *     { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
 *   ],
 * });
 * const deal = (id: string, stageId: string, amount: string) =>
 *   parseOpportunity({ id, customerId: id, pipelineId: 'p', name: id, ownerId: 'rep-li',
 *     amount: { amount, currency: 'CNY' }, stageId });
 * const q = quotaFromPipeline([deal('a', 'top', '1000000'), deal('b', 'middle', '400000')], pipeline);
 * q.groups[0]?.key; //=> ['rep-li']
 * q.groups[0]?.value.quota.amount.toString(); //=> '450000' (100 万 × 25 % + 40 万 × 50 %)
 * ```
 */
export function quotaFromPipeline(
  opportunities: Iterable<Opportunity>,
  pipeline: Pipeline,
  options: QuotaFromPipelineOptions = {},
): QuotaFromPipeline {
  const groupBy = options.groupBy ?? ['owner'];
  const groups = new GroupAccumulator(newSum);
  const total = newSum();
  const grouped = groupBy.length > 0;
  const summary = scanForecast(
    opportunities,
    pipeline,
    {
      groupBy,
      context: groupContextOf(options),
      currency: options.currency,
      rates: options.rates,
      requireDate: false,
      statuses: OPEN_ONLY,
    },
    (key, _status, amount, weighted) => {
      // Equivalent mutant: `true` for `key !== undefined` (grouped, every deal has a key).
      const s = grouped && key !== undefined ? groups.get(key) : total;
      s.count += 1;
      s.pipeline = s.pipeline.plus(amount);
      s.quota = s.quota.plus(weighted);
    },
  );
  const currency = summary.currency;
  // Ungrouped, there are no groups and the total has its sums already.
  for (const g of groups.sorted()) {
    total.pipeline = total.pipeline.plus(g.acc.pipeline);
    total.quota = total.quota.plus(g.acc.quota);
  }
  total.count = summary.visited.open;
  return {
    ...groups.grouped(groupBy, total, (s) => ({ count: s.count, pipeline: { amount: s.pipeline, currency }, quota: { amount: s.quota, currency } })),
    currency,
    excluded: { won: summary.filteredOut.won, lost: summary.filteredOut.lost, suspended: summary.suspended.count },
  };
}
