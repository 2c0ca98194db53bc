import { describe, expect, it } from 'vitest';
import { classifyABCD, money, type ClassifyABCDOptions, type Customer, type Opportunity } from '../../src/index.js';
import { customer, deal, pipeline, snapshot } from './_classFixtures.js';
import { thrown as failure } from '../_errors.js';

// asOf 2026-03-10 in Shanghai; 2026-04-09 is 30 days later, 2026-09-26 is 200 days later.
const IN_30 = '2026-04-09';
const IN_200 = '2026-09-26';
const base: ClassifyABCDOptions = {
  asOf: '2026-03-10T09:00:00+08:00',
  timeZone: 'Asia/Shanghai',
  valueAtLeast: money('500000', 'CNY'), // 50 万
  closeWithinDays: 90,
};

describe('classifyABCD: the golden case of issue 12 (value ≥ 50 万, close within 90 days)', () => {
  it('80 万 in 30 days → A, 10 万 in 30 days → B, 80 万 in 200 days → C, 10 万 in 200 days → D', () => {
    const customers = ['a', 'b', 'c', 'd'].map((id) => customer(id));
    const deals = [
      deal({ customerId: 'a', amount: '800000', expectedCloseDate: IN_30 }),
      deal({ customerId: 'b', amount: '100000', expectedCloseDate: IN_30 }),
      deal({ customerId: 'c', amount: '800000', expectedCloseDate: IN_200 }),
      deal({ customerId: 'd', amount: '100000', expectedCloseDate: IN_200 }),
    ];
    const r = classifyABCD(customers, deals, base);
    expect(r.customers.map((c) => [c.customerId, c.class, c.value.amount.toString(), c.daysToClose])).toEqual([
      ['a', 'A', '800000', 30],
      ['b', 'B', '100000', 30],
      ['c', 'C', '800000', 200],
      ['d', 'D', '100000', 200],
    ]);
    expect(r.classes).toEqual({ A: ['a'], B: ['b'], C: ['c'], D: ['d'] });
    expect(r.unclassified).toEqual([]);
    expect(r).toMatchObject({ kind: 'abcd', currency: 'CNY', asOfDate: '2026-03-10', value: 'amount' });
  });

  it('the thresholds are inclusive: exactly 50 万 is high value, exactly 90 days is soon', () => {
    const r = classifyABCD(
      [customer('edge'), customer('late')],
      [deal({ customerId: 'edge', amount: '500000', expectedCloseDate: '2026-06-08' }), deal({ customerId: 'late', amount: '499999.99', expectedCloseDate: '2026-06-09' })],
      base,
    );
    expect(r.customers.map((c) => [c.class, c.daysToClose, c.highValue, c.closesSoon])).toEqual([
      ['A', 90, true, true],
      ['D', 91, false, false],
    ]);
  });
});

