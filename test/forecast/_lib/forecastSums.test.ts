// The running sums behind weightedForecast and forecastCategories (forecastSums.ts),
// through the two functions and their accumulators: the `opportunityIds` option, which
// keeps the counts and sums of the unforecastable and suspended deals without their ids
// (for streaming a big book in bounded memory); the options argument itself; the deals
// a partial state lists; columns whose ids are not packed; and a chunk with more group
// keys than the fast path's signature table holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dealColumns,
  Decimal,
  forecastCategories,
  forecastCategoriesAccumulator,
  FunnelError,
  weightedForecast,
  weightedForecastAccumulator,
  parseOpportunity,
  type DealIds,
  type ForecastCategories,
  type Opportunity,
  type OpportunityId,
  type WeightedForecast,
} from '../../../src/index.js';
import { ForecastSums } from '../../../src/forecast/_lib/forecastSums.js';
import { fault, thrown } from '../../_errors.js';
import { pipelineWithDeals } from '../_arbitraries.js';
import { forecastBookArb, forecastOptionsArb } from '../_forecastAccumulatorArb.js';
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

describe('the options argument', () => {
  it('must be an object: null and a string are refused, by the functions and the accumulators', () => {
    for (const options of [null, 'quarter']) {
      expect(fault(() => weightedForecast([], pipeline, options as never))).toEqual(['invalid_option', 'options']);
      expect(fault(() => forecastCategories([], pipeline, options as never))).toEqual(['invalid_option', 'options']);
      expect(fault(() => weightedForecastAccumulator(pipeline, options as never))).toEqual(['invalid_option', 'options']);
    }
  });
});

describe('a pipeline built by hand without a policy', () => {
  it('is read with the default policy (a stage change resets a probability override)', () => {
    const { policy: _policy, ...bare } = pipeline;
    const overridden = deal({ stageId: 'negotiate', amount: '800', expectedCloseDate: '2026-05-20', probabilityOverride: '0.5' });
    const plain = deal({ stageId: 'proposal', amount: '100', expectedCloseDate: '2026-06-20' });
    for (const book of [[overridden, plain], dealColumns([overridden, plain], pipeline)]) {
      expect(weightedForecast(book, bare as never)).toEqual(weightedForecast(book, pipeline));
      expect(forecastCategories(book, bare as never, { groupBy: ['stage'] })).toEqual(forecastCategories(book, pipeline, { groupBy: ['stage'] }));
    }
  });
});

describe('shards merge with shards of the same settings only', () => {
  const usd = (rate: string) => ({ base: 'CNY', rates: { USD: rate } });
  it('refuses a shard converted at other rates or read as of another instant; takes one with the same', () => {
    const base = { rates: usd('7.10'), asOf: '2026-03-01T00:00:00Z' };
    for (const make of [weightedForecastAccumulator, forecastCategoriesAccumulator] as const) {
      const acc = () => make(pipeline, base);
      expect(() => acc().merge(make(pipeline, base).partial() as never)).not.toThrow();
      // Equal rates given another way (a number or a Decimal of the same value) are the same setting.
      for (const same of [7.1, new Decimal('7.1')]) {
        expect(() => acc().merge(make(pipeline, { ...base, rates: { base: 'CNY', rates: { USD: same } } }).partial() as never)).not.toThrow();
      }
      for (const other of [{ ...base, rates: usd('7.2') }, { ...base, rates: { base: 'CNY', rates: { USD: '7.10', EUR: '7.8' } } }, { asOf: base.asOf }, { ...base, asOf: '2026-03-02T00:00:00Z' }, { rates: base.rates }]) {
        const shard = make(pipeline, other).partial();
        expect(fault(() => acc().merge(shard as never))).toEqual(['invalid_argument', 'other']);
      }
    }
  });
});

describe('a rate that is not a decimal', () => {
  it('is refused when a deal needs it, not before', () => {
    const rates = { base: 'CNY', rates: { USD: '7.1', EUR: 'seven' } };
    const cny = deal({ stageId: 'negotiate', amount: '200', expectedCloseDate: '2026-05-20' });
    const eur = deal({ stageId: 'negotiate', amount: { amount: '10', currency: 'EUR' }, expectedCloseDate: '2026-05-20' });
    expect(weightedForecast([cny], pipeline, { rates }).total.amount.amount.toString()).toBe('200');
    expect(fault(() => weightedForecast([cny, eur], pipeline, { rates }))[0]).toBe('invalid_amount');
  });
});

