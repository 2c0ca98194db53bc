import fc from 'fast-check';
import type { CalendarDateInput } from '../time/calendarDate.js';
import { dateBounds } from './_lib/dateBounds.js';

/**
 * Constraints for {@link instantArb}.
 *
 * @category Testing
 */
export interface InstantConstraints {
  /**
   * Earliest date (inclusive, from its start in UTC).
   * @defaultValue `'2020-01-01'`
   */
  readonly min?: CalendarDateInput;
  /**
   * Latest date (inclusive, to its start in UTC).
   * @defaultValue `'2030-12-31'`
   */
  readonly max?: CalendarDateInput;
}

/**
 * Instants with whole-second precision in a range of dates.
 *
 * @param constraints - The range.
 * @returns An arbitrary of `Date`.
 * @throws {@link sales-funnel!FunnelError} `invalid_option { option }` at once for a
 *   date that does not exist or a `max` before `min`.
 *
 * @category Testing
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { instantArb } from 'sales-funnel/testing';
 * fc.assert(fc.property(instantArb(), (d) => !Number.isNaN(d.getTime())));
 * ```
 */
export function instantArb(constraints: InstantConstraints = {}): fc.Arbitrary<Date> {
  const [lo, hi] = dateBounds(constraints.min ?? '2020-01-01', constraints.max ?? '2030-12-31');
  return fc.integer({ min: 0, max: Math.round((hi - lo) / 1000) }).map((s) => new Date(lo + s * 1000));
}