describe('classifyABCD: a customer’s figures come from its open deals', () => {
  it('sums the amounts of its open deals and takes the nearest close date; closed and suspended deals do not count', () => {
    const deals = [
      deal({ customerId: 'c', amount: '300000', expectedCloseDate: IN_200 }),
      deal({ customerId: 'c', amount: '300000', expectedCloseDate: IN_30 }),
      deal({ customerId: 'c', amount: '100000' }), // no close date: counts in the value only
      deal({ customerId: 'c', stageId: 'won', amount: '5000000', expectedCloseDate: IN_30 }),
      deal({ customerId: 'c', stageId: 'lost', amount: '5000000', expectedCloseDate: IN_30 }),
      deal({ customerId: 'c', status: 'suspended', amount: '5000000', expectedCloseDate: '2026-03-11' }),
      deal({ customerId: 'other', amount: '9000000', expectedCloseDate: '2026-03-11' }), // not a customer passed
    ];
    const r = classifyABCD([customer('c')], deals, base);
    const c = r.customers[0]!;
    expect(c.value.amount.toString()).toBe('700000'); // 30 万 + 30 万 + 10 万
    expect(c.nearestCloseDate).toBe(IN_30);
    expect(c.class).toBe('A');
    expect(c.openDealIds).toEqual([deals[0]!.id, deals[1]!.id, deals[2]!.id]);
  });

  it('a close date already past counts as soon (negative days)', () => {
    const r = classifyABCD([customer('c')], [deal({ customerId: 'c', amount: '100000', expectedCloseDate: '2026-03-01' })], base);
    expect(r.customers[0]).toMatchObject({ class: 'B', daysToClose: -9, closesSoon: true });
  });

  it('counts the days from asOf’s date on the wall clock given (UTC by default)', () => {
    // 2026-03-09T20:00Z is 2026-03-10 04:00 in Shanghai, still 2026-03-09 in UTC.
    const deals = [deal({ customerId: 'c', amount: '1', expectedCloseDate: IN_30 })];
    const asOf = '2026-03-09T20:00:00Z';
    expect(classifyABCD([customer('c')], deals, { ...base, asOf }).customers[0]?.daysToClose).toBe(30);
    const { timeZone: _zone, ...utc } = base;
    expect(classifyABCD([customer('c')], deals, { ...utc, asOf }).customers[0]?.daysToClose).toBe(31);
    expect(classifyABCD([customer('c')], deals, { ...utc, asOf, offsetMinutes: 480 }).customers[0]?.daysToClose).toBe(30);
  });

  it('value: weighted sums amount × probability (override, else the stage’s), with the pipelines', () => {
    const deals = [
      deal({ customerId: 'c', stageId: 'negotiate', amount: '800000', expectedCloseDate: IN_30 }), // × 0.75 = 60 万
      deal({ customerId: 'c', stageId: 'qualify', amount: '400000', expectedCloseDate: IN_200, probabilityOverride: '0.5' }), // × 0.5 = 20 万
      deal({ customerId: 'd', stageId: 'lead', amount: '800000', expectedCloseDate: IN_30 }), // × 0.1 = 8 万
    ];
    const r = classifyABCD([customer('c'), customer('d')], deals, { ...base, value: 'weighted', pipelines: [pipeline] });
    expect(r.customers.map((c) => [c.customerId, c.value.amount.toString(), c.class])).toEqual([
      ['c', '800000', 'A'],
      ['d', '80000', 'B'],
    ]);
    expect(r.value).toBe('weighted');
    // the same deals by amount: d is worth 80 万, class A
    expect(classifyABCD([customer('d')], deals, base).customers[0]?.class).toBe('A');
  });

  it('value: weighted needs the pipelines, and every deal’s pipeline among them', () => {
    const d = [deal({ customerId: 'c', amount: '1', expectedCloseDate: IN_30 })];
    const e = failure(() => classifyABCD([customer('c')], d, { ...base, value: 'weighted' }));
    expect(e.params).toMatchObject({ option: 'pipelines', reason: { code: 'weighted_needs_pipelines' } });
    expect(e.localizedMessage('zh-CN')).toBe('选项“pipelines”无效：按赢率加权时必须提供。');
    const other = { ...pipeline, id: 'partner' } as typeof pipeline;
    expect(failure(() => classifyABCD([customer('c')], d, { ...base, value: 'weighted', pipelines: [other] })).code).toBe('missing_pipeline');
    expect(failure(() => classifyABCD([customer('c')], d, { ...base, value: 'weighted', pipelines: [{} as never] })).params).toMatchObject({ option: 'pipelines[0]' });
  });
});

describe('classifyABCD: no customer is dropped', () => {
  it('a customer without an open deal, or without a close date on any, is unclassified with the reason', () => {
    const deals = [deal({ customerId: 'undated', amount: '900000' }), deal({ customerId: 'undated', amount: '100000' }), deal({ customerId: 'won-only', stageId: 'won', amount: '1', expectedCloseDate: IN_30 })];
    const customers = [customer('none', { name: '华东机械' }), customer('undated', { name: '宏达贸易' }), customer('won-only')];
    const r = classifyABCD(customers, deals, { ...base, locale: 'zh-CN' });
    expect(r.customers).toEqual([]);
    expect(r.unclassified.map((u) => [u.customerId, u.issue.code, u.value.amount.toString(), u.openDealIds.length])).toEqual([
      ['none', 'no_open_deal', '0', 0],
      ['undated', 'no_expected_close_date', '1000000', 2],
      ['won-only', 'no_open_deal', '0', 0],
    ]);
    expect(r.unclassified.map((u) => u.issue.message)).toEqual([
      '客户“华东机械”没有进行中的商机，无法按 A/B/C/D 分类。',
      '客户“宏达贸易”的 2 个进行中商机都没有填写预计成交日期，无法按 A/B/C/D 分类。',
      '客户“won-only”没有进行中的商机，无法按 A/B/C/D 分类。',
    ]);
    const en = classifyABCD(customers.slice(0, 2), deals, base).unclassified.map((u) => u.issue.message);
    expect(en).toEqual([
      'Customer "华东机械" has no open deal, so it has no A/B/C/D class.',
      'None of the 2 open deals of customer "宏达贸易" has an expected close date, so it has no A/B/C/D class.',
    ]);
  });
});

