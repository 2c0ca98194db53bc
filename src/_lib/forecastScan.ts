import type { ForecastGroupBy } from '../forecast/weightedForecast.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { allocate } from '../money/allocate.js';
import { convert, type ExchangeRates } from '../money/convert.js';
import { minorUnitDigits, type CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { OpportunityId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { NO_SEGMENT, segmentKeyFn, type SegmentContext } from '../model/segmentKey.js';
import type { Stage } from '../model/stage.js';
import { periodOf, type PeriodOptions } from '../time/periodOf.js';
import { plainDate, type PlainDate } from '../time/plainDate.js';
import { plainDateOf } from '../time/zone.js';
import { toDecimal } from './decimal.js';
import { dealProbability, stageOfDeal, stagesById } from './dealForecast.js';

/** A deal's outcome as the forecast sees it (suspended deals never reach a visitor). */
export type ScanStatus = 'open' | 'won' | 'lost';

/** Settings shared by the forecast functions built on {@link scanForecast}. */
export interface ScanSettings {
  readonly groupBy: ReadonlyArray<ForecastGroupBy>;
  readonly period?: PeriodOptions | undefined;
  readonly customers?: SegmentContext['customers'] | undefined;
  readonly currency?: CurrencyCode | undefined;
  readonly rates?: ExchangeRates | undefined;
  /** Whether deals without a forecast date go to `unforecastable` instead of a row. */
  readonly requireDate: boolean;
  /** Which statuses reach the visitor; the others are only counted. Default all. */
  readonly statuses?: ReadonlySet<ScanStatus> | undefined;
}

/** Receives each deal (or each credited share of a split deal). */
export type ScanVisitor = (
  key: string,
  parts: readonly string[],
  status: ScanStatus,
  amount: Decimal,
  weighted: Decimal,
  opportunity: Opportunity,
  stage: Stage,
) => void;

/** What the scan saw besides the visited deals. */
export interface ScanSummary {
  readonly currency: CurrencyCode;
  readonly labels: readonly string[];
  /** Distinct deals visited per status (a split deal once). */
  readonly visited: Readonly<Record<ScanStatus, number>>;
  readonly suspended: { count: number; amount: Decimal; ids: OpportunityId[] };
  readonly unforecastable: { count: number; amount: Decimal; weighted: Decimal; ids: OpportunityId[] };
  readonly filteredOut: Record<ScanStatus, number>;
}

const SEP = '\u001f';
const ZERO = new Decimal(0);

/** Label of one grouping key, as reported in results (`custom` for an anonymous function). */
export function groupLabel(g: ForecastGroupBy): string {
  return typeof g === 'function' ? g.name || 'custom' : g;
}

/**
 * The single pass under `weightedForecast`, `forecastCategories` and
 * `quotaFromPipeline`: resolves each deal's stage, probability (precedence in
 * `dealProbability`), currency, forecast date and group keys, splits credit across
 * owners when grouping by owner, and hands each result to `visit`. Reads the iterable
 * once and never changes a deal.
 */
export function scanForecast(
  opportunities: Iterable<Opportunity>,
  pipeline: Pipeline,
  settings: ScanSettings,
  visit: ScanVisitor,
): ScanSummary {
  const currency = settings.currency ?? pipeline.currency;
  const digits = minorUnitDigits(currency);
  const stages = stagesById(pipeline);
  const period: PeriodOptions = settings.period ?? { unit: 'quarter' };
  const offset = period.offsetMinutes === undefined ? {} : { offsetMinutes: period.offsetMinutes };

  const seen = new Set<string>();
  for (const g of settings.groupBy) {
    if (typeof g === 'function') continue;
    if (seen.has(g)) throw new FunnelError('invalid_option', { option: 'groupBy', reason: `"${g}" is listed twice` });
    seen.add(g);
  }
  const usesPeriod = settings.groupBy.includes('period');
  if (usesPeriod) periodOf(plainDate('2000-01-01'), period); // validates the unit and fiscal month up front
  const ownerIndex = settings.groupBy.indexOf('owner');
  const context: SegmentContext = {
    ...(settings.customers === undefined ? {} : { customers: settings.customers }),
    ...(period.offsetMinutes === undefined ? {} : { offsetMinutes: period.offsetMinutes }),
  };
  const periodCache = new Map<string, string>();
  const periodKey = (date: PlainDate | undefined): string => {
    if (date === undefined) return NO_SEGMENT;
    let key = periodCache.get(date);
    if (key === undefined) {
      key = periodOf(date, period);
      periodCache.set(date, key);
    }
    return key;
  };
  const keyFns: ((o: Opportunity, date: PlainDate | undefined) => string)[] = settings.groupBy.map((g) => {
    if (g === 'period') return (_o, date) => periodKey(date);
    if (g === 'owner') return (o) => o.ownerId;
    const fn = segmentKeyFn(g, context);
    return (o) => {
      const k = fn(o);
      if (typeof k !== 'string') {
        throw new FunnelError('invalid_option', { option: 'groupBy', reason: 'a key function must return a string or undefined' });
      }
      return k;
    };
  });
  const needDate = settings.requireDate || usesPeriod;
  const statuses = settings.statuses;

  const suspended = { count: 0, amount: ZERO, ids: [] as OpportunityId[] };
  const unforecastable = { count: 0, amount: ZERO, weighted: ZERO, ids: [] as OpportunityId[] };
  const filteredOut: Record<ScanStatus, number> = { open: 0, won: 0, lost: 0 };
  const visited: Record<ScanStatus, number> = { open: 0, won: 0, lost: 0 };

  for (const o of opportunities) {
    const stage = stageOfDeal(o, pipeline, stages);
    let amount: Decimal;
    if (o.amount.currency === currency) amount = toDecimal(o.amount.amount, 'amount');
    else if (settings.rates !== undefined) amount = convert(o.amount, currency, settings.rates).amount;
    else throw new FunnelError('currency_mismatch', { left: currency, right: o.amount.currency });

    const p = dealProbability(o, stage);
    if (p === undefined) {
      suspended.count += 1;
      suspended.amount = suspended.amount.plus(amount);
      suspended.ids.push(o.id);
      continue;
    }
    const status = o.status as ScanStatus;
    if (statuses !== undefined && !statuses.has(status)) {
      filteredOut[status] += 1;
      continue;
    }
    const weighted = status === 'won' ? amount : status === 'lost' ? ZERO : amount.times(p);

    let date: PlainDate | undefined;
    if (needDate) {
      date = status !== 'open' && o.closedAt !== undefined ? plainDateOf(o.closedAt, offset) : o.expectedCloseDate;
      if (date === undefined && settings.requireDate) {
        unforecastable.count += 1;
        unforecastable.amount = unforecastable.amount.plus(amount);
        unforecastable.weighted = unforecastable.weighted.plus(weighted);
        unforecastable.ids.push(o.id);
        continue;
      }
    }

    visited[status] += 1;
    const n = keyFns.length;
    const parts = new Array<string>(n);
    for (let i = 0; i < n; i++) parts[i] = (keyFns[i] as (o: Opportunity, d: PlainDate | undefined) => string)(o, date);

    const splits = o.splits;
    if (ownerIndex >= 0 && splits !== undefined && splits.length > 0) {
      // Credit splits (联合跟进人): round once to the minor unit, then share out exactly.
      const bps = splits.map((s) => s.basisPoints);
      const amountShares = allocate({ amount: amount.toDecimalPlaces(digits, Decimal.ROUND_HALF_EVEN), currency }, bps);
      const weightedShares = allocate({ amount: weighted.toDecimalPlaces(digits, Decimal.ROUND_HALF_EVEN), currency }, bps);
      splits.forEach((s, i) => {
        if (s.basisPoints === 0) return;
        const own = parts.slice();
        own[ownerIndex] = s.ownerId;
        visit(
          n === 1 ? (own[0] as string) : own.join(SEP),
          own,
          status,
          (amountShares[i] as { amount: Decimal }).amount,
          (weightedShares[i] as { amount: Decimal }).amount,
          o,
          stage,
        );
      });
    } else {
      visit(n === 1 ? (parts[0] as string) : parts.join(SEP), parts, status, amount, weighted, o, stage);
    }
  }

  return { currency, labels: settings.groupBy.map(groupLabel), visited, suspended, unforecastable, filteredOut };
}

/** Orders rows by their key tuples, element by element (code-unit order, so period keys sort in time). */
export function compareKeys(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
