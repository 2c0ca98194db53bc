import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  DECIMAL_LIMITS,
  decimalTextProblem,
  decimalValueProblem,
  isDecimalLike,
  readWireDecimal,
  toDecimal,
  wireDecimalProblem,
} from '../../src/_lib/decimal.js';
import { Decimal } from '../../src/_lib/decimalClone.js';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import type { Reason } from '../../src/i18n/params.js';

// Direct tests of the shared decimal parsing (src/_lib/decimal.ts): every refusal with its
// reason code and params, every limit at and just past its edge.

/** The reason code and params of a problem, `undefined` when there is none. */
const problem = (r: Reason | undefined) => (r === undefined ? undefined : { code: r.code, ...(r.params === undefined ? {} : { params: r.params }) });

/** What toDecimal throws: code, the value shown, the reason code and params. */
function refusal(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof FunnelError)) return `not a FunnelError: ${String(e)}`;
    const p = e.params as { value: string; reason: Reason };
    return { code: e.code, value: p.value, reason: problem(p.reason) };
  }
  return 'no error';
}

describe('decimalTextProblem', () => {
  it('accepts the decimal forms: sign, point on either side, exponent with or without sign', () => {
    for (const ok of ['0', '7', '-7', '+7', '1.', '.5', '-0.5', '1.25e3', '1E3', '1e+3', '1e-3', '0e99', '0.000', '-0']) {
      expect(decimalTextProblem(ok), ok).toBeUndefined();
    }
  });

  it('refuses what is not a decimal', () => {
    for (const bad of ['', '+', '-', '.', '-.', 'e5', '1e', '1e+', '1e-', '1.2.3', '12,5', '1x', '1e5x', ' 1', '1 ', 'abc', '0x10', '١٢']) {
      expect(problem(decimalTextProblem(bad)), bad).toEqual({ code: 'not_a_decimal' });
    }
  });

  it('at most 100 characters (leading zeros included)', () => {
    expect(decimalTextProblem(`${'0'.repeat(99)}1`)).toBeUndefined(); // 100 characters, the value 1
    expect(problem(decimalTextProblem(`${'0'.repeat(100)}1`))).toEqual({ code: 'too_many_characters', params: { max: '100' } });
  });

  it('at most 34 significant digits; leading and trailing zeros are not significant', () => {
    // 15 digits before the point and 19 after: 34.
    expect(decimalTextProblem('123456789012345.6789012345678901234')).toBeUndefined();
    // 15 + 20 = 35.
    expect(problem(decimalTextProblem('123456789012345.67890123456789012345'))).toEqual({ code: 'too_many_significant_digits', params: { max: '34' } });
    // 38 digits written, one significant: 1 × 10³⁷ × 10⁻²⁰ = 10¹⁷.
    expect(decimalTextProblem(`1${'0'.repeat(37)}e-20`)).toBeUndefined();
    // 25 digits written after the point, the last non-zero one at 10⁻¹.
    expect(decimalTextProblem(`0.1${'0'.repeat(24)}`)).toBeUndefined();
    expect(decimalTextProblem(`000${'9'.repeat(34)}e-20`)).toBeUndefined(); // 34 nines, 10¹⁴ > value
  });

  it('less than 10²⁵: 25 digits before the point, counting the exponent', () => {
    expect(decimalTextProblem(`9${'9'.repeat(24)}`)).toBeUndefined(); // 25 digits
    expect(problem(decimalTextProblem(`1${'0'.repeat(25)}`))).toEqual({ code: 'too_many_integer_digits', params: { max: '25' } });
    expect(decimalTextProblem('1e24')).toBeUndefined();
    expect(problem(decimalTextProblem('1e25'))?.code).toBe('too_many_integer_digits');
    // 12.5e23 = 1.25 × 10²⁴; 12.5e24 = 1.25 × 10²⁵; 0.00123e27 = 1.23 × 10²⁴.
    expect(decimalTextProblem('12.5e23')).toBeUndefined();
    expect(problem(decimalTextProblem('12.5e24'))?.code).toBe('too_many_integer_digits');
    expect(decimalTextProblem('0.00123e27')).toBeUndefined();
    expect(problem(decimalTextProblem('0.00123e28'))?.code).toBe('too_many_integer_digits');
    // An exponent past 10⁹ saturates instead of overflowing.
    expect(problem(decimalTextProblem('1e99999999999999999999'))?.code).toBe('too_many_integer_digits');
  });

  it('at most 20 digits after the point, counting the exponent', () => {
    expect(decimalTextProblem(`0.${'0'.repeat(19)}1`)).toBeUndefined(); // 10⁻²⁰
    expect(problem(decimalTextProblem(`0.${'0'.repeat(20)}1`))).toEqual({ code: 'too_many_decimal_places', params: { max: '20' } });
    expect(decimalTextProblem('1e-20')).toBeUndefined();
    expect(problem(decimalTextProblem('1e-21'))?.code).toBe('too_many_decimal_places');
    // 1.5e-19 = 0.00000000000000000015 (20 places); 1.5e-20 has 21.
    expect(decimalTextProblem('1.5e-19')).toBeUndefined();
    expect(problem(decimalTextProblem('1.5e-20'))?.code).toBe('too_many_decimal_places');
    expect(problem(decimalTextProblem('1e-99999999999999999999'))?.code).toBe('too_many_decimal_places');
    // Zero is zero whatever its exponent or its zeros.
    expect(decimalTextProblem(`0.${'0'.repeat(40)}`)).toBeUndefined();
    expect(decimalTextProblem('0e-99999999999')).toBeUndefined();
  });

  it('DECIMAL_LIMITS are the limits it applies', () => {
    expect(DECIMAL_LIMITS).toEqual({ maxSignificantDigits: 34, maxIntegerDigits: 25, maxDecimalPlaces: 20, maxTextLength: 100 });
    expect(Object.isFrozen(DECIMAL_LIMITS)).toBe(true);
  });
});

