import { FunnelError } from '../i18n/FunnelError.js';
import { Decimal, type DecimalLike } from '../money/decimal.js';

/**
 * The range of decimals the library accepts from the outside (strings and numbers):
 *
 * - at most 34 significant digits (IEEE 754 decimal128's precision; the library's
 *   Decimal computes with 40, which leaves room for the carries of sums);
 * - less than 10²⁵ in absolute value (at most 25 digits before the decimal point);
 * - at most 20 digits after the decimal point (zero or at least 10⁻²⁰ in absolute value);
 * - at most 100 characters of text.
 *
 * So no accepted value prints (in plain, never exponent, notation) to more than 36
 * characters: `"1e9000000000000"` and `"1e-9000000000000"` are refused, not expanded.
 *
 * @category Money
 * @example
 * ```ts
 * import { DECIMAL_LIMITS } from 'sales-funnel';
 * DECIMAL_LIMITS.maxSignificantDigits; //=> 34
 * ```
 */
export const DECIMAL_LIMITS = Object.freeze({
  maxSignificantDigits: 34,
  maxIntegerDigits: 25,
  maxDecimalPlaces: 20,
  maxTextLength: 100,
});

/**
 * Why a decimal text is refused, or `undefined` when it is a decimal within
 * {@link DECIMAL_LIMITS}. One pass over the characters; the exponent is read before
 * any digit is expanded, so a huge exponent costs nothing.
 */
export function decimalTextProblem(text: string): string | undefined {
  const n = text.length;
  if (n > DECIMAL_LIMITS.maxTextLength) return `has more than ${DECIMAL_LIMITS.maxTextLength} characters`;
  let i = 0;
  let c = text.charCodeAt(0);
  if (c === 43 || c === 45) c = text.charCodeAt(++i); // + -
  // Digits before and after the point: `first` is the position (power of ten) of the
  // first non-zero digit counted from the point, `last` that of the last non-zero one.
  let intDigits = 0;
  let fracDigits = 0;
  let firstNonZero = -1; // index among all mantissa digits
  let lastNonZero = -1;
  let k = 0; // mantissa digit index
  while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
    if (c !== 48) {
      if (firstNonZero < 0) firstNonZero = k;
      lastNonZero = k;
    }
    intDigits++;
    k++;
    i++;
  }
  if (i < n && text.charCodeAt(i) === 46) {
    i++;
    while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
      if (c !== 48) {
        if (firstNonZero < 0) firstNonZero = k;
        lastNonZero = k;
      }
      fracDigits++;
      k++;
      i++;
    }
  }
  if (intDigits + fracDigits === 0) return 'is not a decimal number';
  let exponent = 0;
  if (i < n && ((c = text.charCodeAt(i)) === 101 || c === 69)) {
    // e E
    i++;
    let sign = 1;
    c = text.charCodeAt(i);
    if (c === 43 || c === 45) {
      if (c === 45) sign = -1;
      i++;
    }
    const start = i;
    while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
      // Saturate: anything past 10⁹ is out of range whatever the mantissa.
      if (exponent < 1e9) exponent = exponent * 10 + (c - 48);
      i++;
    }
    if (i === start) return 'is not a decimal number';
    exponent *= sign;
  }
  if (i !== n) return 'is not a decimal number';
  if (firstNonZero < 0) return undefined; // zero, whatever its exponent
  const significant = lastNonZero - firstNonZero + 1;
  if (significant > DECIMAL_LIMITS.maxSignificantDigits) {
    return `has more than ${DECIMAL_LIMITS.maxSignificantDigits} significant digits`;
  }
  // Power of ten of the first and last non-zero digits.
  const high = intDigits - 1 - firstNonZero + exponent;
  const low = intDigits - 1 - lastNonZero + exponent;
  if (high >= DECIMAL_LIMITS.maxIntegerDigits) return `has more than ${DECIMAL_LIMITS.maxIntegerDigits} digits before the decimal point`;
  if (low < -DECIMAL_LIMITS.maxDecimalPlaces) return `has more than ${DECIMAL_LIMITS.maxDecimalPlaces} digits after the decimal point`;
  return undefined;
}

/**
 * Why a Decimal is refused, or `undefined` when it is finite and within
 * {@link DECIMAL_LIMITS} (the text-length limit aside).
 */
