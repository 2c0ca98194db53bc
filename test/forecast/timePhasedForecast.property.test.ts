import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, money, plainDate, timePhasedForecast } from '../../src/index.js';
import { sumOf } from './_arbitraries.js';

const stagesArb = fc.array(
  fc.record({ cents: fc.nat({ max: 100_000_000 }), pct: fc.integer({ min: 0, max: 100 }), duration: fc.integer({ min: 0, max: 24 }) }),
  { minLength: 1, maxLength: 7 },
);

describe('timePhasedForecast laws', () => {
  it('total = Σ stages = Σ periods; expected wins ≤ amounts; higher stages never arrive earlier', () => {
    fc.assert(
      fc.property(stagesArb, fc.constantFrom('month' as const, 'quarter' as const, 'year' as const), (raw, unit) => {
        const f = timePhasedForecast(
          raw.map((r, i) => ({ stage: `s${i}`, amount: money(new Decimal(r.cents).div(100), 'CNY'), conversion: new Decimal(r.pct).div(100), duration: r.duration })),
          { startDate: plainDate('2026-01-31'), period: { unit } },
        );
        expect(f.total.amount.eq(sumOf(f.stages.map((s) => s.expectedWon.amount)))).toBe(true);
        expect(f.total.amount.eq(sumOf(f.periods.map((p) => p.expectedWon.amount)))).toBe(true);
        expect(f.periods.reduce((a, p) => a + p.stages.length, 0)).toBe(raw.length);
        f.stages.forEach((s, i) => {
          expect(s.expectedWon.amount.lte(s.amount.amount)).toBe(true);
          const next = f.stages[i + 1];
          if (next !== undefined) {
            expect(s.arrives >= next.arrives).toBe(true);
            expect(s.winProbability).toBeLessThanOrEqual(next.winProbability);
          }
        });
        for (let i = 1; i < f.periods.length; i++) expect((f.periods[i - 1]?.end as string) < (f.periods[i]?.start as string)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
