import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_CODES, auditPipeline, auditPipelineAccumulator, dealColumns, Decimal, type AuditPipelineOptions, type GroupKey, type Opportunity,
  type OpportunityEvent, type PlainDate,
} from '../../src/index.js';
import { cutsArb, expectAccumulatorLaws } from '../_accumulatorLaws.js';
import { dealsArb } from './_fixtures.js';

// The books of dealsArb are created from 2025-06-01 to 2026-03-31: asOf falls before,
// inside and after them (ledgers read part-way, deals open or closed at asOf).
const optionsArb: fc.Arbitrary<AuditPipelineOptions> = fc
  .record({
    asOf: fc.date({ min: new Date('2025-05-01T00:00:00Z'), max: new Date('2026-09-30T00:00:00Z'), noInvalidDate: true }),
    codes: fc.option(fc.subarray([...AUDIT_CODES]), { nil: undefined, freq: 2 }),
    locale: fc.constantFrom('en' as const, 'zh-CN' as const),
    bigDealAmount: fc.option(fc.constantFrom('0', '50000', 300_000), { nil: undefined }),
    minFunnelDays: fc.option(fc.constantFrom(0, 1, 20, 90), { nil: undefined }),
    minPushes: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    overdueDays: fc.option(fc.constantFrom(0, 7, 30), { nil: undefined }),
    nearZeroProbability: fc.option(fc.constantFrom('0.05', '0.3', 0.6), { nil: undefined }),
    stallClock: fc.option(fc.constantFrom('stage_entry' as const, 'last_activity' as const, 'last_event' as const, 'created' as const), { nil: undefined }),
    stallThreshold: fc.option(
      fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constant('stage' as const), fc.record({ medianMultiple: fc.constantFrom(0.5, 1, 2) })),
      { nil: undefined },
    ),
    groupBy: fc.constantFrom([], ['owner'], ['region', 'stage'], ['created_month'], ['period', 'owner'], ['project_type']),
    zone: fc.constantFrom({}, { offsetMinutes: -300 }, { offsetMinutes: 480 }, { timeZone: 'Asia/Shanghai' }, { timeZone: 'Pacific/Chatham' }),
    period: fc.option(
      fc.constantFrom({ unit: 'month' as const }, { unit: 'quarter' as const }, { unit: 'year' as const }, { unit: 'fiscal_quarter' as const, fiscalYearStartMonth: 4 }),
      { nil: undefined },
    ),
  })
  .map(({ codes, bigDealAmount, minFunnelDays, minPushes, overdueDays, nearZeroProbability, stallClock, stallThreshold, groupBy, zone, period, ...rest }) => ({
    ...rest,
    ...zone,
    groupBy: groupBy as readonly GroupKey[],
    ...(codes === undefined ? {} : { codes }),
    ...(bigDealAmount === undefined ? {} : { bigDealAmount }),
    ...(minFunnelDays === undefined ? {} : { minFunnelDays }),
    ...(minPushes === undefined ? {} : { minPushes }),
    ...(overdueDays === undefined ? {} : { overdueDays }),
    ...(nearZeroProbability === undefined ? {} : { nearZeroProbability }),
    ...(stallClock === undefined ? {} : { stallClock }),
    ...(stallThreshold === undefined ? {} : { stallThreshold }),
    ...(period === undefined ? {} : { period }),
  }));

/** Days from `asOf` (events placed around it, where they change what the books say at `asOf`). */
const nearAsOf = fc.double({ min: -40, max: 40, noNaN: true });

/** How one deal of a generated book is changed (see {@link tweak}). */
const tweakArb = fc.record({
  amount: fc.constantFrom('same' as const, 'same' as const, 'fractional' as const, 'huge' as const),
  call: fc.option(nearAsOf, { nil: undefined }),
  closeDate: fc.constantFrom(undefined, undefined, null, '2025-03-01', '2026-12-31'),
  override: fc.constantFrom(undefined, undefined, '0.01', '0.5'),
  push: fc.option(
    fc.record({ at: nearAsOf, from: fc.constantFrom(null, '2025-08-20', '2026-01-10', '2026-03-31'), to: fc.constantFrom(null, '2025-12-31', '2026-04-01', '2026-09-30') }),
    { nil: undefined },
  ),
  amountChange: fc.option(fc.record({ after: fc.double({ min: 0, max: 30, noNaN: true }), from: fc.constantFrom('1000', '88888.88') }), { nil: undefined }),
});

/**
 * A book and options, the deals changed around `asOf`: some amounts that are not whole
 * units (and some beyond 2⁵³ minor units, which the columns keep as exact decimals),
 * follow-up activities, and current fields that the ledger after `asOf` must override
 * (close-date and amount changes after `asOf`, an early or no close date, a low
 * probability override on deals that stood in another stage at `asOf`).
 */
const casesArb = fc.tuple(dealsArb(30), optionsArb, fc.array(tweakArb, { minLength: 30, maxLength: 30 })).map(([{ pipeline, deals }, options, tweaks]) => {
  const asOfMs = new Date(options.asOf).getTime();
  return { pipeline, options, deals: deals.map((o, i) => tweak(o, tweaks[i]!, asOfMs)) };
});

const booksArb = casesArb.map(({ pipeline, deals }) => ({ pipeline, deals }));

