import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibration } from '../../src/index.js';

const pairsArb = fc.array(
  fc.record({ p: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 20 }).map((n) => n / 20)), o: fc.boolean() }),
  { minLength: 1, maxLength: 200 },
);

describe('calibration laws', () => {
  it('brier = reliability − resolution + uncertainty + withinBinVariance − withinBinCovariance', () => {
    fc.assert(
      fc.property(pairsArb, fc.integer({ min: 1, max: 25 }), (pairs, bins) => {
        const predictions = pairs.map((x) => x.p);
        const outcomes = pairs.map((x) => x.o);
        const before = JSON.stringify([predictions, outcomes]);
        const c = calibration(predictions, outcomes, { bins });
        expect(JSON.stringify([predictions, outcomes])).toBe(before);
        const parts = (c.reliability as number) - (c.resolution as number) + (c.uncertainty as number) + (c.withinBinVariance as number) - (c.withinBinCovariance as number);
        expect(Math.abs(parts - (c.brier as number))).toBeLessThan(1e-12);
        expect(c.brier as number).toBeGreaterThanOrEqual(0);
        expect(c.brier as number).toBeLessThanOrEqual(1);
        expect(c.reliability as number).toBeGreaterThanOrEqual(0);
        expect(c.resolution as number).toBeGreaterThanOrEqual(0);
        expect(c.withinBinVariance as number).toBeGreaterThanOrEqual(0);
        expect(c.bins.reduce((a, b) => a + b.count, 0)).toBe(pairs.length);
        for (const b of c.bins) {
          if (b.count === 0) continue;
          // a bucket's mean forecast lies inside the bucket
          expect(b.meanPredicted as number).toBeGreaterThanOrEqual(b.lower - 1e-12);
          expect(b.meanPredicted as number).toBeLessThanOrEqual(b.upper + 1e-12);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("Murphy's three parts alone add up when each bucket's forecasts are equal", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ k: fc.integer({ min: 0, max: 10 }), o: fc.constantFrom<0 | 1>(0, 1) }), { minLength: 1, maxLength: 200 }),
        (pairs) => {
          // forecasts on the bucket centres (k + ½)/11 of 11 buckets
          const c = calibration(pairs.map((x) => (x.k + 0.5) / 11), pairs.map((x) => x.o), { bins: 11 });
          expect(c.withinBinVariance as number).toBeLessThan(1e-24);
          expect(Math.abs(c.withinBinCovariance as number)).toBeLessThan(1e-12);
          expect(Math.abs((c.reliability as number) - (c.resolution as number) + (c.uncertainty as number) - (c.brier as number))).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });
});
