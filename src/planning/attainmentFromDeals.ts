import { oneOfOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { allocate } from '../money/allocate.js';
import { amountIn } from '../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import { minorUnitDigits } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import type { OpportunityId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { assertSamePipeline, pipelineIndex } from '../model/pipelineIndex.js';
import { periodBounds, periodOf, type PeriodKey, type PeriodOptions, type PeriodUnit } from '../time/periodOf.js';
import type { PlainDate } from '../time/plainDate.js';
import { checkZone, zoneFields, type ZoneOptions } from '../time/zone.js';
import { attainment, type ActualLine, type AttainmentReport, type QuotaLine } from './attainment.js';
import { printable } from '../_lib/printable.js';
import { checkDeal, checkDealIterable } from '../model/dealArguments.js';

/**
 * Options for {@link attainmentFromDeals}.
 */
export interface AttainmentFromDealsOptions extends ZoneOptions {
  /**
   * The period the deals were won in, as a period key: a month `'2026-04'`, a quarter
   * `'2026-Q2'`, a year `'2026'`, a fiscal quarter `'FY2027-Q1'` or a fiscal year
   * `'FY2027'` (the unit is read from the key). Required.
   */
  readonly period: PeriodKey;
  /** Each rep's quota for the period (ids unique; the first one's currency is the result's). Required. */
  readonly quotas: Iterable<QuotaLine>;
  /**
   * First month (1–12) of the fiscal year, for fiscal keys.
   *
   * @defaultValue 1
   */
  readonly fiscalYearStartMonth?: number;
  /**
   * Which calendar year names a fiscal year (see {@link PeriodOptions}).
   *
   * @defaultValue `'end'`
   */
  readonly fiscalYearLabel?: 'end' | 'start';
  /** Rates for deals and quotas in other currencies than the first quota's. */
  readonly rates?: ExchangeRates;
  /**
   * A deal of another pipeline: `'error'` throws `pipeline_mismatch`; `'ignore'` skips it.
   *
   * @defaultValue `'error'`
   */
  readonly otherPipelines?: 'error' | 'ignore';
}

/**
 * One rep's credit for one won deal.
 */
export interface AttainmentCredit {
  /** The rep credited. */
  readonly ownerId: string;
  /** The deal. */
  readonly opportunityId: OpportunityId;
  /** The credit, in the result currency. */
  readonly amount: Money;
  /** The rep's split in basis points; `null` for an unsplit deal (credited in full). */
  readonly basisPoints: number | null;
}

/**
 * Result of {@link attainmentFromDeals}: the {@link AttainmentReport} of the deals won
 * in the period, with the credits it was made from.
 */
export interface AttainmentFromDeals extends AttainmentReport {
  /** The period key. */
  readonly period: PeriodKey;
  /** Its unit, read from the key. */
  readonly unit: PeriodUnit;
  /** Its first day. */
  readonly start: PlainDate;
  /** Its last day. */
  readonly end: PlainDate;
  /** Won deals closed in the period (a split deal once). */
  readonly won: number;
  /** Every credit, in deal order (a split deal gives one per owner with basis points above 0): the drill-down from a rep's actual to its deals. */
  readonly credits: readonly AttainmentCredit[];
  /** Won deals without a close time (`closedAt`, else their `won` event): they cannot be placed in a period. */
  readonly undated: readonly OpportunityId[];
}

const KEY_SHAPES: ReadonlyArray<readonly [RegExp, PeriodUnit]> = [
  [/^\d{4}-\d{2}$/, 'month'],
  [/^\d{4}-Q[1-4]$/, 'quarter'],
  [/^\d{4}$/, 'year'],
  [/^FY\d{4}-Q[1-4]$/, 'fiscal_quarter'],
  [/^FY\d{4}$/, 'fiscal_year'],
];

function periodSettings(options: AttainmentFromDealsOptions): { readonly key: PeriodKey; readonly period: PeriodOptions; readonly start: PlainDate; readonly end: PlainDate } {
  const key: unknown = options.period;
  if (key === undefined) throw new FunnelError('invalid_option', { option: 'period', reason: because('is_required') });
  const unit = typeof key === 'string' ? KEY_SHAPES.find(([re]) => re.test(key))?.[1] : undefined;
  if (unit === undefined) throw new FunnelError('invalid_option', { option: 'period', reason: because('period_key_shape', { key: printable(key) }) });
  checkZone(options);
  const period: PeriodOptions = {
    unit,
    ...(options.fiscalYearStartMonth === undefined ? {} : { fiscalYearStartMonth: options.fiscalYearStartMonth }),
    ...(options.fiscalYearLabel === undefined ? {} : { fiscalYearLabel: options.fiscalYearLabel }),
    ...zoneFields(options),
  };
  let bounds: { readonly start: PlainDate; readonly end: PlainDate };
  try {
    bounds = periodBounds(key as string, period);
  } catch (e) {
    if (e instanceof FunnelError && e.code === 'invalid_argument') throw new FunnelError('invalid_option', { option: 'period', reason: because('period_key_shape', { key: printable(key) }) });
    throw e;
  }
  return { key: key as string, period, ...bounds };
}

/** When a won deal closed: `closedAt`, else the time of its last `won` event. */
function wonAt(o: Opportunity): Date | undefined {
  if (o.closedAt !== undefined) return o.closedAt;
  for (let i = o.history.length - 1; i >= 0; i--) {
    const e = o.history[i]!;
    if (e.type === 'won') return e.at;
  }
  return undefined;
}

/**
 * Quota attainment (定额完成率) from the deals themselves: the deals won in `period`
 * credited to their owners — split between co-owners (联合跟进人 / 指标分割) by their
 * `splits` — and measured against each rep's quota with {@link attainment}.
 *
 * A deal counts when its `status` is `won` and it closed in the period: `closedAt` (else
 * its `won` event), dated on the calendar of `timeZone` / `offsetMinutes` (UTC by
 * default), the calendar {@link weightedForecast} files won deals on. An unsplit deal credits its
 * `ownerId` with its whole amount; a deal with `splits` credits each split owner, the
 * amount rounded once to the currency's minor unit (half-even) and shared out by basis
 * points with `allocate`, so the credits add up to the deal exactly — the rule the
 * forecasts use when grouping by owner. Owners without a quota are reported in
 * `unmatched` (not in the total); every credit is listed in `credits`, so a number can be
 * traced to its deals.
 *
 * @param opportunities - The deals (any iterable; read once; not modified).
 * @param pipeline - Their pipeline.
 * @param options - `period` and `quotas` (required), fiscal settings, zone, rates.
 * @returns Attainment per rep and in total, with the credits and the period's bounds.
 * @throws {@link FunnelError} `invalid_option` for a missing or malformed `period`, missing
 *   `quotas`, a bad zone or fiscal setting, a bad `otherPipelines`; `invalid_argument`
 *   for no quotas or a duplicate quota id (see {@link attainment});
 *   `pipeline_mismatch` for a deal of another pipeline; `currency_mismatch` for amounts
 *   in other currencies without `rates`.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities,
 *   or an item of it that is not an opportunity (named `opportunities[i]`);
 *   `invalid_argument` (`pipeline`) for a value that is not a pipeline; `invalid_option`
 *   (`rates`) for rates that are not an object with a `rates` object.
 *
 * @category Planning
 * @example
 * ```ts
 * import { attainmentFromDeals, money, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const r = attainmentFromDeals(deals, pipeline, {
 *   period: '2026-Q2',
 *   timeZone: 'Asia/Shanghai',
 *   quotas: [{ id: 'rep-li', quota: money('800000', 'CNY') }, { id: 'rep-wang', quota: money('500000', 'CNY') }],
 * });
 * for (const row of r.rows) console.log(row.id, row.actual.amount.toFixed(2), row.attainment);
 * ```
 */
export function attainmentFromDeals(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: AttainmentFromDealsOptions): AttainmentFromDeals {
  if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'period', reason: because('is_required') });
  pipelineIndex(pipeline);
  checkDealIterable(opportunities, 'opportunities');
  const { key, period, start, end } = periodSettings(options);
  ratesOption(options.rates);
  if (options.quotas === undefined) throw new FunnelError('invalid_option', { option: 'quotas', reason: because('is_required') });
  const otherPipelines = oneOfOption(options.otherPipelines ?? 'error', 'otherPipelines', ['error', 'ignore'] as const);
  const quotas = [...options.quotas];
  const first = quotas[0];
  if (first === undefined) throw new FunnelError('invalid_argument', { name: 'quotas', reason: because('at_least_one_quota') });
  const currency = first.quota.currency;
  const digits = minorUnitDigits(currency);

  const credits: AttainmentCredit[] = [];
  const undated: OpportunityId[] = [];
  let won = 0;
  let i = 0;
  for (const o of opportunities) {
    checkDeal(o, i++, 'opportunities');
    if (otherPipelines === 'ignore' && o.pipelineId !== pipeline.id) continue;
    assertSamePipeline(o, pipeline);
    if (o.status !== 'won') continue;
    const at = wonAt(o);
    if (at === undefined) {
      undated.push(o.id);
      continue;
    }
    if (periodOf(at, period) !== key) continue;
    won++;
    const amount = amountIn(o.amount, currency, options.rates);
    const splits = o.splits;
    if (splits === undefined || splits.length === 0) {
      credits.push({ ownerId: o.ownerId, opportunityId: o.id, amount: { amount, currency }, basisPoints: null });
      continue;
    }
    const shares = allocate({ amount: amount.toDecimalPlaces(digits, Decimal.ROUND_HALF_EVEN), currency }, splits.map((s) => s.basisPoints));
    splits.forEach((s, i) => {
      if (s.basisPoints === 0) return;
      credits.push({ ownerId: s.ownerId, opportunityId: o.id, amount: shares[i]!, basisPoints: s.basisPoints });
    });
  }
  const actuals: ActualLine[] = credits.map((c) => ({ id: c.ownerId, amount: c.amount }));
  const report = attainment(quotas, actuals, options.rates === undefined ? {} : { rates: options.rates });
  return { ...report, period: key, unit: period.unit, start, end, won, credits, undated };
}
