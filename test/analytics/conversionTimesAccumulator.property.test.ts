import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversionTimes, conversionTimesAccumulator, dealColumns, type ConversionTimesOptions } from '../../src/index.js';
import { cutsArb, expectAccumulatorLaws } from '../_accumulatorLaws.js';
import { dealsArb } from './_fixtures.js';

// The books of dealsArb are created from 2025-06-01 to 2026-03-31: asOf falls before,
// inside and after them (ledgers read part-way, open stays censored at asOf).
const optionsArb: fc.Arbitrary<ConversionTimesOptions> = fc
  .record({
    asOf: fc.date({ min: new Date('2025-05-01T00:00:00Z'), max: new Date('2026-09-30T00:00:00Z'), noInvalidDate: true }),
    resolutionDays: fc.option(fc.constantFrom(0.5, 1, 7), { nil: undefined, freq: 2 }),
    groupBy: fc.constantFrom([], ['owner'], ['region', 'stage'], ['created_month'], ['period', 'owner'], ['project_type'], ['created_quarter', 'region']),
    offsetMinutes: fc.option(fc.constantFrom(-300, 0, 480), { nil: undefined }),
    period: fc.option(fc.constantFrom({ unit: 'month' as const }, { unit: 'quarter' as const }), { nil: undefined }),
  })
  .map(({ asOf, resolutionDays, groupBy, offsetMinutes, period }) => ({
    asOf,
    groupBy: groupBy as NonNullable<ConversionTimesOptions['groupBy']>,
    ...(resolutionDays === undefined ? {} : { resolutionDays }),
    ...(offsetMinutes === undefined ? {} : { offsetMinutes }),
    ...(period === undefined ? {} : { period }),
  }));

describe('conversionTimesAccumulator and the column path', () => {
  it('columns, chunks and merged shards (accumulators, structured clones, JSON) all equal conversionTimes over the whole book, to the last digit', () => {
    fc.assert(
      fc.property(dealsArb(30), optionsArb, cutsArb, ({ pipeline, deals }, options, cuts) => {
        const whole = conversionTimes(deals, pipeline, options);
        // toEqual compares numbers with Object.is: means and Kaplan–Meier estimates must
        // be bit-identical, whatever the chunking and the order of the shards.
        expectAccumulatorLaws(deals, pipeline, () => conversionTimesAccumulator(pipeline, options), whole, cuts);
        // The batch function takes columns too.
        expect(conversionTimes(dealColumns(deals, pipeline), pipeline, options)).toEqual(whole);
        // Reversed input, and the stays of one shard merged twice over in the other order.
        expect(conversionTimes([...deals].reverse(), pipeline, options)).toEqual(whole);
      }),
      { numRuns: 120 },
    );
  });

  it('a merged result counts the stays of both shards; shards with other settings are refused', () => {
    fc.assert(
      fc.property(dealsArb(20), ({ pipeline, deals }) => {
        const asOf = '2026-04-01T00:00:00Z';
        const half = Math.floor(deals.length / 2);
        const left = conversionTimesAccumulator(pipeline, { asOf }).add(deals.slice(0, half));
        const right = conversionTimesAccumulator(pipeline, { asOf }).add(dealColumns(deals.slice(half), pipeline));
        const both = conversionTimesAccumulator(pipeline, { asOf }).merge(right).merge(left.partial()).result();
        const [l, r] = [left.result(), right.result()];
        both.total.forEach((s, i) => {
          expect(s.stays).toBe(l.total[i]!.stays + r.total[i]!.stays);
          expect(s.skipped).toBe(l.total[i]!.skipped + r.total[i]!.skipped);
        });
        // Merging left the merged shards unchanged.
        expect(left.result()).toEqual(l);
        expect(() => left.merge(conversionTimesAccumulator(pipeline, { asOf: '2026-05-01T00:00:00Z' }))).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        expect(() => left.merge(conversionTimesAccumulator(pipeline, { asOf, resolutionDays: 1 }).partial())).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a function grouping key on columns, and bad options at once', () => {
    fc.assert(
      fc.property(dealsArb(5), ({ pipeline, deals }) => {
        const acc = conversionTimesAccumulator(pipeline, { asOf: '2026-04-01T00:00:00Z', groupBy: [(o) => o.ownerId] });
        expect(() => acc.add(dealColumns(deals, pipeline))).toThrow(expect.objectContaining({ code: 'invalid_option' }));
        expect(() => conversionTimesAccumulator(pipeline, { asOf: '2026-04-01T00:00:00Z', resolutionDays: 0 })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
        expect(() => conversionTimesAccumulator(pipeline, {} as ConversionTimesOptions)).toThrow(expect.objectContaining({ code: 'invalid_option' }));
      }),
      { numRuns: 5 },
    );
  });
});
