import { describe, expect, it } from 'vitest';
import { classifyABCD, FunnelError, formatIssue, money, reclassify, scoreCustomers, type ScorecardJson } from '../../src/index.js';
import { customer, deal, snapshot } from './_classFixtures.js';

const card: ScorecardJson = {
  criteria: [
    { id: 'budget', check: { kind: 'field', field: 'attributes.budget', rule: { op: 'gte', value: 500000 } }, points: 5 },
    { id: 'need', check: { kind: 'field', field: 'attributes.need', rule: { op: 'equals', value: true } }, points: 1 },
    { id: 'arrears', check: { kind: 'field', field: 'tags', rule: { op: 'includes', value: '欠款' } }, points: -4 },
  ],
  tiers: [{ id: 'A', minScore: 5 }, { id: 'B', minScore: 1 }, { id: 'C', minScore: -2 }, { id: 'D' }],
};

const customers = [
  customer('c1', { name: '华东机械', priority: 'low', attributes: { budget: 900000 } }), // 5 → A → high: up
  customer('c2', { name: '宏达贸易', priority: 'high', attributes: { need: true } }), // 1 → B → medium: down
  customer('c3', { name: '恒通精密', priority: 'medium', attributes: { need: true } }), // 1 → B → medium: unchanged
  customer('c4', { name: '远东物流', priority: 'medium', tags: ['欠款'] }), // −4 → D → low: down
];

describe('reclassify from a scorecard', () => {
  it('proposes the customers whose tier maps to another priority (A → high, B → medium, C/D → low), with the reason', () => {
    const scored = scoreCustomers(customers, card);
    const r = reclassify(customers, scored);
    expect(r.basis).toBe('scorecard');
    expect(r.proposals.map((p) => [p.customerId, p.tier, p.from, p.to, p.direction])).toEqual([
      ['c1', 'A', 'low', 'high', 'up'],
      ['c2', 'B', 'high', 'medium', 'down'],
      ['c4', 'D', 'medium', 'low', 'down'],
    ]);
    expect(r.unchanged).toEqual(['c3']);
    expect(r.notAssessed).toEqual([]);
    const reason = r.proposals[0]!.reason;
    expect(reason.code).toBe('priority_by_score');
    expect(reason.params).toEqual({ customerId: 'c1', customerName: '华东机械', score: 5, tier: 'A', from: 'low', to: 'high' });
    expect(reason.message).toBe('Customer "华东机械" scores 5, tier A: change its priority from low to high.');
    expect(formatIssue(reason, 'zh-CN')).toBe('客户“华东机械”评分 5 分，属于 A 级，建议将优先级由“低”调整为“高”。');
    expect(reclassify(customers, scored, { locale: 'zh-CN' }).proposals[2]?.reason.message).toBe('客户“远东物流”评分 -4 分，属于 D 级，建议将优先级由“中”调整为“低”。');
  });

  it('takes the caller’s mapping as a whole (a scorecard with its own tier names)', () => {
    const own = scoreCustomers(customers, { ...card, tiers: [{ id: 'gold', minScore: 5 }, { id: 'silver', minScore: 1 }, { id: 'bronze' }] });
    const r = reclassify(customers, own, { mapping: { gold: 'high', silver: 'high', bronze: 'medium' } });
    expect(r.proposals.map((p) => [p.customerId, p.to])).toEqual([
      ['c1', 'high'],
      ['c3', 'high'],
    ]);
    expect(r.unchanged).toEqual(['c2', 'c4']);
  });

  it('a tier the mapping lacks is an error, not a silent skip', () => {
    const own = scoreCustomers(customers, { ...card, tiers: [{ id: 'gold', minScore: 5 }, { id: 'rest' }] });
    let e: unknown;
    try {
      reclassify(customers, own);
    } catch (error) {
      e = error;
    }
    expect(e).toBeInstanceOf(FunnelError);
    expect((e as FunnelError<'invalid_option'>).params).toMatchObject({ option: 'mapping', reason: { code: 'tier_not_mapped', params: { tier: 'gold' } } });
    expect((e as FunnelError).localizedMessage('zh-CN')).toBe('选项“mapping”无效：没有为分级“gold”指定优先级。');
  });

  it('customers without a tier keep their priority and are listed as not assessed', () => {
    const noElse = scoreCustomers(customers.slice(0, 3), { ...card, tiers: card.tiers.slice(0, 2) });
    const r = reclassify(customers, noElse); // c2, c3 reach B; c1 reaches A; c4 was not scored at all
    expect(r.proposals.map((p) => p.customerId)).toEqual(['c1', 'c2']);
    expect(r.unchanged).toEqual(['c3']);
    expect(r.notAssessed).toEqual(['c4']);
    const below = scoreCustomers([customers[3]!], { ...card, tiers: card.tiers.slice(0, 2) });
    expect(reclassify([customers[3]!], below).notAssessed).toEqual(['c4']);
  });
});

