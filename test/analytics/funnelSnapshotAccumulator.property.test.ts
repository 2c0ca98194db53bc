import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Decimal, dealColumns, funnelSnapshot, funnelSnapshotAccumulator, type FunnelSnapshot, type FunnelSnapshotOptions, type FunnelSnapshotTable, type Opportunity, type GroupKey, type Pipeline, type ZoneOptions,
} from '../../src/index.js';
import { cutsArb, expectAccumulatorLaws } from '../_accumulatorLaws.js';
import { day, deal, dealsArb, goldenDeals, pipeline as goldenPipeline } from './_fixtures.js';

const instant = (lo: string, hi: string) => fc.date({ min: new Date(lo), max: new Date(hi), noInvalidDate: true });

const TEAMS = { 'rep-1': '华东一组', 'rep-2': '华东一组', 'rep-3': '华北组' };

/**
 * What a generated deal gets on top of its generated life (which already has amount
 * changes, suspensions and imports without `created`): a probability override, an
 * amount in another currency, an amount finer than the minor unit, an amount so big that
 * a few of them pass 2^53 minor units, a project type.
 */
const twistArb = (kinds: readonly string[]) =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    override: fc.constantFrom('0', '0.25', '0.5', '0.333', '0.8', '1'),
    projectType: fc.constantFrom(undefined, '新购', '续约'),
  });

type Twist = { readonly kind: string; readonly override: string; readonly projectType: string | undefined };

function twisted(o: Opportunity, t: Twist): Opportunity {
  const withType = t.projectType === undefined ? o : { ...o, attributes: { ...o.attributes, projectType: t.projectType } };
  switch (t.kind) {
    case 'override':
      return { ...withType, probabilityOverride: new Decimal(t.override) };
    case 'foreign':
      return { ...withType, amount: { amount: o.amount.amount, currency: 'USD' } as Opportunity['amount'] };
    case 'fraction':
      return { ...withType, amount: { ...o.amount, amount: o.amount.amount.plus('0.005') } };
    case 'huge': {
      // Half of them weighted at the stage's probability, half at one override: a few in
      // one stage pass 2^53 minor units either way.
      const { probabilityOverride: _, ...rest } = withType;
      return {
        ...rest,
        amount: { ...o.amount, amount: new Decimal('50000000000000.25') },
        ...(t.override < '0.5' ? {} : { probabilityOverride: new Decimal('0.5') }),
      };
    }
    default:
      return withType;
  }
}

const bookArb = (kinds: readonly string[]) =>
  fc
    .tuple(dealsArb(30), fc.array(twistArb(kinds), { minLength: 30, maxLength: 30 }))
    .map(([{ pipeline, deals }, twists]) => ({ pipeline, deals: deals.map((o, i) => twisted(o, twists[i]!)) }));

const optionsArb = fc
  .record({
    asOf: instant('2025-05-01T00:00:00Z', '2026-06-30T00:00:00Z'),
    groupBy: fc.constantFrom(
      [],
      ['owner'],
      ['region', 'stage'],
      ['created_month'],
      ['period', 'owner'],
      ['project_type'],
      ['team'],
      ['stage', 'created_quarter', 'region'],
    ),
    period: fc.option(
      fc.record({ unit: fc.constantFrom('month' as const, 'quarter' as const, 'fiscal_quarter' as const), fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }) }),
      { nil: undefined },
    ),
    zone: fc.constantFrom<ZoneOptions>({}, { offsetMinutes: -300 }, { offsetMinutes: 480 }, { timeZone: 'Asia/Shanghai' }, { timeZone: 'America/New_York' }),
    dealIds: fc.boolean(),
  })
  .map(({ asOf, groupBy, period, zone, dealIds }): FunnelSnapshotOptions => ({
    asOf,
    groupBy: groupBy as readonly GroupKey[],
    ...(period === undefined ? {} : { period }),
    ...zone,
    teams: TEAMS,
    dealIds,
  }));

/** With exchange rates quoted in the pipeline currency, so that conversions are exact. */
const withRates = (options: FunnelSnapshotOptions, currency: string): FunnelSnapshotOptions => ({
  ...options,
  rates: { base: currency as 'CNY', rates: { USD: '7.1' } },
});

/** Id lists sorted: merged shards list their deals in shard order. */
function norm(s: FunnelSnapshot): unknown {
  const table = (t: FunnelSnapshotTable) => ({
    ...t,
    stages: t.stages.map((r) => ({
      ...r,
      ...(r.dealIds === undefined ? {} : { dealIds: [...r.dealIds].sort() }),
      ...(r.suspendedIds === undefined ? {} : { suspendedIds: [...r.suspendedIds].sort() }),
    })),
  });
  return { ...s, total: table(s.total), groups: s.groups.map((g) => ({ key: g.key, value: table(g.value) })) };
}

