import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, funnelSnapshot, timePhasedForecastFromDeals } from '../../src/index.js';
import { dealsArb, snapshotOf } from '../analytics/_fixtures.js';

const instant = fc.date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2026-06-30T00:00:00Z'), noInvalidDate: true });

describe('timePhasedForecastFromDeals laws over generated books', () => {
  it('forecast stages are a bottom run of the funnel; with the left-out ones they hold the snapshot; expected wins in whole fen add up to the total exactly', () => {
    fc.assert(
      fc.property(dealsArb(), instant, fc.constantFrom('mean' as const, 'median' as const), ({ pipeline, deals }, asOf, duration) => {
        const before = snapshotOf(deals);
        const f = timePhasedForecastFromDeals(deals, pipeline, { asOf, duration });
        expect(snapshotOf(deals)).toBe(before);

        const flags = f.inputs.map((s) => s.forecast);
        const first = flags.indexOf(true);
        if (first >= 0) expect(flags.slice(first).every(Boolean)).toBe(true);
        f.inputs.forEach((s) => {
          if (s.forecast) expect(s.conversion !== null && s.durationDays !== null).toBe(true);
        });
        const lastUnknown = f.inputs.map((s) => s.conversion === null || s.durationDays === null).lastIndexOf(true);
        expect(first < 0 ? f.inputs.length : first).toBe(lastUnknown + 1);

        const snap = funnelSnapshot(deals, pipeline, { asOf }).total;
        const forecastAmount = f.stages.reduce((d, s) => d.plus(s.amount.amount), new Decimal(0));
        expect(forecastAmount.plus(f.unforecastable.amount.amount).eq(snap.amount.amount)).toBe(true);
        // Expected wins are in whole fen (conversions such as 2/7 are rounded once), and the
        // stages and the periods add up to the total exactly.
        const expected = f.stages.reduce((d, s) => d.plus(s.expectedWon.amount), new Decimal(0));
        expect(expected.eq(f.total.amount)).toBe(true);
        const byPeriod = f.periods.reduce((d, p) => d.plus(p.expectedWon.amount), new Decimal(0));
        expect(byPeriod.eq(f.total.amount)).toBe(true);
        for (const m of [f.total, ...f.stages.map((s) => s.expectedWon), ...f.periods.map((p) => p.expectedWon)]) {
          expect(m.amount.decimalPlaces()).toBeLessThanOrEqual(2);
        }
        // Each stage is within one fen of amount × win probability (the probability as a number).
        for (const s of f.stages) {
          const exact = s.amount.amount.times(s.winProbability);
          expect(s.expectedWon.amount.minus(exact).abs().lte(new Decimal('0.01').plus(exact.abs().times('1e-12')))).toBe(true);
        }
        expect(f.total.amount.lte(forecastAmount)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });
});
