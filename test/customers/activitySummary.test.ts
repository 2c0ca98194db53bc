import { describe, expect, it } from 'vitest';
import { activitySummary, FunnelError, parseCustomer, parseOpportunity, type ActivityStats, type Opportunity } from '../../src/index.js';

const t = (date: string) => `2026-${date}T10:00:00+08:00`;
const cny = (amount: string) => ({ amount, currency: 'CNY' });

const customers = [
  parseCustomer({
    id: 'c-1',
    name: '华东机械',
    priority: 'high',
    ownerId: 'rep-li',
    history: [
      { type: 'claimed', at: '2026-01-05T09:00:00+08:00', ownerId: 'rep-li' },
      { type: 'activity_logged', at: t('03-12'), kind: 'meeting', by: 'rep-li', cost: cny('200'), opportunityId: 'o-1' },
      { type: 'activity_logged', at: t('03-25'), kind: 'call' },
    ],
  }),
  parseCustomer({ id: 'c-2', name: '宏达贸易', priority: 'low', ownerId: 'rep-wang' }),
];

function deal(id: string, customerId: string, ownerId: string, events: readonly Record<string, unknown>[], wonOn?: string): Opportunity {
  const won = wonOn === undefined ? [] : [{ type: 'won', at: t(wonOn), stageId: 'won' }];
  return parseOpportunity({
    id,
    customerId,
    pipelineId: 'direct',
    name: `商机 ${id}`,
    ownerId,
    amount: cny('100000'),
    stageId: wonOn === undefined ? 'lead' : 'won',
    ...(wonOn === undefined ? {} : { status: 'won', closedAt: t(wonOn) }),
    history: [{ type: 'created', at: '2026-02-01T09:00:00+08:00', stageId: 'lead' }, ...events, ...won],
  });
}

const deals = [
  deal(
    'o-1',
    'c-1',
    'rep-li',
    [
      { type: 'activity_logged', at: t('03-02'), kind: 'visit', by: 'rep-li', cost: cny('300') },
      { type: 'activity_logged', at: t('03-05'), kind: 'call' },
      { type: 'activity_logged', at: t('03-10'), kind: 'visit', by: 'rep-zhao', cost: cny('500') },
    ],
    '03-20',
  ),
  deal(
    'o-2',
    'c-2',
    'rep-wang',
    [
      { type: 'activity_logged', at: t('02-20'), kind: 'visit', cost: cny('100') },
      { type: 'activity_logged', at: t('03-01'), kind: 'call', by: 'rep-wang' },
    ],
    '03-15',
  ),
  deal('o-3', 'c-2', 'rep-wang', [{ type: 'activity_logged', at: t('03-03'), kind: 'email' }]),
];

