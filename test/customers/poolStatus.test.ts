import { describe, expect, it } from 'vitest';
import { FunnelError, poolStatus, type PoolRules } from '../../src/index.js';
import { at, BEIJING, claimed, customer, deal, visit } from './_poolFixtures.js';

// The goldens: protection 10 days, each activity pushes the due date to 3 days
// after it, 20 days at most; claimed 2019-03-25.
const RULES: PoolRules = { followUpDays: 10, activityExtensionDays: 3, maxHoldDays: 20, warnDaysBefore: 3 };
const LEDGER = [claimed('2019-03-25'), visit('2019-03-28'), visit('2019-04-02'), visit('2019-04-05')];
const one = (asOf: string, rules: PoolRules = RULES) => {
  const status = poolStatus([customer('c-1', LEDGER)], rules, { asOf, ...BEIJING });
  expect(status.customers).toHaveLength(1);
  return status.customers[0]!;
};

describe('poolStatus', () => {
  it('golden: claimed 2019-03-25 with 10 days of protection is due 2019-04-04', () => {
    const c = one(at('2019-03-26'));
    expect(c).toMatchObject({ customerId: 'c-1', ownerId: 'rep-li', dueDate: '2019-04-04', rule: 'followUpDays', status: 'held', daysLeft: 9, lastActivityAt: null });
    expect(c.heldSince?.toISOString()).toBe('2019-03-25T01:00:00.000Z');
  });

  it('golden: an activity on 03-28 (→ 03-31, not later) leaves the due date at 04-04', () => {
    expect(one(at('2019-03-29'))).toMatchObject({ dueDate: '2019-04-04', rule: 'followUpDays', status: 'held', daysLeft: 6 });
  });

  it('golden: activities on 04-02 → 04-05 and on 04-05 → 04-08', () => {
    expect(one(at('2019-04-03'))).toMatchObject({ dueDate: '2019-04-05', status: 'warning', daysLeft: 2 });
    expect(one(at('2019-04-05', '18:00'))).toMatchObject({ dueDate: '2019-04-08', status: 'warning', daysLeft: 3 });
  });

  it('golden: as of 04-06 with warnDaysBefore 3 the status is warning with 2 days left; as of 04-08 it is due', () => {
    expect(one(at('2019-04-06'))).toMatchObject({ dueDate: '2019-04-08', rule: 'followUpDays', status: 'warning', daysLeft: 2 });
    expect(one(at('2019-04-08', '00:00'))).toMatchObject({ dueDate: '2019-04-08', status: 'due', daysLeft: 0 });
    expect(one(at('2019-04-10'))).toMatchObject({ status: 'due', daysLeft: -2 });
  });

  it('the 20-day maximum caps the activity extensions (04-14), and wins ties', () => {
    const busy = [claimed('2019-03-25'), visit('2019-04-05'), visit('2019-04-10'), visit('2019-04-13')];
    const c = poolStatus([customer('c-1', busy)], RULES, { asOf: at('2019-04-13', '18:00'), ...BEIJING }).customers[0]!;
    expect(c).toMatchObject({ dueDate: '2019-04-14', rule: 'maxHoldDays', status: 'warning', daysLeft: 1 });
    const tie = poolStatus([customer('c-1', [claimed('2019-03-25')])], { followUpDays: 20, maxHoldDays: 20 }, { asOf: at('2019-03-26'), ...BEIJING });
    expect(tie.customers[0]).toMatchObject({ dueDate: '2019-04-14', rule: 'maxHoldDays' });
  });

  it('without activityExtensionDays an activity restarts the followUpDays clock', () => {
    expect(one(at('2019-03-29'), { followUpDays: 10 })).toMatchObject({ dueDate: '2019-04-07', status: 'held' });
  });

  it('golden: with closeWithinDays 90 a claim on 2026-01-01 is due 2026-04-01; a deal won on 03-15 keeps the customer held', () => {
    const c = customer('c-1', [claimed('2026-01-01')]);
    const open = poolStatus([c], { closeWithinDays: 90 }, { asOf: at('2026-04-01'), deals: [deal('o-1', 'c-1', '2026-01-10')], ...BEIJING });
    expect(open.customers[0]).toMatchObject({ dueDate: '2026-04-01', rule: 'closeWithinDays', status: 'due', daysLeft: 0 });
    const won = poolStatus([c], { closeWithinDays: 90 }, { asOf: at('2026-04-02'), deals: [deal('o-1', 'c-1', '2026-01-10', '2026-03-15')], ...BEIJING });
    expect(won.customers[0]).toMatchObject({ dueDate: null, rule: null, status: 'held', daysLeft: null });
    // Before the win the rule still counts; a win before the claim does not count.
    expect(poolStatus([c], { closeWithinDays: 90 }, { asOf: at('2026-03-14'), deals: [deal('o-1', 'c-1', '2026-01-10', '2026-03-15')], ...BEIJING }).customers[0]).toMatchObject({
      dueDate: '2026-04-01',
    });
    const reclaimedLater = customer('c-1', [claimed('2026-01-01')]);
    expect(poolStatus([reclaimedLater], { closeWithinDays: 90 }, { asOf: at('2026-04-02'), deals: [deal('o-1', 'c-1', '2025-11-01', '2025-12-15')], ...BEIJING }).customers[0]).toMatchObject({
      status: 'due',
    });
  });

  it('counts per owner, flags owners over the limit, and counts the pool', () => {
    const customers = [
      customer('c-1', [claimed('2026-03-01', 'rep-li')]),
      customer('c-2', [claimed('2026-03-02', 'rep-li')]),
      customer('c-3', [claimed('2026-03-03', 'rep-wang')]),
      customer('c-4', [claimed('2026-03-01', 'rep-li'), { type: 'released', at: at('2026-03-02') }]),
      customer('c-5', []),
    ];
    const status = poolStatus(customers, { followUpDays: 10, warnDaysBefore: 2, holdLimit: 1 }, { asOf: at('2026-03-11'), ...BEIJING });
    expect(status.asOfDate).toBe('2026-03-11');
    expect(status.inPool).toBe(2);
    expect(status.customers.map((c) => [c.customerId, c.dueDate, c.status])).toEqual([
      ['c-1', '2026-03-11', 'due'],
      ['c-2', '2026-03-12', 'warning'],
      ['c-3', '2026-03-13', 'warning'],
    ]);
    expect(status.owners).toEqual([
      { ownerId: 'rep-li', held: 2, limit: 1, overLimit: true, warning: 1, due: 1 },
      { ownerId: 'rep-wang', held: 1, limit: 1, overLimit: false, warning: 1, due: 0 },
    ]);
  });

  it('reads ledgers up to asOf only', () => {
    const c = customer('c-1', [claimed('2026-03-01'), { type: 'released', at: at('2026-03-05') }]);
    expect(poolStatus([c], { followUpDays: 10 }, { asOf: at('2026-03-03'), ...BEIJING }).customers).toHaveLength(1);
    expect(poolStatus([c], { followUpDays: 10 }, { asOf: at('2026-03-06'), ...BEIJING })).toMatchObject({ customers: [], inPool: 1 });
  });

  it('counts days on the chosen wall clock (UTC by default)', () => {
    // Claimed 2019-03-25 07:00 in Beijing: still 03-24 in UTC.
    const c = customer('c-1', [{ type: 'claimed', at: at('2019-03-25', '07:00'), ownerId: 'rep-li' }]);
    expect(poolStatus([c], { followUpDays: 10 }, { asOf: at('2019-03-26') }).customers[0]!.dueDate).toBe('2019-04-03');
    expect(poolStatus([c], { followUpDays: 10 }, { asOf: at('2019-03-26'), ...BEIJING }).customers[0]!.dueDate).toBe('2019-04-04');
    expect(poolStatus([c], { followUpDays: 10 }, { asOf: at('2019-03-26'), offsetMinutes: 480 }).customers[0]!.dueDate).toBe('2019-04-04');
  });

  it('an imported held customer counts from createdAt, and has no due date without it', () => {
    const imported = customer('c-1', [visit('2026-03-04')], { ownerId: 'rep-li' });
    const created = customer('c-2', [], { ownerId: 'rep-li', createdAt: at('2026-03-01') });
    const status = poolStatus([imported, created], { followUpDays: 10, maxHoldDays: 30 }, { asOf: at('2026-03-05'), ...BEIJING });
    expect(status.customers.map((c) => [c.customerId, c.dueDate, c.rule, c.heldSince])).toEqual([
      ['c-2', '2026-03-11', 'followUpDays', null],
      ['c-1', '2026-03-14', 'followUpDays', null],
    ]);
    expect(poolStatus([customer('c-3', [], { ownerId: 'rep-li' })], { maxHoldDays: 30 }, { asOf: at('2026-03-05') }).customers[0]).toMatchObject({ dueDate: null, status: 'held' });
  });

  it('an assignment starts a new hold', () => {
    const c = customer('c-1', [claimed('2026-03-01'), { type: 'assigned', at: at('2026-03-08'), ownerId: 'rep-wang', by: 'mgr-zhao' }]);
    expect(poolStatus([c], { followUpDays: 10 }, { asOf: at('2026-03-09'), ...BEIJING }).customers[0]).toMatchObject({ ownerId: 'rep-wang', dueDate: '2026-03-18' });
  });

  it('throws for a missing asOf, missing deals under closeWithinDays, bad rules or customers', () => {
    const c = customer('c-1', [claimed('2026-03-01')]);
    expect(() => poolStatus([c], {}, {} as never)).toThrow(FunnelError);
    expect(() => poolStatus([c], { closeWithinDays: 90 }, { asOf: at('2026-03-02') })).toThrow(/deals/);
    expect(() => poolStatus([c], { followUpDays: 0 }, { asOf: at('2026-03-02') })).toThrow(/rules/);
    expect(() => poolStatus([c], { activityExtensionDays: 3 }, { asOf: at('2026-03-02') })).toThrow(/followUpDays/);
    expect(() => poolStatus([{ id: 'x' }] as never, {}, { asOf: at('2026-03-02') })).toThrow(/customers/);
    expect(() => poolStatus([c], {}, { asOf: at('2026-03-02'), timeZone: 'Mars/Olympus' })).toThrow(FunnelError);
  });
});