describe('a grouping function', () => {
  it('must give a string, also beside built-in keys (in any position)', () => {
    const dated = deal({ stageId: 'negotiate', amount: '200', expectedCloseDate: '2026-05-20' });
    const byNumber = () => 42 as never;
    for (const groupBy of [[byNumber], ['owner', byNumber], [byNumber, 'period']] as const) {
      expect(fault(() => weightedForecast([dated], pipeline, { groupBy: [...groupBy] }))).toEqual(['invalid_option', 'groupBy']);
      expect(fault(() => forecastCategories([dated], pipeline, { groupBy: [...groupBy] }))).toEqual(['invalid_option', 'groupBy']);
    }
  });
});

describe('the deals a partial state lists', () => {
  it('are the listed deals (all but the suspended ones), each once, in input order; none before the first add', () => {
    const undated = deal({ stageId: 'qualify', amount: '1000' });
    const suspended = deal({ stageId: 'proposal', amount: '400', status: 'suspended' });
    const dated = deal({ stageId: 'negotiate', amount: '200', expectedCloseDate: '2026-05-20' });
    const empty = weightedForecastAccumulator(pipeline, { dealIds: true });
    expect(empty.partial().dealIds).toEqual([]);
    expect(empty.add([undated, suspended, dated]).partial().dealIds).toEqual([undated.id, dated.id]);
    expect(forecastCategoriesAccumulator(pipeline, { dealIds: true }).add(dealColumns([dated, suspended], pipeline)).partial().dealIds).toEqual([dated.id]);
  });
});