describe('classifyABCD: currencies', () => {
  const usd = [deal({ customerId: 'c', amount: { amount: '100000', currency: 'USD' }, expectedCloseDate: IN_30 })];

  it('reads other currencies through the rates', () => {
    const r = classifyABCD([customer('c')], usd, { ...base, rates: { base: 'CNY', rates: { USD: '7.10' } } });
    expect(r.customers[0]?.value).toEqual(money('710000', 'CNY'));
    expect(r.customers[0]?.class).toBe('A');
  });

  it('without rates a deal in another currency is currency_mismatch', () => {
    const e = failure(() => classifyABCD([customer('c')], usd, base));
    expect(e.code).toBe('currency_mismatch');
    expect(e.params).toEqual({ left: 'CNY', right: 'USD' });
  });

  it('the threshold’s currency is the result’s', () => {
    const r = classifyABCD([customer('c')], usd, { ...base, valueAtLeast: money('70000', 'USD') });
    expect(r.currency).toBe('USD');
    expect(r.customers[0]?.class).toBe('A');
  });
});

describe('classifyABCD: options and arguments', () => {
  const run = (options: unknown, customers: unknown = [customer('c')], deals: unknown = []) => failure(() => classifyABCD(customers as Customer[], deals as Opportunity[], options as ClassifyABCDOptions));

  it('asOf is required', () => {
    const { asOf: _asOf, ...noAsOf } = base;
    const e = run(noAsOf);
    expect(e.params).toMatchObject({ option: 'asOf', reason: { code: 'asof_for_classes' } });
    expect(e.localizedMessage('zh-CN')).toBe('选项“asOf”无效：必须提供：距成交的天数从这一时刻起算。');
    expect(run({ ...base, asOf: '2026-03-10' }).params).toMatchObject({ option: 'asOf' });
    expect(run(undefined).params).toMatchObject({ option: 'asOf' });
  });

  it('the axes are checked', () => {
    expect(run({ ...base, valueAtLeast: 500000 }).params).toMatchObject({ option: 'valueAtLeast', reason: { code: 'expected_money' } });
    expect(run({ ...base, valueAtLeast: { amount: '-1', currency: 'CNY' } }).params).toMatchObject({ option: 'valueAtLeast.amount', reason: { code: 'must_not_be_negative' } });
    expect(run({ ...base, valueAtLeast: { amount: 'lots', currency: 'CNY' } }).params).toMatchObject({ option: 'valueAtLeast.amount' });
    expect(run({ ...base, valueAtLeast: { amount: '1', currency: 'RMB' } }).params).toMatchObject({ option: 'valueAtLeast.currency' });
    expect(run({ ...base, closeWithinDays: -1 }).params).toMatchObject({ option: 'closeWithinDays' });
    expect(run({ ...base, closeWithinDays: 1.5 }).params).toMatchObject({ option: 'closeWithinDays' });
    expect(run({ ...base, value: 'expected' }).params).toMatchObject({ option: 'value', reason: { code: 'one_of' } });
    expect(run({ ...base, locale: 'fr' }).params).toMatchObject({ option: 'locale' });
    expect(run({ ...base, timeZone: 'Mars/Olympus' }).params).toMatchObject({ option: 'timeZone' });
  });

  it('a plain { amount, currency } threshold is accepted too', () => {
    const r = classifyABCD([customer('c')], [deal({ customerId: 'c', amount: '500000', expectedCloseDate: IN_30 })], { ...base, valueAtLeast: { amount: '500000', currency: 'CNY' } as never });
    expect(r.customers[0]?.class).toBe('A');
  });

  it('customers and deals must be lists', () => {
    expect(run(base, 5).params).toMatchObject({ name: 'customers', reason: { code: 'must_be_array' } });
    expect(run(base, [customer('c')], null).params).toMatchObject({ name: 'deals' });
    expect(run(base, [customer('c')], [null]).params).toMatchObject({ name: 'deals[0]', reason: { code: 'must_be_opportunity' } });
    // An object that is no deal (no pipeline id, no ledger) used to pass and fail later, or count as nothing.
    expect(run(base, [customer('c')], [deal({ customerId: 'c', amount: '1', expectedCloseDate: IN_30 }), {}]).params).toMatchObject({ name: 'deals[1]', reason: { code: 'must_be_opportunity' } });
  });

  it('never changes its arguments', () => {
    const customers = [customer('c')];
    const deals = [deal({ customerId: 'c', amount: '800000', expectedCloseDate: IN_30 })];
    const before = snapshot([customers, deals, base]);
    classifyABCD(customers, deals, base);
    expect(snapshot([customers, deals, base])).toBe(before);
  });
});
