import { compareKeys, groupLabel, scanForecast } from '../_lib/forecastScan.js';
import type { ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import type { SegmentBy, SegmentContext } from '../model/segmentKey.js';

/**
 * Options for {@link quotaFromPipeline}.
 *
 * @example
 * ```ts
 * import type { QuotaFromPipelineOptions } from 'sales-funnel';
 * const o: QuotaFromPipelineOptions = { by: 'region', currency: 'CNY' };
 * ```
 */
export interface QuotaFromPipelineOptions {
  /**
   * Whose quota: `'owner'` (default; credit splits honoured), `'region'` (the
   * territory, 地盘), any other {@link SegmentBy} key, or a function of the deal.
   */
  readonly by?: SegmentBy;
  /** Customers, for customer-based keys. */
  readonly customers?: SegmentContext['customers'];
  /** Currency of the result. Default the pipeline's. */
  readonly currency?: CurrencyCode;
  /** Rates for deals in other currencies. */
  readonly rates?: ExchangeRates;
}

/**
 * One owner's or territory's quota in {@link QuotaFromPipeline}.
 *
 * @example
 * ```ts
 * import { money, type QuotaRow } from 'sales-funnel';
 * const r: QuotaRow = { key: 'rep-li', count: 1, pipeline: money('1000000', 'CNY'), quota: money('250000', 'CNY') };
 * ```
 */
export interface QuotaRow {
  /** Owner id, territory or other key (`'(none)'` for deals without one). */
  readonly key: string;
  /** Open deals counted. */
  readonly count: number;
  /** Σ amount of those deals, unweighted. */
  readonly pipeline: Money;
  /** Σ amount × probability: the quota (定额/指标) from the funnel, exact. */
  readonly quota: Money;
}

/**
 * Result of {@link quotaFromPipeline}.
 *
 * @example
 * ```ts
 * import { quotaFromPipeline, type QuotaFromPipeline, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * declare const pipeline: Pipeline;
 * const q: QuotaFromPipeline = quotaFromPipeline(deals, pipeline, { by: 'region' });
 * ```
 */
export interface QuotaFromPipeline {
  /** Currency of every amount. */
  readonly currency: CurrencyCode;
  /** The key used, as a label. */
  readonly by: string;
  /** One row per owner or territory, sorted by key. */
  readonly rows: readonly QuotaRow[];
  /** Sum of the rows (a split deal counts once in `count`). */
  readonly total: Omit<QuotaRow, 'key'>;
  /** Deals not counted: won and lost (already decided) and suspended. */
  readonly excluded: { readonly won: number; readonly lost: number; readonly suspended: number };
}

const ZERO = new Decimal(0);
const OPEN_ONLY: ReadonlySet<'open' | 'won' | 'lost'> = new Set(['open']);

/**
 * Quota from the weighted funnel (按漏斗定指标): each open prospect adds
 * `amount × probability` to the quota of its owner (or territory), and an owner's
 * quota is the sum over every prospect. A customer expected to buy 100 万 next year,
 * now at the top of the funnel (25 %), adds 100 万 × 25 % = 25 万.
 *
 * Only open deals count: won and lost deals are already decided, and suspended deals
 * are on hold; all three are counted in `excluded`. The probability is the deal's
 * override, else its stage's default. Close dates do not matter here (filter the deals
 * by close date first for one year's quota). With `by: 'owner'`, credit splits are
 * honoured as in {@link weightedForecast} (rounded once to the minor unit, then shared
 * out exactly). Amounts are exact; round at presentation.
 *
 * @param opportunities - The deals (any iterable; read once, never changed).
 * @param pipeline - Supplies stage probabilities.
 * @param options - Key (`by`), customers and currency.
 * @returns The quota per owner or territory, and in total.
 * @throws {@link FunnelError} as {@link weightedForecast}.
 *
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
 * q.rows[0]?.quota.amount.toString(); //=> '450000' (100 万 × 25 % + 40 万 × 50 %)
 * ```
 */
export function quotaFromPipeline(
  opportunities: Iterable<Opportunity>,
  pipeline: Pipeline,
  options: QuotaFromPipelineOptions = {},
): QuotaFromPipeline {
  const by = options.by ?? 'owner';
  const rows = new Map<string, { key: string; count: number; pipeline: Decimal; quota: Decimal }>();
  const summary = scanForecast(
    opportunities,
    pipeline,
    { groupBy: [by], customers: options.customers, currency: options.currency, rates: options.rates, requireDate: false, statuses: OPEN_ONLY },
    (key, _parts, _status, amount, weighted) => {
      let r = rows.get(key);
      if (r === undefined) {
        r = { key, count: 0, pipeline: ZERO, quota: ZERO };
        rows.set(key, r);
      }
      r.count += 1;
      r.pipeline = r.pipeline.plus(amount);
      r.quota = r.quota.plus(weighted);
    },
  );
  const currency = summary.currency;
  const sorted = [...rows.values()].sort((a, b) => compareKeys([a.key], [b.key]));
  let pipelineTotal = ZERO;
  let quotaTotal = ZERO;
  for (const r of sorted) {
    pipelineTotal = pipelineTotal.plus(r.pipeline);
    quotaTotal = quotaTotal.plus(r.quota);
  }
  return {
    currency,
    by: groupLabel(by),
    rows: sorted.map((r) => ({ key: r.key, count: r.count, pipeline: { amount: r.pipeline, currency }, quota: { amount: r.quota, currency } })),
    total: { count: summary.visited.open, pipeline: { amount: pipelineTotal, currency }, quota: { amount: quotaTotal, currency } },
    excluded: { won: summary.filteredOut.won, lost: summary.filteredOut.lost, suspended: summary.suspended.count },
  };
}