function laws({ pipeline, deals }: { pipeline: Pipeline; deals: Opportunity[] }, plain: FunnelSnapshotOptions, cuts: Parameters<typeof expectAccumulatorLaws>[4]): void {
  const options = withRates(plain, pipeline.currency);
  const whole = funnelSnapshot(deals, pipeline, options);
  expectAccumulatorLaws(deals, pipeline, () => funnelSnapshotAccumulator(pipeline, options), whole, cuts, norm);
  // The batch function takes columns too: the same result, ids in input order.
  expect(funnelSnapshot(dealColumns(deals, pipeline), pipeline, options)).toEqual(whole);
}

describe('funnelSnapshotAccumulator and the column path', () => {
  it('columns, chunks and merged shards (accumulators, structured clones, JSON) all equal funnelSnapshot over the whole book', () => {
    fc.assert(
      fc.property(bookArb(['none', 'none', 'none', 'override', 'override', 'foreign', 'fraction', 'huge']), optionsArb, cutsArb, laws),
      { numRuns: 120 },
    );
  });

  it('the same with amounts whose sums pass 2^53 minor units', () => {
    fc.assert(fc.property(bookArb(['huge']), optionsArb, cutsArb, laws), { numRuns: 40 });
  });

  it('refuses on columns what the columns cannot express, and shards with other settings', () => {
    fc.assert(
      fc.property(dealsArb(10), instant('2025-05-01T00:00:00Z', '2026-06-30T00:00:00Z'), ({ pipeline, deals }, asOf) => {
        const cols = dealColumns(deals, pipeline);
        const byFunction = funnelSnapshotAccumulator(pipeline, { asOf, groupBy: [function size() { return 'big'; }] });
        expect(() => byFunction.add(cols)).toThrow(expect.objectContaining({ code: 'invalid_option' }));
        const golden = dealColumns(goldenDeals(), goldenPipeline);
        expect(() => funnelSnapshotAccumulator(pipeline, { asOf }).add(golden)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        const a = funnelSnapshotAccumulator(pipeline, { asOf }).add(cols);
        expect(() => a.merge(funnelSnapshotAccumulator(pipeline, { asOf: new Date(asOf.getTime() + 1) }))).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        expect(() => a.merge(funnelSnapshotAccumulator(pipeline, { asOf, dealIds: true }).partial())).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
      }),
      { numRuns: 20 },
    );
  });
});

describe('funnelSnapshot on columns — hand-checked', () => {
  it('the golden ledgers as of d16 and d40: the same figures from columns', () => {
    for (const asOf of [day(16), day(40)]) {
      const objects = funnelSnapshot(goldenDeals(), goldenPipeline, { asOf, groupBy: ['region'], dealIds: true });
      expect(funnelSnapshot(dealColumns(goldenDeals(), goldenPipeline), goldenPipeline, { asOf, groupBy: ['region'], dealIds: true })).toEqual(objects);
    }
    // As of d16, d4 (400 000, raised to 450 000 at d30) counts at 400 000 in proposal: 1 000 000 + 300 000 + 400 000 + 700 000.
    const cols = dealColumns(goldenDeals(), goldenPipeline);
    expect(funnelSnapshot(cols, goldenPipeline, { asOf: day(16) }).total.stages[2]!.amount.amount.toString()).toBe('2400000');
  });

  it('sums past 2^53 minor units, amounts finer than the fen and overrides stay exact', () => {
    // Three deals of 40 000 000 000 000.25 in lead (4 000 000 000 000 025 fen each: three pass 2^53);
    // one of 0.005 (finer than the fen); one of 1 000 with an override of 0.25 set in lead.
    // In need, three more of those big deals, each with an override of 0.5.
    const big = '40000000000000.25';
    const deals = [
      deal('h1', [['created', 1, 'lead']], { amount: big }),
      deal('h2', [['created', 1, 'lead']], { amount: big }),
      deal('h3', [['created', 1, 'lead']], { amount: big }),
      deal('f1', [['created', 1, 'lead']], { amount: '0.005' }),
      deal('o1', [['created', 1, 'lead']], { amount: '1000', override: '0.25' }),
      deal('n1', [['created', 1, 'need']], { amount: big, override: '0.5' }),
      deal('n2', [['created', 1, 'need']], { amount: big, override: '0.5' }),
      deal('n3', [['created', 1, 'need']], { amount: big, override: '0.5' }),
    ];
    const s = funnelSnapshot(dealColumns(deals, goldenPipeline), goldenPipeline, { asOf: day(2) });
    const lead = s.total.stages[0]!;
    expect(lead.count).toBe(5);
    // 120 000 000 000 000.75 + 0.005 + 1 000.
    expect(lead.amount.amount.toString()).toBe('120000000001000.755');
    // (120 000 000 000 000.75 + 0.005) × 0.1 + 1 000 × 0.25.
    expect(lead.weightedAmount.amount.toString()).toBe('12000000000250.0755');
    const need = s.total.stages[1]!;
    expect(need.amount.amount.toString()).toBe('120000000000000.75');
    expect(need.weightedAmount.amount.toString()).toBe('60000000000000.375'); // × 0.5
    expect(s).toEqual(funnelSnapshot(deals, goldenPipeline, { asOf: day(2) }));
  });
});
