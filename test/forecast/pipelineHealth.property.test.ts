import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { funnelSnapshot, HEALTH_CODES, pipelineHealth } from '../../src/index.js';
import { pipelineWithDeals } from './_arbitraries.js';

const RUNS = { numRuns: 100 };
const asOfArb = fc.date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2026-09-30T00:00:00Z'), noInvalidDate: true });

describe('pipelineHealth laws over generated books', () => {
  it('open deals agree with the snapshot funnel; groups add up to the total; counts match the findings', () => {
    fc.assert(
      fc.property(pipelineWithDeals(false), asOfArb, fc.boolean(), ({ pipeline, deals }, asOf, grouped) => {
        const options = { asOf, ...(grouped ? { groupBy: ['owner'] as const } : {}) };
        const health = pipelineHealth(deals, pipeline, options);
        expect(health.total.openDeals).toBe(funnelSnapshot(deals, pipeline, { asOf }).total.count);
        if (grouped) expect(health.groups.reduce((n, g) => n + g.value.openDeals, 0)).toBe(health.total.openDeals);
        for (const report of [health.total, ...health.groups.map((g) => g.value)]) {
          expect(Object.keys(report.counts)).toEqual([...HEALTH_CODES]);
          expect(Object.values(report.counts).reduce((a, b) => a + b, 0)).toBe(report.findings.length);
          expect(report.counts.too_few_open_deals).toBe(report.openDeals < 15 ? 1 : 0);
          for (const f of report.findings) expect(f.message).not.toMatch(/\{\w+\}/);
        }
        // Every stalled deal the total reports is in exactly one group.
        if (grouped) {
          const stalled = (fs: typeof health.total.findings) => fs.filter((f) => f.opportunityId !== undefined).map((f) => f.opportunityId).sort();
          expect(health.groups.flatMap((g) => stalled(g.value.findings)).sort()).toEqual(stalled(health.total.findings));
        }
      }),
      RUNS,
    );
  });
});
