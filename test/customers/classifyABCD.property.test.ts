import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, classifyABCD, Decimal, money, plainDate, type Opportunity } from '../../src/index.js';
import { customer, deal, pipeline, snapshot } from './_classFixtures.js';

const IDS = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'];
const TODAY = plainDate('2026-03-10');

const dealsArb = fc.array(
  fc.record({
    customer: fc.constantFrom(...IDS, 'other'),
    wan: fc.integer({ min: 0, max: 200 }), // amount in 万
    stageId: fc.constantFrom('lead', 'qualify', 'negotiate', 'won', 'lost'),
    suspended: fc.boolean(),
    days: fc.option(fc.integer({ min: -60, max: 400 }), { nil: undefined, freq: 4 }),
  }),
  { maxLength: 20 },
);

type RawDeals = typeof dealsArb extends fc.Arbitrary<infer T> ? T : never;

const build = (raw: RawDeals): Opportunity[] =>
  raw.map((r) =>
    deal({
      customerId: r.customer,
      amount: String(r.wan * 10_000),
      stageId: r.stageId,
      ...(r.suspended && r.stageId !== 'won' && r.stageId !== 'lost' ? { status: 'suspended' } : {}),
      ...(r.days === undefined ? {} : { expectedCloseDate: addDays(TODAY, r.days) }),
    }),
  );

const optionsArb = fc.record({ wan: fc.integer({ min: 0, max: 300 }), within: fc.integer({ min: 0, max: 365 }), weighted: fc.boolean() });

describe('classifyABCD laws', () => {
  it('every customer is either classified or unclassified, once, in input order; nothing is dropped', () => {
    fc.assert(
      fc.property(dealsArb, optionsArb, (raw, o) => {
        const customers = IDS.map((id) => customer(id));
        const r = classifyABCD(customers, build(raw), {
          asOf: '2026-03-10T12:00:00Z',
          valueAtLeast: money(o.wan * 10_000, 'CNY'),
          closeWithinDays: o.within,
          ...(o.weighted ? { value: 'weighted', pipelines: [pipeline] } : {}),
        });
        const seen = [...r.customers.map((c) => c.customerId), ...r.unclassified.map((u) => u.customerId)];
        expect([...seen].sort()).toEqual([...IDS].sort());
        expect(r.customers.map((c) => c.customerId)).toEqual(IDS.filter((id) => r.customers.some((c) => c.customerId === id)));
        for (const k of ['A', 'B', 'C', 'D'] as const) expect(r.classes[k]).toEqual(r.customers.filter((c) => c.class === k).map((c) => c.customerId));
      }),
    );
  });

  it('the class follows the two axes; value and nearest date come from the open deals alone', () => {
    fc.assert(
      fc.property(dealsArb, optionsArb, (raw, o) => {
        const deals = build(raw);
        const threshold = new Decimal(o.wan * 10_000);
        const r = classifyABCD(
          IDS.map((id) => customer(id)),
          deals,
          { asOf: '2026-03-10T12:00:00Z', valueAtLeast: money(threshold, 'CNY'), closeWithinDays: o.within },
        );
        for (const c of r.customers) {
          const open = deals.filter((d) => d.customerId === c.customerId && d.status === 'open');
          expect(c.value.amount.eq(open.reduce((a, d) => a.plus(d.amount.amount), new Decimal(0)))).toBe(true);
          const dates = open.flatMap((d) => (d.expectedCloseDate === undefined ? [] : [d.expectedCloseDate])).sort();
          expect(c.nearestCloseDate).toBe(dates[0]);
          expect(addDays(TODAY, c.daysToClose)).toBe(c.nearestCloseDate);
          expect(c.highValue).toBe(c.value.amount.gte(threshold));
          expect(c.closesSoon).toBe(c.daysToClose <= o.within);
          expect(c.class).toBe(c.closesSoon ? (c.highValue ? 'A' : 'B') : c.highValue ? 'C' : 'D');
        }
        for (const u of r.unclassified) {
          const open = deals.filter((d) => d.customerId === u.customerId && d.status === 'open');
          expect(u.issue.code).toBe(open.length === 0 ? 'no_open_deal' : 'no_expected_close_date');
          expect(open.every((d) => d.expectedCloseDate === undefined)).toBe(true);
        }
      }),
    );
  });

  it('weighing never raises a value, and never changes the time axis', () => {
    fc.assert(
      fc.property(dealsArb, (raw) => {
        const deals = build(raw);
        const options = { asOf: '2026-03-10T12:00:00Z', valueAtLeast: money('500000', 'CNY'), closeWithinDays: 90 } as const;
        const before = snapshot(deals);
        const byAmount = classifyABCD(IDS.map((id) => customer(id)), deals, options);
        const weighted = classifyABCD(IDS.map((id) => customer(id)), deals, { ...options, value: 'weighted', pipelines: [pipeline] });
        expect(snapshot(deals)).toBe(before);
        weighted.customers.forEach((w, i) => {
          const a = byAmount.customers[i]!;
          expect(w.customerId).toBe(a.customerId);
          expect(w.value.amount.lte(a.value.amount)).toBe(true);
          expect(w.closesSoon).toBe(a.closesSoon);
        });
      }),
    );
  });
});
