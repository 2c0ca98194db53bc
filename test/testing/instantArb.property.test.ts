import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantArb } from '../../src/testing/index.js';
import { expectInvalidOption } from './_badConstraint.js';

describe('instantArb', () => {
  it('whole-second instants from the start of min to the start of max (UTC)', () => {
    fc.assert(
      fc.property(instantArb({ min: '2026-01-01', max: '2026-06-30' }), (d) => {
        expect(d.getTime() % 1000).toBe(0);
        expect(d.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-01-01T00:00:00Z'));
        expect(d.getTime()).toBeLessThanOrEqual(Date.parse('2026-06-30T00:00:00Z'));
      }),
    );
  });

  it.each<[string, () => unknown]>([
    ['max', () => instantArb({ max: '2026-13-01' })],
    ['max', () => instantArb({ min: '2026-02-01', max: '2026-01-31' })],
  ])('bad constraints throw invalid_option { option: %s } at once', (option, make) => expectInvalidOption(make, option));
});
