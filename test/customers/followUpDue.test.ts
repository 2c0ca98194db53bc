import { describe, expect, it } from 'vitest';
import { FunnelError, followUpDue, parseCustomer, parseOpportunity, type Customer, type CustomerJson, type FollowUpDueRow } from '../../src/index.js';

const asOf = '2026-03-10T09:00:00+08:00';
const cadenceDays = { high: 7, medium: 14, low: 30 };
const zone = { timeZone: 'Asia/Shanghai' } as const;

const claimed = (ownerId: string) => ({ type: 'claimed' as const, at: '2026-01-05T09:00:00+08:00', ownerId });
const call = (at: string, extra: Record<string, unknown> = {}) => ({ type: 'activity_logged' as const, at, kind: 'call' as const, ...extra });

function customer(json: Partial<CustomerJson> & { readonly id: string }): Customer {
  return parseCustomer({ name: `客户 ${json.id}`, ...json });
}

const customers: Customer[] = [
  customer({ id: 'high', priority: 'high', ownerId: 'rep-li', history: [claimed('rep-li'), call('2026-03-01T10:00:00+08:00')] }),
  customer({ id: 'medium', priority: 'medium', ownerId: 'rep-wang', history: [claimed('rep-wang'), call('2026-03-01T10:00:00+08:00')] }),
  customer({ id: 'low-new', priority: 'low', createdAt: '2026-02-01T09:00:00+08:00' }),
  customer({ id: 'unknown', priority: 'low' }),
  customer({ id: 'today', priority: 'high', ownerId: 'rep-li', history: [claimed('rep-li'), call('2026-03-03T18:00:00+08:00')] }),
];

const brief = (r: FollowUpDueRow) => `${r.customerId} ${r.status} ${r.dueDate ?? '-'} ${r.daysOverdue ?? '-'}`;

