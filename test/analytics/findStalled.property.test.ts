import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findStalled, stageVisits, type FindStalledOptions } from '../../src/index.js';
import { dealsArb, snapshotOf } from './_fixtures.js';

const RUNS = { numRuns: 120 };
const instant = fc.date({ min: new Date('2025-05-01T00:00:00Z'), max: new Date('2026-09-30T00:00:00Z'), noInvalidDate: true });
const thresholdArb = fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constant('stage' as const), fc.record({ medianMultiple: fc.constantFrom(0.5, 1, 2) }));

describe('findStalled laws over generated ledgers', () => {
  it('flags only open, unsuspended deals past the threshold; the stage-entry clock agrees with stageVisits', () => {
    fc.assert(
      fc.property(dealsArb(), instant, thresholdArb, ({ pipeline, deals }, asOf, threshold) => {
        const before = snapshotOf(deals);
        const r = findStalled(deals, pipeline, { asOf, threshold });
        expect(snapshotOf(deals)).toBe(before);
        const byId = new Map(deals.map((o) => [o.id as string, o]));
        for (const d of r.total) {
          expect(d.days).toBeGreaterThan(d.thresholdDays);
          expect(d.overDays).toBeCloseTo(d.days - d.thresholdDays, 9);
          const last = stageVisits(byId.get(d.opportunityId)!, pipeline, { asOf }).at(-1)!;
          expect(last.outcome).toBe('open');
          expect(last.stageId).toBe(d.stageId);
          expect(d.days).toBeCloseTo((asOf.getTime() - last.enteredAt.getTime()) / 86_400_000 - last.suspendedDays, 6);
        }
        for (let i = 1; i < r.total.length; i++) expect(r.total[i]!.overDays).toBeLessThanOrEqual(r.total[i - 1]!.overDays);
      }),
      RUNS,
    );
  });

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(
        dealsArb().chain((x) => fc.shuffledSubarray(x.deals, { minLength: x.deals.length, maxLength: x.deals.length }).map((shuffled) => ({ ...x, shuffled }))),
        instant,
        thresholdArb,
        fc.constantFrom('stage_entry' as const, 'last_activity' as const, 'created' as const),
        ({ pipeline, deals, shuffled }, asOf, threshold, clock) => {
          const options: FindStalledOptions = { asOf, threshold, clock, groupBy: ['owner'] };
          expect(findStalled(shuffled, pipeline, options)).toEqual(findStalled(deals, pipeline, options));
        },
      ),
      RUNS,
    );
  });
});
