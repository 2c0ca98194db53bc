import fc from 'fast-check';
import type { CalendarDateInput } from '../time/calendarDate.js';
import type { PlainDate } from '../time/plainDate.js';
import { plainDateOf } from '../time/zone.js';
import { dateBounds } from './_lib/dateBounds.js';

/**
 * Constraints for {@link plainDateArb}.
 *
 * @category Testing
 */
export interface PlainDateConstraints {
  /**
   * Earliest date (inclusive).
   * @defaultValue `'2020-01-01'`
   */
  readonly min?: CalendarDateInput;
  /**
   * Latest date (inclusive).
   * @defaultValue `'2030-12-31'`
   */
  readonly max?: CalendarDateInput;
}

/**
 * Valid calendar dates (leap days included) in a range.
 *
 * @param constraints - The range.
 * @returns An arbitrary of {@link sales-funnel!PlainDate}.
 * @throws {@link sales-funnel!FunnelError} `invalid_option { option }` at once for a
 *   date that does not exist or a `max` before `min`.
 *
 * @category Testing
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { plainDateArb } from 'sales-funnel/testing';
 * import { isPlainDate } from 'sales-funnel';
 * fc.assert(fc.property(plainDateArb(), (d) => isPlainDate(d)));
 * ```
 */
export function plainDateArb(constraints: PlainDateConstraints = {}): fc.Arbitrary<PlainDate> {
  const [lo, hi] = dateBounds(constraints.min ?? '2020-01-01', constraints.max ?? '2030-12-31');
  return fc.integer({ min: 0, max: Math.round((hi - lo) / 86_400_000) }).map((d) => plainDateOf(new Date(lo + d * 86_400_000)));
}
