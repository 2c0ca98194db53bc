import { describe, expect, it } from 'vitest';
import { Decimal, parseOpportunity, parsePipeline, type Opportunity, type Customer, type PlanHandoverOptions } from '../../../../src/index.js';
import { assignSuccessors } from '../../../../src/planning/_lib/handover/assign.js';
import { collectBook } from '../../../../src/planning/_lib/handover/book.js';
import { readHandoverSettings } from '../../../../src/planning/_lib/handover/settings.js';

// One open stage at probability 1, so that a deal's weighted value is its amount.
const pipeline = parsePipeline({
  id: 'p',
  name: 'Direct',
  currency: 'CNY',
  stages: [
    { id: 'open', name: 'Open', kind: 'open', probability: 1 },
    { id: 'won', name: 'Won', kind: 'won', probability: 1 },
    { id: 'lost', name: 'Lost', kind: 'lost', probability: 0 },
  ],
});

const created = { type: 'created', at: '2026-03-02T09:00:00+08:00', stageId: 'open' };
const later = '2026-03-20T09:00:00+08:00';

/** A deal of 张 (zhang) unless `extra` says otherwise; `status` 'suspended' or 'won' parks it. */
const deal = (id: string, customerId: string, amount: string, extra: Record<string, unknown> = {}): Opportunity => {
  const status = extra['status'];
  const history = status === 'suspended' ? [created, { type: 'suspended', at: later }] : status === 'won' ? [created, { type: 'won', at: later, stageId: 'won' }] : [created];
  return parseOpportunity({
    id,
    customerId,
    pipelineId: 'p',
    name: id,
    amount: { amount, currency: 'CNY' },
    stageId: status === 'won' ? 'won' : 'open',
    ownerId: 'zhang',
    history,
    ...extra,
  });
};

/** Successor and reason per customer, and the value each successor takes over. */
function assign(deals: Opportunity[], extra: Partial<PlanHandoverOptions> = {}): { who: Record<string, string>; added: Record<string, string> } {
  const settings = readHandoverSettings({ departingOwnerId: 'zhang', successors: [{ id: 'a' }, { id: 'b' }], startDate: '2026-04-01', ...extra }, pipeline);
  const r = assignSuccessors(collectBook(deals, pipeline, settings), settings);
  return {
    who: Object.fromEntries([...r.byCustomer].map(([c, x]) => [c, `${x.successor.id}:${x.why}`])),
    added: Object.fromEntries([...r.added].map(([s, v]) => [s, v.toString()])),
  };
}

describe('assignSuccessors: balance and its tie-breaks', () => {
  it('a full tie goes to the first successor by id', () => {
    // c1 100: a and b would both reach 100, no deals yet → a.
    expect(assign([deal('d1', 'c1', '100')]).who).toEqual({ c1: 'a:balance' });
  });

  it('the lowest relative load after taking the customer wins, even against the id', () => {
    // b already carries 1 000: a would reach 100, b 1 100 → a. With b capacity 20, b would reach 1 100 / 20 = 55 < 100 → b.
    const load = { amount: new Decimal(1000), currency: 'CNY' };
    expect(assign([deal('d1', 'c1', '100')], { successors: [{ id: 'a' }, { id: 'b', currentLoad: load }] }).who).toEqual({ c1: 'a:balance' });
    expect(assign([deal('d1', 'c1', '100')], { successors: [{ id: 'a' }, { id: 'b', currentLoad: load, capacity: 20 }] }).who).toEqual({ c1: 'b:balance' });
    // a carries 1 000: b would reach 100 → b.
    expect(assign([deal('d1', 'c1', '100')], { successors: [{ id: 'a', currentLoad: load }, { id: 'b' }] }).who).toEqual({ c1: 'b:balance' });
  });

  it('on equal load, fewer deals per unit of capacity wins (open deals count)', () => {
    // c1 two deals 50 + 50 = 100 → a (tie, id): a 100, 2 deals.  c2 one deal 100: a 200 vs b 100 → b: 1 deal.
    // c3 one deal of 0: both stay at 100; deals a 2 vs b 1 → b.
    const r = assign([deal('d1', 'c1', '50'), deal('d2', 'c1', '50'), deal('d3', 'c2', '100'), deal('d4', 'c3', '0')]);
    expect(r.who).toEqual({ c1: 'a:balance', c2: 'b:balance', c3: 'b:balance' });
    expect(r.added).toEqual({ a: '100', b: '100' });
    // Mirrored: c1 one deal 100 → a; c2 two deals 50 + 50 → b; c3: deals a 1 vs b 2 → a.
    expect(assign([deal('d1', 'c1', '100'), deal('d2', 'c2', '50'), deal('d3', 'c2', '50'), deal('d4', 'c3', '0')]).who).toEqual({ c1: 'a:balance', c2: 'b:balance', c3: 'a:balance' });
  });

  it('deals per unit of capacity, not deals: a successor of capacity 3 with 2 deals beats one of capacity 1 with 1', () => {
    // a capacity 3, b capacity 1.  c1 300 (2 deals): a 300/3 = 100 vs b 300 → a.  c2 100 (1 deal): a 400/3 ≈ 133 vs b 100 → b.
    // c3 0: a 100 vs b 100 tie; deals per capacity a 2/3 vs b 1/1 → a.
    const r = assign([deal('d1', 'c1', '150'), deal('d2', 'c1', '150'), deal('d3', 'c2', '100'), deal('d4', 'c3', '0')], { successors: [{ id: 'a', capacity: 3 }, { id: 'b' }] });
    expect(r.who).toEqual({ c1: 'a:balance', c2: 'b:balance', c3: 'a:balance' });
  });

  it('a suspended deal the rep owns counts as a deal of its customer; one the rep holds a split of does not', () => {
    // c1 100 + a suspended deal owned → 2 deals → a.  c2 100, 1 deal → b.  c3 0: deals a 2 vs b 1 → b.
    const owned = [deal('d1', 'c1', '100'), deal('d2', 'c1', '500', { status: 'suspended' }), deal('d3', 'c2', '100'), deal('d4', 'c3', '0')];
    expect(assign(owned).who).toEqual({ c1: 'a:balance', c2: 'b:balance', c3: 'b:balance' });
    // c1 two deals 50 + 50 → a (2 deals).  c2 100 + a suspended deal of 赵 with a split of 张 → b, 1 deal (the split does not count).
    // c3 0: deals a 2 vs b 1 → b (were the split counted: 2 vs 2 → a).
    const split = { ownerId: 'zhao', splits: [{ ownerId: 'zhang', basisPoints: 5000 }, { ownerId: 'zhao', basisPoints: 5000 }] };
    const r = assign([deal('d1', 'c1', '50'), deal('d2', 'c1', '50'), deal('d3', 'c2', '100'), deal('d5', 'c2', '500', { status: 'suspended', ...split }), deal('d6', 'c3', '0')]);
    expect(r.who).toEqual({ c1: 'a:balance', c2: 'b:balance', c3: 'b:balance' });
  });

  it('a won or lost deal is no deal at stake: a customer with only closed deals gets no successor, and closed deals do not count', () => {
    // c1 100 + a won deal → a with 1 deal.  c2 100 → b.  c3 0: deals a 1 vs b 1 → a by id (were the won deal counted: 2 vs 1 → b).
    const r = assign([deal('d1', 'c1', '100'), deal('d2', 'c1', '900', { status: 'won' }), deal('d3', 'c2', '100'), deal('d4', 'c3', '0'), deal('d9', 'c9', '500', { status: 'won' })]);
    expect(r.who).toEqual({ c1: 'a:balance', c2: 'b:balance', c3: 'a:balance' });
  });
});