describe('columns whose deals repeat (the kernel sums every deal after the first of its kind)', () => {
  it('give what the deal objects give, for generated books with each deal three times over', () => {
    fc.assert(
      fc.property(
        forecastBookArb.chain((book) => fc.tuple(fc.constant(book), forecastOptionsArb(book))),
        ([{ pipeline: p, deals }, options]) => {
          const repeated = [1, 2, 3].flatMap((copy) => deals.map((d) => (copy === 1 ? d : ({ ...d, id: `${d.id}-${copy}` } as Opportunity))));
          const cols = dealColumns(repeated, p);
          expect(weightedForecast(cols, p, options)).toEqual(weightedForecast(repeated, p, options));
          expect(forecastCategories(cols, p, options)).toEqual(forecastCategories(repeated, p, options));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('date a deal due before 1970 like any other (its day number is negative)', () => {
    const deals = [
      deal({ stageId: 'negotiate', amount: '100', expectedCloseDate: '2026-05-20' }),
      deal({ stageId: 'negotiate', amount: '200', expectedCloseDate: '1969-12-01' }),
    ];
    for (const input of [deals, dealColumns(deals, pipeline)]) {
      const f = weightedForecast(input, pipeline);
      expect([f.total.count, f.unforecastable.count]).toEqual([2, 0]);
      expect(f.total.amount.amount.toString()).toBe('300');
    }
  });

  it('put a forecast-category override to the first category (pipeline) where it says, not the stage’s', () => {
    // The stage's own category (commit) comes first, so that the kernel knows both kinds.
    const deals = [
      deal({ stageId: 'negotiate', amount: '400', expectedCloseDate: '2026-05-20' }),
      deal({ stageId: 'negotiate', amount: '100', expectedCloseDate: '2026-05-20', forecastCategoryOverride: 'pipeline' }),
      deal({ stageId: 'negotiate', amount: '200', expectedCloseDate: '2026-05-20', forecastCategoryOverride: 'pipeline' }),
    ];
    for (const input of [deals, dealColumns(deals, pipeline)]) {
      const c = forecastCategories(input, pipeline).total.categories;
      expect([c.pipeline.count, c.pipeline.amount.amount.toString()]).toEqual([2, '300']);
      expect([c.commit.count, c.commit.amount.amount.toString()]).toEqual([1, '400']);
    }
  });

  it('weight each stage by its own probability, whatever its forecast category (the weighted forecast keeps no categories)', () => {
    // proposal (50 %, best case) after negotiate (75 %, commit): a category code added to the
    // stage's would read proposal's deals as negotiate's.
    const deals = [
      deal({ stageId: 'negotiate', amount: '100', expectedCloseDate: '2026-05-20' }),
      deal({ stageId: 'proposal', amount: '200', expectedCloseDate: '2026-05-20' }),
      deal({ stageId: 'proposal', amount: '400', expectedCloseDate: '2026-05-20' }),
    ];
    for (const input of [deals, dealColumns(deals, pipeline)]) {
      expect(weightedForecast(input, pipeline).total.weighted.amount.toString()).toBe('375'); // 75 + 100 + 200
    }
  });

  it('keep a stage and a category apart from another stage and category (raw class codes), on columns as on deals', () => {
    // With five categories, qualify (stage 1) in omitted (code 4) and proposal (stage 2) in best
    // case (code 1) are far apart, but 2 × 5 − 1 = 1 × 5 + 4: a code made with a minus would mix them.
    const deals = [
      deal({ stageId: 'qualify', amount: '100', expectedCloseDate: '2026-05-20', forecastCategoryOverride: 'omitted' }),
      deal({ stageId: 'proposal', amount: '200', expectedCloseDate: '2026-05-20' }),
      deal({ stageId: 'proposal', amount: '400', expectedCloseDate: '2026-05-20' }),
    ];
    for (const input of [deals, dealColumns(deals, pipeline)]) {
      const c = forecastCategories(input, pipeline).total.categories;
      expect([c.omitted.count, c.omitted.weighted.amount.toString()]).toEqual([1, '25']);
      expect([c.best_case.count, c.best_case.weighted.amount.toString()]).toEqual([2, '300']);
    }
  });

  it('add whole fen and exact amounts of one class together', () => {
    const deals = [
      deal({ stageId: 'negotiate', amount: '1000', expectedCloseDate: '2026-05-20' }),
      deal({ stageId: 'negotiate', amount: '0.007', expectedCloseDate: '2026-05-20' }),
    ];
    for (const input of [deals, dealColumns(deals, pipeline)]) expect(weightedForecast(input, pipeline).total.amount.amount.toString()).toBe('1000.007');
  });

  it('credit a split deal of an amount that is not a whole number of fen exactly', () => {
    const split = deal({
      stageId: 'negotiate',
      amount: '1000.007',
      expectedCloseDate: '2026-05-20',
      splits: [
        { ownerId: 'a', basisPoints: 6000 },
        { ownerId: 'b', basisPoints: 4000 },
      ],
    });
    for (const input of [[split], dealColumns([split], pipeline)]) {
      const f = weightedForecast(input, pipeline, { groupBy: ['owner'] });
      // 1 000.007 yuan is 100 001 fen to share: 60 % is 60 000.6 and 40 % 40 000.4 fen; the
      // fen left over goes to the larger remainder, 0.6: 600.01 and 400.
      expect(f.groups.map((g) => [g.key[0], g.value.amount.amount.toString()])).toEqual([
        ['a', '600.01'],
        ['b', '400'],
      ]);
      expect(f.total.amount.amount.toString()).toBe('1000.01');
    }
  });
});

describe('a partial state', () => {
  it('without dealIds lists no deal; with or without, it holds no empty target or sum', () => {
    const undated = deal({ stageId: 'qualify', amount: '1000' });
    const suspended = deal({ stageId: 'proposal', amount: '400', status: 'suspended' });
    const dated = deal({ stageId: 'negotiate', amount: '200', expectedCloseDate: '2026-05-20', ownerId: 'rep-wang' });
    const won = deal({ stageId: 'won', amount: '50', closedAt: '2026-01-02T00:00:00Z' });
    // The second book leaves the unforecastable and suspended targets empty.
    for (const deals of [[undated, suspended, dated, won], [dated, won]]) {
      for (const [input, dealIds] of [deals, dealColumns(deals, pipeline)].flatMap((x) => [[x, false], [x, true]] as const)) {
        const partial = weightedForecastAccumulator(pipeline, { groupBy: ['owner'], dealIds }).add(input).partial();
        expect(partial.dealIds.length).toBe(dealIds ? deals.length - (deals.includes(suspended) ? 1 : 0) : 0);
        for (const target of partial.targets) {
          expect(target.sums.length).toBeGreaterThan(0);
          for (const sum of target.sums) {
            expect(sum.count).toBeGreaterThan(0);
            if (!dealIds) expect(sum.deals).toBeNull();
          }
        }
      }
    }
  });

  it('keeps a suspended deal in the suspended class, also after an open deal of its stage (columns)', () => {
    const deals = [
      deal({ stageId: 'proposal', amount: '100', expectedCloseDate: '2026-05-20' }),
      deal({ stageId: 'proposal', amount: '400', status: 'suspended' }),
      deal({ stageId: 'proposal', amount: '500', status: 'suspended' }),
    ];
    for (const input of [deals, dealColumns(deals, pipeline)]) {
      const partial = weightedForecastAccumulator(pipeline).add(input).partial();
      const held = partial.targets.find((t) => t.role === 'suspended')!;
      expect(held.sums.map((s) => [partial.classes[s.class]!.status, s.count, s.amount])).toEqual([['suspended', 2, '900']]);
    }
  });


  it('is a copy: changing its lists changes nothing in the accumulator it came from (deals and columns)', () => {
    const undated = deal({ stageId: 'qualify', amount: '1000' });
    const suspended = deal({ stageId: 'proposal', amount: '400', status: 'suspended' });
    const dated = deal({ stageId: 'negotiate', amount: '200', expectedCloseDate: '2026-05-20' });
    const deals = [undated, suspended, dated];
    for (const input of [deals, dealColumns(deals, pipeline)]) {
      const acc = weightedForecastAccumulator(pipeline, { dealIds: true }).add(input);
      const first = acc.partial();
      const before = structuredClone(first);
      const push = (list: readonly unknown[] | null, x: unknown): void => void (list as unknown[] | null)?.push(x);
      push(first.currencies, 'USD');
      for (const ids of [first.dealIds, first.unforecastableIds, first.suspendedIds]) push(ids, 'x');
      for (const target of first.targets) for (const sum of target.sums) push(sum.deals, 99);
      expect(acc.partial()).toEqual(before);
    }
  });
});

/** The same ids as another kind of `DealIds` than the packed one `dealColumns` makes (as a hand-built columns chunk may have). */
function plainIds(ids: readonly OpportunityId[]): DealIds {
  return { length: ids.length, at: (i: number) => ids[i]!, [Symbol.iterator]: () => ids[Symbol.iterator]() };
}

describe('columns from elsewhere', () => {
  it('list the unforecastable and suspended deals by their ids whatever kind of DealIds holds them', () => {
    fc.assert(
      fc.property(pipelineWithDeals(true, 20), ({ pipeline: p, deals }) => {
        const cols = dealColumns(deals, p);
        const hand = { ...cols, ids: plainIds([...cols.ids]) };
        expect(weightedForecast(hand, p)).toEqual(weightedForecast(deals, p));
        expect(forecastCategories(hand, p, { groupBy: ['owner'] })).toEqual(forecastCategories(deals, p, { groupBy: ['owner'] }));
      }),
      { numRuns: 30 },
    );
  });
});

describe('a chunk with more group keys than the signature table holds', () => {
  // 2 100 owners × 2 100 regions: 2 101² ≈ 4.4 million possible keys, more than the 2²² the
  // columns' fast path numbers, so the chunk is grouped deal by deal (and the table of
  // each key's row grows as new keys come).
  const N = 2_100;
  const deals: Opportunity[] = Array.from({ length: N }, (_, i) =>
    parseOpportunity(
      {
        id: `o-${i}`,
        customerId: 'c-1',
        pipelineId: 'direct',
        name: `Deal ${i}`,
        ownerId: `rep-${i}`,
        region: `region-${i % 3 === 0 ? 0 : i}`,
        amount: { amount: String(100 + i), currency: 'CNY' },
        stageId: i % 7 === 0 ? 'won' : 'proposal',
        status: i % 7 === 0 ? 'won' : 'open',
        ...(i % 7 === 0 ? { closedAt: `2026-0${1 + (i % 6)}-15T00:00:00Z` } : i % 5 === 0 ? {} : { expectedCloseDate: `2026-0${1 + (i % 9)}-20` }),
      },
      { allowEmptyHistory: true },
    ),
  );

  it('groups it as the deal objects are grouped', () => {
    const options = { groupBy: ['owner', 'region', 'period'] } as const;
    const fromObjects = weightedForecast(deals, pipeline, options);
    expect(weightedForecast(dealColumns(deals, pipeline), pipeline, options)).toEqual(fromObjects);
    // Every dated deal has a row of its own (its owner is its own), and the rows add up to the total.
    const dated = deals.filter((d) => d.expectedCloseDate !== undefined || d.closedAt !== undefined);
    expect(fromObjects.groups.length).toBe(dated.length);
    expect(fromObjects.groups.reduce((a, g) => a + g.value.count, 0)).toBe(fromObjects.total.count);
    const listed = { ...options, dealIds: true };
    expect(forecastCategories(dealColumns(deals, pipeline), pipeline, listed)).toEqual(forecastCategories(deals, pipeline, listed));
  });
});

describe('the limit on (class, currency) combinations', () => {
  it('past 2^20 combinations: limit_exceeded, not a RangeError; the combinations already made are still found', () => {
    // A combination is one class (status, probability, category) in one currency. Reaching
    // the limit through deals takes over a million distinct probability overrides, so the
    // test asks the sums for combinations directly.
    const sums = new ForecastSums('weightedForecast', pipeline, {}, false) as unknown as { comboId(cls: number, currency: number): number };
    const limit = 2 ** 20;
    let numbered = 0;
    for (let c = 0; c < limit; c++) if (sums.comboId(c, 0) === c) numbered++;
    expect(numbered).toBe(limit);
    const e = thrown(() => sums.comboId(limit, 0));
    expect([e.code, e.params]).toEqual(['limit_exceeded', { what: expect.objectContaining({ code: 'forecast_classes' }), limit }]);
    expect(e.message).toBe(
      'The number of distinct (status, probability, forecast category, currency) combinations of the deals exceeds the limit of 1,048,576.',
    );
    expect(sums.comboId(limit - 1, 0)).toBe(limit - 1);
    expect(sums.comboId(3, 0)).toBe(3);
  });
});