describe('reclassify from the A/B/C/D classes', () => {
  it('proposes by class, with the expected value and the nearest close date in the reason', () => {
    const deals = [
      deal({ customerId: 'c1', amount: '800000', expectedCloseDate: '2026-04-09' }), // A
      deal({ customerId: 'c2', amount: '100000', expectedCloseDate: '2026-09-26' }), // D
      deal({ customerId: 'c3', amount: '100000', expectedCloseDate: '2026-04-09' }), // B
    ];
    const classes = classifyABCD(customers, deals, { asOf: '2026-03-10T00:00:00Z', valueAtLeast: money('500000', 'CNY'), closeWithinDays: 90 });
    const r = reclassify(customers, classes, { locale: 'zh-CN' });
    expect(r.basis).toBe('abcd');
    expect(r.proposals.map((p) => [p.customerId, p.tier, p.from, p.to])).toEqual([
      ['c1', 'A', 'low', 'high'],
      ['c2', 'D', 'high', 'low'],
    ]);
    expect(r.unchanged).toEqual(['c3']);
    expect(r.notAssessed).toEqual(['c4']); // no open deal: unclassified, its priority stays
    const reason = r.proposals[0]!.reason;
    expect(reason.code).toBe('priority_by_class');
    expect(reason.params).toEqual({ customerId: 'c1', customerName: '华东机械', tier: 'A', amount: '800000', currency: 'CNY', closeDate: '2026-04-09', days: 30, from: 'low', to: 'high' });
    expect(reason.message).toBe('客户“华东机械”属于 A 类（预期金额 80 万元，最近的预计成交日期 2026-04-09），建议将优先级由“低”调整为“高”。');
    expect(formatIssue(reason, 'en')).toBe(
      'Customer "华东机械" is class A (expected value 800,000.00 CNY, nearest expected close date 2026-04-09): change its priority from low to high.',
    );
  });
});

describe('reclassify: inputs', () => {
  const scored = scoreCustomers(customers, card);
  const option = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(FunnelError);
      return (e as FunnelError).params;
    }
    throw new Error('expected a FunnelError');
  };

  it('refuses an assessment that is neither result, a bad mapping or locale', () => {
    expect(option(() => reclassify(customers, {} as never))).toMatchObject({ name: 'assessment', reason: { code: 'must_be_classes' } });
    expect(option(() => reclassify(customers, null as never))).toMatchObject({ name: 'assessment' });
    expect(option(() => reclassify(customers, scored, { mapping: { A: 'urgent' } as never }))).toMatchObject({ option: 'mapping.A', reason: { code: 'one_of' } });
    expect(option(() => reclassify(customers, scored, { mapping: 'A' as never }))).toMatchObject({ option: 'mapping' });
    expect(option(() => reclassify(customers, scored, { locale: 'fr' as never }))).toMatchObject({ option: 'locale' });
    expect(option(() => reclassify(5 as never, scored))).toMatchObject({ name: 'customers' });
  });

  it('never changes its arguments', () => {
    const before = snapshot([customers, scored]);
    reclassify(customers, scored);
    expect(snapshot([customers, scored])).toBe(before);
  });
});