describe('decimalValueProblem', () => {
  it('checks a Decimal against the same limits', () => {
    expect(decimalValueProblem(new Decimal('123456789012345.6789012345678901234'))).toBeUndefined();
    expect(decimalValueProblem(new Decimal(0))).toBeUndefined();
    expect(decimalValueProblem(new Decimal(`9${'9'.repeat(24)}`))).toBeUndefined();
    expect(decimalValueProblem(new Decimal('1e-20'))).toBeUndefined();
    expect(problem(decimalValueProblem(new Decimal(Number.NaN)))).toEqual({ code: 'not_finite' });
    expect(problem(decimalValueProblem(new Decimal(Number.NEGATIVE_INFINITY)))).toEqual({ code: 'not_finite' });
    expect(problem(decimalValueProblem(new Decimal('123456789012345.67890123456789012345')))).toEqual({ code: 'too_many_significant_digits', params: { max: '34' } });
    expect(problem(decimalValueProblem(new Decimal('1e25')))).toEqual({ code: 'too_many_integer_digits', params: { max: '25' } });
    expect(problem(decimalValueProblem(new Decimal('1e-21')))).toEqual({ code: 'too_many_decimal_places', params: { max: '20' } });
  });
});

describe('toDecimal: numbers', () => {
  it('accepts up to 15 significant digits and refuses 16 (a double holds 15 exactly, not always 16)', () => {
    expect(toDecimal(123456789012.345).toString()).toBe('123456789012.345'); // 15 digits
    expect(toDecimal(-0.000123456789012345).toString()).toBe('-0.000123456789012345'); // 15 digits
    expect(toDecimal(999999999999999).toString()).toBe('999999999999999'); // 15 nines
    // 16 digits: the number the double holds is 1234567890123.456, but 16 digits do not
    // always round-trip, so every 16-digit number is refused.
    expect(refusal(() => toDecimal(1234567890123.456, 'amount'))).toEqual({
      code: 'invalid_amount',
      value: '1234567890123.456',
      reason: { code: 'inexact_binary_number', params: { name: 'amount' } },
    });
    expect(refusal(() => toDecimal(1000000000000001))).toMatchObject({ reason: { code: 'inexact_binary_number' } });
    // 0.1 + 0.2 = 0.30000000000000004: 17 digits.
    expect(refusal(() => toDecimal(0.1 + 0.2))).toMatchObject({ value: '0.30000000000000004', reason: { code: 'inexact_binary_number' } });
  });

  it('counts no trailing zeros: 1e21 and 120000 have one and two significant digits', () => {
    expect(toDecimal(120000).toString()).toBe('120000');
    expect(toDecimal(1e24).eq('1e24')).toBe(true); // 1 digit; 25 digits before the point
    expect(toDecimal(1.5e-19).eq('1.5e-19')).toBe(true); // 20 places
    // 1e21 is fine by digits; 1e25 is refused by magnitude, as its text would be.
    expect(toDecimal(1e21).eq('1e21')).toBe(true);
    expect(refusal(() => toDecimal(1e25))).toEqual({ code: 'invalid_amount', value: '1e+25', reason: { code: 'too_many_integer_digits', params: { max: '25', name: 'value' } } });
    expect(refusal(() => toDecimal(1e-21))).toMatchObject({ value: '1e-21', reason: { code: 'too_many_decimal_places' } });
  });

  it('refuses NaN and infinities, naming the value', () => {
    expect(refusal(() => toDecimal(Number.NaN, 'weights[0]'))).toEqual({ code: 'invalid_amount', value: 'NaN', reason: { code: 'not_finite', params: { name: 'weights[0]' } } });
    expect(refusal(() => toDecimal(Number.POSITIVE_INFINITY))).toEqual({ code: 'invalid_amount', value: 'Infinity', reason: { code: 'not_finite', params: { name: 'value' } } });
    expect(refusal(() => toDecimal(Number.NEGATIVE_INFINITY))).toMatchObject({ value: '-Infinity' });
  });

  it('the English reason starts with the name: "amount must be finite"', () => {
    try {
      toDecimal(Number.NaN, 'amount');
      expect.unreachable();
    } catch (e) {
      expect((e as FunnelError).message).toBe('Invalid amount NaN: amount must be finite.');
    }
  });

  it('zero is zero', () => {
    expect(toDecimal(0).isZero()).toBe(true);
    expect(toDecimal(0).constructor).toBe(Decimal);
  });
});

