import { createdMsAt, dayToPlainDate } from '../../model/columnGroups.js';
import type { CodeColumn, DealColumns } from '../../model/dealColumns.js';
import type { GroupContext, GroupKey } from '../../model/groupBy.js';
import { periodOf, type PeriodOptions } from '../../time/periodOf.js';
import { ZoneDays } from '../../time/zoneDays.js';
import { zoneFields } from '../../time/zone.js';

// A fast path for grouping a columns chunk: for each deal, one small integer (its
// signature) made of everything its group key depends on — dictionary codes (owner,
// region, customer, project type), the stage, the period of its forecast or creation
// date — so that deals with the same signature have the same key. The caller asks
// `ColumnGrouper` for the key of one deal of each signature, then looks the others up
// in a table. Each key adds one component, `stride × value`, in one pass over the deals.

const NO_DAY = -2147483648;
/** Most signatures a chunk may have (the size of the caller's lookup table). */
const MAX_SIGNATURES = 1 << 22;
/** Slots of the day → period cache (direct-mapped by the day's low bits). */
const CACHE = 4096;
/** A value no cache slot holds as a day (days are far from it; NO_DAY is a key). */
const EMPTY = 2147483647;

// The period units of the keys (outside the switch below, whose string literals are all case labels).
const MONTHS: PeriodOptions = { unit: 'month' };
const QUARTERS: PeriodOptions = { unit: 'quarter' };
const YEARS: PeriodOptions = { unit: 'year' };

/** The signatures of a chunk's deals, and how many there can be. */
export interface KeySignatures {
  readonly sig: Int32Array;
  readonly size: number;
}

// Stryker disable BlockStatement: equivalent (the function's body, up to the restore below); an empty body returns undefined, and the caller groups deal by deal, with the same keys
/**
 * The signature of each deal of `cols` for the grouping keys, or `undefined` when there
 * would be too many (the caller then groups deal by deal). `forecastDays`: every deal's
 * forecast day (`forecastDayColumn`), the date `'period'` is about by the rule of
 * `forecastDate`: an open deal's close day, a closed deal's `closedAt` on the wall clock
 * of the period's zone, else its close day.
 */
export function keySignatures(
  groupBy: readonly GroupKey[],
  context: GroupContext,
  cols: DealColumns,
  forecastDays: Int32Array,
): KeySignatures | undefined {
  // Stryker restore BlockStatement
  const n = cols.length;
  const zone = zoneFields(context);
  const sig = new Int32Array(n);
  let stride = 1;

  // Adds a dictionary-coded column (NO_CODE, −1, for none): values 0 … dictionary.
  const coded = (codes: CodeColumn | Uint8Array | Uint16Array | undefined, dictionary: number, add: number): number => {
    if (codes === undefined) return 1;
    const st = stride;
    // Equivalent mutant: `i <= n` writes one past the end of a typed array, which ignores it.
    for (let i = 0; i < n; i++) sig[i]! += st * (codes[i]! + add);
    return dictionary + 1;
  };

  // Periods: a label id per distinct day (0 for none), through a small cache.
  const periods = (options: PeriodOptions) => {
    const settings: PeriodOptions = { ...zone, ...options };
    const labels = new Map<string, number>();
    const cacheDay = new Int32Array(CACHE).fill(EMPTY);
    const cacheLabel = new Int32Array(CACHE);
    const labelOf = (d: number): number => {
      // Stryker disable next-line ArithmeticOperator: equivalent; `CACHE + 1` reaches slots past the cache, which read as misses and ignore writes
      const h = d & (CACHE - 1);
      // Equivalent mutant: `false` (never a hit) works the label out again, the same.
      if (cacheDay[h] === d) return cacheLabel[h]!;
      let id = 0;
      if (d !== NO_DAY) {
        const label = periodOf(dayToPlainDate(d), settings);
        id = labels.get(label) ?? labels.size + 1;
        labels.set(label, id);
      }
      cacheDay[h] = d;
      cacheLabel[h] = id;
      return id;
    };
    return { labels, cacheDay, cacheLabel, labelOf };
  };

  const byForecastDay = (options: PeriodOptions): number => {
    const { labels, cacheDay, cacheLabel, labelOf } = periods(options);
    const st = stride;
    for (let i = 0; i < n; i++) {
      const d = forecastDays[i]!;
      // Stryker disable next-line ArithmeticOperator: equivalent; `CACHE + 1` reaches slots past the cache, which read as misses
      const h = d & (CACHE - 1);
      // Equivalent mutant: `false` (never a hit) asks labelOf, which gives the same label.
      sig[i]! += st * (cacheDay[h] === d ? cacheLabel[h]! : labelOf(d));
    }
    return labels.size + 1;
  };

  const byCreatedDay = (options: PeriodOptions): number => {
    const { labels, labelOf } = periods(options);
    const zoneDays = new ZoneDays(zone);
    // Equivalent mutant: `i <= n` may label one day more, past the deals: a larger table, the same groups.
    for (let i = 0; i < n; i++) {
      // When the deal was created: its `created` event, else its first event (as ColumnGrouper reads it).
      const ms = createdMsAt(cols, i);
      sig[i]! += stride * labelOf(!Number.isNaN(ms) ? zoneDays.day(ms) : NO_DAY);
    }
    return labels.size + 1;
  };

  for (const key of groupBy) {
    let card: number;
    // Stryker disable StringLiteral,ConditionalExpression: equivalent; the switch's strings are its case labels, and a key that no case takes reaches `default` (undefined, also for a function key, which columns refuse before): the caller then groups deal by deal, with the same keys
    switch (key) {
      case 'owner':
      case 'team':
        card = coded(cols.owner, cols.ownerIds.length, 1);
        break;
      case 'region':
        card = coded(cols.region, cols.regions.length, 1);
        break;
      case 'pipeline':
        card = 1;
        break;
      case 'stage':
        // A deal's stage code is below stageIds.length (at it, for a replayed deal whose stage the ledger does not name).
        card = coded(cols.stage, cols.stageIds.length, 0);
        break;
      case 'customer_type':
      case 'customer_priority':
      case 'industry':
        card = coded(cols.customer, cols.customerIds.length, 0);
        break;
      case 'project_type':
        card = coded(cols.projectType, cols.projectTypes.length, 1);
        break;
      case 'period':
        card = byForecastDay(context.period ?? QUARTERS);
        break;
      case 'created_month':
        card = byCreatedDay(MONTHS);
        break;
      case 'created_quarter':
        card = byCreatedDay(QUARTERS);
        break;
      case 'created_year':
        card = byCreatedDay(YEARS);
        break;
      default:
        return undefined;
    }
    // Stryker restore StringLiteral,ConditionalExpression
    stride *= card;
    if (stride > MAX_SIGNATURES) return undefined;
  }
  return { sig, size: stride };
}
