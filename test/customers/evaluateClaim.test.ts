import { describe, expect, it } from 'vitest';
import { evaluateClaim, FunnelError, type PoolRules } from '../../src/index.js';
import { at, BEIJING, claimed, customer } from './_poolFixtures.js';

const codes = (issues: readonly { readonly code: string }[]) => issues.map((i) => i.code);

describe('evaluateClaim', () => {
  const free = customer('c-1', []);

  it('allows a claim from the pool with no rules', () => {
    expect(evaluateClaim(free, 'rep-li', [], {}, { at: at('2026-03-01') })).toEqual([]);
  });

  it('already_held: someone holds the customer at `at`, the same rep too', () => {
    const held = customer('c-1', [claimed('2026-03-01', 'rep-wang')]);
    const issues = evaluateClaim(held, 'rep-li', [], {}, { at: at('2026-03-02'), locale: 'zh-CN' });
    expect(issues).toEqual([expect.objectContaining({ code: 'already_held', params: { customerId: 'c-1', customerName: '客户 c-1', ownerId: 'rep-wang' }, path: ['customer'] })]);
    expect(issues[0]!.message).toBe('客户“客户 c-1”已由“rep-wang”领取。');
    expect(codes(evaluateClaim(held, 'rep-wang', [], {}, { at: at('2026-03-02') }))).toEqual(['already_held']);
    // Before the claim happened, it was free.
    expect(evaluateClaim(held, 'rep-li', [], {}, { at: at('2026-02-28') })).toEqual([]);
  });

  it('hold_limit_reached: the rep already holds holdLimit customers (this one aside)', () => {
    const mine = [customer('c-2', [claimed('2026-02-01')]), customer('c-3', [claimed('2026-02-02')]), customer('c-4', [claimed('2026-02-03', 'rep-wang')])];
    const rules: PoolRules = { holdLimit: 2 };
    const issues = evaluateClaim(free, 'rep-li', [free, ...mine], rules, { at: at('2026-03-01') });
    expect(issues).toEqual([expect.objectContaining({ code: 'hold_limit_reached', params: { ownerId: 'rep-li', held: 2, limit: 2 } })]);
    expect(issues[0]!.message).toBe('"rep-li" already holds 2 customers; the limit is 2.');
    expect(evaluateClaim(free, 'rep-wang', mine, rules, { at: at('2026-03-01') })).toEqual([]);
    expect(evaluateClaim(free, 'rep-li', mine, { holdLimit: 3 }, { at: at('2026-03-01') })).toEqual([]);
    // Holdings are counted at `at`.
    expect(evaluateClaim(free, 'rep-li', mine, rules, { at: at('2026-02-01', '12:00') })).toEqual([]);
  });

  it('reclaim_cooldown: the previous owner may not claim again for N calendar days after a release or a reclaim', () => {
    const released = customer('c-1', [claimed('2026-03-01'), { type: 'released', at: at('2026-03-05', '23:00') }]);
    const rules: PoolRules = { reclaimCooldownDays: 30 };
    const issues = evaluateClaim(released, 'rep-li', [], rules, { at: at('2026-04-03'), ...BEIJING });
    expect(issues).toEqual([expect.objectContaining({ code: 'reclaim_cooldown', params: { customerId: 'c-1', customerName: '客户 c-1', ownerId: 'rep-li', until: '2026-04-04', days: 30 } })]);
    expect(issues[0]!.message).toBe('"rep-li" gave customer "客户 c-1" back to the pool less than 30 days ago and may claim it again from 2026-04-04.');
    expect(evaluateClaim(released, 'rep-li', [], rules, { at: at('2026-04-04', '00:00'), ...BEIJING })).toEqual([]);
    // Another rep may claim it at once.
    expect(evaluateClaim(released, 'rep-wang', [], rules, { at: at('2026-03-06'), ...BEIJING })).toEqual([]);
    // A reclaim counts too; an assignment away does not.
    const reclaimed = customer('c-1', [claimed('2026-03-01'), { type: 'reclaimed', at: at('2026-03-11'), rule: 'followUpDays' }]);
    expect(codes(evaluateClaim(reclaimed, 'rep-li', [], rules, { at: at('2026-03-12') }))).toEqual(['reclaim_cooldown']);
    const moved = customer('c-1', [claimed('2026-03-01'), { type: 'assigned', at: at('2026-03-02'), ownerId: 'rep-wang', by: 'mgr-zhao' }, { type: 'released', at: at('2026-03-03') }]);
    expect(evaluateClaim(moved, 'rep-li', [], rules, { at: at('2026-03-04') })).toEqual([]);
    expect(codes(evaluateClaim(moved, 'rep-wang', [], rules, { at: at('2026-03-04') }))).toEqual(['reclaim_cooldown']);
  });

  it('not_in_pool_for_team: a customer of a department pool, claimed by a rep of another team (or of none)', () => {
    const east = customer('c-1', [], { poolId: 'east' });
    const rules: PoolRules = { pools: [{ id: 'east', teams: ['华东销售部'] }] };
    const teams = { 'rep-li': '华东销售部', 'rep-wang': '华北销售部' };
    expect(evaluateClaim(east, 'rep-li', [], rules, { at: at('2026-03-01'), teams })).toEqual([]);
    const issues = evaluateClaim(east, 'rep-wang', [], rules, { at: at('2026-03-01'), teams: new Map(Object.entries(teams)), locale: 'zh-CN' });
    expect(issues).toEqual([expect.objectContaining({ code: 'not_in_pool_for_team', params: { customerId: 'c-1', customerName: '客户 c-1', poolId: 'east', ownerId: 'rep-wang', team: '华北销售部' } })]);
    expect(issues[0]!.message).toBe('客户“客户 c-1”属于公海“east”，该公海不对“rep-wang”所在的团队开放。');
    expect(codes(evaluateClaim(east, 'rep-zhao', [], rules, { at: at('2026-03-01'), teams }))).toEqual(['not_in_pool_for_team']);
    expect(codes(evaluateClaim(east, 'rep-li', [], rules, { at: at('2026-03-01') }))).toEqual(['not_in_pool_for_team']);
    // The common pool (no poolId, or a pool the rules do not list) is open to everyone.
    expect(evaluateClaim(free, 'rep-wang', [], rules, { at: at('2026-03-01'), teams })).toEqual([]);
    expect(evaluateClaim(customer('c-2', [], { poolId: 'west' }), 'rep-wang', [], rules, { at: at('2026-03-01'), teams })).toEqual([]);
  });

  it('lists every issue at once, in order', () => {
    const c = customer('c-1', [claimed('2026-03-01'), { type: 'released', at: at('2026-03-02') }, claimed('2026-03-03', 'rep-wang')], { poolId: 'east' });
    const others = [customer('c-2', [claimed('2026-02-01')])];
    const rules: PoolRules = { holdLimit: 1, reclaimCooldownDays: 7, pools: [{ id: 'east', teams: ['华东销售部'] }] };
    expect(codes(evaluateClaim(c, 'rep-li', others, rules, { at: at('2026-03-04') }))).toEqual(['already_held', 'not_in_pool_for_team', 'reclaim_cooldown', 'hold_limit_reached']);
  });

  it('throws for bad arguments and options', () => {
    expect(() => evaluateClaim({} as never, 'rep-li', [], {}, { at: at('2026-03-01') })).toThrow(FunnelError);
    expect(() => evaluateClaim(free, '', [], {}, { at: at('2026-03-01') })).toThrow(/ownerId/);
    expect(() => evaluateClaim(free, 'rep-li', 5 as never, {}, { at: at('2026-03-01') })).toThrow(/customers/);
    expect(() => evaluateClaim(free, 'rep-li', [], { holdLimit: -1 }, { at: at('2026-03-01') })).toThrow(/rules/);
    expect(() => evaluateClaim(free, 'rep-li', [], {}, {} as never)).toThrow(/at/);
    expect(() => evaluateClaim(free, 'rep-li', [], {}, { at: at('2026-03-01'), teams: 'x' as never })).toThrow(/teams/);
    expect(() => evaluateClaim(free, 'rep-li', [], {}, { at: at('2026-03-01'), locale: 'fr' as never })).toThrow(/locale/);
  });
});
