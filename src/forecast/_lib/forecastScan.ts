import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { allocate } from '../../money/allocate.js';
import { amountIn } from '../../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../../money/convert.js';
import { minorUnitDigits, type CurrencyCode } from '../../money/currency.js';
import { Decimal } from '../../money/decimal.js';
import { groupKeyFn, type GroupContext, type GroupKey } from '../../model/groupBy.js';
import type { Split } from '../../model/events.js';
import type { OpportunityId } from '../../model/ids.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { Pipeline } from '../../model/pipeline.js';
import { assertSamePipeline, pipelineIndex, stageInfo } from '../../model/pipelineIndex.js';
import type { Stage } from '../../model/stage.js';
import type { PlainDate } from '../../time/plainDate.js';
import { checkZone, zoneFields } from '../../time/zone.js';
import { allocateMinor, fromMinor, minorUnits } from '../../_lib/minorUnits.js';
import { probabilityInStage } from '../../model/dealProbability.js';
import { checkDeal, checkDealIterable } from '../../model/dealArguments.js';

/** A deal's outcome as the forecast sees it (suspended deals never reach a visitor). */
export type ScanStatus = 'open' | 'won' | 'lost';

/** Settings shared by the forecast functions built on {@link scanForecast}. */
export interface ScanSettings {
  readonly groupBy: readonly GroupKey[];
  /** Customers, teams, periods and the zone for the grouping keys. */
  readonly context: GroupContext;
  readonly currency?: CurrencyCode | undefined;
  readonly rates?: ExchangeRates | undefined;
  /** Whether deals without a forecast date go to the visitor as undated (key `undefined`) instead of into a group. */
  readonly requireDate: boolean;
  /** Which statuses reach the visitor; the others are only counted. Default all. */
  readonly statuses?: ReadonlySet<ScanStatus> | undefined;
}

/**
 * Receives each deal (or each credited share of a split deal). `key` is `undefined` for
 * a deal without a forecast date when the settings require one.
 */
export type ScanVisitor = (
  key: readonly string[] | undefined,
  status: ScanStatus,
  amount: Decimal,
  weighted: Decimal,
  opportunity: Opportunity,
  stage: Stage,
) => void;

/** What the scan saw besides the visited deals. */
export interface ScanSummary {
  readonly currency: CurrencyCode;
  /** Distinct deals visited with a key, per status (a split deal once). */
  readonly visited: Readonly<Record<ScanStatus, number>>;
  /** Suspended deals: left out of every figure. */
  readonly suspended: { readonly count: number; readonly amount: Decimal; readonly ids: readonly OpportunityId[] };
  /** Ids of the deals visited without a forecast date, in input order. */
  readonly undatedIds: readonly OpportunityId[];
  /** Deals of a status not in `statuses`, per status. */
  readonly filteredOut: Readonly<Record<ScanStatus, number>>;
}

const ZERO = new Decimal(0);

/**
 * The date a forecast files a deal under: an open deal's `expectedCloseDate`; a won or
 * lost deal's `closedAt` (an instant, dated in the options' zone by the period key),
 * falling back to its `expectedCloseDate`.
 */
export function forecastDate(o: Opportunity): Date | PlainDate | undefined {
  return o.status !== 'open' && o.closedAt !== undefined ? o.closedAt : o.expectedCloseDate;
}

/** Checks the grouping keys: a built-in key listed twice is an `invalid_option`. */
export function checkGroupBy(groupBy: readonly GroupKey[]): void {
  if (!Array.isArray(groupBy)) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('must_be_group_keys') });
  const seen = new Set<string>();
  for (const g of groupBy) {
    if (typeof g === 'function') continue;
    if (seen.has(g)) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('listed_twice', { key: String(g) }) });
    seen.add(g);
  }
}

/**
 * The single pass under `weightedForecast`, `forecastCategories` and
 * `quotaFromPipeline`: resolves each deal's stage, probability (the rule of
 * `dealProbability`), amount in the result currency, forecast date and group key,
 * splits credit across owners when grouping by owner, and hands each result to
 * `visit`. Reads the iterable once and never changes a deal.
 */
