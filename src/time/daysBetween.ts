import { FunnelError } from '../i18n/FunnelError.js';

/**
 * Milliseconds in a day of exactly 24 hours (86 400 000), the unit of every day span
 * between instants.
 *
 * @example
 * ```ts
 * import { MS_PER_DAY } from 'sales-funnel';
 * const twoDaysLater = new Date(Date.UTC(2026, 0, 1) + 2 * MS_PER_DAY);
 * twoDaysLater.toISOString(); //=> '2026-01-03T00:00:00.000Z'
 * ```
 *
 * @category Time
 */
export const MS_PER_DAY = 86_400_000;

/**
 * Exact length of time from `a` to `b` in days of 24 hours (`(b − a) / 86 400 000 ms`),
 * negative when `b` is earlier. Independent of time zones and daylight saving time.
 *
 * @param a - Start instant.
 * @param b - End instant.
 * @returns Days, possibly fractional.
 * @throws {@link FunnelError} `invalid_instant` for an invalid Date.
 *
 * @example
 * ```ts
 * import { daysBetween } from 'sales-funnel';
 * daysBetween(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T12:00:00Z')); //=> 1.5
 * ```
 *
 * @category Time
 */
export function daysBetween(a: Date, b: Date): number {
  const ta = a.getTime();
  const tb = b.getTime();
  if (!Number.isFinite(ta)) throw new FunnelError('invalid_instant', { value: String(a) });
  if (!Number.isFinite(tb)) throw new FunnelError('invalid_instant', { value: String(b) });
  return (tb - ta) / MS_PER_DAY;
}
