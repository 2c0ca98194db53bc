import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { add, Decimal, money, multiply, roundToMinor } from '../../src/index.js';

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
