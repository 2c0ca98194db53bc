import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { addDays } from '../../time/addDays.js';
import { toPlainDate, type CalendarDateInput } from '../../time/calendarDate.js';
import type { PlainDate } from '../../time/plainDate.js';
import { startOfPlainDate } from '../../time/zone.js';

/**
 * A working-day calendar: Monday to Friday, minus `holidays`, plus `extraWorkingDays`
 * (weekend days worked in exchange for a holiday, 调休). Pure and time-zone free: the
 * weekday of a calendar date does not depend on where it is computed.
 */
export interface WorkingCalendar {
  /** Whether `date` is a working day. */
  isWorkingDay(date: PlainDate): boolean;
  /** `date` itself when it is a working day, else the next working day. */
  onOrAfter(date: PlainDate): PlainDate;
  /** The first working day strictly after `date`. */
  after(date: PlainDate): PlainDate;
}

function checkDates(dates: ReadonlyArray<CalendarDateInput>, option: string): Set<string> {
  if (!Array.isArray(dates)) throw new FunnelError('invalid_option', { option, reason: because('must_be_dates') });
  const set = new Set<string>();
  dates.forEach((d, i) => set.add(toPlainDate(d, `${option}[${i}]`)));
  return set;
}

/** Builds a {@link WorkingCalendar}; throws `invalid_option` for malformed dates. */
export function workingCalendar(
  holidays: ReadonlyArray<CalendarDateInput> = [],
  extraWorkingDays: ReadonlyArray<CalendarDateInput> = [],
): WorkingCalendar {
  const off = checkDates(holidays, 'holidays');
  const on = checkDates(extraWorkingDays, 'extraWorkingDays');
  for (const d of on) {
    if (off.has(d)) throw new FunnelError('invalid_option', { option: 'extraWorkingDays', reason: because('date_also_holiday', { date: d }) });
  }
  const isWorkingDay = (date: PlainDate): boolean => {
    if (on.has(date)) return true;
    if (off.has(date)) return false;
    const weekday = startOfPlainDate(date).getUTCDay(); // 0 = Sunday … 6 = Saturday
    return weekday !== 0 && weekday !== 6;
  };
  const onOrAfter = (date: PlainDate): PlainDate => {
    let d = date;
    // A year of consecutive holidays is not a calendar; stop rather than loop forever.
    for (let i = 0; i < 400; i++) {
      if (isWorkingDay(d)) return d;
      d = addDays(d, 1);
    }
    throw new FunnelError('invalid_option', { option: 'holidays', reason: because('no_working_day', { date }) });
  };
  return { isWorkingDay, onOrAfter, after: (date) => onOrAfter(addDays(date, 1)) };
}
