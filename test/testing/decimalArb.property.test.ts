import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalArb } from '../../src/testing/index.js';
import { expectInvalidOption } from './_badConstraint.js';

describe('decimalArb', () => {
  it('stays within [min, max] with at most scale digits', () => {
    fc.assert(
      fc.property(decimalArb({ min: -5, max: 5, scale: 1 }), (d) => {
        expect(d.gte(-5) && d.lte(5) && d.decimalPlaces() <= 1).toBe(true);
      }),
    );
  });

  it('defaults: [0, 1 000 000], 2 digits', () => {
    fc.assert(
      fc.property(decimalArb(), (d) => {
        expect(d.gte(0) && d.lte(1_000_000) && d.decimalPlaces() <= 2).toBe(true);
      }),
    );
  });

  it.each<[string, () => unknown]>([
    ['max', () => decimalArb({ min: 2, max: 1 })],
    ['scale', () => decimalArb({ scale: 9 })],
    ['min', () => decimalArb({ min: Number.NaN })],
    ['max', () => decimalArb({ min: 0.001, max: 0.009, scale: 2 })],
    ['max', () => decimalArb({ max: 1e300 })],
  ])('bad constraints throw invalid_option { option: %s } at once', (option, make) => expectInvalidOption(make, option));
});
