import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { isPlainDate, type PlainDate } from './plainDate.js';

/**
 * A calendar date as the library accepts it: a {@link PlainDate} or a `'YYYY-MM-DD'`
 * string naming a real date. Used for calendar inputs (expected close dates, the first
 * day of a plan), never for instants; see {@link InstantInput} for those.
 */
export type CalendarDateInput = PlainDate | string;

/**
 * Normalises a {@link CalendarDateInput} to a {@link PlainDate}, or throws.
 *
 * @param value - A `'YYYY-MM-DD'` string naming a real date.
 * @param option - The option's name, for the error (`'startDate'`, …).
 * @returns The date as a {@link PlainDate}.
 * @throws {@link FunnelError} `invalid_option` with `{ option, reason }` for anything else.
 *
 * @category Time
 * @example
 * ```ts
 * import { toPlainDate } from 'sales-funnel';
 * toPlainDate('2028-02-29', 'startDate'); //=> '2028-02-29'
 * ```
 */
export function toPlainDate(value: CalendarDateInput, option: string): PlainDate {
  if (isPlainDate(value)) return value;
  throw new FunnelError('invalid_option', {
    option,
    reason: typeof value === 'string' ? because('not_a_calendar_date', { value: value.slice(0, 40) }) : because('must_be_calendar_date'),
  });
}
