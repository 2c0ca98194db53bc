import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { probabilityArb } from '../../src/testing/index.js';
import { expectInvalidOption } from './_badConstraint.js';

describe('probabilityArb', () => {
  it('lies in [0, 1] (or [min, max]) with at most scale digits', () => {
    fc.assert(
      fc.property(probabilityArb({ scale: 3 }), probabilityArb({ min: 0.2, max: 0.3 }), (p, q) => {
        expect(p.gte(0) && p.lte(1) && p.decimalPlaces() <= 3).toBe(true);
        expect(q.gte(0.2) && q.lte(0.3) && q.decimalPlaces() <= 2).toBe(true);
      }),
    );
  });

  it.each<[string, () => unknown]>([
    ['max', () => probabilityArb({ max: 2 })],
    ['min', () => probabilityArb({ min: -0.1 })],
    ['max', () => probabilityArb({ min: 0.5, max: 0.4 })],
  ])('bad constraints throw invalid_option { option: %s } at once', (option, make) => expectInvalidOption(make, option));
});
