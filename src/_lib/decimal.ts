import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { Reason } from '../i18n/params.js';
import { Decimal, type DecimalLike } from './decimalClone.js';
import { decimalFromText } from './decimalFromText.js';
import { printable } from './printable.js';

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
export function decimalTextProblem(text: string): Reason | undefined {
  const n = text.length;
  if (n > DECIMAL_LIMITS.maxTextLength) return because('too_many_characters', { max: String(DECIMAL_LIMITS.maxTextLength) });
  let i = 0;
  const sign = text.charCodeAt(0);
  if (sign === 43 || sign === 45) i++; // + -
  // Mantissa digits, before and after the point, indexed together: the first and last
  // non-zero ones fix the significant digits and the magnitude.
  let intDigits = 0;
  let fracDigits = 0;
  let firstNonZero = -1;
  let lastNonZero = -1;
  let k = 0;
  let inFraction = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && !inFraction) {
      inFraction = true; // .
      continue;
    }
    if (c < 48 || c > 57) break;
    if (c !== 48) {
      if (firstNonZero < 0) firstNonZero = k;
      lastNonZero = k;
    }
    if (inFraction) fracDigits++;
    else intDigits++;
    k++;
  }
  if (intDigits + fracDigits === 0) return because('not_a_decimal');
  let exponent = 0;
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    // e E
    i++;
    let negative = false;
    const s = text.charCodeAt(i);
    if (s === 43 || s === 45) {
      negative = s === 45;
      i++;
    }
    const start = i;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      // At most 98 digits (the text limit): a huge exponent is a huge (or infinite) double,
      // which the range checks below refuse all the same.
      exponent = exponent * 10 + (c - 48);
    }
    if (i === start) return because('not_a_decimal');
    if (negative) exponent = -exponent;
  }
  if (i !== n) return because('not_a_decimal');
  if (firstNonZero < 0) return undefined; // zero, whatever its exponent
  const significant = lastNonZero - firstNonZero + 1;
  if (significant > DECIMAL_LIMITS.maxSignificantDigits) {
    return because('too_many_significant_digits', { max: String(DECIMAL_LIMITS.maxSignificantDigits) });
  }
  // Powers of ten of the first and last non-zero digits.
  const high = intDigits - 1 - firstNonZero + exponent;
  const low = intDigits - 1 - lastNonZero + exponent;
  if (high >= DECIMAL_LIMITS.maxIntegerDigits) return because('too_many_integer_digits', { max: String(DECIMAL_LIMITS.maxIntegerDigits) });
  if (low < -DECIMAL_LIMITS.maxDecimalPlaces) return because('too_many_decimal_places', { max: String(DECIMAL_LIMITS.maxDecimalPlaces) });
  return undefined;
}

/**
 * Why a Decimal is refused, or `undefined` when it is finite and within
 * {@link DECIMAL_LIMITS} (the text-length limit aside).
 */
export function decimalValueProblem(d: Decimal): Reason | undefined {
  if (!d.isFinite()) return because('not_finite');
  if (d.isZero()) return undefined;
  if (d.sd() > DECIMAL_LIMITS.maxSignificantDigits) return because('too_many_significant_digits', { max: String(DECIMAL_LIMITS.maxSignificantDigits) });
  if (d.e >= DECIMAL_LIMITS.maxIntegerDigits) return because('too_many_integer_digits', { max: String(DECIMAL_LIMITS.maxIntegerDigits) });
  if (d.decimalPlaces() > DECIMAL_LIMITS.maxDecimalPlaces) return because('too_many_decimal_places', { max: String(DECIMAL_LIMITS.maxDecimalPlaces) });
  return undefined;
}

/** A reason about the value called `name`: its English text names it (`amount must be finite`). */
function named(name: string, reason: Reason): Reason {
  return { ...reason, params: { ...reason.params, name }, en: `${name} ${reason.en}` };
}

/**
 * Significant digits in the shortest round-trip form of a finite number. That mantissa
 * never ends in a zero (it has as few digits as possible: `120000` is "1.2e+5", `1e21` is
 * "1e+21"), so its length is the count (and 1 for zero, "0e+0").
 */
function significantDigits(n: number): number {
  const s = Math.abs(n).toExponential().replace('.', ''); // shortest round-trip mantissa: "1.2345e+3" → "12345e+3"
  return s.indexOf('e');
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
      throw new FunnelError('invalid_amount', { value: String(value), reason: named(name, because('not_finite')) });
    }
    if (significantDigits(value) > 15) {
      throw new FunnelError('invalid_amount', {
        value: String(value),
        reason: named(name, because('inexact_binary_number')),
      });
    }
    const problem = decimalTextProblem(String(value));
    if (problem !== undefined) throw new FunnelError('invalid_amount', { value: String(value), reason: named(name, problem) });
    return new Decimal(value);
  }
  if (typeof value === 'string') {
    const trimmed = value.length > DECIMAL_LIMITS.maxTextLength ? value : value.trim();
    const problem = decimalTextProblem(trimmed);
    if (problem !== undefined) throw new FunnelError('invalid_amount', { value: shown(value), reason: named(name, problem) });
    return decimalFromText(trimmed);
  }
  if (Decimal.isDecimal(value)) {
    if (!value.isFinite()) {
      throw new FunnelError('invalid_amount', { value: value.toString(), reason: named(name, because('not_finite')) });
    }
    // Re-create under our own configuration: arithmetic takes its precision from `this`.
    return value.constructor === Decimal ? value : new Decimal(value);
  }
  throw new FunnelError('invalid_amount', { value: shown(printable(value)), reason: named(name, because('must_be_decimal_like')) });
}

/**
 * The reason a wire decimal (a string or number) is refused, or `undefined` when
 * {@link toDecimal} accepts it.
 */
export function wireDecimalProblem(value: unknown): Reason | undefined {
  if (typeof value === 'string') {
    return decimalTextProblem(value.length > DECIMAL_LIMITS.maxTextLength ? value : value.trim());
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return because('not_finite');
    if (significantDigits(value) > 15) return because('inexact_binary_number');
    return decimalTextProblem(String(value));
  }
  return because('must_be_string_or_number');
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
export function readWireDecimal(value: unknown): Decimal | Reason {
  const problem = wireDecimalProblem(value);
  if (problem !== undefined) return problem;
  return typeof value === 'string' ? decimalFromText(value.trim()) : compact(new Decimal(value as number));
}

/**
 * The same Decimal with its digit array trimmed to its length: decimal.js builds it by
 * `push`, which leaves room for 17 digit groups, so a parsed amount held in memory
 * costs twice what it needs. The Decimal is new and not yet shared.
 */
function compact(d: Decimal): Decimal {
  const digits = (d as unknown as { d: number[] | null }).d;
  // Memory only: with or without the copy the digits are the same (and never null here).
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,MethodExpression: memory only, no result can change
  if (digits !== null && digits.length < 8) (d as unknown as { d: number[] }).d = digits.slice();
  return d;
}
