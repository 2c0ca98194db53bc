import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { competingRisks, competingRisksAccumulator, dealColumns, type CompetingRisksOptions, type StageId } from '../../src/index.js';
import { cutsArb, expectAccumulatorLaws } from '../_accumulatorLaws.js';
import { dealsArb } from './_fixtures.js';

// The books of dealsArb are created from 2025-06-01 to 2026-03-31: asOf falls before,
// inside and after them (ledgers read part-way, deals created later left out).
const optionsArb = fc.record({
  asOf: fc.date({ min: new Date('2025-05-01T00:00:00Z'), max: new Date('2026-09-30T00:00:00Z'), noInvalidDate: true }),
  originIndex: fc.option(fc.nat({ max: 9 }), { nil: undefined }),
  horizonDays: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined, freq: 2 }),
  resolutionDays: fc.option(fc.constantFrom(0.5, 1, 7), { nil: undefined, freq: 2 }),
  groupBy: fc.constantFrom([], ['owner'], ['region', 'stage'], ['created_month'], ['period', 'owner'], ['project_type'], ['created_quarter', 'region']),
  offsetMinutes: fc.option(fc.constantFrom(-300, 0, 480), { nil: undefined }),
  period: fc.option(fc.constantFrom({ unit: 'month' as const }, { unit: 'year' as const }), { nil: undefined }),
});

/** The options drawn, with the origin an open stage of the generated pipeline. */
function optionsFor(openStageIds: readonly StageId[], o: typeof optionsArb extends fc.Arbitrary<infer T> ? T : never): CompetingRisksOptions {
  return {
    asOf: o.asOf,
    groupBy: o.groupBy as NonNullable<CompetingRisksOptions['groupBy']>,
    ...(o.originIndex === undefined ? {} : { origin: { stageId: openStageIds[o.originIndex % openStageIds.length]! } }),
    ...(o.horizonDays === undefined ? {} : { horizonDays: o.horizonDays }),
    ...(o.resolutionDays === undefined ? {} : { resolutionDays: o.resolutionDays }),
    ...(o.offsetMinutes === undefined ? {} : { offsetMinutes: o.offsetMinutes }),
    ...(o.period === undefined ? {} : { period: o.period }),
  };
}

describe('competingRisksAccumulator and the column path', () => {
  it('columns, chunks and merged shards (accumulators, structured clones, JSON) all equal competingRisks over the whole book, to the last digit', () => {
    fc.assert(
      fc.property(dealsArb(30), optionsArb, cutsArb, ({ pipeline, deals }, drawn, cuts) => {
        const options = optionsFor(pipeline.stages.filter((s) => s.kind === 'open').map((s) => s.id), drawn);
        const whole = competingRisks(deals, pipeline, options);
        // toEqual compares numbers with Object.is: the curves must be bit-identical,
        // whatever the chunking and the order of the shards.
        expectAccumulatorLaws(deals, pipeline, () => competingRisksAccumulator(pipeline, options), whole, cuts);
        // The batch function takes columns too; the input order changes nothing.
        expect(competingRisks(dealColumns(deals, pipeline), pipeline, options)).toEqual(whole);
        expect(competingRisks([...deals].reverse(), pipeline, options)).toEqual(whole);
      }),
      { numRuns: 120 },
    );
  });

  it('a merged result counts the deals of both shards; shards with other settings are refused', () => {
    fc.assert(
      fc.property(dealsArb(20), ({ pipeline, deals }) => {
        const asOf = '2026-04-01T00:00:00Z';
        const half = Math.floor(deals.length / 2);
        const left = competingRisksAccumulator(pipeline, { asOf }).add(deals.slice(0, half));
        const right = competingRisksAccumulator(pipeline, { asOf }).add(dealColumns(deals.slice(half), pipeline));
        const both = competingRisksAccumulator(pipeline, { asOf }).merge(right).merge(left.partial()).result();
        const [l, r] = [left.result().total, right.result().total];
        expect([both.total.deals, both.total.won, both.total.lost, both.total.open, both.total.excluded]).toEqual([
          l.deals + r.deals, l.won + r.won, l.lost + r.lost, l.open + r.open, l.excluded + r.excluded,
        ]);
        expect(both.total.deals + both.total.excluded).toBe(deals.length);
        // Merging left the merged shards unchanged.
        expect(left.result().total).toEqual(l);
        expect(() => left.merge(competingRisksAccumulator(pipeline, { asOf, horizonDays: 30 }))).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        expect(() => left.merge(competingRisksAccumulator(pipeline, { asOf, resolutionDays: 1 }).partial())).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a function grouping key on columns, and bad options at once', () => {
    fc.assert(
      fc.property(dealsArb(5), ({ pipeline, deals }) => {
        const acc = competingRisksAccumulator(pipeline, { asOf: '2026-04-01T00:00:00Z', groupBy: [(o) => o.ownerId] });
        expect(() => acc.add(dealColumns(deals, pipeline))).toThrow(expect.objectContaining({ code: 'invalid_option' }));
        const won = pipeline.stages.find((s) => s.kind === 'won')!.id;
        expect(() => competingRisksAccumulator(pipeline, { asOf: '2026-04-01T00:00:00Z', origin: { stageId: won } })).toThrow(expect.objectContaining({ code: 'stage_not_open' }));
        expect(() => competingRisksAccumulator(pipeline, { asOf: '2026-04-01T00:00:00Z', horizonDays: 0 })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
        expect(() => competingRisksAccumulator(pipeline, {} as CompetingRisksOptions)).toThrow(expect.objectContaining({ code: 'invalid_option' }));
      }),
      { numRuns: 5 },
    );
  });
});
