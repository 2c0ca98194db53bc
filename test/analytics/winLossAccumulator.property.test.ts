import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, dealColumns, winLoss, winLossAccumulator, type GroupKey, type Opportunity, type Pipeline, type WinLossOptions } from '../../src/index.js';
import { cutsArb, expectAccumulatorLaws } from '../_accumulatorLaws.js';
import { dealsArb } from './_fixtures.js';

const instant = (lo: string, hi: string) => fc.date({ min: new Date(lo), max: new Date(hi), noInvalidDate: true });

/**
 * A generated book, some deals twisted: amounts in another currency (read through
 * `rates`), amounts that are no whole number of minor units or too big for 2^53 minor
 * units, and huge amounts whose sums pass 2^53 minor units.
 */
const bookArb = fc
  .tuple(dealsArb(30), fc.array(fc.constantFrom('none', 'foreign', 'fraction', 'huge', 'half'), { minLength: 30, maxLength: 30 }), fc.boolean())
  .map(([{ pipeline, deals }, twists, withRates]) => {
    const other = pipeline.currency === 'USD' ? 'EUR' : 'USD';
    const rates = { base: pipeline.currency, rates: { [other]: '7.13' } };
    const twisted = deals.map((o, i): Opportunity => {
      const t = withRates ? twists[i] : twists[i] === 'foreign' ? 'none' : twists[i];
      const a = o.amount.amount;
      switch (t) {
        case 'foreign':
          return { ...o, amount: { amount: a, currency: other } };
        case 'fraction':
          return { ...o, amount: { amount: a.plus('0.0037'), currency: o.amount.currency } };
        case 'huge':
          return { ...o, amount: { amount: new Decimal('123456789012345678.5'), currency: o.amount.currency } };
        case 'half':
          return { ...o, amount: { amount: new Decimal('45035996273704.96'), currency: o.amount.currency } };
        default:
          return o;
      }
    });
    return { pipeline, deals: twisted, rates: withRates ? rates : undefined };
  });

const optionsArb: fc.Arbitrary<WinLossOptions> = fc
  .record({
    a: instant('2025-05-01T00:00:00Z', '2026-06-30T00:00:00Z'),
    b: instant('2025-05-01T00:00:00Z', '2026-06-30T00:00:00Z'),
    window: fc.constantFrom('none', 'both', 'from', 'to'),
    asOfBy: fc.option(fc.integer({ min: -120, max: 120 }), { nil: undefined }),
    groupBy: fc.constantFrom([], ['owner'], ['period'], ['owner', 'period'], ['region', 'stage'], ['created_month'], ['project_type', 'period']),
    period: fc.option(fc.constantFrom({ unit: 'month' } as const, { unit: 'year' } as const), { nil: undefined }),
    zone: fc.constantFrom<{ readonly offsetMinutes?: number; readonly timeZone?: string }>({}, { offsetMinutes: 480 }, { offsetMinutes: -300 }, { timeZone: 'Asia/Shanghai' }),
  })
  .map(({ a, b, window, asOfBy, groupBy, period, zone }) => {
    const [from, to] = a <= b ? [a, b] : [b, a];
    return {
      ...(window === 'both' || window === 'from' ? { from } : {}),
      ...(window === 'both' || window === 'to' ? { to } : {}),
      ...(asOfBy === undefined ? {} : { asOf: new Date(to.getTime() + asOfBy * 86_400_000) }),
      groupBy: groupBy as readonly GroupKey[],
      ...(period === undefined ? {} : { period }),
      ...zone,
    };
  });

const withRates = (options: WinLossOptions, rates: WinLossOptions['rates']): WinLossOptions => (rates === undefined ? options : { ...options, rates });

describe('winLossAccumulator and the column path', () => {
  it('columns, chunks and merged shards (accumulators, structured clones, JSON) all equal winLoss over the whole book', () => {
    fc.assert(
      fc.property(bookArb, optionsArb, cutsArb, ({ pipeline, deals, rates }, o, cuts) => {
        const options = withRates(o, rates);
        const whole = winLoss(deals, pipeline, options);
        expectAccumulatorLaws(deals, pipeline, () => winLossAccumulator(pipeline, options), whole, cuts);
        // The batch function takes columns too.
        expect(winLoss(dealColumns(deals, pipeline), pipeline, options)).toEqual(whole);
      }),
      { numRuns: 120 },
    );
  });

  it('counts every closing of both shards; refuses a shard with other settings and a function key on columns', () => {
    fc.assert(
      fc.property(dealsArb(20), ({ pipeline, deals }) => {
        const options = { to: '2026-01-01T00:00:00Z' };
        const half = Math.floor(deals.length / 2);
        const left = winLossAccumulator(pipeline, options).add(deals.slice(0, half)).result();
        const right = winLossAccumulator(pipeline, options).add(deals.slice(half)).result();
        const both = winLossAccumulator(pipeline, options).add(deals.slice(0, half)).merge(winLossAccumulator(pipeline, options).add(deals.slice(half)));
        expect(both.result().total.decided.count).toBe(left.total.decided.count + right.total.decided.count);
        expect(() => both.merge(winLossAccumulator(pipeline, { to: '2026-02-01T00:00:00Z' }))).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        const byName = (d: Opportunity) => d.name.slice(0, 1);
        const byFunction = winLossAccumulator(pipeline, { groupBy: [byName] });
        byFunction.add(deals); // deal objects: fine
        expect(() => byFunction.add(dealColumns(deals, pipeline))).toThrow(
          expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ reason: expect.objectContaining({ code: 'function_key_on_columns' }) }) }),
        );
      }),
      { numRuns: 30 },
    );
  });

  it('columns of another pipeline are refused', () => {
    fc.assert(
      fc.property(dealsArb(5), dealsArb(5), ({ pipeline, deals }, other) => {
        fc.pre(other.pipeline.id !== pipeline.id || other.pipeline.stages.length !== pipeline.stages.length);
        const cols = dealColumns(deals, pipeline);
        expect(() => winLossAccumulator(other.pipeline as Pipeline).add(cols)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
      }),
      { numRuns: 10 },
    );
  });
});
