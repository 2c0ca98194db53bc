import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealColumns, forecastCategories, forecastCategoriesAccumulator, weightedForecast, weightedForecastAccumulator, type ForecastCategories } from '../../src/index.js';
import { cutsArb, expectAccumulatorLaws } from '../_accumulatorLaws.js';
import { forecastBookArb, forecastOptionsArb, sortIds } from './_forecastAccumulatorArb.js';

const caseArb = forecastBookArb.chain((book) => fc.tuple(fc.constant(book), forecastOptionsArb(book), cutsArb));

describe('forecastCategoriesAccumulator and the column path', () => {
  it('columns, chunks and merged shards (accumulators, structured clones, JSON) all equal forecastCategories over the whole book', () => {
    fc.assert(
      fc.property(caseArb, ([{ pipeline, deals }, options, cuts]) => {
        const whole = forecastCategories(deals, pipeline, options);
        expectAccumulatorLaws(deals, pipeline, () => forecastCategoriesAccumulator(pipeline, options), whole, cuts, (r: ForecastCategories) => sortIds(r));
        const cols = dealColumns(deals, pipeline);
        expect(forecastCategories(cols, pipeline, options)).toEqual(whole);
        // On columns too, the categories partition the deals the weighted forecast counts
        // (to the digit when no conversion divides: in the pipeline's currency).
        if (options.currency !== undefined) return;
        const w = weightedForecast(cols, pipeline, options);
        const c = Object.values(whole.book.categories);
        expect(c.reduce((n, x) => n + x.count, 0)).toBe(w.book.count + w.book.lost.count);
        expect(c.reduce((n, x) => n.plus(x.amount.amount), w.book.lost.amount.amount.times(0)).eq(w.book.amount.amount.plus(w.book.lost.amount.amount))).toBe(true);
        expect(c.reduce((n, x) => n.plus(x.weighted.amount), w.book.weighted.amount.times(0)).eq(w.book.weighted.amount)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a function grouping key on columns, and a weighted-forecast shard', () => {
    fc.assert(
      fc.property(forecastBookArb.filter((b) => !b.mixed), ({ pipeline, deals }) => {
        const cols = dealColumns(deals, pipeline);
        expect(() => forecastCategoriesAccumulator(pipeline, { groupBy: [(o) => o.ownerId] }).add(cols)).toThrow(
          expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ reason: expect.objectContaining({ code: 'function_key_on_columns' }) }) }),
        );
        const a = forecastCategoriesAccumulator(pipeline);
        const other = weightedForecastAccumulator(pipeline).add(deals).partial();
        expect(() => a.merge(other as unknown as Parameters<typeof a.merge>[0])).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
      }),
      { numRuns: 10 },
    );
  });
});
