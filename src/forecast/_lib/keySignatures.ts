import { createdMsAt, dayToPlainDate } from '../../model/columnGroups.js';
import type { DealColumns } from '../../model/dealColumns.js';
import type { GroupContext, GroupKey } from '../../model/groupBy.js';
import { periodOf, type PeriodOptions } from '../../time/periodOf.js';
import { ZoneDays } from '../../time/zoneDays.js';

// A fast path for grouping a columns chunk: for each deal, one small integer (its
// signature) made of everything its group key depends on — dictionary codes (owner,
// region, customer, project type), the stage, the period of its forecast or creation
// date — so that deals with the same signature have the same key. The caller asks
// `ColumnGrouper` for the key of each signature once, then looks deals up in a table.

const NO_DAY = -2147483648;
/** Most signatures a chunk may have (the size of the caller's lookup table). */
const MAX_SIGNATURES = 1 << 22;
/** Widest span of days a period component maps through a table. */
const MAX_DAY_SPAN = 1 << 20;

/** The signatures of a chunk's deals, and how many there can be. */
export interface KeySignatures {
  readonly sig: Int32Array;
  readonly size: number;
}

/**
 * The signature of each deal of `cols` for the grouping keys, or `undefined` when there
 * would be too many (the caller then groups deal by deal). `forecastDay` gives a deal's
 * forecast date as a day number on the wall clock of the period's zone.
 */
export function keySignatures(
  groupBy: readonly GroupKey[],
  context: GroupContext,
  cols: DealColumns,
  forecastDay: (cols: DealColumns, i: number) => number,
): KeySignatures | undefined {
  const n = cols.length;
  const zone = {
    ...(context.timeZone === undefined ? {} : { timeZone: context.timeZone }),
    ...(context.offsetMinutes === undefined ? {} : { offsetMinutes: context.offsetMinutes }),
  };
  const sig = new Int32Array(n);
  let size = 1;
  // Folds one component into the signatures: values[i] + add, from 0 to card − 1.
  const fold = (card: number, values: Int32Array | Uint8Array | Uint16Array, add: number): boolean => {
    if (card <= 1) return true;
    size *= card;
    if (size > MAX_SIGNATURES) return false;
    for (let i = 0; i < n; i++) sig[i] = sig[i]! * card + values[i]! + add;
    return true;
  };
  // A dictionary-coded column (NO_CODE, −1, for none; undefined when no deal has a value).
  const coded = (codes: Int32Array | undefined, dictionary: number): boolean => (codes === undefined ? true : fold(dictionary + 1, codes, 1));
  // A period component: each deal's day through a day → period table.
  const byPeriod = (options: PeriodOptions, dayOf: (i: number) => number): boolean => {
    const settings: PeriodOptions = { ...zone, ...options };
    const days = new Int32Array(n);
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const d = dayOf(i);
      days[i] = d;
      if (d === NO_DAY) continue;
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    if (hi - lo >= MAX_DAY_SPAN) return false;
    const table = new Int32Array(hi >= lo ? hi - lo + 1 : 0).fill(-1);
    const labels = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const d = days[i]!;
      if (d === NO_DAY) {
        days[i] = 0;
        continue;
      }
      let id = table[d - lo]!;
      if (id < 0) {
        const label = periodOf(dayToPlainDate(d), settings);
        id = labels.get(label) ?? labels.size + 1;
        labels.set(label, id);
        table[d - lo] = id;
      }
      days[i] = id;
    }
    return fold(labels.size + 1, days, 0);
  };
  let createdDays: ZoneDays | undefined;
  const createdDay = (i: number) => {
    const ms = createdMsAt(cols, i);
    createdDays ??= new ZoneDays(zone);
    return Number.isNaN(ms) ? NO_DAY : createdDays.day(ms);
  };
  for (const key of groupBy) {
    let ok: boolean;
    switch (key) {
      case 'owner':
      case 'team':
        ok = coded(cols.owner, cols.ownerIds.length);
        break;
      case 'region':
        ok = coded(cols.region, cols.regions.length);
        break;
      case 'pipeline':
        ok = true;
        break;
      case 'stage':
        // A deal's stage code is below stageIds.length (at it, for a replayed deal whose stage the ledger does not name).
        ok = fold(cols.stageIds.length + 1, cols.stage, 0);
        break;
      case 'customer_type':
      case 'customer_priority':
      case 'industry':
        ok = coded(cols.customer, cols.customerIds.length);
        break;
      case 'project_type':
        ok = coded(cols.projectType, cols.projectTypes.length);
        break;
      case 'period':
        ok = byPeriod(context.period ?? { unit: 'quarter' }, (i) => forecastDay(cols, i));
        break;
      case 'created_month':
        ok = byPeriod({ unit: 'month' }, createdDay);
        break;
      case 'created_quarter':
        ok = byPeriod({ unit: 'quarter' }, createdDay);
        break;
      case 'created_year':
        ok = byPeriod({ unit: 'year' }, createdDay);
        break;
      default:
        ok = false;
    }
    if (!ok) return undefined;
  }
  return { sig, size };
}
