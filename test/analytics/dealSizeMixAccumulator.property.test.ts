import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Decimal,
  dealColumns,
  dealSizeMix,
  dealSizeMixAccumulator,
  money,
  type DealSizeBand,
  type DealSizeMix,
  type DealSizeMixOptions,
  type Opportunity,
} from '../../src/index.js';
import { cutsArb, expectAccumulatorLaws } from '../_accumulatorLaws.js';
import { dealsArb } from './_fixtures.js';

const instant = fc.date({ min: new Date('2025-05-01T00:00:00Z'), max: new Date('2026-06-30T00:00:00Z'), noInvalidDate: true });

/**
 * A generated book, some deals twisted (another currency, read through `rates`; amounts
 * that are no whole number of minor units; amounts past 2^53 minor units; amounts
 * whose sums pass it), and bands cut at random thresholds, some between two minor
 * units, some with gaps, open-ended or not.
 */
const caseArb = dealsArb(30)
  .chain((book) => {
    // Cut points: anywhere, or at a deal's amount (so that amounts sit on band edges).
    const amounts = book.deals.map((o) => o.amount.amount.toNumber());
    const cut = amounts.length === 0 ? fc.integer({ min: 0, max: 5_000_000 }) : fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 0, max: 5_000_000 }) }, { weight: 3, arbitrary: fc.constantFrom(...amounts) });
    return fc.tuple(
      fc.constant(book),
      fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant('none') }, { weight: 1, arbitrary: fc.constantFrom('foreign', 'fraction', 'cent', 'huge', 'half') }), { minLength: 30, maxLength: 30 }),
      fc.boolean(),
      fc.uniqueArray(cut, { minLength: 1, maxLength: 5 }),
      fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      fc.tuple(fc.boolean(), fc.boolean()),
      fc.constantFrom('0', '0.005', '-0.005', '0.0001', '0.01'),
    );
  })
  .map(([{ pipeline, deals }, twists, withRates, cuts, gaps, openEnds, fraction]) => {
    const currency = pipeline.currency;
    const other = currency === 'USD' ? 'EUR' : 'USD';
    const twisted = deals.map((o, i): Opportunity => {
      const t = withRates ? twists[i] : twists[i] === 'foreign' ? 'none' : twists[i];
      const a = o.amount.amount;
      switch (t) {
        case 'foreign':
          return { ...o, amount: { amount: a, currency: other } };
        case 'fraction':
          return { ...o, amount: { amount: a.plus('0.0037'), currency } };
        case 'cent':
          return { ...o, amount: { amount: a.plus('0.01'), currency } };
        case 'huge':
          return { ...o, amount: { amount: new Decimal('123456789012345678.5'), currency } };
        case 'half':
          return { ...o, amount: { amount: new Decimal('45035996273704.96'), currency } };
        default:
          return o;
      }
    });
    const sorted = [...cuts].sort((x, y) => x - y);
    const m = (x: number) => money(new Decimal(x).plus(fraction), currency);
    const bands: DealSizeBand[] = [];
    if (openEnds[0]) bands.push({ max: m(sorted[0]!) });
    for (let i = 0; i + 1 < sorted.length; i++) if (!gaps[i]) bands.push({ min: m(sorted[i]!), max: m(sorted[i + 1]!) });
    if (openEnds[1] || bands.length === 0) bands.push({ min: m(sorted[sorted.length - 1]!) });
    return { pipeline, deals: twisted, bands, rates: withRates ? { base: currency, rates: { [other]: '7.13' } } : undefined };
  });

const optionsArb: fc.Arbitrary<DealSizeMixOptions> = fc
  .record({
    status: fc.constantFrom('won' as const, 'lost' as const, 'closed' as const, 'open' as const),
    window: fc.option(fc.tuple(instant, instant, fc.constantFrom('both', 'from', 'to')), { nil: undefined }),
    dealIds: fc.boolean(),
  })
  .map(({ status, window, dealIds }) => {
    if (window === undefined || status === 'open') return { status, dealIds };
    const [a, b, which] = window;
    const [from, to] = a <= b ? [a, b] : [b, a];
    return { status, dealIds, ...(which === 'to' ? {} : { from }), ...(which === 'from' ? {} : { to }) };
  });

/** Id lists come in the order the shards were merged: compare them as sets. */
const norm = (r: DealSizeMix) => ({
  ...r,
  bands: r.bands.map((b) => (b.dealIds === undefined ? b : { ...b, dealIds: [...b.dealIds].sort() })),
  outside: { ...r.outside, dealIds: [...r.outside.dealIds].sort() },
  undated: { ...r.undated, dealIds: [...r.undated.dealIds].sort() },
});

describe('dealSizeMixAccumulator and the column path', () => {
  it('columns, chunks and merged shards (accumulators, structured clones, JSON) all equal dealSizeMix over the whole book', () => {
    fc.assert(
      fc.property(caseArb, optionsArb, cutsArb, ({ pipeline, deals, bands, rates }, o, cuts) => {
        const options = rates === undefined ? o : { ...o, rates };
        const whole = dealSizeMix(deals, bands, options);
        expectAccumulatorLaws(deals, pipeline, () => dealSizeMixAccumulator(bands, options), whole, cuts, norm);
        // The batch function takes columns too; one chunk keeps the input order.
        expect(dealSizeMix(dealColumns(deals, pipeline), bands, options)).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses to merge a shard with other bands or options', () => {
    fc.assert(
      fc.property(caseArb, ({ bands }) => {
        const acc = dealSizeMixAccumulator(bands, { status: 'won' });
        expect(() => acc.merge(dealSizeMixAccumulator(bands, { status: 'lost' }))).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        if (bands.length > 1) {
          expect(() => acc.merge(dealSizeMixAccumulator(bands.slice(0, 1), { status: 'won' }).partial())).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        }
      }),
      { numRuns: 20 },
    );
  });
});
