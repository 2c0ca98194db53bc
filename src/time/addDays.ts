import { addMonths as addMonthsLocal } from 'date-fns';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { formatPlainDate, plainDateParts, type PlainDate } from './plainDate.js';

function parts(date: PlainDate): { year: number; month: number; day: number } {
  const p = plainDateParts(date);
  if (p === undefined) throw new FunnelError('invalid_plain_date', { value: String(date) });
  return p;
}

/**
 * Adds whole days to a calendar date.
 *
 * @param date - A calendar date.
 * @param days - Whole days, may be negative.
 * @returns The shifted date.
 *
 * @example
 * ```ts
 * import { addDays, plainDate } from 'sales-funnel';
 * addDays(plainDate('2028-02-28'), 1); //=> '2028-02-29'
 * ```
 *
 * @category Time
 */
export function addDays(date: PlainDate, days: number): PlainDate {
  if (!Number.isInteger(days)) throw new FunnelError('invalid_argument', { name: 'days', reason: because('must_be_whole_number') });
  const d = new Date(utcMs(parts(date)) + days * 86_400_000);
  return formatPlainDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * Adds whole calendar months, clamping to the end of a shorter month
 * (2026-01-31 + 1 month = 2026-02-28).
 *
 * @param date - A calendar date.
 * @param months - Whole months, may be negative.
 * @returns The shifted date.
 *
 * @example
 * ```ts
 * import { addMonths, plainDate } from 'sales-funnel';
 * addMonths(plainDate('2026-01-31'), 1); //=> '2026-02-28'
 * ```
 *
 * @category Time
 */
export function addMonths(date: PlainDate, months: number): PlainDate {
  if (!Number.isInteger(months)) throw new FunnelError('invalid_argument', { name: 'months', reason: because('must_be_whole_number') });
  const p = parts(date);
  // date-fns works on local fields; noon keeps clear of DST gaps, so any TZ gives the same fields.
  const d = addMonthsLocal(new Date(p.year, p.month - 1, p.day, 12), months);
  return formatPlainDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/**
 * Whole calendar days from `a` to `b` (negative when `b` is earlier).
 *
 * @param a - Start date.
 * @param b - End date.
 * @returns `b − a` in days.
 *
 * @example
 * ```ts
 * import { calendarDaysBetween, plainDate } from 'sales-funnel';
 * calendarDaysBetween(plainDate('2028-02-01'), plainDate('2028-03-01')); //=> 29
 * ```
 *
 * @category Time
 */
export function calendarDaysBetween(a: PlainDate, b: PlainDate): number {
  return Math.round((utcMs(parts(b)) - utcMs(parts(a))) / 86_400_000);
}

function utcMs(p: { year: number; month: number; day: number }): number {
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day); // also right for years below 100
  return d.getTime();
}
