import { beforeEach, describe, expect, it } from 'vitest';
import { Decimal, FunnelError, parseOpportunity, parsePipeline, planHandover, type HandoverPlan, type Opportunity, type PlanHandoverOptions } from '../../src/index.js';

const pipeline = parsePipeline({
  id: 'p',
  name: 'Direct',
  currency: 'CNY',
  stages: [
    { id: 'top', name: '初步接触', kind: 'open', probability: '0.25' },
    { id: 'mid', name: '方案提出', kind: 'open', probability: '0.5' },
    { id: 'bottom', name: '商务洽谈', kind: 'open', probability: '0.75' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

/** The shortest ledger that ends in `stageId` with `status`. */
function ledger(stageId: string, status: string): unknown[] {
  const created = { type: 'created', at: '2026-03-02T09:00:00+08:00', stageId: status === 'won' || status === 'lost' ? 'top' : stageId };
  const later = '2026-03-20T09:00:00+08:00';
  if (status === 'suspended') return [created, { type: 'suspended', at: later }];
  if (status === 'won') return [created, { type: 'won', at: later, stageId }];
  return [created];
}

const deal = (id: string, customerId: string, stageId: string, amount: string, extra: Record<string, unknown> = {}): Opportunity =>
  parseOpportunity({
    id,
    customerId,
    pipelineId: 'p',
    name: `Deal ${id}`,
    amount: { amount, currency: 'CNY' },
    stageId,
    ownerId: 'zhang',
    history: ledger(stageId, String(extra['status'] ?? 'open')),
    ...extra,
  });

// A small book of the departing rep 张 (zhang). Weighted values (amount × probability):
//   d1 c1 华东 bottom 400 000 × 0.75 = 300 000, closes 05-10
//   d2 c2 华北 bottom 200 000 × 0.75 = 150 000, closes 04-20
//   d3 c1 华东 mid    300 000 × 0.5  = 150 000, closes 06-01, splits 张 70 % / 李 30 %
//   d4 c3 华东 mid    100 000 × 0.8  =  80 000 (override 0.8 puts it in the visit tier)
//   d5 c4 华南 top    400 000 × 0.25 = 100 000
//   d6 c2 华北 top    200 000 × 0.25 =  50 000, no close date
//   d7 c5 华东 top    200 000 × 0.25 =  50 000, closes 05-01
//   d8 c3 suspended;  d9 c6 won;  d10 c2 owned by 赵 (zhao), 张 holds a 40 % split:
//   100 000 × 0.5 × 40 % = 20 000 at stake.
const book: Opportunity[] = [
  deal('d1', 'c1', 'bottom', '400000', { region: '华东', expectedCloseDate: '2026-05-10' }),
  deal('d2', 'c2', 'bottom', '200000', { region: '华北', expectedCloseDate: '2026-04-20' }),
  deal('d3', 'c1', 'mid', '300000', { region: '华东', expectedCloseDate: '2026-06-01', splits: [{ ownerId: 'zhang', basisPoints: 7000 }, { ownerId: 'li', basisPoints: 3000 }] }),
  deal('d4', 'c3', 'mid', '100000', { region: '华东', probabilityOverride: '0.8', expectedCloseDate: '2026-04-30' }),
  deal('d5', 'c4', 'top', '400000', { region: '华南' }),
  deal('d6', 'c2', 'top', '200000', { region: '华北' }),
  deal('d7', 'c5', 'top', '200000', { region: '华东', expectedCloseDate: '2026-05-01' }),
  deal('d8', 'c3', 'mid', '1000000', { status: 'suspended' }),
  deal('d9', 'c6', 'won', '500000', { status: 'won' }),
  deal('d10', 'c2', 'mid', '100000', { ownerId: 'zhao', splits: [{ ownerId: 'zhang', basisPoints: 4000 }, { ownerId: 'zhao', basisPoints: 6000 }] }),
  deal('x1', 'c9', 'bottom', '999999', { ownerId: 'zhao' }), // not the departing rep's: ignored
];

const options: PlanHandoverOptions = {
  departingOwnerId: 'zhang',
  successors: [
    { id: 'li', regions: ['华东'], customers: ['c4'] },
    { id: 'wang', regions: ['华北'] },
  ],
  startDate: '2026-04-01', // a Wednesday
  holidays: ['2026-04-03'], // Friday off
  visitsPerDay: 1,
  callsPerDay: 2,
};

describe('planHandover: a hand-worked plan for a small book', () => {
  // Made before each test, not in the describe body: code that runs when the file loads is a
  // static mutant to Stryker, tested only by reloading every test (see CONTRIBUTING.md).
  let plan: HandoverPlan;
  beforeEach(() => {
    plan = planHandover(book, pipeline, options);
  });

  it('orders steps by tier, then weighted value, then close date, then id', () => {
    // Tier 1 (≥ 75 %): d1 300 000, d2 150 000, d4 80 000. Tier 2 (≥ 50 %): d3.
    // Tier 3: d5 100 000, then d7 and d6 at 50 000: d7 closes 05-01, d6 has no date (last).
    expect(plan.steps.map((s) => s.opportunityId)).toEqual(['d1', 'd2', 'd4', 'd3', 'd5', 'd7', 'd6']);
    expect(plan.steps.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(plan.steps.map((s) => s.tier)).toEqual([1, 1, 1, 2, 3, 3, 3]);
    expect(plan.steps.map((s) => s.channel)).toEqual(['visit', 'visit', 'visit', 'phone_intro', 'successor_call', 'successor_call', 'successor_call']);
    expect(plan.steps.map((s) => s.orderedBy)).toEqual(['first', 'weighted_value', 'weighted_value', 'tier', 'tier', 'weighted_value', 'close_date']);
    expect(plan.steps.map((s) => s.weightedValue.amount.toString())).toEqual(['300000', '150000', '80000', '150000', '100000', '50000', '50000']);
    expect(plan.steps[2]?.probability.toString()).toBe('0.8');
  });

  it('assigns whole customers to successors, preferring coverage, balancing relative load', () => {
    // Customers by value at stake: c1 450 000, c2 220 000 (incl. the 20 000 split), c4 100 000, c3 80 000, c5 50 000.
    //  c1: both would reach 450 000 (tie → li); li covers 华东            → li   (covers_region)   li 450 000
    //  c2: wang would reach 220 000 vs li 670 000; wang covers 华北       → wang (covers_region) wang 220 000
    //  c4: li already covers customer c4                                   → li   (covers_customer) li 550 000
    //  c3: wang 300 000 vs li 630 000; li covers 华东 but 630 000 > 1.25 × 300 000 → wang (balance) wang 300 000
    //  c5: wang 350 000 vs li 600 000; 600 000 > 1.25 × 350 000           → wang (balance) wang 350 000
    const who = Object.fromEntries(plan.steps.map((s) => [s.opportunityId, `${s.successorId}:${s.assignedBy}`]));
    expect(who).toEqual({
      d1: 'li:covers_region',
      d3: 'li:covers_region',
      d2: 'wang:covers_region',
      d6: 'wang:covers_region',
      d5: 'li:covers_customer',
      d4: 'wang:balance',
      d7: 'wang:balance',
    });
    expect(plan.successors.map((s) => [s.successorId, s.weightedValue.amount.toString(), s.steps, s.visits, s.calls])).toEqual([
      ['li', '550000', 3, 1, 2],
      ['wang', '350000', 4, 2, 2],
    ]);
  });

  it('schedules due dates on working days within daily capacity, successor calls after the handovers', () => {
    // Visits (1 a day each): d1 li 04-01; d2 wang 04-01; d4 wang → 04-02 (04-01 full).
    // Introduction d3 li 04-01 (calls: 2 a day). Last handover: li 04-01, wang 04-02.
    // Successor calls: d5 li from 04-02; d7 and d6 wang from the working day after 04-02:
    // 04-03 is a holiday, 04-04/05 the weekend → 04-06, both (2 calls a day).
    expect(plan.steps.map((s) => [s.opportunityId, s.dueDate])).toEqual([
      ['d1', '2026-04-01'],
      ['d2', '2026-04-01'],
      ['d4', '2026-04-02'],
      ['d3', '2026-04-01'],
      ['d5', '2026-04-02'],
      ['d7', '2026-04-06'],
      ['d6', '2026-04-06'],
    ]);
    expect(plan.steps.map((s) => s.withDepartingRep)).toEqual([true, true, true, true, false, false, false]);
    expect(plan.successors.map((s) => s.lastDueDate)).toEqual(['2026-04-02', '2026-04-06']);
  });

  it('passes the departing rep’s splits to the successor and keeps the other owners', () => {
    // d3: 张 70 % passes to 李, who already holds 30 %: 李 100 %.
    expect(plan.steps.find((s) => s.opportunityId === 'd3')?.splits).toEqual([{ ownerId: 'li', basisPoints: 10000 }]);
    expect(plan.steps.find((s) => s.opportunityId === 'd1')?.splits).toBeUndefined();
    // d10 stays with 赵; 张's 40 % goes to wang, who took customer c2.
    expect(plan.splitTransfers).toEqual([
      { opportunityId: 'd10', customerId: 'c2', ownerId: 'zhao', basisPoints: 4000, successorId: 'wang', splits: [{ ownerId: 'wang', basisPoints: 4000 }, { ownerId: 'zhao', basisPoints: 6000 }] },
    ]);
  });

  it('lists suspended and closed deals separately instead of dropping them', () => {
    expect(plan.suspended.map((d) => [d.opportunityId, d.status, d.role, d.successorId])).toEqual([['d8', 'suspended', 'owner', 'wang']]);
    expect(plan.closed.map((d) => [d.opportunityId, d.status, d.role, d.successorId])).toEqual([['d9', 'won', 'owner', null]]);
    expect(plan.steps.some((s) => s.opportunityId === 'x1')).toBe(false);
  });

  it('can hold successor calls until everyone’s handovers are done', () => {
    const all = planHandover(book, pipeline, { ...options, successorCallsAfter: 'all_handovers' });
    // The last handover of all is wang's d4 on 04-02, so li's d5 also waits until 04-06.
    expect(all.steps.find((s) => s.opportunityId === 'd5')?.dueDate).toBe('2026-04-06');
  });

  it('respects the departing rep’s own limits and flags steps after the last day', () => {
    const p = planHandover(book, pipeline, { ...options, departingRep: { visitsPerDay: 1, lastDay: '2026-04-02' } });
    // One visit a day for 张: d1 04-01, d2 04-02, d4 04-06 (after 张's last day).
    expect(p.steps.filter((s) => s.channel === 'visit').map((s) => [s.opportunityId, s.dueDate, s.afterDeparture])).toEqual([
      ['d1', '2026-04-01', false],
      ['d2', '2026-04-02', false],
      ['d4', '2026-04-06', true],
    ]);
  });

  it('counts weekend days worked in exchange (调休) as working days', () => {
    const p = planHandover(book, pipeline, { ...options, extraWorkingDays: ['2026-04-04'] });
    expect(p.steps.find((s) => s.opportunityId === 'd7')?.dueDate).toBe('2026-04-04');
  });

  it('starts on the calendar date given, and reports it', () => {
    expect(plan.startDate).toBe('2026-04-01');
    // Starting on Saturday 04-04 moves the first visits to Monday 04-06.
    const later = planHandover(book, pipeline, { ...options, startDate: '2026-04-04' });
    expect(later.startDate).toBe('2026-04-04');
    expect(later.steps.find((s) => s.opportunityId === 'd1')?.dueDate).toBe('2026-04-06');
  });

  it('takes ratios and capacities as a decimal string, a number or a Decimal, with the same plan', () => {
    const asString = planHandover(book, pipeline, { ...options, regionSlack: '0.5', successors: [{ ...options.successors[0]!, capacity: '1.5' }, options.successors[1]!] });
    const asNumber = planHandover(book, pipeline, { ...options, regionSlack: 0.5, successors: [{ ...options.successors[0]!, capacity: 1.5 }, options.successors[1]!] });
    const asDecimal = planHandover(book, pipeline, {
      ...options,
      regionSlack: new Decimal('0.5'),
      successors: [{ ...options.successors[0]!, capacity: new Decimal('1.5') }, options.successors[1]!],
    });
    expect(asNumber).toEqual(asString);
    expect(asDecimal).toEqual(asString);
    expect(asString.successors[0]?.capacity.toString()).toBe('1.5');
  });

  it('does not depend on the order of the deals or the successors', () => {
    const shuffled = planHandover([...book].reverse(), pipeline, { ...options, successors: [...options.successors].reverse() });
    expect(shuffled).toEqual(plan);
  });

  it('does not mutate its arguments', () => {
    const before = JSON.stringify([book, options]);
    planHandover(book, pipeline, options);
    expect(JSON.stringify([book, options])).toBe(before);
  });

  it('refuses bad options and foreign deals with FunnelError codes', () => {
    const code = (o: Partial<PlanHandoverOptions>, deals: Opportunity[] = book): string | undefined => {
      try {
        planHandover(deals, pipeline, { ...options, ...o });
      } catch (e) {
        return e instanceof FunnelError ? e.code : 'other';
      }
      return undefined;
    };
    expect(code({ successors: [] })).toBe('invalid_option');
    expect(code({ successors: [{ id: 'li' }, { id: 'li' }] })).toBe('invalid_option');
    expect(code({ successors: [{ id: 'zhang' }] })).toBe('invalid_option');
    expect(code({ successors: [{ id: 'li', capacity: 0 }] })).toBe('invalid_option');
    expect(code({ startDate: '2026-02-30' })).toBe('invalid_option');
    expect(code({ startDate: '2026-04-01T00:00:00Z' })).toBe('invalid_option');
    expect(code({ regionSlack: -1 })).toBe('invalid_option');
    expect(code({ regionSlack: 'lots' })).toBe('invalid_option');
    expect(code({ successors: [{ id: 'li', capacity: 'big' }] })).toBe('invalid_option');
    expect(code({ tiers: [{ min: '1.5', channel: 'visit' }, { min: 0, channel: 'successor_call' }] })).toBe('invalid_option');
    expect(code({ successorCallsAfter: 'never' as never })).toBe('invalid_option');
    expect(code({ departingRep: { lastDay: '2026-13-01' } })).toBe('invalid_option');
    expect(code({ tiers: [{ min: '0.5', channel: 'visit' }] })).toBe('invalid_option');
    expect(code({ tiers: [{ min: '0.5', channel: 'visit' }, { min: '0.6', channel: 'phone_intro' }, { min: 0, channel: 'successor_call' }] })).toBe('invalid_option');
    expect(code({ tiers: [{ min: 0, channel: 'fax' as never }] })).toBe('invalid_option');
    expect(code({ visitsPerDay: 0 })).toBe('invalid_option');
    expect(code({ holidays: ['soon'] })).toBe('invalid_option');
    expect(code({ departingOwnerId: '' })).toBe('invalid_option');
    expect(code({}, [deal('z', 'c1', 'nowhere', '1')])).toBe('unknown_stage');
    expect(code({}, [parseOpportunity({ id: 'z', customerId: 'c', pipelineId: 'other', name: 'z', amount: { amount: '1', currency: 'CNY' }, stageId: 'top', ownerId: 'zhang', history: ledger('top', 'open') })])).toBe('pipeline_mismatch');
    expect(code({}, [deal('z', 'c1', 'top', '1', { amount: { amount: '1', currency: 'USD' } })])).toBe('currency_mismatch');
  });
});

describe('planHandover: custom tiers', () => {
  it('uses the tiers given, with the channel deciding who takes part', () => {
    const plan = planHandover(book, pipeline, {
      ...options,
      tiers: [
        { min: '0.5', channel: 'visit' },
        { min: 0, channel: 'successor_call' },
      ],
    });
    expect(plan.steps.map((s) => `${s.opportunityId}:${s.tier}:${s.channel}`)).toEqual([
      'd1:1:visit',
      'd2:1:visit',
      'd3:1:visit',
      'd4:1:visit',
      'd5:2:successor_call',
      'd7:2:successor_call',
      'd6:2:successor_call',
    ]);
  });
});

describe('planHandover: hostile arguments and options', () => {
  /** The FunnelError a call throws (the test fails on anything else, or on no throw). */
  function thrown(f: () => unknown): FunnelError {
    try {
      f();
    } catch (e) {
      if (e instanceof FunnelError) return e;
      throw e;
    }
    return expect.fail('no error');
  }
  const withOptions = (extra: Record<string, unknown>) => () => planHandover(book, pipeline, { ...options, ...extra } as PlanHandoverOptions);
  const withSuccessor = (extra: Record<string, unknown>) => withOptions({ successors: [{ id: 'li', ...extra }] });

  it('refuses deals that are no iterable of deals, naming the argument or the bad item', () => {
    expect(thrown(() => planHandover(null as never, pipeline, options)).params).toMatchObject({ name: 'opportunities', reason: { code: 'must_be_opportunities' } });
    expect(thrown(() => planHandover([null] as never, pipeline, options)).params).toMatchObject({ name: 'opportunities[0]', reason: { code: 'must_be_opportunity' } });
    // [5] used to be skipped without a word (a record silently dropped).
    expect(thrown(() => planHandover([book[0]!, 5] as never, pipeline, options)).params).toMatchObject({ name: 'opportunities[1]', reason: { code: 'must_be_opportunity' } });
  });

  it('refuses a value that is not a pipeline', () => {
    const e = thrown(() => planHandover(book, null as never, options));
    expect(e.code).toBe('invalid_argument');
    expect(e.params).toMatchObject({ name: 'pipeline', reason: { code: 'must_be_pipeline_with_stages' } });
  });

  it('refuses bad successor lists and loads with the option path', () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ customers: 5 }, 'successors[0].customers', 'must_be_array'],
      [{ customers: [null] }, 'successors[0].customers[0]', 'must_be_non_empty_string'],
      [{ regions: 'ab' }, 'successors[0].regions', 'must_be_array'],
      [{ regions: ['华东', 2] }, 'successors[0].regions[1]', 'must_be_non_empty_string'],
      [{ currentLoad: null }, 'successors[0].currentLoad', 'expected_money'],
      [{ currentLoad: 5 }, 'successors[0].currentLoad', 'expected_money'],
    ];
    for (const [extra, option, reason] of cases) {
      const e = thrown(withSuccessor(extra));
      expect(e.code).toBe('invalid_option');
      expect(e.params).toMatchObject({ option, reason: { code: reason } });
    }
  });

  it('refuses bad customers and a departingRep that is not an object', () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ customers: 5 }, 'customers', 'must_be_array'],
      [{ customers: [{ id: 'c1', region: '华东' }, null] }, 'customers[1]', 'must_be_object'],
      [{ customers: [{ id: 1, region: '华东' }] }, 'customers[0].id', 'must_be_non_empty_string'],
      [{ customers: [{ id: 'c1', region: 2 }] }, 'customers[0].region', 'must_be_non_empty_string'],
      [{ departingRep: 5 }, 'departingRep', 'must_be_object'],
    ];
    for (const [extra, option, reason] of cases) {
      const e = thrown(withOptions(extra));
      expect(e.code).toBe('invalid_option');
      expect(e.params).toMatchObject({ option, reason: { code: reason } });
    }
  });

  it('refuses rates that are not exchange rates where it reads them, even when no amount needs converting', () => {
    for (const rates of [5, null, 'CNY', { base: 'CNY', rates: 5 }]) {
      const e = thrown(withOptions({ rates }));
      expect(e.code).toBe('invalid_option');
      expect(e.params).toMatchObject({ option: 'rates', reason: { code: 'must_be_object' } });
    }
    // The case that used to end in "Cannot convert undefined or null to object": a load in USD.
    const e = thrown(withOptions({ rates: 5, successors: [{ id: 'li', currentLoad: { amount: new Decimal(1), currency: 'USD' } }] }));
    expect(e.params).toMatchObject({ option: 'rates' });
  });

  it('accepts a customer without a region, and leaves the options as they were', () => {
    const given = { ...options, customers: [{ id: 'c1' }, { id: 'c2', region: '华北' }] } as unknown as PlanHandoverOptions;
    const before = JSON.stringify(given);
    expect(planHandover(book, pipeline, given).steps.length).toBe(7);
    expect(JSON.stringify(given)).toBe(before);
  });
});