describe('auditPipelineAccumulator and the column path', () => {
  it('columns, chunks and merged shards (accumulators, structured clones, JSON) all equal auditPipeline over the whole book', () => {
    fc.assert(
      fc.property(casesArb, cutsArb, ({ pipeline, deals, options }, cuts) => {
        const whole = auditPipeline(deals, pipeline, options);
        // No normalisation: deal ids are unique, so "by deal id, then check, then time"
        // (ledger order within a deal) is one order whatever the sharding.
        expectAccumulatorLaws(deals, pipeline, () => auditPipelineAccumulator(pipeline, options), whole, cuts);
        // The batch function takes columns too.
        expect(auditPipeline(dealColumns(deals, pipeline), pipeline, options)).toEqual(whole);
      }),
      { numRuns: 120 },
    );
  });

  it('a merged audit adds the deals and findings of both shards; shards with other settings are refused', () => {
    fc.assert(
      fc.property(booksArb, ({ pipeline, deals }) => {
        const options: AuditPipelineOptions = { asOf: '2026-02-15T00:00:00+08:00', groupBy: ['owner'] };
        const half = Math.floor(deals.length / 2);
        const left = auditPipelineAccumulator(pipeline, options).add(deals.slice(0, half));
        const right = auditPipelineAccumulator(pipeline, options).add(dealColumns(deals.slice(half), pipeline));
        const [l, r] = [left.result(), right.result()];
        const both = auditPipelineAccumulator(pipeline, options).merge(right).merge(left.partial()).result();
        expect(both.total.deals).toBe(l.total.deals + r.total.deals);
        for (const code of AUDIT_CODES) {
          // Stalled deals are judged against the whole book's thresholds; the stage rule does not depend on the shard.
          expect(both.total.counts[code]).toBe(l.total.counts[code] + r.total.counts[code]);
        }
        // Merging left the merged shards unchanged.
        expect(left.result()).toEqual(l);
        expect(() => left.merge(auditPipelineAccumulator(pipeline, { ...options, locale: 'zh-CN' }))).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        expect(() => left.merge(auditPipelineAccumulator(pipeline, { ...options, minPushes: 3 }).partial())).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        expect(() => left.merge(auditPipelineAccumulator(pipeline, { ...options, groupBy: [] }))).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a function grouping key on columns, and bad options at once', () => {
    const pipeline = fc.sample(dealsArb(1), 1)[0]!.pipeline;
    const acc = auditPipelineAccumulator(pipeline, { asOf: '2026-04-01T00:00:00Z', groupBy: [(o) => o.ownerId] });
    expect(() => acc.add(dealColumns([], pipeline))).toThrow(
      expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ reason: expect.objectContaining({ code: 'function_key_on_columns' }) }) }),
    );
    expect(() => auditPipelineAccumulator(pipeline, { asOf: '2026-04-01T00:00:00Z', minPushes: 0 })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
  });
});

/**
 * The deal with its current amount made fractional or huge, its current close date and
 * probability override replaced (null: removed), and events added around `asOfMs` (never
 * before its first event): a call, a close-date change; and an amount change after both
 * `asOfMs` and the ledger's end.
 */
function tweak(o: Opportunity, draw: (typeof tweakArb) extends fc.Arbitrary<infer T> ? T : never, asOfMs: number): Opportunity {
  const { expectedCloseDate: _, ...rest } = o;
  const fields = {
    ...(draw.closeDate === undefined ? o : draw.closeDate === null ? rest : { ...o, expectedCloseDate: draw.closeDate as PlainDate }),
    ...(draw.override === undefined ? {} : { probabilityOverride: new Decimal(draw.override) }),
  } as Opportunity;
  const amount =
    draw.amount === 'fractional'
      ? { ...o.amount, amount: o.amount.amount.plus('0.37') }
      : draw.amount === 'huge'
        ? { ...o.amount, amount: new Decimal('123456789012345678.9') }
        : o.amount;
  if (o.history.length === 0) return { ...fields, amount };
  const first = o.history[0]!.at.getTime();
  const when = (days: number) => new Date(Math.max(first, asOfMs + Math.round(days * 86_400_000)));
  const extra: OpportunityEvent[] = [];
  if (draw.call !== undefined) extra.push({ type: 'activity_logged', seq: 0, at: when(draw.call), kind: 'visit' });
  const push = draw.push;
  if (push !== undefined) {
    extra.push({ type: 'close_date_changed', seq: 0, at: when(push.at), from: push.from as PlainDate | null, to: push.to as PlainDate | null });
  }
  const change = draw.amountChange;
  if (change !== undefined) {
    // After asOf and after the ledger's end (a won deal's amount revised after the win): the amount at asOf is its `from`.
    const at = new Date(Math.max(asOfMs, o.history.at(-1)!.at.getTime()) + 1 + Math.round(change.after * 86_400_000));
    extra.push({ type: 'amount_changed', seq: 0, at, from: { amount: new Decimal(change.from), currency: o.amount.currency }, to: amount });
  }
  // Stable: an added event at the time of a ledger event comes after it.
  const history = [...o.history, ...extra].sort((a, b) => a.at.getTime() - b.at.getTime()).map((e, i) => ({ ...e, seq: i + 1 }));
  return { ...fields, amount, history };
}
