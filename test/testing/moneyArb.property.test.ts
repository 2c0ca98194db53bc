import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minorUnitDigits } from '../../src/index.js';
import { moneyArb } from '../../src/testing/index.js';
import { expectInvalidOption } from './_badConstraint.js';

describe('moneyArb', () => {
  it('amounts in [min, max], in whole minor units of a listed currency', () => {
    fc.assert(
      fc.property(moneyArb({ currencies: ['JPY', 'KWD'], min: 5, max: 10 }), (m) => {
        expect(['JPY', 'KWD']).toContain(m.currency);
        expect(m.amount.gte(5) && m.amount.lte(10)).toBe(true);
        expect(m.amount.decimalPlaces()).toBeLessThanOrEqual(minorUnitDigits(m.currency));
      }),
    );
  });

  it.each<[string, () => unknown]>([
    ['currencies', () => moneyArb({ currencies: [] })],
    ['currencies', () => moneyArb({ currencies: ['XYZ' as never] })],
    ['max', () => moneyArb({ min: 10, max: 1 })],
  ])('bad constraints throw invalid_option { option: %s } at once', (option, make) => expectInvalidOption(make, option));
});
