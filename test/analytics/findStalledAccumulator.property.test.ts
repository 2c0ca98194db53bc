import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dealColumns, findStalled, findStalledAccumulator, type FindStalledOptions, type GroupKey, type Opportunity, type OpportunityEvent,
} from '../../src/index.js';
import { cutsArb, expectAccumulatorLaws } from '../_accumulatorLaws.js';
import { dealsArb } from './_fixtures.js';

// The books of dealsArb are created from 2025-06-01 to 2026-03-31: asOf falls before,
// inside and after them (ledgers read part-way, deals open or closed at asOf).
const optionsArb: fc.Arbitrary<FindStalledOptions> = fc
  .record({
    asOf: fc.date({ min: new Date('2025-05-01T00:00:00Z'), max: new Date('2026-09-30T00:00:00Z'), noInvalidDate: true }),
    clock: fc.option(fc.constantFrom('stage_entry' as const, 'last_activity' as const, 'last_event' as const, 'created' as const), { nil: undefined }),
    threshold: fc.option(
      fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constant('stage' as const), fc.record({ medianMultiple: fc.constantFrom(0.5, 1, 1.5, 3) })),
      { nil: undefined },
    ),
    groupBy: fc.constantFrom([], ['owner'], ['region', 'stage'], ['created_month'], ['period', 'owner'], ['project_type'], ['created_quarter', 'region']),
    offsetMinutes: fc.option(fc.constantFrom(-300, 0, 480), { nil: undefined }),
    period: fc.option(fc.constantFrom({ unit: 'month' as const }, { unit: 'quarter' as const }), { nil: undefined }),
  })
  .map(({ asOf, clock, threshold, groupBy, offsetMinutes, period }) => ({
    asOf,
    groupBy: groupBy as readonly GroupKey[],
    ...(clock === undefined ? {} : { clock }),
    ...(threshold === undefined ? {} : { threshold }),
    ...(offsetMinutes === undefined ? {} : { offsetMinutes }),
    ...(period === undefined ? {} : { period }),
  }));

/** Books whose deals also log follow-up activities now and then (for the `last_activity` clock). */
const booksArb = dealsArb(30).chain(({ pipeline, deals }) =>
  fc
    .array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }), { minLength: deals.length, maxLength: deals.length })
    .map((fractions) => ({ pipeline, deals: deals.map((o, i) => addCalls(o, fractions[i]!)) })),
);

describe('findStalledAccumulator and the column path', () => {
  it('columns, chunks and merged shards (accumulators, structured clones, JSON) all equal findStalled over the whole book', () => {
    fc.assert(
      fc.property(booksArb, optionsArb, cutsArb, ({ pipeline, deals }, options, cuts) => {
        const whole = findStalled(deals, pipeline, options);
        // No normalisation: deal ids are unique, so "most overdue first, ties by id" is
        // one order whatever the sharding; toEqual compares days and medians bit for bit.
        expectAccumulatorLaws(deals, pipeline, () => findStalledAccumulator(pipeline, options), whole, cuts);
        // The batch function takes columns too.
        expect(findStalled(dealColumns(deals, pipeline), pipeline, options)).toEqual(whole);
      }),
      { numRuns: 120 },
    );
  });

  it('the median rule judges every shard against the medians of the whole book', () => {
    fc.assert(
      fc.property(booksArb, fc.constantFrom(0.5, 1, 2), ({ pipeline, deals }, k) => {
        const options: FindStalledOptions = { asOf: '2026-04-15T00:00:00Z', threshold: { medianMultiple: k } };
        const half = Math.floor(deals.length / 2);
        const left = findStalledAccumulator(pipeline, options).add(deals.slice(0, half));
        const right = findStalledAccumulator(pipeline, options).add(dealColumns(deals.slice(half), pipeline));
        const merged = findStalledAccumulator(pipeline, options).merge(left).merge(right.partial()).result();
        const whole = findStalled(deals, pipeline, options);
        expect(merged.medianDays).toEqual(whole.medianDays);
        expect(merged.total).toEqual(whole.total);
        // Each flagged deal is past k × its stage's median of the whole book, not of its shard.
        for (const d of merged.total) expect(d.thresholdDays).toBe(k * whole.medianDays![d.stageIndex]!);
        // Until the medians are known, a shard keeps every deal open and unsuspended at asOf.
        expect(left.partial().stalled.ids.length).toBe(deals.slice(0, half).filter((o) => isOpenAt(o, options.asOf as string)).length);
      }),
      { numRuns: 40 },
    );
  });

  it('a shard built with other settings is refused', () => {
    fc.assert(
      fc.property(dealsArb(10), ({ pipeline, deals }) => {
        const asOf = '2026-04-01T00:00:00Z';
        const a = findStalledAccumulator(pipeline, { asOf, threshold: 10 }).add(deals);
        expect(() => a.merge(findStalledAccumulator(pipeline, { asOf: '2026-05-01T00:00:00Z', threshold: 10 }))).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        expect(() => a.merge(findStalledAccumulator(pipeline, { asOf, threshold: 11 }).partial())).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        expect(() => a.merge(findStalledAccumulator(pipeline, { asOf, threshold: 10, clock: 'created' }))).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
      }),
      { numRuns: 20 },
    );
  });

  it('refuses a function grouping key on columns, and bad options at once', () => {
    const pipeline = fc.sample(dealsArb(1), 1)[0]!.pipeline;
    const acc = findStalledAccumulator(pipeline, { asOf: '2026-04-01T00:00:00Z', groupBy: [(o) => o.ownerId] });
    expect(() => acc.add(dealColumns([], pipeline))).toThrow(
      expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ reason: expect.objectContaining({ code: 'function_key_on_columns' }) }) }),
    );
    expect(() => findStalledAccumulator(pipeline, { asOf: '2026-04-01T00:00:00Z', threshold: -1 })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
  });
});

/** Whether the deal stands open (not won, lost or suspended) at `asOf`, from its ledger. */
function isOpenAt(o: Opportunity, asOf: string): boolean {
  const t = Date.parse(asOf);
  let status: 'open' | 'closed' | 'suspended' | undefined;
  for (const e of o.history) {
    if (e.at.getTime() > t) break;
    if (status === undefined) status = 'open';
    if (e.type === 'won' || e.type === 'lost') status = 'closed';
    else if (e.type === 'reopened') status = 'open';
    else if (e.type === 'suspended' && status === 'open') status = 'suspended';
    else if (e.type === 'resumed' && status === 'suspended') status = 'open';
  }
  return status === 'open';
}

/** The deal with a call logged at each fraction of its ledger's span (kept in time order, seq renumbered). */
function addCalls(o: Opportunity, fractions: readonly number[]): Opportunity {
  if (o.history.length === 0 || fractions.length === 0) return o;
  const first = o.history[0]!.at.getTime();
  const span = o.history.at(-1)!.at.getTime() - first + 30 * 86_400_000;
  const calls = fractions.map((f): OpportunityEvent => ({ type: 'activity_logged', seq: 0, at: new Date(first + Math.round(f * span)), kind: 'call' }));
  const history = [...o.history, ...calls].sort((a, b) => a.at.getTime() - b.at.getTime()).map((e, i) => ({ ...e, seq: i + 1 }));
  return { ...o, history };
}
