import { describe, expect, it } from 'vitest';

// Loads the money modules inside a test (this file imports nothing from src at its top), so
// that an error while a module loads (a broken currency table, a bad Decimal setting) fails a
// test. Elsewhere such an error fails the test files as they load, before any test runs:
// vitest reports those files as failed, but a mutation runner that counts failed tests sees
// none, and calls the mutant survived.
describe('the money modules load', () => {
  it('the currency table: 17 + 140 + 7 + 2 codes (0, 2, 3 and 4 digits)', async () => {
    const { CURRENCIES, minorUnitDigits } = await import('../../src/money/currency.js');
    expect(CURRENCIES.size).toBe(166);
    expect([minorUnitDigits('JPY'), minorUnitDigits('CNY'), minorUnitDigits('KWD'), minorUnitDigits('CLF')]).toEqual([0, 2, 3, 4]);
  });

  it("the library's Decimal: 40 digits, half-even, exponents up to ±9 × 10¹⁵", async () => {
    const { Decimal } = await import('../../src/_lib/decimalClone.js');
    expect(Decimal.precision).toBe(40);
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_EVEN);
    expect([Decimal.minE, Decimal.maxE, Decimal.toExpNeg, Decimal.toExpPos]).toEqual([-9e15, 9e15, -50, 50]);
  });
});
