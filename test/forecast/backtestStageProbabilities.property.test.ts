import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtestStageProbabilities } from '../../src/index.js';
import { opportunityArb, pipelineArb } from '../../src/testing/index.js';

const bookArb = pipelineArb({ maxOpenStages: 5 }).chain((pipeline) =>
  fc.record({ pipeline: fc.constant(pipeline), deals: fc.array(opportunityArb({ pipeline, startAnywhere: true, maxSteps: 12 }), { maxLength: 25 }) }),
);

describe('backtestStageProbabilities laws (generated ledgers)', () => {
  it('counts add up; each stage is one forecast value, so reliability = (p − win rate)² and resolution = 0', () => {
    fc.assert(
      fc.property(bookArb, ({ pipeline, deals }) => {
        const before = JSON.stringify(deals);
        const b = backtestStageProbabilities(deals, pipeline);
        const passed = backtestStageProbabilities(deals, pipeline, { skippedStages: 'passed' });
        expect(JSON.stringify(deals)).toBe(before);
        expect(b.deals).toBe(deals.filter((o) => o.status === 'won' || o.status === 'lost').length);
        expect(b.overall.count).toBe(b.stages.reduce((a, s) => a + s.deals, 0));
        b.stages.forEach((s, i) => {
          expect(s.won).toBeLessThanOrEqual(s.deals);
          expect(s.deals).toBeLessThanOrEqual(b.deals);
          expect(passed.stages[i]?.deals).toBeGreaterThanOrEqual(s.deals);
          if (s.deals === 0) {
            expect(s.suggestedProbability).toBeNull();
            return;
          }
          const rate = s.won / s.deals;
          expect(s.suggestedProbability).toBe(rate);
          expect(Math.abs((s.calibration.reliability as number) - (s.probability - rate) ** 2)).toBeLessThan(1e-12);
          expect(s.calibration.resolution).toBeCloseTo(0, 12);
        });
      }),
      { numRuns: 150 },
    );
  });
});
