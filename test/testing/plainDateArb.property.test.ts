import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainDate } from '../../src/index.js';
import { plainDateArb } from '../../src/testing/index.js';
import { expectInvalidOption } from './_badConstraint.js';

describe('plainDateArb', () => {
  it('valid dates in [min, max], leap days included', () => {
    fc.assert(
      fc.property(plainDateArb({ min: '2028-02-01', max: '2028-03-01' }), (date) => {
        expect(isPlainDate(date) && date >= '2028-02-01' && date <= '2028-03-01').toBe(true);
      }),
    );
    const all = new Set(fc.sample(plainDateArb({ min: '2028-02-28', max: '2028-03-01' }), { numRuns: 200 }));
    expect([...all].sort()).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
  });

  it.each<[string, () => unknown]>([
    ['min', () => plainDateArb({ min: '2026-02-30' })],
    ['max', () => plainDateArb({ min: '2026-03-01', max: '2026-02-28' })],
  ])('bad constraints throw invalid_option { option: %s } at once', (option, make) => expectInvalidOption(make, option));
});
