import { describe, expect, it } from 'vitest';
import { claimCustomer, customerPoolState, FunnelError, parseCustomer, serializeCustomer } from '../../src/index.js';
import { at, claimed, customer, visit } from './_poolFixtures.js';

describe('claimCustomer', () => {
  const free = customer('c-1', [visit('2026-02-20')]);

  it('appends claimed { ownerId } and makes the rep the owner; the input is not changed', () => {
    const before = JSON.stringify(serializeCustomer(free));
    const r = claimCustomer(free, 'rep-li', [free], { holdLimit: 5 }, { at: at('2026-03-01'), by: 'rep-li' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.replayed).toBe(false);
    expect(r.events).toEqual([{ type: 'claimed', seq: 2, at: new Date(at('2026-03-01')), by: 'rep-li', ownerId: 'rep-li' }]);
    expect(r.customer.ownerId).toBe('rep-li');
    expect(r.customer.history).toHaveLength(2);
    expect(JSON.stringify(serializeCustomer(free))).toBe(before);
    // The result is a valid customer: it parses back equal.
    expect(parseCustomer(JSON.parse(JSON.stringify(serializeCustomer(r.customer))))).toEqual(r.customer);
    expect(customerPoolState(r.customer)).toMatchObject({ ownerId: 'rep-li', heldVia: 'claimed' });
  });

  it('refuses with every issue of evaluateClaim and time_went_backwards, at once', () => {
    const held = customer('c-1', [claimed('2026-03-01', 'rep-wang')]);
    const r = claimCustomer(held, 'rep-li', [customer('c-2', [claimed('2026-02-01')])], { holdLimit: 1 }, { at: at('2026-02-28') });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['time_went_backwards', 'hold_limit_reached']);
    const again = claimCustomer(held, 'rep-li', [], {}, { at: at('2026-03-02'), locale: 'zh-CN' });
    expect(again.ok ? [] : again.issues.map((i) => i.message)).toEqual(['客户“客户 c-1”已由“rep-wang”领取。']);
  });

  it('expectedVersion: a customer that moved on is version_conflict alone', () => {
    const held = customer('c-1', [claimed('2026-03-01', 'rep-wang')]);
    const r = claimCustomer(held, 'rep-li', [], {}, { at: at('2026-03-02'), expectedVersion: 0 });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.params])).toEqual([['version_conflict', { expected: 0, actual: 1 }]]);
    expect(claimCustomer(free, 'rep-li', [], {}, { at: at('2026-03-02'), expectedVersion: 1 }).ok).toBe(true);
  });

  it('idempotencyKey: the event carries the key, and a repeated key replays it', () => {
    const r = claimCustomer(free, 'rep-li', [], {}, { at: at('2026-03-01'), idempotencyKey: 'req-7' });
    if (!r.ok) throw new Error('refused');
    expect(r.events[0]!.id).toBe('req-7');
    const again = claimCustomer(r.customer, 'rep-li', [], {}, { at: at('2026-03-05'), idempotencyKey: 'req-7', expectedVersion: 1 });
    expect(again).toEqual({ ok: true, customer: r.customer, events: r.events, replayed: true });
  });

  it('throws for bad arguments and options', () => {
    expect(() => claimCustomer(free, '', [], {}, { at: at('2026-03-01') })).toThrow(FunnelError);
    expect(() => claimCustomer(free, 'rep-li', [], {}, {} as never)).toThrow(/at/);
    expect(() => claimCustomer(free, 'rep-li', [], {}, { at: at('2026-03-01'), by: '' })).toThrow(/by/);
    expect(() => claimCustomer(free, 'rep-li', [], {}, { at: at('2026-03-01'), expectedVersion: -1 })).toThrow(/expectedVersion/);
    expect(() => claimCustomer(free, 'rep-li', [], {}, { at: at('2026-03-01'), idempotencyKey: 'k'.repeat(191) })).toThrow(/idempotencyKey/);
  });
});