describe('followUpDue', () => {
  it('the goldens: high 03-01 is 2 days overdue; medium 03-01 has 5 days left; never contacted counts from creation or says so', () => {
    const r = followUpDue(customers, { asOf, cadenceDays, ...zone });
    expect(r.asOfDate).toBe('2026-03-10');
    expect(r.total.map(brief)).toEqual([
      'unknown no_start_date - -',
      'low-new overdue 2026-03-03 7',
      'high overdue 2026-03-08 2',
      'today due_today 2026-03-10 0',
      'medium upcoming 2026-03-15 -5',
    ]);
    const high = r.total.find((x) => x.customerId === 'high')!;
    expect([high.ownerId, high.customerClass, high.cadenceDays, high.countsFrom, high.fromDate, high.lastActivity?.kind]).toEqual(['rep-li', 'high', 7, 'last_activity', '2026-03-01', 'call']);
    const fresh = r.total.find((x) => x.customerId === 'low-new')!;
    expect([fresh.ownerId, fresh.countsFrom, fresh.fromDate, fresh.lastActivity]).toEqual([null, 'created', '2026-02-01', null]);
    expect(r.total.find((x) => x.customerId === 'unknown')?.countsFrom).toBe('none');
    expect([r.groupBy, r.groups]).toEqual([[], []]);
  });

  it('counts calendar days on the wall clock of the time zone', () => {
    // 2026-03-02 01:00 in Shanghai is still 03-01 in UTC.
    const late = [customer({ id: 'c', priority: 'high', history: [call('2026-03-02T01:00:00+08:00')] })];
    expect(followUpDue(late, { asOf, cadenceDays, ...zone }).total[0]?.daysOverdue).toBe(1);
    expect(followUpDue(late, { asOf, cadenceDays }).total[0]?.daysOverdue).toBe(2);
  });

  it('reads activities after asOf as not happened yet, and the activities of the customer’s deals when given', () => {
    const c = customer({ id: 'c', priority: 'high', history: [call('2026-02-20T10:00:00+08:00'), call('2026-03-12T10:00:00+08:00')] });
    const deal = parseOpportunity({
      id: 'o-1',
      customerId: 'c',
      pipelineId: 'p',
      name: 'ERP',
      ownerId: 'rep-li',
      amount: { amount: '100', currency: 'CNY' },
      stageId: 'lead',
      history: [
        { type: 'created', at: '2026-02-01T09:00:00+08:00', stageId: 'lead' },
        { type: 'activity_logged', at: '2026-03-09T10:00:00+08:00', kind: 'visit', by: 'rep-li' },
      ],
    });
    const other = parseOpportunity({ ...JSON.parse(JSON.stringify(deal)), id: 'o-2', customerId: 'elsewhere' });
    expect(followUpDue([c], { asOf, cadenceDays, ...zone }).total.map(brief)).toEqual(['c overdue 2026-02-27 11']);
    const withDeals = followUpDue([c], { asOf, cadenceDays, ...zone, deals: [deal, other] });
    expect(withDeals.total.map(brief)).toEqual(['c upcoming 2026-03-16 -6']);
    expect(withDeals.total[0]?.lastActivity).toEqual({ at: new Date('2026-03-09T02:00:00Z'), date: '2026-03-09', kind: 'visit', by: 'rep-li', opportunityId: 'o-1' });
  });

  it('takes a cadence by any class, a number or a function; a class without one is listed as no_cadence', () => {
    const tiers: Record<string, string> = { high: 'A', medium: 'B', 'low-new': 'C' };
    const byTier = followUpDue(customers, { asOf, ...zone, cadenceDays: { A: 3, B: 10 }, classOf: (c) => tiers[c.id] });
    expect(byTier.total.map(brief)).toEqual([
      'unknown no_start_date - -',
      'high overdue 2026-03-04 6',
      'medium upcoming 2026-03-11 -1',
      'low-new no_cadence - -',
      'today no_cadence - -',
    ]);
    expect(followUpDue(customers, { asOf, ...zone, cadenceDays: 9 }).total.find((x) => x.customerId === 'high')?.daysOverdue).toBe(0);
    expect(followUpDue(customers, { asOf, ...zone, cadenceDays: (c) => (c.priority === 'high' ? 1 : undefined) }).total.filter((x) => x.status !== 'no_cadence').map(brief)).toEqual([
      'unknown no_start_date - -',
      'high overdue 2026-03-02 8',
      'today overdue 2026-03-04 6',
    ]);
  });

  it('groups by owner (the pool under "(none)") and by priority', () => {
    const r = followUpDue(customers, { asOf, cadenceDays, ...zone, groupBy: ['owner'] });
    expect(r.groupBy).toEqual(['owner']);
    expect(r.groups.map((g) => [g.key.join(), g.value.map((x) => x.customerId)])).toEqual([
      ['(none)', ['unknown', 'low-new']],
      ['rep-li', ['high', 'today']],
      ['rep-wang', ['medium']],
    ]);
    const two = followUpDue(customers, { asOf, cadenceDays, ...zone, groupBy: ['customer_priority', function held(c) { return c.ownerId === undefined ? 'pool' : 'held'; }] });
    expect(two.groupBy).toEqual(['customer_priority', 'held']);
    expect(two.groups.map((g) => g.key.join('/'))).toEqual(['high/held', 'low/pool', 'medium/held']);
    const teams = followUpDue(customers, { asOf, cadenceDays, ...zone, groupBy: ['team'], teams: { 'rep-li': '华东', 'rep-wang': '华北' } });
    expect(teams.groups.map((g) => [g.key.join(), g.value.length])).toEqual([
      ['(none)', 2],
      ['华东', 2],
      ['华北', 1],
    ]);
  });

  it('rejects bad options and arguments', () => {
    const bad: unknown[] = [
      { cadenceDays },
      { asOf: 'tomorrow', cadenceDays },
      { asOf },
      { asOf, cadenceDays: -1 },
      { asOf, cadenceDays: 1.5 },
      { asOf, cadenceDays: { high: 'seven' } },
      { asOf, cadenceDays: () => -3 },
      { asOf, cadenceDays, classOf: 'priority' },
      { asOf, cadenceDays, groupBy: ['colour'] },
      { asOf, cadenceDays, groupBy: ['team'] },
      { asOf, cadenceDays, timeZone: 'Mars/Olympus' },
      { asOf, cadenceDays, deals: 3 },
    ];
    for (const options of bad) expect(() => followUpDue(customers, options as never), JSON.stringify(options)).toThrow(FunnelError);
    expect(() => followUpDue([{ id: 'x' } as never], { asOf, cadenceDays })).toThrow(/customers/);
    const err = (() => {
      try {
        followUpDue(customers, { cadenceDays } as never);
      } catch (e) {
        return e as FunnelError;
      }
      return undefined;
    })();
    expect(err?.localizedMessage('zh-CN')).toBe('选项“asOf”无效：必须提供：按这一时刻判断客户是否该跟进。');
  });
});
