import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPoolRules, customerPoolState, poolStatus, type Customer, type PoolRules } from '../../src/index.js';
import { customerArb } from '../../src/testing/index.js';

const RANK = { held: 0, warning: 1, due: 2 } as const;
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** Pool rules with any subset of the due-date rules (closeWithinDays judged without deals). */
const rulesArb: fc.Arbitrary<PoolRules> = fc
  .record(
    {
      followUpDays: fc.integer({ min: 1, max: 30 }),
      activityExtensionDays: fc.integer({ min: 1, max: 10 }),
      closeWithinDays: fc.integer({ min: 1, max: 120 }),
      maxHoldDays: fc.integer({ min: 1, max: 60 }),
      warnDaysBefore: fc.integer({ min: 0, max: 7 }),
    },
    { requiredKeys: [] },
  )
  .map((r) => (r.followUpDays === undefined ? { ...r, activityExtensionDays: undefined } : r))
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as PoolRules);

const zoneArb = fc.constantFrom({}, { timeZone: 'Asia/Shanghai' }, { offsetMinutes: -300 });

/** The first activity, claim or assignment after `t` (the events that may move a due date back). */
function nextRestart(c: Customer, t: number): number {
  for (const e of c.history) {
    const at = e.at.getTime();
    if (at > t && (e.type === 'activity_logged' || e.type === 'claimed' || e.type === 'assigned')) return at;
  }
  return Number.POSITIVE_INFINITY;
}

describe('poolStatus (properties)', () => {
  it('is monotone in asOf until an activity or a claim: held → warning → due, days left only fall, the due date stays', () => {
    fc.assert(
      fc.property(
        customerArb({ owners: ['rep-1', 'rep-2'] }),
        rulesArb,
        zoneArb,
        fc.integer({ min: -5 * DAY, max: 200 * DAY }),
        fc.integer({ min: 0, max: 60 * DAY }),
        (c, rules, zone, from, span) => {
          const t1 = START + from;
          const t2 = Math.max(t1, Math.min(t1 + span, nextRestart(c, t1) - 1));
          const a = poolStatus([c], rules, { asOf: new Date(t1), deals: [], ...zone }).customers[0];
          const b = poolStatus([c], rules, { asOf: new Date(t2), deals: [], ...zone }).customers[0];
          if (a === undefined || b === undefined) return;
          expect(b.ownerId).toBe(a.ownerId); // a new holder needs a claim or an assignment, which ends the span
          expect(b.dueDate).toBe(a.dueDate);
          expect(RANK[b.status]).toBeGreaterThanOrEqual(RANK[a.status]);
          if (a.daysLeft !== null) expect(b.daysLeft!).toBeLessThanOrEqual(a.daysLeft);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('no customer is both held and in the pool, and every customer is one or the other; applyPoolRules leaves the due ones in the pool', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(customerArb({ owners: ['rep-1', 'rep-2', 'rep-3'] }), { selector: (c) => c.id, maxLength: 8 }),
        rulesArb,
        fc.integer({ min: -5 * DAY, max: 200 * DAY }),
        (customers, rules, from) => {
          const asOf = new Date(START + from);
          const status = poolStatus(customers, rules, { asOf, deals: [] });
          const held = new Set(status.customers.map((s) => s.customerId as string));
          for (const c of customers) {
            const state = customerPoolState(c, { asOf });
            expect(held.has(c.id)).toBe(!state.inPool);
          }
          expect(status.inPool + held.size).toBe(customers.length);
          expect(status.owners.reduce((n, o) => n + o.held, 0)).toBe(held.size);
          const reclaims = applyPoolRules(customers, rules, { asOf, deals: [] });
          for (const r of reclaims) {
            expect(status.customers.find((s) => s.customerId === r.customerId)?.status).toBe('due');
            expect(customerPoolState(r.customer, { asOf }).inPool).toBe(true);
          }
          const after = customers.map((c) => reclaims.find((r) => r.customerId === c.id)?.customer ?? c);
          const again = poolStatus(after, rules, { asOf, deals: [] });
          expect(again.inPool).toBe(status.inPool + reclaims.length);
          expect(again.customers.some((s) => reclaims.some((r) => r.customerId === s.customerId))).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});
