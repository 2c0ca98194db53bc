import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { toPlainDate, type CalendarDateInput } from '../../time/calendarDate.js';
import { startOfPlainDate } from '../../time/zone.js';

/** Epoch ms of the starts (UTC) of `min` and `max`, checked. */
export function dateBounds(min: CalendarDateInput, max: CalendarDateInput): [number, number] {
  const lo = startOfPlainDate(toPlainDate(min, 'min')).getTime();
  const hi = startOfPlainDate(toPlainDate(max, 'max')).getTime();
  if (lo > hi) throw new FunnelError('invalid_option', { option: 'max', reason: because('max_before_min') });
  return [lo, hi];
}