const march = { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' };

/** The figures as plain values: counts, kinds, cost, won, per won deal. */
const plain = (s: ActivityStats) => ({
  activities: s.activities,
  byKind: s.byKind,
  cost: s.cost === null ? null : `${s.cost.amount.toFixed(2)} ${s.cost.currency}`,
  customers: s.customersContacted,
  won: s.wonDeals,
  perWon: [s.activitiesPerWonDeal, s.visitsPerWonDeal, s.costPerWonDeal === null ? null : s.costPerWonDeal.amount.toFixed(2)],
});

describe('activitySummary', () => {
  it('counts the window’s activities by kind and cost, and what a won deal took', () => {
    const s = activitySummary(customers, deals, march);
    // In March: o-1 visit, call, visit; c-1 meeting, call; o-2 call; o-3 email (o-2's visit of 02-20 is before).
    // Won in March: o-1 (4 activities up to its win: 3 on the deal and the meeting naming it; 2 visits; 1000 CNY)
    // and o-2 (its visit of 02-20 and call: 2 activities, 1 visit, 100 CNY): 6 / 2 = 3, 3 / 2 = 1.5, 1100 / 2 = 550.
    expect(plain(s.total)).toEqual({
      activities: 7,
      byKind: { visit: 2, call: 3, email: 1, meeting: 1, other: 0 },
      cost: '1000.00 CNY',
      customers: 2,
      won: 2,
      perWon: [3, 1.5, '550.00'],
    });
    expect([s.currency, s.from?.toISOString(), s.to?.toISOString(), s.asOf, s.groupBy, s.groups]).toEqual(['CNY', '2026-02-28T16:00:00.000Z', '2026-03-31T16:00:00.000Z', undefined, [], []]);
  });

  it('per rep: who logged it, else the deal’s owner, else the customer’s holder; won deals by owner', () => {
    const s = activitySummary(customers, deals, { ...march, groupBy: ['owner'] });
    expect(s.groups.map((g) => [g.key.join(), plain(g.value)])).toEqual([
      ['rep-li', { activities: 4, byKind: { visit: 1, call: 2, email: 0, meeting: 1, other: 0 }, cost: '500.00 CNY', customers: 1, won: 1, perWon: [4, 2, '1000.00'] }],
      ['rep-wang', { activities: 2, byKind: { visit: 0, call: 1, email: 1, meeting: 0, other: 0 }, cost: '0.00 CNY', customers: 1, won: 1, perWon: [2, 1, '100.00'] }],
      ['rep-zhao', { activities: 1, byKind: { visit: 1, call: 0, email: 0, meeting: 0, other: 0 }, cost: '500.00 CNY', customers: 1, won: 0, perWon: [null, null, null] }],
    ]);
  });

  it('per customer class', () => {
    const s = activitySummary(customers, deals, { ...march, groupBy: ['customer_priority'] });
    expect(s.groups.map((g) => [g.key.join(), g.value.activities, g.value.wonDeals, g.value.activitiesPerWonDeal])).toEqual([
      ['high', 5, 1, 4],
      ['low', 2, 1, 2],
    ]);
  });

  it('reads the books at asOf: a deal won later is not won yet, later activities have not happened', () => {
    // By 03-16: o-1's three, c-1's meeting, o-2's call, o-3's email; only o-2 won.
    const s = activitySummary(customers, deals, { ...march, asOf: t('03-16') });
    expect([s.total.activities, s.total.wonDeals, s.total.activitiesPerWonDeal]).toEqual([6, 1, 2]);
    // A reopened deal is not won.
    const reopened = parseOpportunity({
      ...JSON.parse(JSON.stringify(deals[1])),
      stageId: 'lead',
      status: 'open',
      closedAt: undefined,
      history: [...JSON.parse(JSON.stringify(deals[1]!.history)), { type: 'reopened', at: t('03-18'), stageId: 'lead' }],
    });
    expect(activitySummary(customers, [deals[0]!, reopened], march).total.wonDeals).toBe(1);
  });

  it('without a window: everything; without anything: zeros and no currency', () => {
    const all = activitySummary(customers, deals);
    expect([all.total.activities, all.total.cost?.amount.toFixed(2), all.total.wonDeals]).toEqual([8, '1100.00', 2]);
    const empty = activitySummary([], []);
    expect(plain(empty.total)).toEqual({ activities: 0, byKind: { visit: 0, call: 0, email: 0, meeting: 0, other: 0 }, cost: null, customers: 0, won: 0, perWon: [null, null, null] });
    expect(empty.currency).toBeNull();
    expect(activitySummary([], [], { currency: 'USD' }).total.cost).toEqual({ amount: expect.anything(), currency: 'USD' });
  });

  it('adds costs in other currencies with rates, and refuses them without', () => {
    const usd = deal('o-9', 'c-1', 'rep-li', [{ type: 'activity_logged', at: t('03-08'), kind: 'visit', cost: { amount: '10', currency: 'USD' } }]);
    expect(() => activitySummary(customers, [...deals, usd], march)).toThrow(FunnelError);
    const rates = { base: 'CNY', rates: { USD: '7.2' } } as const;
    expect(activitySummary(customers, [...deals, usd], { ...march, rates }).total.cost?.amount.toFixed(2)).toBe('1072.00');
  });

  it('rejects bad options and arguments', () => {
    for (const options of [{ from: 'March' }, { ...march, from: march.to, to: march.from }, { currency: 'RMB' }, { groupBy: ['colour'] }, { groupBy: 'owner' }]) {
      expect(() => activitySummary(customers, deals, options as never), JSON.stringify(options)).toThrow(FunnelError);
    }
    expect(() => activitySummary(customers, 5 as never)).toThrow(FunnelError);
    expect(() => activitySummary([{}] as never, deals)).toThrow(FunnelError);
  });
});

describe('activitySummary: deals that are not deals', () => {
  it('names the bad deal by its place in the input', () => {
    let thrown: unknown;
    try {
      activitySummary(customers, [deals[0]!, null] as never, march);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FunnelError);
    expect((thrown as FunnelError).params).toMatchObject({ name: 'deals[1]', reason: { code: 'must_be_opportunity' } });
  });
});
