import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, followUpDue, plainDateOf, type Customer } from '../../src/index.js';
import { customerArb } from '../../src/testing/index.js';

const cadenceDays = { high: 7, medium: 14, low: 30 };
const zone = { timeZone: 'Asia/Shanghai' } as const;

// Customers with (sometimes) ledgers in 2024, some with a creation time; ids unique.
const customersArb = fc
  .array(customerArb(), { maxLength: 12 })
  .map((list) => list.map((c, i): Customer => ({ ...c, id: `c-${i}` as Customer['id'] })));
const instantArb = fc.date({ min: new Date('2023-12-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true });
const laterArb = fc.integer({ min: 0, max: 60 * 86_400_000 });

/** The latest activity of the customer's ledger at or before `ms`. */
function lastActivityMs(c: Customer, ms: number): number | undefined {
  let last: number | undefined;
  for (const e of c.history) if (e.type === 'activity_logged' && e.at.getTime() <= ms && (last === undefined || e.at.getTime() > last)) last = e.at.getTime();
  return last;
}

describe('followUpDue laws', () => {
  it('lists every customer once; days overdue = asOf − last activity (else creation) − cadence, in calendar days; groups partition the total', () => {
    fc.assert(
      fc.property(customersArb, instantArb, (customers, asOf) => {
        const before = JSON.stringify(customers);
        const r = followUpDue(customers, { asOf, cadenceDays, ...zone, groupBy: ['owner'] });
        expect(JSON.stringify(customers)).toBe(before);
        expect(r.total.map((x) => x.customerId).sort()).toEqual(customers.map((c) => c.id as string).sort());
        const asOfDate = plainDateOf(asOf, zone);
        const byId = new Map(customers.map((c) => [c.id as string, c]));
        for (const row of r.total) {
          const c = byId.get(row.customerId)!;
          const last = lastActivityMs(c, asOf.getTime());
          const start = last ?? c.createdAt?.getTime();
          expect(row.countsFrom).toBe(last !== undefined ? 'last_activity' : start !== undefined ? 'created' : 'none');
          expect(row.lastActivity?.at.getTime()).toBe(last);
          if (start === undefined) {
            expect([row.status, row.daysOverdue, row.dueDate]).toEqual(['no_start_date', null, null]);
            continue;
          }
          const cadence = cadenceDays[c.priority];
          expect(row.daysOverdue).toBe(calendarDaysBetween(plainDateOf(new Date(start), zone), asOfDate) - cadence);
          expect(row.status).toBe(row.daysOverdue! > 0 ? 'overdue' : row.daysOverdue === 0 ? 'due_today' : 'upcoming');
        }
        // Most overdue first among the dated rows.
        const dated = r.total.filter((x) => x.daysOverdue !== null).map((x) => x.daysOverdue!);
        expect(dated).toEqual([...dated].sort((a, b) => b - a));
        expect(r.groups.flatMap((g) => g.value.map((x) => x.customerId)).sort()).toEqual(r.total.map((x) => x.customerId).sort());
      }),
      { numRuns: 150 },
    );
  });

  it('with no activity in between, a later asOf adds exactly the calendar days passed', () => {
    fc.assert(
      fc.property(customersArb, instantArb, laterArb, (customers, asOf, laterMs) => {
        const later = new Date(asOf.getTime() + laterMs);
        const a = new Map(followUpDue(customers, { asOf, cadenceDays, ...zone }).total.map((x) => [x.customerId as string, x]));
        const b = followUpDue(customers, { asOf: later, cadenceDays, ...zone }).total;
        const passed = calendarDaysBetween(plainDateOf(asOf, zone), plainDateOf(later, zone));
        for (const row of b) {
          const c = customers.find((x) => x.id === row.customerId)!;
          if (lastActivityMs(c, later.getTime()) !== lastActivityMs(c, asOf.getTime())) continue;
          const before = a.get(row.customerId)!;
          if (before.daysOverdue === null) expect(row.daysOverdue).toBeNull();
          else expect(row.daysOverdue).toBe(before.daysOverdue + passed);
        }
      }),
      { numRuns: 100 },
    );
  });
});
