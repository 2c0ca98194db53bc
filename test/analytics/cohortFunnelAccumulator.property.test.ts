import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohortFunnel, cohortFunnelAccumulator, dealColumns, type CohortFunnelOptions, type GroupKey, type Opportunity, type ZoneOptions } from '../../src/index.js';
import { cutsArb, expectAccumulatorLaws } from '../_accumulatorLaws.js';
import { day, dealsArb, goldenDeals, pipeline as goldenPipeline } from './_fixtures.js';

const instant = (lo: string, hi: string) => fc.date({ min: new Date(lo), max: new Date(hi), noInvalidDate: true });

const TEAMS = { 'rep-1': '华东一组', 'rep-2': '华东一组', 'rep-3': '华北组' };

/** Generated books (amount changes, suspensions, imports without `created`), some deals with a project type. */
const bookArb = fc
  .tuple(dealsArb(30), fc.array(fc.constantFrom(undefined, '新购', '续约'), { minLength: 30, maxLength: 30 }))
  .map(([{ pipeline, deals }, types]) => ({
    pipeline,
    deals: deals.map((o, i): Opportunity => (types[i] === undefined ? o : { ...o, attributes: { ...o.attributes, projectType: types[i] } })),
  }));

const optionsArb: fc.Arbitrary<CohortFunnelOptions> = fc
  .record({
    a: instant('2025-05-01T00:00:00Z', '2026-06-30T00:00:00Z'),
    b: instant('2025-05-01T00:00:00Z', '2026-06-30T00:00:00Z'),
    lateBy: fc.integer({ min: -60, max: 200 }),
    window: fc.constantFrom('both', 'from', 'to', 'none'),
    withAsOf: fc.boolean(),
    groupBy: fc.constantFrom(
      [],
      ['owner'],
      ['region', 'stage'],
      ['created_month'],
      ['period', 'owner'],
      ['project_type'],
      ['team'],
      ['stage', 'created_quarter', 'region'],
    ),
    period: fc.option(
      fc.record({ unit: fc.constantFrom('month' as const, 'quarter' as const, 'fiscal_quarter' as const), fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }) }),
      { nil: undefined },
    ),
    zone: fc.constantFrom<ZoneOptions>({}, { offsetMinutes: -300 }, { offsetMinutes: 480 }, { timeZone: 'Asia/Shanghai' }, { timeZone: 'America/New_York' }),
  })
  .map(({ a, b, lateBy, window, withAsOf, groupBy, period, zone }) => {
    const [from, to] = a <= b ? [a, b] : [b, a];
    return {
      ...(window === 'both' || window === 'from' ? { from } : {}),
      ...(window === 'both' || window === 'to' ? { to } : {}),
      ...(withAsOf ? { asOf: new Date(to.getTime() + lateBy * 86_400_000) } : {}),
      groupBy: groupBy as readonly GroupKey[],
      ...(period === undefined ? {} : { period }),
      ...zone,
      teams: TEAMS,
    };
  });

describe('cohortFunnelAccumulator and the column path', () => {
  it('columns, chunks and merged shards (accumulators, structured clones, JSON) all equal cohortFunnel over the whole book', () => {
    fc.assert(
      fc.property(bookArb, optionsArb, cutsArb, ({ pipeline, deals }, options, cuts) => {
        const whole = cohortFunnel(deals, pipeline, options);
        expectAccumulatorLaws(deals, pipeline, () => cohortFunnelAccumulator(pipeline, options), whole, cuts);
        // The batch function takes columns too.
        expect(cohortFunnel(dealColumns(deals, pipeline), pipeline, options)).toEqual(whole);
      }),
      { numRuns: 120 },
    );
  });

  it('refuses on columns what the columns cannot express, and shards with other settings', () => {
    fc.assert(
      fc.property(dealsArb(10), instant('2025-05-01T00:00:00Z', '2026-06-30T00:00:00Z'), ({ pipeline, deals }, from) => {
        const cols = dealColumns(deals, pipeline);
        const byFunction = cohortFunnelAccumulator(pipeline, { from, groupBy: [function size() { return 'big'; }] });
        expect(() => byFunction.add(cols)).toThrow(expect.objectContaining({ code: 'invalid_option' }));
        const golden = dealColumns(goldenDeals(), goldenPipeline);
        expect(() => cohortFunnelAccumulator(pipeline, { from }).add(golden)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        const a = cohortFunnelAccumulator(pipeline, { from }).add(cols);
        expect(() => a.merge(cohortFunnelAccumulator(pipeline, { from, groupBy: ['owner'] }))).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        expect(() => a.merge(cohortFunnelAccumulator(pipeline, {}).partial())).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
      }),
      { numRuns: 20 },
    );
  });
});

describe('cohortFunnel on columns — hand-checked', () => {
  it('the golden ledgers: the same funnels from columns', () => {
    const cols = dealColumns(goldenDeals(), goldenPipeline);
    for (const options of [{}, { asOf: day(16) }, { from: day(0), to: day(5), groupBy: ['region'] as const }, { asOf: day(40), groupBy: ['owner'] as const }]) {
      expect(cohortFunnel(cols, goldenPipeline, options)).toEqual(cohortFunnel(goldenDeals(), goldenPipeline, options));
    }
    // Every golden deal reached lead (d7, imported in need, counts as having passed it); d1 won.
    const f = cohortFunnel(cols, goldenPipeline, {});
    expect(f.total.created).toBe(9);
    expect(f.total.stages[0]!.reached).toBe(9);
    expect(f.total.won).toBe(1);
    expect(f.asOf).toEqual(day(35)); // the last event read: d6's creation and d8's resumption
  });
});
