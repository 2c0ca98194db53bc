import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { addDays, addMonths } from './addDays.js';
import { formatPlainDate, isPlainDate, plainDateParts, type PlainDate } from './plainDate.js';
import { plainDateOf, type ZoneOptions } from './zone.js';

/**
 * A period length for grouping: calendar month, quarter and year, and fiscal quarter
 * and year.
 *
 * @example
 * ```ts
 * import type { PeriodUnit } from 'sales-funnel';
 * const unit: PeriodUnit = 'fiscal_quarter';
 * ```
 */
export type PeriodUnit = 'month' | 'quarter' | 'year' | 'fiscal_quarter' | 'fiscal_year';

/**
 * Options for {@link periodOf} and {@link periodBounds}.
 *
 * @example
 * ```ts
 * import type { PeriodOptions } from 'sales-funnel';
 * const aprilFy: PeriodOptions = { unit: 'fiscal_quarter', fiscalYearStartMonth: 4 };
 * ```
 */
export interface PeriodOptions extends ZoneOptions {
  /** The period length. */
  readonly unit: PeriodUnit;
  /** First month (1–12) of the fiscal year; default 1 (fiscal = calendar year). */
  readonly fiscalYearStartMonth?: number;
  /**
   * Which calendar year names a fiscal year that straddles two: `'end'` (default; the
   * year in which it ends, so with an April start, April 2026 – March 2027 is FY2027)
   * or `'start'` (FY2026).
   */
  readonly fiscalYearLabel?: 'end' | 'start';
}

/**
 * A period key. Formats, all sortable as strings within one unit:
 * month `2026-03`, quarter `2026-Q1`, year `2026`, fiscal quarter `FY2027-Q1`,
 * fiscal year `FY2027`.
 *
 * @example
 * ```ts
 * import type { PeriodKey } from 'sales-funnel';
 * const key: PeriodKey = '2026-Q2';
 * ```
 */
export type PeriodKey = string;

function startMonthOf(options: PeriodOptions): number {
  const m = options.fiscalYearStartMonth ?? 1;
  if (!Number.isInteger(m) || m < 1 || m > 12) {
    throw new FunnelError('invalid_option', { option: 'fiscalYearStartMonth', reason: because('whole_number_from_to', { min: '1', max: '12' }) });
  }
  return m;
}

/**
 * The period containing a date.
 *
 * Fiscal quarters count from the fiscal year's first month: with
 * `fiscalYearStartMonth: 4`, April–June is Q1. A fiscal year that straddles two calendar
 * years is named by the year it ends in unless `fiscalYearLabel: 'start'`.
 *
 * @param date - A calendar date, or an instant (its date on the wall clock of `timeZone`
 *   or `offsetMinutes`; UTC when neither is given).
 * @param options - Unit and fiscal-year settings.
 * @returns The period key.
 * @throws {@link FunnelError} `invalid_plain_date` / `invalid_option` for bad input.
 *
 * @example
 * ```ts
 * import { periodOf, plainDate } from 'sales-funnel';
 * const d = plainDate('2026-05-15');
 * periodOf(d, { unit: 'month' }); //=> '2026-05'
 * periodOf(d, { unit: 'quarter' }); //=> '2026-Q2'
 * periodOf(d, { unit: 'fiscal_quarter', fiscalYearStartMonth: 4 }); //=> 'FY2027-Q1'
 * periodOf(d, { unit: 'fiscal_year', fiscalYearStartMonth: 4 }); //=> 'FY2027'
 * // A deal won at 22:30 UTC on 30 June is in Q3 on Berlin's (summer) clock:
 * periodOf(new Date('2026-06-30T22:30:00Z'), { unit: 'quarter', timeZone: 'Europe/Berlin' }); //=> '2026-Q3'
 * ```
 *
 * @category Time
 */
export function periodOf(date: PlainDate | Date, options: PeriodOptions): PeriodKey {
  const d =
    date instanceof Date ? plainDateOf(date, options) : date;
  const p = isPlainDate(d) ? plainDateParts(d) : undefined;
  if (p === undefined) throw new FunnelError('invalid_plain_date', { value: String(d) });
  switch (options.unit) {
    case 'month':
      return `${pad4(p.year)}-${String(p.month).padStart(2, '0')}`;
    case 'quarter':
      return `${pad4(p.year)}-Q${Math.floor((p.month - 1) / 3) + 1}`;
    case 'year':
      return pad4(p.year);
    case 'fiscal_quarter':
    case 'fiscal_year': {
      const start = startMonthOf(options);
      const startYear = p.month >= start ? p.year : p.year - 1;
      const label = start === 1 || options.fiscalYearLabel === 'start' ? startYear : startYear + 1;
      if (options.unit === 'fiscal_year') return `FY${pad4(label)}`;
      const monthIndex = (p.month - start + 12) % 12;
      return `FY${pad4(label)}-Q${Math.floor(monthIndex / 3) + 1}`;
    }
    default:
      throw new FunnelError('invalid_option', { option: 'unit', reason: because('unknown_period_unit', { unit: String(options.unit) }) });
  }
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

/**
 * First and last day of the period a key names (the inverse of {@link periodOf}).
 *
 * @param key - A key produced by {@link periodOf} with the same options.
 * @param options - The unit and fiscal settings the key was made with.
 * @returns Inclusive first and last dates.
 * @throws {@link FunnelError} `invalid_argument` when the key does not match the unit.
 *
 * @example
 * ```ts
 * import { periodBounds } from 'sales-funnel';
 * periodBounds('FY2027-Q1', { unit: 'fiscal_quarter', fiscalYearStartMonth: 4 });
 * //=> { start: '2026-04-01', end: '2026-06-30' }
 * ```
 *
 * @category Time
 */
export function periodBounds(key: PeriodKey, options: PeriodOptions): { readonly start: PlainDate; readonly end: PlainDate } {
  const bad = (): never => {
    throw new FunnelError('invalid_argument', { name: 'key', reason: because('not_a_period_key', { key, unit: String(options.unit) }) });
  };
  let start: PlainDate;
  let months: number;
  switch (options.unit) {
    case 'month': {
      const m = /^(\d{4})-(\d{2})$/.exec(key) ?? bad();
      const month = Number(m[2]);
      if (month < 1 || month > 12) bad();
      start = formatPlainDate(Number(m[1]), month, 1);
      months = 1;
      break;
    }
    case 'quarter': {
      const m = /^(\d{4})-Q([1-4])$/.exec(key) ?? bad();
      start = formatPlainDate(Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 1);
      months = 3;
      break;
    }
    case 'year': {
      const m = /^(\d{4})$/.exec(key) ?? bad();
      start = formatPlainDate(Number(m[1]), 1, 1);
      months = 12;
      break;
    }
    case 'fiscal_quarter':
    case 'fiscal_year': {
      const fsm = startMonthOf(options);
      const m =
        (options.unit === 'fiscal_year' ? /^FY(\d{4})()$/.exec(key) : /^FY(\d{4})-Q([1-4])$/.exec(key)) ?? bad();
      const label = Number(m[1]);
      const startYear = fsm === 1 || options.fiscalYearLabel === 'start' ? label : label - 1;
      const yearStart = formatPlainDate(startYear, fsm, 1);
      if (options.unit === 'fiscal_year') {
        start = yearStart;
        months = 12;
      } else {
        start = addMonths(yearStart, (Number(m[2]) - 1) * 3);
        months = 3;
      }
      break;
    }
    default:
      return bad();
  }
  return { start, end: addDays(addMonths(start, months), -1) };
}