describe('assignSuccessors: the order customers are taken in', () => {
  it('largest value at stake first, whatever the ids', () => {
    // c1 100 (deal d1), c2 300 (deal d2). c2 first → a (tie, id); c1: a 400 vs b 100 → b.
    // (In deal order c1 would go first → a, and c2 → b.)
    const r = assign([deal('d1', 'c1', '100'), deal('d2', 'c2', '300')]);
    expect(r.who).toEqual({ c2: 'a:balance', c1: 'b:balance' });
    expect(r.added).toEqual({ a: '300', b: '100' });
  });

  it('equal values by customer id, whatever the deal order', () => {
    // c1, c2, c3 at 100 each, taken c1, c2, c3: c1 → a, c2 → b, c3: 200 vs 200, 1 deal each → a.
    for (const deals of [
      [deal('d1', 'c2', '100'), deal('d2', 'c1', '100'), deal('d3', 'c3', '100')],
      [deal('d1', 'c3', '100'), deal('d2', 'c2', '100'), deal('d3', 'c1', '100')],
      [deal('d1', 'c1', '100'), deal('d2', 'c3', '100'), deal('d3', 'c2', '100')],
    ]) {
      expect(assign(deals).who).toEqual({ c1: 'a:balance', c2: 'b:balance', c3: 'a:balance' });
    }
  });
});

describe('assignSuccessors: coverage', () => {
  it('a successor covering one of the customer’s regions takes it within the slack', () => {
    // c1 has deals in 华东 and 华北; b covers 华北 only. Lowest: a 100 (tie, id); b 100 ≤ 1.25 × 100 → b.
    const r = assign([deal('d1', 'c1', '60', { region: '华东' }), deal('d2', 'c1', '40', { region: '华北' })], { successors: [{ id: 'a' }, { id: 'b', regions: ['华北'] }] });
    expect(r.who).toEqual({ c1: 'b:covers_region' });
  });

  it('the customer’s region counts where its deals have none', () => {
    const r = assign([deal('d1', 'c1', '100')], { successors: [{ id: 'a' }, { id: 'b', regions: ['华北'] }], customers: [{ id: 'c1', region: '华北' }] as unknown as readonly Customer[] });
    expect(r.who).toEqual({ c1: 'b:covers_region' });
    // Without the customer's region: balance, a by id.
    expect(assign([deal('d1', 'c1', '100')], { successors: [{ id: 'a' }, { id: 'b', regions: ['华北'] }] }).who).toEqual({ c1: 'a:balance' });
  });

  it('a successor covering the customer takes it even when far more loaded', () => {
    const load = { amount: new Decimal(1000), currency: 'CNY' };
    expect(assign([deal('d1', 'c1', '100')], { successors: [{ id: 'a' }, { id: 'b', currentLoad: load, customers: ['c1'] }] }).who).toEqual({ c1: 'b:covers_customer' });
  });
});
