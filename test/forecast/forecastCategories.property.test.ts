import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastCategories, weightedForecast, type ForecastCategory } from '../../src/index.js';
import { groupingArb, pipelineWithDeals, sumOf } from './_arbitraries.js';
import { ledgerBookArb } from './_ledgerArb.js';

const RUNS = { numRuns: 200 };
const ALL: readonly ForecastCategory[] = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'];

describe('forecastCategories laws', () => {
  it('the categories partition the deals weightedForecast counts (open, won and lost)', () => {
    fc.assert(
      fc.property(pipelineWithDeals(true), groupingArb, ({ pipeline, deals }, g) => {
        const c = forecastCategories(deals, pipeline, { groupBy: g.groupBy }).total.categories;
        const wf = weightedForecast(deals, pipeline, { groupBy: g.groupBy });
        const cf = forecastCategories(deals, pipeline, { groupBy: g.groupBy });
        for (const [c2, w] of [
          [c, wf.total],
          [cf.unforecastable.categories, wf.unforecastable],
          [cf.book.categories, wf.book],
        ] as const) {
          expect(ALL.reduce((a, k) => a + c2[k].count, 0)).toBe(w.count + w.lost.count);
          expect(sumOf(ALL.map((k) => c2[k].amount.amount)).eq(w.amount.amount.plus(w.lost.amount.amount))).toBe(true);
          expect(sumOf(ALL.map((k) => c2[k].weighted.amount)).eq(w.weighted.amount)).toBe(true);
          // Closed is exactly the won deals.
          expect(c2.closed.amount.amount.eq(w.won.amount.amount)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('roll-ups are nested (closed ≤ commit ≤ best case) and the total is the sum of the rows', () => {
    fc.assert(
      fc.property(pipelineWithDeals(true), groupingArb, ({ pipeline, deals }, g) => {
        const f = forecastCategories(deals, pipeline, { groupBy: g.groupBy });
        for (const r of [...f.groups.map((x) => x.value), f.total, f.book]) {
          expect(r.rollups.closed.amount.amount.lte(r.rollups.commit.amount.amount)).toBe(true);
          expect(r.rollups.commit.amount.amount.lte(r.rollups.bestCase.amount.amount)).toBe(true);
          expect(r.rollups.openPipeline.amount.amount.plus(r.rollups.closed.amount.amount).gte(r.rollups.bestCase.amount.amount)).toBe(true);
        }
        if (g.groupBy.length === 0) return;
        for (const k of ALL) {
          expect(f.total.categories[k].amount.amount.eq(sumOf(f.groups.map((x) => x.value.categories[k].amount.amount)))).toBe(true);
          expect(f.total.categories[k].weighted.amount.eq(sumOf(f.groups.map((x) => x.value.categories[k].weighted.amount)))).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe('forecastCategories as of an instant, and its drill-down', () => {
  it('with an asOf after every event, equals the categories without asOf', () => {
    fc.assert(
      fc.property(ledgerBookArb(), groupingArb, fc.nat({ max: 400 * 86_400_000 }), ({ pipeline, deals }, g, later) => {
        const last = Math.max(0, ...deals.flatMap((d) => d.history.map((e) => e.at.getTime())));
        expect(forecastCategories(deals, pipeline, { groupBy: g.groupBy, asOf: new Date(last + later) })).toEqual(forecastCategories(deals, pipeline, { groupBy: g.groupBy }));
      }),
      { numRuns: 100 },
    );
  });

  it('lists as many deal ids as it counts, in every category and roll-up', () => {
    fc.assert(
      fc.property(pipelineWithDeals(true), groupingArb, ({ pipeline, deals }, g) => {
        const f = forecastCategories(deals, pipeline, { groupBy: g.groupBy, dealIds: true });
        for (const x of [f.total, f.book, f.unforecastable, ...f.groups.map((y) => y.value)]) {
          for (const t of [...Object.values(x.categories), ...Object.values(x.rollups)]) expect(t.dealIds?.length).toBe(t.count);
        }
      }),
      RUNS,
    );
  });
});
