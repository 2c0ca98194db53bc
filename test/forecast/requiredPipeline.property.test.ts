import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, money, requiredPipeline } from '../../src/index.js';
import { snapshot } from './_fixtures.js';

describe('requiredPipeline laws', () => {
  it('exact ≤ rounded, stages never need fewer deals than the stage below, and the exact plan yields the target', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 6 }),
        (target, avg, pcts) => {
          const input = {
            target: money(target, 'CNY'),
            averageDealSize: money(avg, 'CNY'),
            stageConversions: pcts.map((p, i) => ({ stage: `s${i}`, conversion: new Decimal(p).div(100) })),
          };
          const before = snapshot(input);
          const ceil = requiredPipeline(input);
          const exact = requiredPipeline({ ...input, rounding: 'exact' });
          expect(snapshot(input)).toBe(before);
          const c = [...ceil.stages.map((s) => s.deals as Decimal), ceil.wins as Decimal];
          const e = [...exact.stages.map((s) => s.deals as Decimal), exact.wins as Decimal];
          c.forEach((d, i) => {
            expect(d.isInteger()).toBe(true);
            expect(d.gte(e[i] as Decimal)).toBe(true);
            if (i > 0) expect(d.lte(c[i - 1] as Decimal)).toBe(true);
          });
          // Converting the exact top-of-funnel deals through every stage gives back the wins (to 30 digits).
          const top = e[0] as Decimal;
          const through = exact.stages.reduce((d, s) => d.times(s.conversion), top);
          expect(through.minus(exact.wins as Decimal).abs().lte(new Decimal('1e-25').times(Decimal.max(1, top)))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
