import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimCustomer, customerPoolState, parseCustomer, poolStatus, releaseCustomer, type Customer, type PoolRules } from '../../src/index.js';

const REPS = ['rep-1', 'rep-2', 'rep-3'];
const START = Date.UTC(2026, 0, 1);

/** One command of a generated session: a claim or a release, some minutes after the last. */
const stepArb = fc.record({
  customer: fc.nat({ max: 99 }),
  rep: fc.nat({ max: REPS.length - 1 }),
  release: fc.boolean(),
  gapMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
});

describe('claimCustomer (properties)', () => {
  it('sequences of claims and releases never give a rep more than holdLimit customers, and a refused claim says why', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10 }),
        fc.record({ holdLimit: fc.integer({ min: 0, max: 4 }), reclaimCooldownDays: fc.integer({ min: 0, max: 3 }) }),
        fc.array(stepArb, { maxLength: 40 }),
        (n, rules: PoolRules, steps) => {
          let customers: Customer[] = Array.from({ length: n }, (_, i) => parseCustomer({ id: `c-${i}`, name: `客户 ${i}` }));
          let t = START;
          for (const step of steps) {
            t += step.gapMinutes * 60_000;
            const at = new Date(t);
            const i = step.customer % n;
            const c = customers[i]!;
            const rep = REPS[step.rep]!;
            const r = step.release ? releaseCustomer(c, { at }) : claimCustomer(c, rep, customers, rules, { at, by: rep, expectedVersion: c.history.length });
            if (r.ok) {
              customers = customers.map((x, k) => (k === i ? r.customer : x));
            } else {
              expect(r.issues.length).toBeGreaterThan(0);
              const codes = r.issues.map((x) => x.code);
              if (!step.release) {
                expect(codes.every((code) => ['already_held', 'hold_limit_reached', 'reclaim_cooldown'].includes(code))).toBe(true);
                const held = customers.filter((x) => x.id !== c.id && customerPoolState(x).ownerId === rep).length;
                expect(codes.includes('hold_limit_reached')).toBe(held >= rules.holdLimit!);
                expect(codes.includes('already_held')).toBe(!customerPoolState(c).inPool);
              }
            }
            const status = poolStatus(customers, rules, { asOf: at });
            for (const o of status.owners) expect(o.held).toBeLessThanOrEqual(rules.holdLimit!);
            expect(status.owners.every((o) => !o.overLimit)).toBe(true);
            for (const x of customers) expect(x.ownerId).toBe(customerPoolState(x).ownerId);
          }
          // Every ledger written is one the parser accepts.
          for (const x of customers) expect(parseCustomer(JSON.parse(JSON.stringify({ ...x, history: x.history })))).toEqual(x);
        },
      ),
      { numRuns: 100 },
    );
  });
});