describe('toDecimal: strings', () => {
  it('trims spaces, then applies the text limits', () => {
    expect(toDecimal('  12.50 ').toString()).toBe('12.5');
    expect(toDecimal(' -1e3').toString()).toBe('-1000');
    expect(refusal(() => toDecimal('12,5', 'amount'))).toEqual({ code: 'invalid_amount', value: '12,5', reason: { code: 'not_a_decimal', params: { name: 'amount' } } });
  });

  it('does not trim a text past 100 characters, and shows only its first 40', () => {
    const long = `${' '.repeat(60)}1${' '.repeat(60)}`;
    expect(refusal(() => toDecimal(long))).toEqual({
      code: 'invalid_amount',
      value: `${' '.repeat(40)}…`,
      reason: { code: 'too_many_characters', params: { max: '100', name: 'value' } },
    });
    // 100 characters are trimmed and read.
    expect(toDecimal(`${' '.repeat(49)}1${' '.repeat(50)}`).toString()).toBe('1');
    // A text of exactly 40 characters is shown whole.
    const forty = `${'x'.repeat(40)}`;
    expect(refusal(() => toDecimal(forty))).toMatchObject({ value: forty });
  });
});

describe('toDecimal: Decimals', () => {
  it("uses the library's own Decimal as it is", () => {
    const d = new Decimal('2.5');
    expect(toDecimal(d)).toBe(d);
  });

  it("re-creates a foreign Decimal under the library's precision and rounding", () => {
    // A separate decimal.js constructor with 5 digits, rounding down.
    const Foreign = DecimalJs.clone({ precision: 5, rounding: DecimalJs.ROUND_DOWN });
    const x = new Foreign('1');
    const d = toDecimal(x);
    expect(d.constructor).toBe(Decimal);
    expect(d).not.toBe(x);
    expect(d.eq(1)).toBe(true);
    // Division takes the precision of its receiver: 1/3 at 40 digits, not 0.33333.
    expect(d.div(3).toString()).toBe(`0.${'3'.repeat(40)}`);
    // 2/3 rounds half-even at the 40th digit (…667), not down (…666).
    expect(toDecimal(new Foreign(2)).div(3).toString()).toBe(`0.${'6'.repeat(39)}7`);
  });

  it('refuses NaN and infinite Decimals, from any constructor', () => {
    expect(refusal(() => toDecimal(new DecimalJs(Number.NaN), 'amount'))).toEqual({ code: 'invalid_amount', value: 'NaN', reason: { code: 'not_finite', params: { name: 'amount' } } });
    expect(refusal(() => toDecimal(new Decimal(Number.POSITIVE_INFINITY)))).toEqual({ code: 'invalid_amount', value: 'Infinity', reason: { code: 'not_finite', params: { name: 'value' } } });
    expect(refusal(() => toDecimal(new DecimalJs('-Infinity')))).toMatchObject({ value: '-Infinity' });
  });

  it('accepts a finite Decimal beyond the text limits (it is the caller’s own computation)', () => {
    expect(toDecimal(new Decimal('1e30')).eq('1e30')).toBe(true);
  });
});

