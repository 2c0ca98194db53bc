import { getDaysInMonth } from 'date-fns';
import { FunnelError } from '../i18n/FunnelError.js';

declare const plainDateBrand: unique symbol;

/**
 * A calendar date without a time or time zone, as `YYYY-MM-DD` (expected close dates,
 * quota periods). A branded string: it serializes as itself and compares correctly
 * with `<` and `>`.
 *
 * @example
 * ```ts
 * import { plainDate, type PlainDate } from 'sales-funnel';
 * const d: PlainDate = plainDate('2026-03-31');
 * ```
 */
export type PlainDate = string & { readonly [plainDateBrand]: 'PlainDate' };

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month (1–12) and day of a valid date string, or undefined. @internal */
export function plainDateParts(value: string): { year: number; month: number; day: number } | undefined {
  const m = PATTERN.exec(value);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined;
  // Noon local time: date-fns reads local fields, and noon never falls in a DST gap.
  if (day > getDaysInMonth(new Date(year, month - 1, 1, 12))) return undefined;
  return { year, month, day };
}

/**
 * Whether `value` is a valid `YYYY-MM-DD` calendar date (leap days included: 2028-02-29
 * is valid, 2027-02-29 is not).
 *
 * @param value - Anything.
 * @returns `true` for a valid date string.
 *
 * @example
 * ```ts
 * import { isPlainDate } from 'sales-funnel';
 * isPlainDate('2028-02-29'); //=> true
 * isPlainDate('2027-02-29'); //=> false
 * ```
 *
 * @category Time
 */
export function isPlainDate(value: unknown): value is PlainDate {
  return typeof value === 'string' && plainDateParts(value) !== undefined;
}

/**
 * Validates and brands a `YYYY-MM-DD` string.
 *
 * @param value - The date string.
 * @returns The same string as a {@link PlainDate}.
 * @throws {@link FunnelError} `invalid_plain_date` for anything else.
 *
 * @example
 * ```ts
 * import { plainDate } from 'sales-funnel';
 * plainDate('2026-12-31'); //=> '2026-12-31'
 * ```
 *
 * @category Time
 */
export function plainDate(value: string): PlainDate {
  if (!isPlainDate(value)) throw new FunnelError('invalid_plain_date', { value: String(value) });
  return value;
}

/** Formats parts as a PlainDate without validation. @internal */
export function formatPlainDate(year: number, month: number, day: number): PlainDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as PlainDate;
}



