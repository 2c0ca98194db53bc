import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealColumns, stageFlow, stageFlowAccumulator, type GroupKey, type StageFlowOptions } from '../../src/index.js';
import { cutsArb, expectAccumulatorLaws } from '../_accumulatorLaws.js';
import { dealsArb } from './_fixtures.js';

const instant = (lo: string, hi: string) => fc.date({ min: new Date(lo), max: new Date(hi), noInvalidDate: true });

const optionsArb: fc.Arbitrary<StageFlowOptions> = fc
  .record({
    a: instant('2025-05-01T00:00:00Z', '2026-06-30T00:00:00Z'),
    b: instant('2025-05-01T00:00:00Z', '2026-06-30T00:00:00Z'),
    lateBy: fc.integer({ min: 0, max: 200 }),
    withAsOf: fc.boolean(),
    window: fc.boolean(),
    cohort: fc.constantFrom('stage_entry' as const, 'created' as const),
    skipped: fc.constantFrom('passed' as const, 'excluded' as const),
    stallAfterDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    groupBy: fc.constantFrom([], ['owner'], ['region', 'stage'], ['created_month'], ['period', 'owner'], ['project_type']),
    offsetMinutes: fc.option(fc.constantFrom(-300, 0, 480), { nil: undefined }),
  })
  .map(({ a, b, lateBy, withAsOf, window, cohort, skipped, stallAfterDays, groupBy, offsetMinutes }) => {
    const [from, to] = a <= b ? [a, b] : [b, a];
    return {
      ...(window ? { from, to } : {}),
      ...(withAsOf ? { asOf: new Date(to.getTime() + lateBy * 86_400_000) } : {}),
      cohort,
      skipped,
      ...(stallAfterDays === undefined ? {} : { stallAfterDays }),
      groupBy: groupBy as readonly GroupKey[],
      ...(offsetMinutes === undefined ? {} : { offsetMinutes }),
    };
  });

describe('stageFlowAccumulator and the column path', () => {
  it('columns, chunks and merged shards (accumulators, structured clones, JSON) all equal stageFlow over the whole book', () => {
    fc.assert(
      fc.property(dealsArb(30), optionsArb, cutsArb, ({ pipeline, deals }, options, cuts) => {
        const whole = stageFlow(deals, pipeline, options);
        expectAccumulatorLaws(deals, pipeline, () => stageFlowAccumulator(pipeline, options), whole, cuts);
        // The batch function takes columns too.
        expect(stageFlow(dealColumns(deals, pipeline), pipeline, options)).toEqual(whole);
      }),
      { numRuns: 120 },
    );
  });

  it('a stage flow of two shards counts every entry of both: entered adds up', () => {
    fc.assert(
      fc.property(dealsArb(20), dealsArb(20), ({ pipeline, deals }, other) => {
        const asOf = '2026-04-01T00:00:00Z';
        const a = stageFlowAccumulator(pipeline, { asOf }).add(deals);
        const half = Math.floor(deals.length / 2);
        const left = stageFlowAccumulator(pipeline, { asOf }).add(deals.slice(0, half)).result();
        const right = stageFlowAccumulator(pipeline, { asOf }).add(deals.slice(half)).result();
        a.result().total.stages.forEach((r, i) => expect(r.entered).toBe(left.total.stages[i]!.entered + right.total.stages[i]!.entered));
        // A shard built with other options (or another pipeline) is refused, not folded in.
        expect(() => a.merge(stageFlowAccumulator(pipeline, { asOf: '2026-05-01T00:00:00Z' }))).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        if (other.pipeline.id !== pipeline.id || other.pipeline.stages.length !== pipeline.stages.length) {
          expect(() => a.merge(stageFlowAccumulator(other.pipeline, { asOf }).partial())).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        }
      }),
      { numRuns: 40 },
    );
  });
});
