import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealColumns, weightedForecast, weightedForecastAccumulator, type WeightedForecast } from '../../src/index.js';
import { cutsArb, expectAccumulatorLaws } from '../_accumulatorLaws.js';
import { forecastBookArb, forecastOptionsArb, sortIds } from './_forecastAccumulatorArb.js';

const caseArb = forecastBookArb.chain((book) => fc.tuple(fc.constant(book), forecastOptionsArb(book), cutsArb));

describe('weightedForecastAccumulator and the column path', () => {
  it('columns, chunks and merged shards (accumulators, structured clones, JSON) all equal weightedForecast over the whole book', () => {
    fc.assert(
      fc.property(caseArb, ([{ pipeline, deals }, options, cuts]) => {
        const whole = weightedForecast(deals, pipeline, options);
        expectAccumulatorLaws(deals, pipeline, () => weightedForecastAccumulator(pipeline, options), whole, cuts, (r: WeightedForecast) => sortIds(r));
        // The batch function takes columns too: one chunk keeps the input order of every id list.
        expect(weightedForecast(dealColumns(deals, pipeline), pipeline, options)).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a function grouping key on columns, and a shard with other settings', () => {
    fc.assert(
      fc.property(forecastBookArb, ({ pipeline, deals }) => {
        const byName = (o: { readonly name: string }) => o.name.slice(0, 1);
        const cols = dealColumns(deals, pipeline);
        expect(() => weightedForecast(cols, pipeline, { groupBy: [byName] })).toThrow(
          expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ reason: expect.objectContaining({ code: 'function_key_on_columns' }) }) }),
        );
        const a = weightedForecastAccumulator(pipeline, { groupBy: ['owner'] });
        expect(() => a.merge(weightedForecastAccumulator(pipeline, { groupBy: ['period'] }))).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        expect(() => a.merge(weightedForecastAccumulator(pipeline, { groupBy: ['owner'], dealIds: true }).partial())).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
      }),
      { numRuns: 10 },
    );
  });
});
