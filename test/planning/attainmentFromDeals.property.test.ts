import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attainmentFromDeals, Decimal, minorUnitDigits, money, periodOf, type Opportunity } from '../../src/index.js';
import { dealsArb, snapshotOf } from '../analytics/_fixtures.js';

const OWNERS = ['rep-a', 'rep-b', 'rep-c', 'rep-d'];

/** Basis points for `k` owners, adding up to 10 000 (some may be 0). */
const bpsArb = (k: number) =>
  fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: k - 1, maxLength: k - 1 }).map((cuts) => {
    const sorted = [0, ...[...cuts].sort((a, b) => a - b), 10_000];
    return sorted.slice(1).map((c, i) => c - sorted[i]!);
  });

/** A generated book where some deals are split between 2–3 of the owners. */
const caseArb = dealsArb(30).chain(({ pipeline, deals }) =>
  fc
    .array(fc.option(fc.integer({ min: 2, max: 3 }).chain((k) => bpsArb(k))), { minLength: deals.length, maxLength: deals.length })
    .map((splits) => ({
      pipeline,
      deals: deals.map((o, i): Opportunity => {
        const bps = splits[i];
        return bps === null || bps === undefined ? o : { ...o, splits: bps.map((basisPoints, j) => ({ ownerId: OWNERS[j] as Opportunity['ownerId'], basisPoints })) };
      }),
    })),
);

describe('attainmentFromDeals laws over generated books', () => {
  it('credits add up to each deal won in the period (split deals to the fen), and to the actuals and unmatched together', () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom('2025-Q3', '2025-Q4', '2026-Q1', '2026'), ({ pipeline, deals }, period) => {
        const quotas = [{ id: 'rep-a', quota: money('1000000', pipeline.currency) }, { id: 'rep-b', quota: money('0', pipeline.currency) }];
        const before = snapshotOf(deals);
        const r = attainmentFromDeals(deals, pipeline, { period, quotas });
        expect(snapshotOf(deals)).toBe(before);

        const unit = period.includes('Q') ? 'quarter' : 'year';
        const wonIn = deals.filter((o) => {
          if (o.status !== 'won') return false;
          const at = o.closedAt ?? [...o.history].reverse().find((e) => e.type === 'won')?.at;
          return at !== undefined && periodOf(at, { unit }) === period;
        });
        expect(r.won).toBe(wonIn.length);
        const digits = minorUnitDigits(pipeline.currency);
        for (const o of wonIn) {
          const mine = r.credits.filter((c) => c.opportunityId === o.id);
          const sum = mine.reduce((d, c) => d.plus(c.amount.amount), new Decimal(0));
          const expected = o.splits === undefined ? o.amount.amount : o.amount.amount.toDecimalPlaces(digits, Decimal.ROUND_HALF_EVEN);
          expect(sum.eq(expected)).toBe(true);
          expect(mine.every((c) => c.basisPoints !== 0)).toBe(true);
        }
        const credited = r.credits.reduce((d, c) => d.plus(c.amount.amount), new Decimal(0));
        const reported = [...r.rows.map((x) => x.actual), ...r.unmatched.map((u) => u.amount)].reduce((d, m) => d.plus(m.amount), new Decimal(0));
        expect(reported.eq(credited)).toBe(true);
        expect(r.rows[1]?.attainment).toBeNull(); // a zero quota
      }),
      { numRuns: 100 },
    );
  });
});
