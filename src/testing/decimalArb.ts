import fc from 'fast-check';
import { numberOption, wholeNumberOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { Decimal } from '../money/decimal.js';

/**
 * Constraints for {@link decimalArb}.
 *
 * @category Testing
 */
export interface DecimalConstraints {
  /**
   * Smallest value (inclusive).
   * @defaultValue 0
   */
  readonly min?: number;
  /**
   * Largest value (inclusive).
   * @defaultValue 1 000 000
   */
  readonly max?: number;
  /**
   * Digits after the decimal point, 0 to 8.
   * @defaultValue 2
   */
  readonly scale?: number;
}

/** Checks `min ≤ max`, both whole numbers of 10^−scale within safe integers; returns them scaled. */
function scaledRange(min: number, max: number, scale: number): [number, number] {
  const f = 10 ** scale;
  const lo = Math.ceil(min * f);
  const hi = Math.floor(max * f);
  if (!Number.isSafeInteger(lo)) throw new FunnelError('invalid_option', { option: 'min', reason: because('too_large_for_scale') });
  if (!Number.isSafeInteger(hi)) throw new FunnelError('invalid_option', { option: 'max', reason: because('too_large_for_scale') });
  if (lo > hi) throw new FunnelError('invalid_option', { option: 'max', reason: because('no_value_at_scale', { scale: String(scale) }) });
  return [lo, hi];
}

/**
 * Decimals in `[min, max]` with at most `scale` digits after the point (generated as
 * whole numbers of 10^−scale, so no binary rounding is involved).
 *
 * @param constraints - Range and scale.
 * @returns An arbitrary of Decimals.
 * @throws {@link sales-funnel!FunnelError} `invalid_option { option }` at once for a
 *   bad `scale`, `min` or `max` (not finite, `max` below `min`, too large for the scale).
 *
 * @category Testing
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { decimalArb } from 'sales-funnel/testing';
 * fc.assert(fc.property(decimalArb({ min: 0, max: 10 }), (d) => d.gte(0) && d.lte(10)));
 * ```
 */
export function decimalArb(constraints: DecimalConstraints = {}): fc.Arbitrary<Decimal> {
  const scale = wholeNumberOption(constraints.scale ?? 2, 'scale', { max: 8 });
  const min = numberOption(constraints.min ?? 0, 'min');
  const max = numberOption(constraints.max ?? 1_000_000, 'max', { min });
  const [lo, hi] = scaledRange(min, max, scale);
  return fc.integer({ min: lo, max: hi }).map((n) => new Decimal(n).div(new Decimal(10).pow(scale)));
}
