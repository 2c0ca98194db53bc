import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, quotaFromPipeline } from '../../src/index.js';
import { pipelineWithDeals, sumOf } from './_arbitraries.js';
import { snapshot } from './_fixtures.js';

describe('quotaFromPipeline laws', () => {
  it('by territory, the quota is Σ amount × probability over the open deals; by owner, the same up to split rounding', () => {
    fc.assert(
      fc.property(pipelineWithDeals(true), ({ pipeline, deals }) => {
        const before = snapshot(deals);
        const open = deals.filter((d) => d.status === 'open');
        const expected = sumOf(
          open.map((d) => d.amount.amount.times(d.probabilityOverride ?? (pipeline.stages.find((s) => s.id === d.stageId)?.probability as Decimal))),
        );
        const byRegion = quotaFromPipeline(deals, pipeline, { groupBy: ['region'] });
        expect(byRegion.total.quota.amount.eq(expected)).toBe(true);
        expect(byRegion.total.quota.amount.eq(sumOf(byRegion.groups.map((g) => g.value.quota.amount)))).toBe(true);
        expect(byRegion.total.count).toBe(open.length);
        expect(byRegion.excluded.won + byRegion.excluded.lost + byRegion.excluded.suspended + open.length).toBe(deals.length);
        const byOwner = quotaFromPipeline(deals, pipeline);
        const splitDeals = open.filter((d) => d.splits !== undefined).length;
        expect(byOwner.total.quota.amount.minus(expected).abs().lte(new Decimal('0.005').times(splitDeals))).toBe(true);
        for (const g of byOwner.groups) expect(g.value.quota.amount.lte(g.value.pipeline.amount)).toBe(true);
        expect(snapshot(deals)).toBe(before);
      }),
      { numRuns: 200 },
    );
  });
});
