import { describe, expect, it } from 'vitest';
import { customerPoolState, FunnelError, logCustomerActivity, money, parseCustomer, serializeCustomer, type Customer } from '../../src/index.js';

const customer: Customer = parseCustomer({
  id: 'c-1',
  name: '华东机械',
  ownerId: 'rep-li',
  contacts: [
    { id: 'ct-wang', name: '王总', role: 'decision_maker' },
    { id: 'ct-li', name: '李工', role: 'technical_evaluator' },
  ],
  history: [{ type: 'claimed', at: '2026-03-01T09:00:00+08:00', ownerId: 'rep-li' }],
});

const at = '2026-03-05T10:00:00+08:00';

describe('logCustomerActivity', () => {
  it('appends activity_logged with the deal it was about, and changes nothing else', () => {
    const before = JSON.stringify(customer);
    const r = logCustomerActivity(customer, { kind: 'visit', contactId: 'ct-wang', outcome: '确认预算', cost: money('320', 'CNY'), opportunityId: 'o-1' }, { at, by: 'rep-li' });
    expect(JSON.stringify(customer)).toBe(before);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const e = r.events[0]!;
    expect(e.type === 'activity_logged' && [e.seq, e.kind, e.contactId, e.outcome, e.cost?.amount.toString(), e.opportunityId, e.by]).toEqual([
      2,
      'visit',
      'ct-wang',
      '确认预算',
      '320',
      'o-1',
      'rep-li',
    ]);
    const { history, ...rest } = r.customer;
    const { history: old, ...oldRest } = customer;
    expect(rest).toEqual(oldRest);
    expect(history.slice(0, 1)).toEqual(old);
    // The owner stays; the pool reads the activity.
    const state = customerPoolState(r.customer);
    expect([state.ownerId, state.lastActivityAt?.toISOString()]).toEqual(['rep-li', '2026-03-05T02:00:00.000Z']);
    // And the ledger parses back.
    expect(parseCustomer(serializeCustomer(r.customer)).history).toEqual(r.customer.history);
  });

  it('is allowed for a customer in the pool, which stays there', () => {
    const pooled = parseCustomer({ id: 'c-2', name: '宏达贸易' });
    const r = logCustomerActivity(pooled, { kind: 'call' }, { at });
    expect(r.ok && customerPoolState(r.customer).inPool).toBe(true);
  });

  it('refuses an unknown contact, a bad kind, an empty opportunityId and a time before the last event, all at once', () => {
    const r = logCustomerActivity(customer, { kind: 'fax' as never, contactId: 'ct-zhao', opportunityId: '' }, { at: '2026-02-01T00:00:00Z', locale: 'zh-CN' });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path?.join('.')])).toEqual([
      ['time_went_backwards', 'at'],
      ['invalid_activity', 'activity.kind'],
      ['unknown_contact', 'activity.contactId'],
      ['invalid_activity', 'activity.opportunityId'],
    ]);
    expect(r.ok ? '' : r.issues[2]?.message).toBe('联系人“ct-zhao”不在客户“华东机械”的联系人名单中。');
  });

  it('honours expectedVersion and idempotencyKey', () => {
    const first = logCustomerActivity(customer, { kind: 'email' }, { at, expectedVersion: 1, idempotencyKey: 'k-1' });
    if (!first.ok) throw new Error('refused');
    const again = logCustomerActivity(first.customer, { kind: 'email' }, { at, expectedVersion: 1, idempotencyKey: 'k-1' });
    expect(again.ok && [again.replayed, again.events]).toEqual([true, first.events]);
    const stale = logCustomerActivity(first.customer, { kind: 'call' }, { at, expectedVersion: 1 });
    expect(stale.ok ? [] : stale.issues.map((i) => i.code)).toEqual(['version_conflict']);
  });

  it('throws for a customer that is not parsed and for a missing at', () => {
    expect(() => logCustomerActivity({ id: 'c-1' } as never, { kind: 'call' }, { at })).toThrow(FunnelError);
    expect(() => logCustomerActivity(customer, { kind: 'call' }, {} as never)).toThrow(FunnelError);
  });
});
