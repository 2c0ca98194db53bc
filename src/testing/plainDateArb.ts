import fc from 'fast-check';
import { FunnelError } from '../i18n/FunnelError.js';
import { type PlainDate } from '../time/plainDate.js';
import { plainDateOf, startOfPlainDate } from '../time/zone.js';

/**
 * Constraints for {@link plainDateArb}.
 *
 * @example
 * ```ts
 * import type { PlainDateConstraints } from 'sales-funnel/testing';
 * const c: PlainDateConstraints = { min: '2026-01-01', max: '2026-12-31' };
 * ```
 */
export interface PlainDateConstraints {
  /** Earliest date (inclusive). Default `'2020-01-01'`. */
  readonly min?: string;
  /** Latest date (inclusive). Default `'2030-12-31'`. */
  readonly max?: string;
}

function bounds(min: string, max: string): [number, number] {
  const lo = startOfPlainDate(min as PlainDate).getTime();
  const hi = startOfPlainDate(max as PlainDate).getTime();
  if (lo > hi) throw new FunnelError('invalid_option', { option: 'min/max', reason: 'min is after max' });
  return [lo, hi];
}

/**
 * Valid calendar dates (leap days included) in a range.
 *
 * @param constraints - The range.
 * @returns An arbitrary of {@link PlainDate}.
 * @throws {@link sales-funnel!FunnelError} for invalid or reversed bounds.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { plainDateArb } from 'sales-funnel/testing';
 * import { isPlainDate } from 'sales-funnel';
 * fc.assert(fc.property(plainDateArb(), (d) => isPlainDate(d)));
 * ```
 */
export function plainDateArb(constraints: PlainDateConstraints = {}): fc.Arbitrary<PlainDate> {
  const [lo, hi] = bounds(constraints.min ?? '2020-01-01', constraints.max ?? '2030-12-31');
  return fc.integer({ min: 0, max: Math.round((hi - lo) / 86_400_000) }).map((d) => plainDateOf(new Date(lo + d * 86_400_000)));
}

/**
 * Constraints for {@link instantArb}.
 *
 * @example
 * ```ts
 * import type { InstantConstraints } from 'sales-funnel/testing';
 * const c: InstantConstraints = { min: '2026-01-01', max: '2026-06-30' };
 * ```
 */
export interface InstantConstraints {
  /** Earliest date (inclusive, from its start in UTC). Default `'2020-01-01'`. */
  readonly min?: string;
  /** Latest date (inclusive, to its start in UTC). Default `'2030-12-31'`. */
  readonly max?: string;
}

/**
 * Instants with whole-second precision in a range of dates.
 *
 * @param constraints - The range.
 * @returns An arbitrary of `Date`.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { instantArb } from 'sales-funnel/testing';
 * fc.assert(fc.property(instantArb(), (d) => !Number.isNaN(d.getTime())));
 * ```
 */
export function instantArb(constraints: InstantConstraints = {}): fc.Arbitrary<Date> {
  const [lo, hi] = bounds(constraints.min ?? '2020-01-01', constraints.max ?? '2030-12-31');
  return fc.integer({ min: 0, max: Math.round((hi - lo) / 1000) }).map((s) => new Date(lo + s * 1000));
}
