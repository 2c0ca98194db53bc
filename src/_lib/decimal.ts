import { FunnelError } from '../i18n/FunnelError.js';
import { Decimal, type DecimalLike } from '../money/decimal.js';

const DECIMAL_STRING = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Significant digits in the shortest round-trip form of a finite number. */
function significantDigits(n: number): number {
  const s = Math.abs(n).toExponential(); // shortest round-trip mantissa, e.g. "1.2345e+3"
  const mantissa = s.slice(0, s.indexOf('e')).replace('.', '');
  return mantissa.replace(/0+$/, '').length || 1;
}

/**
 * Converts a {@link DecimalLike} to the library's Decimal, rejecting values that would
 * make a result silently wrong: non-finite numbers, numbers whose binary value has
 * more than 15 significant digits (`0.1 + 0.2`), malformed strings, NaN and infinite
 * Decimals.
 */
export function toDecimal(value: DecimalLike, name = 'value'): Decimal {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new FunnelError('invalid_amount', { value: String(value), reason: `${name} must be finite` });
    }
    if (significantDigits(value) > 15) {
      throw new FunnelError('invalid_amount', {
        value: String(value),
        reason: `${name} has more digits than a binary number represents exactly; pass a decimal string`,
      });
    }
    return new Decimal(value);
  }
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!DECIMAL_STRING.test(trimmed)) {
      throw new FunnelError('invalid_amount', { value, reason: `${name} is not a decimal number` });
    }
    return new Decimal(trimmed);
  }
  if (Decimal.isDecimal(value)) {
    if (!value.isFinite()) {
      throw new FunnelError('invalid_amount', { value: value.toString(), reason: `${name} must be finite` });
    }
    // Re-create under our own configuration: arithmetic takes its precision from `this`.
    return value.constructor === Decimal ? value : new Decimal(value);
  }
  throw new FunnelError('invalid_amount', { value: String(value), reason: `${name} must be a string, number or Decimal` });
}

/** Returns true when `value` is a decimal string, a safe finite number or a finite Decimal. */
export function isDecimalLike(value: unknown): value is DecimalLike {
  try {
    toDecimal(value as DecimalLike);
    return true;
  } catch {
    return false;
  }
}