export function decimalValueProblem(d: Decimal): string | undefined {
  if (!d.isFinite()) return 'must be finite';
  if (d.isZero()) return undefined;
  if (d.sd() > DECIMAL_LIMITS.maxSignificantDigits) return `has more than ${DECIMAL_LIMITS.maxSignificantDigits} significant digits`;
  if (d.e >= DECIMAL_LIMITS.maxIntegerDigits) return `has more than ${DECIMAL_LIMITS.maxIntegerDigits} digits before the decimal point`;
  if (d.decimalPlaces() > DECIMAL_LIMITS.maxDecimalPlaces) return `has more than ${DECIMAL_LIMITS.maxDecimalPlaces} digits after the decimal point`;
  return undefined;
}

/** Significant digits in the shortest round-trip form of a finite number. */
function significantDigits(n: number): number {
  const s = Math.abs(n).toExponential(); // shortest round-trip mantissa, e.g. "1.2345e+3"
  const mantissa = s.slice(0, s.indexOf('e')).replace('.', '');
  return mantissa.replace(/0+$/, '').length || 1;
}

function shown(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/**
 * Converts a {@link DecimalLike} to the library's Decimal, rejecting values that would
 * make a result silently wrong or unprintable: non-finite numbers, numbers whose binary
 * value has more than 15 significant digits (`0.1 + 0.2`), malformed strings, strings
 * and numbers outside {@link DECIMAL_LIMITS}, NaN and infinite Decimals. (A Decimal
 * value is the caller's own computation and is only checked to be finite.)
 */
export function toDecimal(value: DecimalLike, name = 'value'): Decimal {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new FunnelError('invalid_amount', { value: String(value), reason: `${name} must be finite` });
    }
    if (value === 0) return new Decimal(value);
    if (significantDigits(value) > 15) {
      throw new FunnelError('invalid_amount', {
        value: String(value),
        reason: `${name} has more digits than a binary number represents exactly; pass a decimal string`,
      });
    }
    const problem = decimalTextProblem(String(value));
    if (problem !== undefined) throw new FunnelError('invalid_amount', { value: String(value), reason: `${name} ${problem}` });
    return new Decimal(value);
  }
  if (typeof value === 'string') {
    const trimmed = value.length > DECIMAL_LIMITS.maxTextLength ? value : value.trim();
    const problem = decimalTextProblem(trimmed);
    if (problem !== undefined) throw new FunnelError('invalid_amount', { value: shown(value), reason: `${name} ${problem}` });
    return new Decimal(trimmed);
  }
  if (Decimal.isDecimal(value)) {
    if (!value.isFinite()) {
      throw new FunnelError('invalid_amount', { value: value.toString(), reason: `${name} must be finite` });
    }
    // Re-create under our own configuration: arithmetic takes its precision from `this`.
    return value.constructor === Decimal ? value : new Decimal(value);
  }
  throw new FunnelError('invalid_amount', { value: shown(String(value)), reason: `${name} must be a string, number or Decimal` });
}

/**
 * The reason a wire decimal (a string or number) is refused, or `undefined` when
 * {@link toDecimal} accepts it.
 */
export function wireDecimalProblem(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return decimalTextProblem(value.length > DECIMAL_LIMITS.maxTextLength ? value : value.trim());
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'must be finite';
    if (value === 0) return undefined;
    if (significantDigits(value) > 15) return 'has more digits than a binary number represents exactly; pass a decimal string';
    return decimalTextProblem(String(value));
  }
  return 'must be a string or number';
}

/** Returns true when `value` is a decimal string, a safe finite number or a finite Decimal. */
export function isDecimalLike(value: unknown): value is DecimalLike {
  if (typeof value === 'string' || typeof value === 'number') return wireDecimalProblem(value) === undefined;
  return Decimal.isDecimal(value) && (value as Decimal).isFinite();
}

/**
 * A wire decimal (string or number) as the library's Decimal, or the reason it is
 * refused: {@link toDecimal} without the throw, for parsers that collect issues.
 */
export function readWireDecimal(value: unknown): Decimal | string {
  const problem = wireDecimalProblem(value);
  if (problem !== undefined) return problem;
  return compact(new Decimal(typeof value === 'string' ? value.trim() : (value as number)));
}

/**
 * The same Decimal with its digit array trimmed to its length: decimal.js builds it by
 * `push`, which leaves room for 17 digit groups, so a parsed amount held in memory
 * costs twice what it needs. The Decimal is new and not yet shared.
 */
function compact(d: Decimal): Decimal {
  const digits = (d as unknown as { d: number[] | null }).d;
  if (digits !== null && digits.length < 8) (d as unknown as { d: number[] }).d = digits.slice();
  return d;
}
