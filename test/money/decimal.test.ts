import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { add, convert, Decimal, money, multiply, roundToMinor } from '../../src/index.js';

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

describe("a foreign Decimal is re-created under the library's settings", () => {
  it('an amount from a 5-digit, rounding-down decimal.js clone is still converted at 40 digits', () => {
    const Foreign = DecimalJs.clone({ precision: 5, rounding: DecimalJs.ROUND_DOWN });
    // A Money built by hand around the foreign Decimal (money() would re-create it itself).
    const m = { amount: new Foreign('2'), currency: 'USD' };
    // 2 USD at 3 USD per CNY: 2 × 1 / 3 = 0.666…, 40 digits rounded half-even (…7), not 0.66666.
    const cny = convert(m, 'CNY', { base: 'USD', rates: { CNY: '3' } });
    expect(cny.amount.toString()).toBe(`0.${'6'.repeat(39)}7`);
    expect(cny.amount.constructor).toBe(Decimal);
    expect(money(new Foreign('2'), 'USD').amount.constructor).toBe(Decimal);
  });

  it("the library's Decimal prints plainly above 10⁻⁵⁰ and below 10⁵⁰", () => {
    expect(new Decimal('1e-49').toString()).toBe(`0.${'0'.repeat(48)}1`);
    expect(new Decimal('1e-50').toString()).toBe('1e-50');
    expect(new Decimal('1e49').toString()).toBe(`1${'0'.repeat(49)}`);
    expect(new Decimal('1e50').toString()).toBe('1e+50');
    // Exponents up to ±9 × 10¹⁵ are representable.
    expect(new Decimal('1e9000000000000000').isFinite()).toBe(true);
    expect(new Decimal('1e-9000000000000000').isZero()).toBe(false);
  });
});
