import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, funnelSnapshot, stageVisits } from '../../src/index.js';
import { dealsArb, snapshotOf } from './_fixtures.js';

const RUNS = { numRuns: 120, seed: 3 };
const instant = fc.date({ min: new Date('2025-05-01T00:00:00Z'), max: new Date('2026-09-30T00:00:00Z'), noInvalidDate: true });

describe('funnelSnapshot laws over generated ledgers', () => {
  it('counts the deals whose stays are open at asOf; segments add up exactly; 0 ≤ weighted ≤ amount', () => {
    fc.assert(
      fc.property(dealsArb(), instant, ({ pipeline, deals }, asOf) => {
        const before = snapshotOf(deals);
        const s = funnelSnapshot(deals, pipeline, { asOf, segmentBy: 'owner' });
        expect(snapshotOf(deals)).toBe(before);
        const open = deals.flatMap((o) => stageVisits(o, pipeline, { asOf }).filter((v) => v.outcome === 'open'));
        s.overall.stages.forEach((r, k) => {
          expect(r.count + r.suspended).toBe(open.filter((v) => v.stageIndex === k).length);
          expect(r.weightedAmount.amount.gte(0) && r.weightedAmount.amount.lte(r.amount.amount)).toBe(true);
          const segs = [...s.segments.values()];
          expect(segs.reduce((n, t) => n + t.stages[k]!.count, 0)).toBe(r.count);
          expect(segs.reduce((d, t) => d.plus(t.stages[k]!.weightedAmount.amount), new Decimal(0)).eq(r.weightedAmount.amount)).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(
        dealsArb().chain((x) => fc.shuffledSubarray(x.deals, { minLength: x.deals.length, maxLength: x.deals.length }).map((shuffled) => ({ ...x, shuffled }))),
        instant,
        ({ pipeline, deals, shuffled }, asOf) => {
          const a = funnelSnapshot(deals, pipeline, { asOf, segmentBy: 'region' });
          const b = funnelSnapshot(shuffled, pipeline, { asOf, segmentBy: 'region' });
          expect(snapshotOf(b)).toBe(snapshotOf(a));
          expect([...b.segments.keys()]).toEqual([...a.segments.keys()]);
        },
      ),
      RUNS,
    );
  });
});
