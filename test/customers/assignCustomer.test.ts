import { describe, expect, it } from 'vitest';
import { assignCustomer, customerPoolState, evaluateClaim, FunnelError, poolStatus } from '../../src/index.js';
import { at, BEIJING, claimed, customer } from './_poolFixtures.js';

describe('assignCustomer', () => {
  it('a manager assigns a customer from the pool or from another rep: assigned { ownerId, by }', () => {
    const free = customer('c-1', []);
    const r = assignCustomer(free, 'rep-li', { at: at('2026-03-01'), by: 'mgr-zhao' });
    if (!r.ok) throw new Error('refused');
    expect(r.events).toEqual([{ type: 'assigned', seq: 1, at: new Date(at('2026-03-01')), by: 'mgr-zhao', ownerId: 'rep-li' }]);
    const moved = assignCustomer(r.customer, 'rep-wang', { at: at('2026-03-02'), by: 'mgr-zhao' });
    if (!moved.ok) throw new Error('refused');
    expect(moved.customer.ownerId).toBe('rep-wang');
    expect(customerPoolState(moved.customer)).toMatchObject({ ownerId: 'rep-wang', heldVia: 'assigned', departures: [] });
  });

  it('bypasses the claim rules: hold limit, cooldown and team pools', () => {
    const released = customer('c-1', [claimed('2026-03-01'), { type: 'released', at: at('2026-03-02') }], { poolId: 'east' });
    const mine = [customer('c-2', [claimed('2026-02-01')])];
    const rules = { holdLimit: 1, reclaimCooldownDays: 30, pools: [{ id: 'east', teams: ['华东销售部'] }] };
    expect(evaluateClaim(released, 'rep-li', mine, rules, { at: at('2026-03-03') }).map((i) => i.code)).toEqual(['not_in_pool_for_team', 'reclaim_cooldown', 'hold_limit_reached']);
    const r = assignCustomer(released, 'rep-li', { at: at('2026-03-03'), by: 'mgr-zhao' });
    if (!r.ok) throw new Error('refused');
    expect(poolStatus([...mine, r.customer], rules, { asOf: at('2026-03-04') }).owners).toEqual([{ ownerId: 'rep-li', held: 2, limit: 1, overLimit: true, warning: 0, due: 0 }]);
  });

  it('assigning a customer to the rep who holds it renews the hold', () => {
    const held = customer('c-1', [claimed('2026-03-01')]);
    const r = assignCustomer(held, 'rep-li', { at: at('2026-03-08'), by: 'mgr-zhao' });
    if (!r.ok) throw new Error('refused');
    expect(poolStatus([held], { followUpDays: 10 }, { asOf: at('2026-03-09'), ...BEIJING }).customers[0]!.dueDate).toBe('2026-03-11');
    expect(poolStatus([r.customer], { followUpDays: 10 }, { asOf: at('2026-03-09'), ...BEIJING }).customers[0]!.dueDate).toBe('2026-03-18');
  });

  it('refuses an earlier time, checks the version, and throws without by', () => {
    const held = customer('c-1', [claimed('2026-03-01')]);
    expect(assignCustomer(held, 'rep-wang', { at: at('2026-02-01'), by: 'mgr-zhao' })).toMatchObject({ ok: false, issues: [{ code: 'time_went_backwards' }] });
    expect(assignCustomer(held, 'rep-wang', { at: at('2026-03-02'), by: 'mgr-zhao', expectedVersion: 0 })).toMatchObject({ ok: false, issues: [{ code: 'version_conflict' }] });
    expect(() => assignCustomer(held, 'rep-wang', { at: at('2026-03-02') } as never)).toThrow(FunnelError);
    expect(() => assignCustomer(held, '', { at: at('2026-03-02'), by: 'mgr-zhao' })).toThrow(/ownerId/);
  });
});
