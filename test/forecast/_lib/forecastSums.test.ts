// The running sums behind weightedForecast and forecastCategories (forecastSums.ts),
// through the two functions and their accumulators: the `opportunityIds` option, which
// keeps the counts and sums of the unforecastable and suspended deals without their ids
// (for streaming a big book in bounded memory).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dealColumns,
  forecastCategories,
  forecastCategoriesAccumulator,
  FunnelError,
  weightedForecast,
  weightedForecastAccumulator,
  type ForecastCategories,
  type WeightedForecast,
} from '../../../src/index.js';
import { pipelineWithDeals } from '../_arbitraries.js';
import { deal, pipeline } from '../_fixtures.js';

/** A result with its two id lists emptied: what `opportunityIds: false` gives. */
function withoutIds<R extends WeightedForecast | ForecastCategories>(r: R): R {
  return { ...r, unforecastable: { ...r.unforecastable, opportunityIds: [] }, suspended: { ...r.suspended, opportunityIds: [] } };
}

describe('opportunityIds', () => {
  const undated = deal({ stageId: 'qualify', amount: '1000' });
  const suspended = deal({ stageId: 'proposal', amount: '400', status: 'suspended' });
  const dated = deal({ stageId: 'negotiate', amount: '200', expectedCloseDate: '2026-05-20' });
  const book = [undated, suspended, dated];

  it('lists the unforecastable and suspended deals by default, and only counts them when false', () => {
    const all = weightedForecast(book, pipeline);
    expect([all.unforecastable.opportunityIds, all.suspended.opportunityIds]).toEqual([[undated.id], [suspended.id]]);
    const counted = weightedForecast(book, pipeline, { opportunityIds: false });
    expect([counted.unforecastable.opportunityIds, counted.suspended.opportunityIds]).toEqual([[], []]);
    // The figures stay: one undated deal of 1000 at 25 % (250), one suspended deal of 400.
    expect([counted.unforecastable.count, counted.unforecastable.weighted.amount.toString()]).toEqual([1, '250']);
    expect([counted.suspended.count, counted.suspended.amount.amount.toString()]).toEqual([1, '400']);
    expect(counted).toEqual(withoutIds(all));
    const categories = forecastCategories(book, pipeline, { opportunityIds: false });
    expect(categories).toEqual(withoutIds(forecastCategories(book, pipeline)));
  });

  it('changes nothing but the two lists, on deals and on columns, for generated books', () => {
    fc.assert(
      fc.property(pipelineWithDeals(true, 20), fc.boolean(), ({ pipeline: p, deals }, grouped) => {
        const options = grouped ? ({ groupBy: ['period', 'owner'] } as const) : {};
        const expected = withoutIds(weightedForecast(deals, p, options));
        expect(weightedForecast(deals, p, { ...options, opportunityIds: false })).toEqual(expected);
        expect(weightedForecast(dealColumns(deals, p), p, { ...options, opportunityIds: false })).toEqual(expected);
        expect(forecastCategories(dealColumns(deals, p), p, { ...options, opportunityIds: false })).toEqual(withoutIds(forecastCategories(deals, p, options)));
      }),
      { numRuns: 40 },
    );
  });

  it('keeps the lists out of the partial state; shards merge with shards of the same setting only', () => {
    const a = weightedForecastAccumulator(pipeline, { opportunityIds: false }).add([undated, suspended]);
    const partial = JSON.parse(JSON.stringify(a.partial())) as ReturnType<typeof a.partial>;
    expect([partial.unforecastableIds, partial.suspendedIds]).toEqual([[], []]);
    const merged = weightedForecastAccumulator(pipeline, { opportunityIds: false }).add([dated]).merge(partial).result();
    expect(merged).toEqual(withoutIds(weightedForecast(book, pipeline)));
    // A shard that lists the ids (the default) is another setting: refused either way.
    const listing = weightedForecastAccumulator(pipeline).add([dated]);
    expect(() => listing.merge(partial)).toThrow(FunnelError);
    expect(() => weightedForecastAccumulator(pipeline, { opportunityIds: false }).merge(listing.partial())).toThrow(FunnelError);
    expect(() => forecastCategoriesAccumulator(pipeline).merge(forecastCategoriesAccumulator(pipeline, { opportunityIds: false }).partial())).toThrow(FunnelError);
    // `true` is the default itself: its shards merge with the default's.
    expect(() => weightedForecastAccumulator(pipeline, { opportunityIds: true }).merge(listing.partial())).not.toThrow();
  });

  it('refuses a value that is not a boolean', () => {
    const bad = { opportunityIds: 'no' } as unknown as { opportunityIds: boolean };
    let error: unknown;
    try {
      weightedForecastAccumulator(pipeline, bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FunnelError);
    expect((error as FunnelError).code).toBe('invalid_option');
    expect((error as FunnelError).params).toMatchObject({ option: 'opportunityIds' });
  });
});
