import { describe, expect, it } from 'vitest';
import { customerPoolState, FunnelError, releaseCustomer } from '../../src/index.js';
import { at, claimed, customer } from './_poolFixtures.js';

describe('releaseCustomer', () => {
  const held = customer('c-1', [claimed('2026-03-01')]);

  it('appends released { reason } and clears the owner', () => {
    const r = releaseCustomer(held, { at: at('2026-03-05'), by: 'rep-li', reason: '客户暂无需求' });
    if (!r.ok) throw new Error('refused');
    expect(r.events).toEqual([{ type: 'released', seq: 2, at: new Date(at('2026-03-05')), by: 'rep-li', reason: '客户暂无需求' }]);
    expect(r.customer.ownerId).toBeUndefined();
    expect('ownerId' in r.customer).toBe(false);
    expect(held.ownerId).toBe('rep-li');
    expect(customerPoolState(r.customer)).toMatchObject({ inPool: true, departures: [{ ownerId: 'rep-li', how: 'released' }] });
  });

  it('refuses a customer in the pool (customer_not_held) and an earlier time', () => {
    const free = customer('c-2', []);
    const r = releaseCustomer(free, { at: at('2026-03-05'), locale: 'zh-CN' });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.message])).toEqual([['customer_not_held', '客户“客户 c-2”在公海中，无人持有。']]);
    const early = releaseCustomer(held, { at: at('2026-02-01') });
    expect(early.ok ? [] : early.issues.map((i) => i.code)).toEqual(['time_went_backwards', 'customer_not_held']);
  });

  it('checks the version, replays a key, and throws for bad options', () => {
    expect(releaseCustomer(held, { at: at('2026-03-05'), expectedVersion: 2 })).toMatchObject({ ok: false, issues: [{ code: 'version_conflict' }] });
    const r = releaseCustomer(held, { at: at('2026-03-05'), idempotencyKey: 'rel-1' });
    if (!r.ok) throw new Error('refused');
    expect(releaseCustomer(r.customer, { at: at('2026-03-06'), idempotencyKey: 'rel-1' })).toMatchObject({ ok: true, replayed: true, events: r.events });
    expect(() => releaseCustomer(held, { at: at('2026-03-05'), reason: '' })).toThrow(FunnelError);
    expect(() => releaseCustomer(null as never, { at: at('2026-03-05') })).toThrow(/customer/);
  });
});
