import { closedAtOf } from '../../model/columnEvents.js';
import type { DealColumns } from '../../model/dealColumns.js';
import type { ZoneDays } from '../../time/zoneDays.js';

/**
 * Every deal's forecast day as a column: the day, on the wall clock of `days`, of a
 * deal's `closedAt` when it is not open and has one (the column's, else its ledger's),
 * else its close day (`NO_DAY` for none): the rule of `forecastDate`, in one pass, so
 * that the forecast's kernel and its period signatures read one 4-byte column instead of
 * the close days, the statuses and an 8-byte `closedAt` column (tested in
 * test/forecast/_lib/forecastDays.test.ts). @internal
 */
export function forecastDayColumn(cols: DealColumns, days: ZoneDays): Int32Array {
  const n = cols.length;
  const { status, closeDay } = cols;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let d = closeDay[i]!;
    if (status[i] !== 0) {
      const ms = closedAtOf(cols, i);
      if (!Number.isNaN(ms)) d = days.day(ms);
    }
    out[i] = d;
  }
  return out;
}
