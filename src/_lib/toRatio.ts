import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { Decimal, type DecimalLike } from './decimalClone.js';
import { toDecimal } from './decimal.js';
import { printable } from './printable.js';

/**
 * Converts a rate, probability or other dimensionless ratio to a Decimal. Unlike
 * `toDecimal`, a JS number with more than 15 significant digits is accepted as the
 * decimal it prints as: ratios come out of statistics (a win rate of 1/3 as
 * `0.3333333333333333`), not out of money. Non-finite values are refused.
 *
 * `range` checks the value: `'unit'` for [0, 1], `'non_negative'` for ≥ 0.
 */
export function toRatio(value: DecimalLike, name: string, range: 'unit' | 'non_negative' | 'any' = 'any'): Decimal {
  let d: Decimal;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FunnelError('invalid_argument', { name, reason: because('must_be_finite_number') });
    d = new Decimal(value);
  } else {
    try {
      d = toDecimal(value, name);
    } catch {
      throw new FunnelError('invalid_argument', { name, reason: because('value_not_a_decimal', { value: printable(value) }) });
    }
  }
  if (range === 'unit' && (d.lt(0) || d.gt(1))) {
    throw new FunnelError('invalid_argument', { name, reason: because('ratio_outside_unit', { value: d.toString() }) });
  }
  if (range === 'non_negative' && d.lt(0)) {
    throw new FunnelError('invalid_argument', { name, reason: because('ratio_negative', { value: d.toString() }) });
  }
  return d;
}

/** Validates a finite, non-negative JS number (days, months, counts). */
export function nonNegativeNumber(value: number, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new FunnelError('invalid_argument', { name, reason: because('finite_non_negative') });
  }
  return value;
}