describe('toDecimal: anything else', () => {
  it('refuses other types, showing at most 40 characters of them', () => {
    for (const [value, shown] of [
      [null, 'null'],
      [undefined, 'undefined'],
      [true, 'true'],
      [{}, '[object Object]'],
      [10n, '10'],
      [['x'.repeat(50)], `${'x'.repeat(40)}…`],
    ] as const) {
      expect(refusal(() => toDecimal(value as never, 'ratio'))).toEqual({ code: 'invalid_amount', value: shown, reason: { code: 'must_be_decimal_like', params: { name: 'ratio' } } });
    }
  });

  it('refuses a value without a string form (a null-prototype object, a throwing toString) by its type, not with a TypeError', () => {
    const throwing = { toString: () => { throw new Error('no text'); } };
    for (const value of [Object.create(null), throwing]) {
      expect(refusal(() => toDecimal(value as never, 'ratio'))).toEqual({ code: 'invalid_amount', value: 'a value of type object', reason: { code: 'must_be_decimal_like', params: { name: 'ratio' } } });
    }
  });
});

describe('wire decimals (strings and numbers from JSON, CSV, SQL)', () => {
  it('wireDecimalProblem: the reason toDecimal would give, without a throw', () => {
    expect(wireDecimalProblem(' 1.5 ')).toBeUndefined();
    expect(wireDecimalProblem(0)).toBeUndefined();
    expect(wireDecimalProblem(-0.25)).toBeUndefined();
    expect(wireDecimalProblem(123456789012.345)).toBeUndefined(); // 15 digits
    expect(problem(wireDecimalProblem(1234567890123.456))).toEqual({ code: 'inexact_binary_number' }); // 16
    expect(problem(wireDecimalProblem(Number.NaN))).toEqual({ code: 'not_finite' });
    expect(problem(wireDecimalProblem(Number.NEGATIVE_INFINITY))).toEqual({ code: 'not_finite' });
    expect(problem(wireDecimalProblem(1e25))).toEqual({ code: 'too_many_integer_digits', params: { max: '25' } });
    expect(problem(wireDecimalProblem('1,5'))).toEqual({ code: 'not_a_decimal' });
    // Past 100 characters the text is not trimmed.
    expect(problem(wireDecimalProblem(`${' '.repeat(100)}1`))).toEqual({ code: 'too_many_characters', params: { max: '100' } });
    expect(wireDecimalProblem(`${' '.repeat(99)}1`)).toBeUndefined();
    for (const other of [null, undefined, true, {}, new Decimal(1)]) {
      expect(problem(wireDecimalProblem(other))).toEqual({ code: 'must_be_string_or_number' });
    }
  });

  it('isDecimalLike: decimal strings, exact numbers and finite Decimals of any constructor', () => {
    for (const yes of ['1.5', ' 1.5 ', '-0', 3, 0, 123456789012.345, new Decimal('1e40'), new DecimalJs('2')]) expect(isDecimalLike(yes), String(yes)).toBe(true);
    for (const no of ['x', '', 0.1 + 0.2, 1234567890123.456, Number.NaN, new DecimalJs(Number.NaN), new Decimal(Number.POSITIVE_INFINITY), null, undefined, {}, 1n]) {
      expect(isDecimalLike(no), String(no)).toBe(false);
    }
  });

  it("readWireDecimal: the library's Decimal, or the reason", () => {
    const a = readWireDecimal(' 12.50 ');
    expect(a).toBeInstanceOf(DecimalJs);
    expect((a as Decimal).constructor).toBe(Decimal);
    expect((a as Decimal).toString()).toBe('12.5');
    expect((readWireDecimal(0.25) as Decimal).toString()).toBe('0.25');
    expect((readWireDecimal('123456789012345.6789012345678901234') as Decimal).toFixed()).toBe('123456789012345.6789012345678901234');
    expect(problem(readWireDecimal('12,5') as Reason)).toEqual({ code: 'not_a_decimal' });
    expect(problem(readWireDecimal(0.1 + 0.2) as Reason)).toEqual({ code: 'inexact_binary_number' });
    expect(problem(readWireDecimal(null) as Reason)).toEqual({ code: 'must_be_string_or_number' });
  });
});
