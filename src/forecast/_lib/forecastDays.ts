import { closedAtOf } from '../../model/columnEvents.js';
import type { DealColumns } from '../../model/dealColumns.js';
import type { ZoneDays } from '../../time/zoneDays.js';

/** The status code of an open deal in `DealColumns.status`. */
const ST_OPEN = 0;

/**
 * One deal's forecast day on the wall clock of `days`: the day of its `closedAt` when it
 * is not open and has one (the column's, else its ledger's), else its close day (`NO_DAY`
 * for none). The rule of `forecastDate` on columns; `forecastDayColumn` applies it to a
 * whole chunk, and the column grouper's per-deal fallback for `'period'` calls it
 * directly. @internal
 */
export function forecastDayOf(cols: DealColumns, i: number, days: ZoneDays): number {
  if (cols.status[i] !== ST_OPEN) {
    const ms = closedAtOf(cols, i);
    if (!Number.isNaN(ms)) return days.day(ms);
  }
  return cols.closeDay[i]!;
}

/**
 * Every deal's forecast day as a column ({@link forecastDayOf} for each deal, in one
 * pass), so that the forecast's kernel and its period signatures read one 4-byte column
 * instead of the close days, the statuses and an 8-byte `closedAt` column (tested in
 * test/forecast/_lib/forecastDays.test.ts). @internal
 */
export function forecastDayColumn(cols: DealColumns, days: ZoneDays): Int32Array {
  const n = cols.length;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = forecastDayOf(cols, i, days);
  return out;
}
