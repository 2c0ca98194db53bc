import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activitySummary, money, type ActivityStats, type Customer, type Opportunity, type OpportunityEvent } from '../../src/index.js';
import { customerArb, opportunityArb, pipelineArb } from '../../src/testing/index.js';

const CUSTOMER_IDS = ['c-0', 'c-1', 'c-2', 'c-3'];

/** The deal with activities logged at the given fractions of its ledger's span (time order kept, seq renumbered). */
function withActivities(o: Opportunity, calls: readonly { readonly f: number; readonly visit: boolean; readonly cost: number | null }[]): Opportunity {
  if (o.history.length === 0 || calls.length === 0) return o;
  const first = o.history[0]!.at.getTime();
  const span = o.history.at(-1)!.at.getTime() - first + 86_400_000;
  const added = calls.map(
    (c): OpportunityEvent => ({
      type: 'activity_logged',
      seq: 0,
      at: new Date(first + Math.round(c.f * span)),
      kind: c.visit ? 'visit' : 'call',
      ...(c.cost === null ? {} : { cost: money(String(c.cost), 'CNY') }),
    }),
  );
  const history = [...o.history, ...added].sort((a, b) => a.at.getTime() - b.at.getTime()).map((e, i) => ({ ...e, seq: i + 1 }));
  return { ...o, history };
}

const callArb = fc.record({ f: fc.double({ min: 0, max: 1, noNaN: true }), visit: fc.boolean(), cost: fc.option(fc.integer({ min: 0, max: 999 }), { nil: null }) });

const bookArb = pipelineArb({ minOpenStages: 2, maxOpenStages: 4 }).chain((pipeline) =>
  fc.record({
    customers: fc.tuple(...CUSTOMER_IDS.map(() => customerArb())).map((list) => list.map((c, i): Customer => ({ ...c, id: CUSTOMER_IDS[i] as Customer['id'] }))),
    deals: fc
      .array(fc.tuple(opportunityArb({ pipeline, customers: CUSTOMER_IDS, maxSteps: 8, from: '2024-01-01', to: '2024-12-31' }), fc.array(callArb, { maxLength: 3 })), { maxLength: 10 })
      .map((list) => list.map(([o, calls], i) => withActivities({ ...o, id: `o-${i}` as Opportunity['id'] }, calls))),
    from: fc.date({ min: new Date('2023-12-01T00:00:00Z'), max: new Date('2024-06-30T00:00:00Z'), noInvalidDate: true }),
    days: fc.integer({ min: 0, max: 400 }),
  }),
);

const additive = (s: ActivityStats) => [s.activities, s.wonDeals, s.cost?.amount.toFixed(2) ?? null];

describe('activitySummary laws', () => {
  it('kinds add up to the activities; groups partition the total; the whole window counts every activity', () => {
    fc.assert(
      fc.property(bookArb, ({ customers, deals, from, days }) => {
        const to = new Date(from.getTime() + days * 86_400_000);
        const options = { from, to, currency: 'CNY' } as const;
        const before = JSON.stringify([customers, deals]);
        const total = activitySummary(customers, deals, options).total;
        expect(JSON.stringify([customers, deals])).toBe(before);
        expect(Object.values(total.byKind).reduce((a, b) => a + b, 0)).toBe(total.activities);
        for (const groupBy of [['owner'], ['customer_priority', 'customer_type']] as const) {
          const s = activitySummary(customers, deals, { ...options, groupBy });
          const sums = s.groups.reduce(
            (acc, g) => [acc[0]! + g.value.activities, acc[1]! + g.value.wonDeals, acc[2]! + Number(g.value.cost?.amount ?? 0)],
            [0, 0, 0],
          );
          expect([sums[0], sums[1], sums[2]!.toFixed(2)]).toEqual(additive(total));
        }
        const inWindow = (t: Date) => t >= from && t < to;
        const count = [...customers.flatMap((c) => c.history), ...deals.flatMap((d) => d.history)].filter((e) => e.type === 'activity_logged' && inWindow(e.at)).length;
        expect(total.activities).toBe(count);
        if (total.wonDeals > 0) expect(total.visitsPerWonDeal!).toBeLessThanOrEqual(total.activitiesPerWonDeal!);
      }),
      { numRuns: 80 },
    );
  });
});
