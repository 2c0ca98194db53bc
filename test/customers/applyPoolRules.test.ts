import { describe, expect, it } from 'vitest';
import { applyPoolRules, customerPoolState, evaluateClaim, FunnelError, parseCustomer, poolStatus, serializeCustomer, type PoolRules } from '../../src/index.js';
import { at, BEIJING, claimed, customer, visit } from './_poolFixtures.js';

const RULES: PoolRules = { followUpDays: 10, activityExtensionDays: 3, maxHoldDays: 20, warnDaysBefore: 3, reclaimCooldownDays: 15 };

describe('applyPoolRules', () => {
  const golden = customer('c-1', [claimed('2019-03-25'), visit('2019-03-28'), visit('2019-04-02'), visit('2019-04-05')]);
  const fresh = customer('c-2', [claimed('2019-04-01', 'rep-wang')]);
  const free = customer('c-3', []);

  it('golden: nothing is due as of 04-06; as of 04-08 the customer is reclaimed under followUpDays', () => {
    expect(applyPoolRules([golden, fresh, free], RULES, { asOf: at('2019-04-06'), ...BEIJING })).toEqual([]);
    const reclaims = applyPoolRules([golden, fresh, free], RULES, { asOf: at('2019-04-08', '02:00'), ...BEIJING, by: 'system' });
    expect(reclaims).toHaveLength(1);
    const r = reclaims[0]!;
    expect(r).toMatchObject({ customerId: 'c-1', ownerId: 'rep-li', rule: 'followUpDays', dueDate: '2019-04-08' });
    expect(r.event).toEqual({ type: 'reclaimed', seq: 5, at: new Date(at('2019-04-08', '02:00')), by: 'system', rule: 'followUpDays' });
    expect(r.customer.ownerId).toBeUndefined();
    expect(r.customer.history.at(-1)).toEqual(r.event);
    // Nothing is changed; the new customer is valid and in the pool.
    expect(golden.ownerId).toBe('rep-li');
    expect(golden.history).toHaveLength(4);
    expect(parseCustomer(JSON.parse(JSON.stringify(serializeCustomer(r.customer))))).toEqual(r.customer);
    expect(customerPoolState(r.customer)).toMatchObject({ inPool: true, departures: [{ ownerId: 'rep-li', how: 'reclaimed' }] });
  });

  it('once stored, a reclaimed customer is in the pool and is not reclaimed again; the cooldown keeps its rep away', () => {
    const [r] = applyPoolRules([golden], RULES, { asOf: at('2019-04-08'), ...BEIJING });
    const stored = r!.customer;
    expect(applyPoolRules([stored], RULES, { asOf: at('2019-04-09'), ...BEIJING })).toEqual([]);
    expect(poolStatus([stored], RULES, { asOf: at('2019-04-09'), ...BEIJING })).toMatchObject({ customers: [], inPool: 1 });
    expect(evaluateClaim(stored, 'rep-li', [], RULES, { at: at('2019-04-22'), ...BEIJING }).map((i) => [i.code, i.code === 'reclaim_cooldown' ? i.params.until : null])).toEqual([['reclaim_cooldown', '2019-04-23']]);
    expect(evaluateClaim(stored, 'rep-wang', [], RULES, { at: at('2019-04-09'), ...BEIJING })).toEqual([]);
  });

  it('the maximum hold wins over activities: a busy customer is reclaimed under maxHoldDays on day 20', () => {
    const busy = customer('c-1', [claimed('2019-03-25'), visit('2019-04-05'), visit('2019-04-10'), visit('2019-04-13')]);
    expect(applyPoolRules([busy], RULES, { asOf: at('2019-04-14'), ...BEIJING }).map((r) => [r.rule, r.dueDate])).toEqual([['maxHoldDays', '2019-04-14']]);
  });

  it('gives no event to a due customer whose ledger already has events after asOf', () => {
    expect(applyPoolRules([golden], RULES, { asOf: at('2019-04-05', '12:00'), ...BEIJING })).toEqual([]);
    const later = customer('c-1', [claimed('2019-03-25'), visit('2019-04-20')]);
    expect(poolStatus([later], { maxHoldDays: 20 }, { asOf: at('2019-04-15'), ...BEIJING }).customers[0]!.status).toBe('due');
    expect(applyPoolRules([later], { maxHoldDays: 20 }, { asOf: at('2019-04-15'), ...BEIJING })).toEqual([]);
  });

  it('throws for bad options', () => {
    expect(() => applyPoolRules([golden], RULES, { asOf: at('2019-04-08'), by: '' })).toThrow(FunnelError);
    expect(() => applyPoolRules([golden], { closeWithinDays: 30 }, { asOf: at('2019-04-08') })).toThrow(/deals/);
    expect(() => applyPoolRules([golden], RULES, null as never)).toThrow(/options/);
  });
});
