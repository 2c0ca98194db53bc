import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, opportunityAsOf, weightedForecast, type Opportunity, type WeightedForecastFigures } from '../../src/index.js';
import { groupingArb, pipelineWithDeals, sumOf } from './_arbitraries.js';
import { instantArb, ledgerBookArb } from './_ledgerArb.js';
import { snapshot } from './_fixtures.js';

const RUNS = { numRuns: 200 };

describe('weightedForecast laws', () => {
  it('the total equals the sum of its groups, exactly, for every grouping', () => {
    fc.assert(
      fc.property(pipelineWithDeals(true), groupingArb, ({ pipeline, deals }, g) => {
        const f = weightedForecast(deals, pipeline, { groupBy: g.groupBy, period: { unit: g.unit, fiscalYearStartMonth: g.fiscalYearStartMonth } });
        if (g.groupBy.length === 0) {
          expect(f.groups).toEqual([]);
          return;
        }
        for (const pick of [
          (r: WeightedForecastFigures) => r.amount.amount,
          (r: WeightedForecastFigures) => r.weighted.amount,
          (r: WeightedForecastFigures) => r.open.weighted.amount,
          (r: WeightedForecastFigures) => r.won.amount.amount,
          (r: WeightedForecastFigures) => r.lost.amount.amount,
        ]) {
          expect(pick(f.total).eq(sumOf(f.groups.map((x) => pick(x.value))))).toBe(true);
        }
        const rowCount = f.groups.reduce((a, x) => a + x.value.count, 0);
        const splitCredit = g.groupBy.includes('owner') && deals.some((d) => d.splits !== undefined);
        if (splitCredit) expect(rowCount).toBeGreaterThanOrEqual(f.total.count);
        else expect(rowCount).toBe(f.total.count);
      }),
      RUNS,
    );
  });

  it('accounts for every deal exactly once: in the total or unforecastable (open, won or lost), or suspended', () => {
    fc.assert(
      fc.property(pipelineWithDeals(true), groupingArb, ({ pipeline, deals }, g) => {
        const f = weightedForecast(deals, pipeline, { groupBy: g.groupBy });
        const u = f.unforecastable;
        expect(f.total.count + f.total.lost.count + u.count + u.lost.count + f.suspended.count).toBe(deals.length);
        expect(f.book.count + f.book.lost.count + f.suspended.count).toBe(deals.length);
        const listed = new Set([...u.opportunityIds, ...f.suspended.opportunityIds]);
        expect(listed.size).toBe(u.count + u.lost.count + f.suspended.count);
      }),
      RUNS,
    );
  });

  it('the book is total + unforecastable, status by status, and the same whatever the grouping (up to split rounding)', () => {
    fc.assert(
      fc.property(pipelineWithDeals(false), groupingArb, ({ pipeline, deals }, g) => {
        const f = weightedForecast(deals, pipeline, { groupBy: g.groupBy, period: { unit: g.unit, fiscalYearStartMonth: g.fiscalYearStartMonth } });
        const parts = (x: WeightedForecastFigures) => [x.open, x.won, x.lost, x];
        const [b, t, u] = [parts(f.book), parts(f.total), parts(f.unforecastable)];
        b.forEach((x, i) => {
          expect(x.count).toBe(t[i]!.count + u[i]!.count);
          expect(x.amount.amount.eq(t[i]!.amount.amount.plus(u[i]!.amount.amount))).toBe(true);
          expect(x.weighted.amount.eq(t[i]!.weighted.amount.plus(u[i]!.weighted.amount))).toBe(true);
        });
        // No splits here: the book does not depend on the grouping, and it is every open or won deal.
        const flat = weightedForecast(deals, pipeline).book;
        expect(f.book.weighted.amount.eq(flat.weighted.amount)).toBe(true);
        const openOrWon = deals.filter((d) => d.status === 'open' || d.status === 'won');
        expect(f.book.count).toBe(openOrWon.length);
        expect(f.book.amount.amount.eq(sumOf(openOrWon.map((d) => d.amount.amount)))).toBe(true);
      }),
      RUNS,
    );
  });

  it('weighted ≤ unweighted in every group and in total', () => {
    fc.assert(
      fc.property(pipelineWithDeals(true), groupingArb, ({ pipeline, deals }, g) => {
        const f = weightedForecast(deals, pipeline, { groupBy: g.groupBy });
        for (const r of [...f.groups.map((x) => x.value), f.total, f.unforecastable, f.book]) {
          expect(r.weighted.amount.lte(r.amount.amount)).toBe(true);
          expect(r.weighted.amount.gte(0)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('grouping never changes the total without splits; with splits only by rounding, ≤ half a fen per split deal', () => {
    fc.assert(
      fc.property(pipelineWithDeals(true), groupingArb, ({ pipeline, deals }, g) => {
        const flat = weightedForecast(deals, pipeline).total;
        const grouped = weightedForecast(deals, pipeline, { groupBy: g.groupBy }).total;
        const splitDeals = g.groupBy.includes('owner') ? deals.filter((d) => d.splits !== undefined).length : 0;
        // Generated amounts are whole fen, so split amounts add up to the deal amount exactly.
        expect(grouped.amount.amount.eq(flat.amount.amount)).toBe(true);
        const slack = new Decimal('0.005').times(splitDeals);
        expect(grouped.weighted.amount.minus(flat.weighted.amount).abs().lte(slack)).toBe(true);
        if (splitDeals === 0) expect(grouped.weighted.amount.eq(flat.weighted.amount)).toBe(true);
      }),
      RUNS,
    );
  });

  it('raising one open deal’s probability never lowers the forecast (and raises it by amount × Δp)', () => {
    fc.assert(
      fc.property(pipelineWithDeals(false), fc.nat(), fc.integer({ min: 0, max: 100 }), ({ pipeline, deals }, pick, raise) => {
        const open = deals.map((d, i) => [d, i] as const).filter(([d]) => d.status === 'open' && d.expectedCloseDate !== undefined);
        fc.pre(open.length > 0);
        const [target, index] = open[pick % open.length] as readonly [Opportunity, number];
        const stage = pipeline.stages.find((s) => s.id === target.stageId);
        const before = target.probabilityOverride ?? (stage?.probability as Decimal);
        const after = Decimal.min(1, before.plus(new Decimal(raise).div(100)));
        const raised = deals.map((d, i) => (i === index ? { ...d, probabilityOverride: after } : d));
        const f0 = weightedForecast(deals, pipeline, { groupBy: ['period', 'owner'] }).total.weighted.amount;
        const f1 = weightedForecast(raised, pipeline, { groupBy: ['period', 'owner'] }).total.weighted.amount;
        expect(f1.gte(f0)).toBe(true);
        expect(f1.minus(f0).eq(target.amount.amount.times(after.minus(before)))).toBe(true);
      }),
      RUNS,
    );
  });

  it('leaves its inputs unchanged', () => {
    fc.assert(
      fc.property(pipelineWithDeals(true), groupingArb, ({ pipeline, deals }, g) => {
        const before = snapshot({ pipeline, deals });
        weightedForecast(deals, pipeline, { groupBy: g.groupBy });
        expect(snapshot({ pipeline, deals })).toBe(before);
      }),
      { ...RUNS, numRuns: 100 },
    );
  });
});

describe('weightedForecast as of an instant, and its drill-down', () => {
  it('with an asOf after every event, equals the forecast without asOf', () => {
    fc.assert(
      fc.property(ledgerBookArb(), groupingArb, fc.nat({ max: 400 * 86_400_000 }), ({ pipeline, deals }, g, later) => {
        const last = Math.max(0, ...deals.flatMap((d) => d.history.map((e) => e.at.getTime())));
        const options = { groupBy: g.groupBy, period: { unit: g.unit, fiscalYearStartMonth: g.fiscalYearStartMonth } };
        expect(weightedForecast(deals, pipeline, { ...options, asOf: new Date(last + later) })).toEqual(weightedForecast(deals, pipeline, options));
      }),
      { numRuns: 100 },
    );
  });

  it('as of any instant, is the forecast of the deals rebuilt with opportunityAsOf', () => {
    fc.assert(
      fc.property(ledgerBookArb(), groupingArb, instantArb, ({ pipeline, deals }, g, asOf) => {
        const then = deals.flatMap((d) => opportunityAsOf(d, asOf, { pipeline }) ?? []);
        expect(weightedForecast(deals, pipeline, { groupBy: g.groupBy, asOf })).toEqual(weightedForecast(then, pipeline, { groupBy: g.groupBy }));
      }),
      { numRuns: 100 },
    );
  });

  it('lists as many deal ids as it counts, in every figure', () => {
    fc.assert(
      fc.property(pipelineWithDeals(true), groupingArb, ({ pipeline, deals }, g) => {
        const f = weightedForecast(deals, pipeline, { groupBy: g.groupBy, dealIds: true });
        for (const x of [f.total, f.book, f.unforecastable, ...f.groups.map((y) => y.value)]) {
          for (const t of [x, x.open, x.won, x.lost]) expect(t.dealIds?.length).toBe(t.count);
        }
      }),
      RUNS,
    );
  });
});
