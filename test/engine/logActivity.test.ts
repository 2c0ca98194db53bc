import { describe, expect, it } from 'vitest';
import { Decimal, FunnelError, logActivity, money, parseCustomer, parseOpportunity, serializeOpportunity, transition, type Customer } from '../../src/index.js';
import { hours, makeDeal, makePipeline, snapshot } from './_fixtures.js';

const customer: Customer = parseCustomer({
  id: 'acme',
  name: '华东机械',
  contacts: [
    { id: 'ct-wang', name: '王总', role: 'decision_maker', title: '总经理' },
    { id: 'ct-li', name: '李工', role: 'technical_evaluator' },
  ],
});

describe('logActivity', () => {
  it('appends activity_logged with every field and changes nothing else', () => {
    const deal = makeDeal();
    const before = snapshot(deal);
    const r = logActivity(
      deal,
      { kind: 'visit', contactId: 'ct-wang', outcome: '确认预算', cost: money('320.50', 'CNY'), note: '带了样品' },
      { at: hours(2), by: 'rep-zhang', customer },
    );
    expect(snapshot(deal)).toBe(before);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.replayed).toBe(false);
    expect(r.events).toHaveLength(1);
    const e = r.events[0]!;
    expect(e.type === 'activity_logged' && [e.seq, e.kind, e.contactId, e.outcome, e.cost?.amount.toFixed(2), e.cost?.currency, e.note, e.by, e.at.toISOString()]).toEqual([
      2,
      'visit',
      'ct-wang',
      '确认预算',
      '320.50',
      'CNY',
      '带了样品',
      'rep-zhang',
      hours(2).toISOString(),
    ]);
    const { history: h1, ...rest1 } = r.opportunity;
    const { history: h0, ...rest0 } = deal;
    expect(rest1).toEqual(rest0);
    expect(h1.slice(0, h0.length)).toEqual(h0);
  });

  it('the result serializes and parses back (the ledger check accepts it)', () => {
    const r = logActivity(makeDeal(), { kind: 'call', cost: money('0', 'USD') }, { at: hours(1) });
    if (!r.ok) throw new Error('refused');
    const again = parseOpportunity(serializeOpportunity(r.opportunity));
    expect(again.history.at(-1)).toEqual(r.events[0]);
  });

  it('is allowed on suspended, won and lost deals', () => {
    const pipeline = makePipeline();
    const suspended = transition(makeDeal(), pipeline, { type: 'suspend', reason: '预算冻结' }, { at: hours(1) });
    if (!suspended.ok) throw new Error('refused');
    expect(logActivity(suspended.opportunity, { kind: 'call' }, { at: hours(2) }).ok).toBe(true);
    const lost = transition(makeDeal(), pipeline, { type: 'lose', reason: '价格过高' }, { at: hours(1) });
    if (!lost.ok) throw new Error('refused');
    const after = logActivity(lost.opportunity, { kind: 'visit', outcome: '回访' }, { at: hours(3) });
    expect(after.ok && [after.opportunity.status, after.events[0]?.type]).toEqual(['lost', 'activity_logged']);
  });

  it('refuses a time before the last event, a bad kind or text, a bad cost — all at once', () => {
    const r = logActivity(makeDeal(), { kind: 'lunch' as never, outcome: '', note: 3 as never, cost: money('-1', 'CNY') }, { at: hours(-1) });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path?.join('.')])).toEqual([
      ['time_went_backwards', 'at'],
      ['invalid_activity', 'activity.kind'],
      ['invalid_activity', 'activity.outcome'],
      ['invalid_activity', 'activity.note'],
      ['invalid_amount', 'activity.cost.amount'],
    ]);
    const codes = (activity: unknown) => {
      const x = logActivity(makeDeal(), activity as never, { at: hours(1) });
      return x.ok ? [] : x.issues.map((i) => i.code);
    };
    expect(codes(null)).toEqual(['invalid_activity']);
    expect(codes({ kind: 'call', cost: { amount: new Decimal(5), currency: 'RMB' } })).toEqual(['unknown_currency']);
    expect(codes({ kind: 'call', cost: 5 })).toEqual(['invalid_amount']);
    expect(codes({ kind: 'call', contactId: 'x'.repeat(201) })).toEqual(['invalid_activity']);
  });

  it('with the customer: the contact must be one of its contacts, and the customer the deal’s', () => {
    const unknown = logActivity(makeDeal(), { kind: 'call', contactId: 'ct-zhao' }, { at: hours(1), customer, locale: 'zh-CN' });
    expect(unknown.ok ? [] : unknown.issues.map((i) => [i.code, i.message])).toEqual([['unknown_contact', '联系人“ct-zhao”不在客户“华东机械”的联系人名单中。']]);
    const other = logActivity(makeDeal(), { kind: 'call' }, { at: hours(1), customer: { ...customer, id: 'globex' as Customer['id'] } });
    expect(other.ok ? [] : other.issues.map((i) => [i.code, i.message])).toEqual([['customer_mismatch', 'The customer given is "globex", but the deal belongs to customer "acme".']]);
    // Without the customer, the contact id is recorded as given.
    expect(logActivity(makeDeal(), { kind: 'call', contactId: 'ct-zhao' }, { at: hours(1) }).ok).toBe(true);
  });

  it('honours expectedVersion and idempotencyKey like every engine command', () => {
    const deal = makeDeal();
    const first = logActivity(deal, { kind: 'email' }, { at: hours(1), expectedVersion: 1, idempotencyKey: 'act-1' });
    if (!first.ok) throw new Error('refused');
    expect(first.events[0]?.id).toBe('act-1');
    const retry = logActivity(first.opportunity, { kind: 'email' }, { at: hours(5), expectedVersion: 1, idempotencyKey: 'act-1' });
    expect(retry.ok && [retry.replayed, retry.opportunity.history.length, retry.events]).toEqual([true, 2, first.events]);
    const stale = logActivity(first.opportunity, { kind: 'call' }, { at: hours(2), expectedVersion: 1 });
    expect(stale.ok ? [] : stale.issues.map((i) => i.code)).toEqual(['version_conflict']);
  });

  it('throws invalid_option for a missing at or a malformed customer', () => {
    expect(() => logActivity(makeDeal(), { kind: 'call' }, {} as never)).toThrow(FunnelError);
    expect(() => logActivity(makeDeal(), { kind: 'call' }, { at: hours(1), customer: { id: 'acme' } as never })).toThrow(/customer/);
  });
});
