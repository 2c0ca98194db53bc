import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  convert,
  Decimal,
  FunnelError,
  minorUnitDigits,
  money,
  multiply,
  roundToMinor,
  subtract,
  sum,
} from '../../src/index.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof FunnelError ? e.code : `not a FunnelError: ${String(e)}`;
  }
  return undefined;
}

describe('money()', () => {
  it('accepts decimal strings, exact numbers and Decimals', () => {
    expect(money('1000000.00', 'CNY').amount.toFixed(2)).toBe('1000000.00');
    expect(money(0.25, 'CNY').amount.toString()).toBe('0.25');
    expect(money(new DecimalJs('12.5'), 'USD').amount.toString()).toBe('12.5');
    expect(money('-3', 'JPY').amount.toString()).toBe('-3');
  });

  it('rejects non-finite numbers, inexact binary numbers and malformed strings', () => {
    expect(code(() => money(Number.NaN, 'CNY'))).toBe('invalid_amount');
    expect(code(() => money(Number.POSITIVE_INFINITY, 'CNY'))).toBe('invalid_amount');
    // 0.1 + 0.2 is 0.30000000000000004: 17 significant digits, not what anyone meant
    expect(code(() => money(0.1 + 0.2, 'CNY'))).toBe('invalid_amount');
    // 2^53 + 2 has 16 significant digits: beyond what a double carries exactly in every case
    expect(code(() => money(9007199254740994, 'CNY'))).toBe('invalid_amount');
    expect(code(() => money('12,5', 'CNY'))).toBe('invalid_amount');
    expect(code(() => money('abc', 'CNY'))).toBe('invalid_amount');
    expect(code(() => money(new DecimalJs(Number.NaN), 'CNY'))).toBe('invalid_amount');
  });

  it('rejects unknown currencies', () => {
    expect(code(() => money('1', 'RMB'))).toBe('unknown_currency');
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('KWD')).toBe(3);
    expect(minorUnitDigits('CNY')).toBe(2);
  });
});