export function scanForecast(opportunities: Iterable<Opportunity>, pipeline: Pipeline, settings: ScanSettings, visit: ScanVisitor): ScanSummary {
  // The index first: it refuses a value that is not a pipeline before its fields are read.
  const index = pipelineIndex(pipeline);
  checkDealIterable(opportunities, 'opportunities');
  ratesOption(settings.rates);
  const currency = settings.currency ?? pipeline.currency;
  const digits = minorUnitDigits(currency);
  const { groupBy, context, statuses } = settings;
  checkGroupBy(groupBy);
  checkZone(context);
  const keyOf = groupKeyFn(groupBy, context, forecastDate);
  const ownerIndex = groupBy.indexOf('owner');
  // Only a key function can return something other than a string; the built-in keys are
  // not checked, to save the loop. Checking them too changes nothing.
  // Stryker disable next-line MethodExpression,ConditionalExpression: equivalent, see above
  const checkKeys = groupBy.some((g) => typeof g === 'function');

  const suspended = { count: 0, amount: ZERO, ids: [] as OpportunityId[] };
  const undatedIds: OpportunityId[] = [];
  const filteredOut: Record<ScanStatus, number> = { open: 0, won: 0, lost: 0 };
  const visited: Record<ScanStatus, number> = { open: 0, won: 0, lost: 0 };

  let i = 0;
  for (const o of opportunities) {
    checkDeal(o, i++, 'opportunities');
    assertSamePipeline(o, pipeline);
    const stage = stageInfo(index, o.stageId).stage;
    const amount = amountIn(o.amount, currency, settings.rates);
    const p = probabilityInStage(o, stage);
    if (p === null) {
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
    // Shortcuts only: p is 1 for a won deal and 0 for a lost one (probabilityInStage), so
    // `amount.times(p)` for every status is an equivalent mutant.
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, see above
    const weighted = status === 'won' ? amount : status === 'lost' ? ZERO : amount.times(p);

    if (settings.requireDate && forecastDate(o) === undefined) {
      undatedIds.push(o.id);
      visit(undefined, status, amount, weighted, o, stage);
      continue;
    }

    visited[status] += 1;
    const key = keyOf(o);
    // Stryker disable next-line ConditionalExpression: equivalent, see checkKeys
    if (checkKeys) {
      for (const part of key) {
        if (typeof part !== 'string') {
          throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('key_function_result') });
        }
      }
    }

    const splits = o.splits;
    if (ownerIndex >= 0 && splits !== undefined && splits.length > 0) {
      const { amounts, weighteds } = creditShares(amount, weighted, splits, currency, digits);
      for (let i = 0; i < splits.length; i++) {
        const s = splits[i]!;
        if (s.basisPoints === 0) continue;
        const own = key.slice();
        own[ownerIndex] = s.ownerId;
        visit(own, status, amounts[i]!, weighteds[i]!, o, stage);
      }
    } else {
      visit(key, status, amount, weighted, o, stage);
    }
  }

  return { currency, visited, suspended, undatedIds, filteredOut };
}

/**
 * Credit splits (联合跟进人): a deal's amount and weighted amount (in the result
 * currency) rounded once to its minor unit (half-even), then shared out exactly by basis
 * points with `allocate`, one share per split (0 for a 0-point split). The one rule of
 * every forecast that credits split owners.
 */
export function creditShares(
  amount: Decimal,
  weighted: Decimal,
  splits: readonly Split[],
  currency: CurrencyCode,
  digits: number,
): { readonly amounts: readonly Decimal[]; readonly weighteds: readonly Decimal[] } {
  const bps = splits.map((s) => s.basisPoints);
  return { amounts: shareOut(amount, bps, currency, digits), weighteds: shareOut(weighted, bps, currency, digits) };
}

/** One total rounded half-even to the minor unit and allocated: in doubles when they hold it exactly, else by `allocate`. */
function shareOut(total: Decimal, bps: readonly number[], currency: CurrencyCode, digits: number): Decimal[] {
  let units = minorUnits(total, digits);
  const rounded = Number.isNaN(units) ? total.toDecimalPlaces(digits, Decimal.ROUND_HALF_EVEN) : total;
  // Whether the shares come from allocateMinor (doubles) or allocate (exact), they are the
  // same (test/_lib/minorUnits.property.test.ts): the choice is speed only.
  // Stryker disable next-line ConditionalExpression: equivalent, see above
  if (Number.isNaN(units)) units = minorUnits(rounded, digits);
  const shares = Number.isNaN(units) ? undefined : allocateMinor(units, bps);
  // Stryker disable next-line ConditionalExpression: equivalent, see above
  if (shares === undefined) return allocate({ amount: rounded, currency }, bps).map((m) => m.amount);
  return shares.map((u) => fromMinor(u, digits));
}

/** The grouping context of a forecast's options, without `undefined` fields. */
export function groupContextOf(options: GroupContext): GroupContext {
  return {
    ...(options.customers === undefined ? {} : { customers: options.customers }),
    ...(options.teams === undefined ? {} : { teams: options.teams }),
    ...(options.period === undefined ? {} : { period: options.period }),
    ...zoneFields(options),
  };
}