describe('arithmetic', () => {
  it('adds, subtracts and multiplies exactly', () => {
    expect(add(money('0.1', 'CNY'), money('0.2', 'CNY')).amount.toString()).toBe('0.3');
    expect(subtract(money('100', 'CNY'), money('25.5', 'CNY')).amount.toString()).toBe('74.5');
    // SEEDS: 100 万 × 25 % = 25 万
    expect(multiply(money('1000000', 'CNY'), '0.25').amount.toString()).toBe('250000');
    // the global decimal.js default is 20 digits: the ratio is kept exactly as given
    expect(multiply(money('1', 'CNY'), new DecimalJs(1).div(3)).amount.toString()).toBe('0.33333333333333333333');
    // our own division carries 40 significant digits
    expect(multiply(money('1', 'CNY'), new Decimal(1).div(3)).amount.toString()).toBe('0.3333333333333333333333333333333333333333');
  });

  it('never mixes currencies silently', () => {
    expect(code(() => add(money('1', 'CNY'), money('1', 'USD')))).toBe('currency_mismatch');
    expect(code(() => subtract(money('1', 'CNY'), money('1', 'USD')))).toBe('currency_mismatch');
    expect(code(() => compare(money('1', 'CNY'), money('1', 'USD')))).toBe('currency_mismatch');
    expect(code(() => sum([money('1', 'CNY'), money('1', 'USD')]))).toBe('currency_mismatch');
  });

  it('compares by value', () => {
    expect(compare(money('1.0', 'CNY'), money('1', 'CNY'))).toBe(0);
    expect(compare(money('0.99', 'CNY'), money('1', 'CNY'))).toBe(-1);
    expect(compare(money('2', 'CNY'), money('1', 'CNY'))).toBe(1);
  });

  it('sums, converting with rates when given', () => {
    const rates = { base: 'CNY', rates: { USD: '7.10', EUR: '7.80' } };
    // 100 + 10 × 7.10 + 10 × 7.80 = 249
    expect(sum([money('100', 'CNY'), money('10', 'USD'), money('10', 'EUR')], { rates }).amount.toString()).toBe('249');
    expect(sum([], { currency: 'CNY' }).amount.toString()).toBe('0');
    expect(code(() => sum([]))).toBe('invalid_argument');
  });

  it('converts through the base currency', () => {
    const rates = { base: 'CNY', rates: { USD: '7.10', EUR: '7.80' } };
    expect(convert(money('100', 'USD'), 'CNY', rates).amount.toString()).toBe('710');
    expect(convert(money('710', 'CNY'), 'USD', rates).amount.toString()).toBe('100');
    // 78 EUR = 608.4 CNY = 85.690140845... USD
    expect(convert(money('78', 'EUR'), 'USD', rates).amount.toDecimalPlaces(6).toString()).toBe('85.690141');
    expect(code(() => convert(money('1', 'JPY'), 'CNY', rates))).toBe('missing_rate');
    expect(code(() => convert(money('1', 'USD'), 'CNY', { base: 'CNY', rates: { USD: '0' } }))).toBe('invalid_amount');
  });

  it('rounds to the minor unit with a named mode', () => {
    expect(roundToMinor(money('2.345', 'CNY')).amount.toFixed(2)).toBe('2.34');
    expect(roundToMinor(money('2.355', 'CNY')).amount.toFixed(2)).toBe('2.36');
    expect(roundToMinor(money('2.345', 'CNY'), 'half_up').amount.toFixed(2)).toBe('2.35');
    expect(roundToMinor(money('2.345', 'CNY'), 'half_down').amount.toFixed(2)).toBe('2.34');
    expect(roundToMinor(money('-2.341', 'CNY'), 'floor').amount.toFixed(2)).toBe('-2.35');
    expect(roundToMinor(money('-2.349', 'CNY'), 'ceil').amount.toFixed(2)).toBe('-2.34');
    expect(roundToMinor(money('2.341', 'CNY'), 'up').amount.toFixed(2)).toBe('2.35');
    expect(roundToMinor(money('2.349', 'CNY'), 'down').amount.toFixed(2)).toBe('2.34');
    expect(roundToMinor(money('1234.5', 'JPY')).amount.toString()).toBe('1234');
    expect(code(() => roundToMinor(money('1', 'CNY'), 'nearest' as never))).toBe('invalid_option');
  });

  it('never changes its arguments', () => {
    const a = money('1.5', 'CNY');
    const b = money('2.5', 'CNY');
    add(a, b);
    multiply(a, '3');
    roundToMinor(b);
    expect(a.amount.toString()).toBe('1.5');
    expect(b.amount.toString()).toBe('2.5');
  });
});

describe('decimal configuration is private', () => {
  it("results do not change when the user's global decimal.js is configured strangely", () => {
    const saved = { precision: DecimalJs.precision, rounding: DecimalJs.rounding, toExpNeg: DecimalJs.toExpNeg, toExpPos: DecimalJs.toExpPos };
    try {
      DecimalJs.set({ precision: 3, rounding: DecimalJs.ROUND_DOWN, toExpNeg: -1, toExpPos: 1 });
      // A user-made Decimal under that config, passed in: still computed at 40 digits.
      const third = new DecimalJs(1).div(3); // 0.333 under precision 3
      expect(multiply(money('1000000', 'CNY'), '0.123456789').amount.toString()).toBe('123456.789');
      expect(add(money('1234567.891', 'CNY'), money('0.009', 'CNY')).amount.toString()).toBe('1234567.9');
      expect(multiply(money('3', 'CNY'), third).amount.toString()).toBe('0.999');
      expect(roundToMinor(money('2.345', 'CNY')).amount.toFixed(2)).toBe('2.34');
      expect(Decimal.precision).toBe(40);
      expect(Decimal.rounding).toBe(DecimalJs.ROUND_HALF_EVEN);
    } finally {
      DecimalJs.set(saved);
    }
  });

  it('the library never reconfigures the global constructor', () => {
    const before = { precision: DecimalJs.precision, rounding: DecimalJs.rounding };
    add(money('1', 'CNY'), money('2', 'CNY'));
    roundToMinor(money('2.5', 'JPY'), 'half_up');
    expect({ precision: DecimalJs.precision, rounding: DecimalJs.rounding }).toEqual(before);
  });
});
