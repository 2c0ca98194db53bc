import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findStalled, stageVisits, type FindStalledOptions, type Opportunity, type OpportunityEvent } from '../../src/index.js';
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
        fc.constantFrom('stage_entry' as const, 'last_activity' as const, 'last_event' as const, 'created' as const),
        ({ pipeline, deals, shuffled }, asOf, threshold, clock) => {
          const options: FindStalledOptions = { asOf, threshold, clock, groupBy: ['owner'] };
          expect(findStalled(shuffled, pipeline, options)).toEqual(findStalled(deals, pipeline, options));
        },
      ),
      RUNS,
    );
  });

  it('the last-activity clock: from creation without activities (= the created clock); otherwise from the last activity, net of later suspension; other events never reset it', () => {
    const withCalls = dealsArb().chain(({ pipeline, deals }) =>
      fc
        .array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }), { minLength: deals.length, maxLength: deals.length })
        .map((fractions) => ({ pipeline, deals, logged: deals.map((o, i) => addCalls(o, fractions[i]!)) })),
    );
    fc.assert(
      fc.property(withCalls, instant, ({ pipeline, deals, logged }, asOf) => {
        const threshold = 0.001;
        const created = findStalled(deals, pipeline, { asOf, threshold, clock: 'created' });
        const plain = findStalled(deals, pipeline, { asOf, threshold, clock: 'last_activity' });
        expect(plain.total.map((d) => [d.opportunityId, d.days])).toEqual(created.total.map((d) => [d.opportunityId, d.days]));
        const r = findStalled(logged, pipeline, { asOf, threshold, clock: 'last_activity' });
        const byCreated = new Map(created.total.map((d) => [d.opportunityId as string, d.days]));
        const byId = new Map(logged.map((o) => [o.id as string, o]));
        for (const d of r.total) {
          // Never more than since creation; exactly the time since the last activity less the suspended time after it.
          expect(d.days).toBeLessThanOrEqual(byCreated.get(d.opportunityId)! + 1e-9);
          const o = byId.get(d.opportunityId)!;
          const calls = o.history.filter((e) => e.type === 'activity_logged' && e.at <= asOf).map((e) => e.at.getTime());
          if (calls.length > 0) {
            const last = Math.max(...calls);
            expect(d.days).toBeLessThanOrEqual((asOf.getTime() - last) / 86_400_000 + 1e-9);
            expect(d.days).toBeCloseTo((asOf.getTime() - last - suspendedAfter(o, last, asOf.getTime())) / 86_400_000, 6);
          }
        }
      }),
      RUNS,
    );
  });
});

/** The deal with a call logged at each fraction of its ledger's span (kept in time order, seq renumbered). */
function addCalls(o: Opportunity, fractions: readonly number[]): Opportunity {
  if (o.history.length === 0 || fractions.length === 0) return o;
  const first = o.history[0]!.at.getTime();
  const span = o.history.at(-1)!.at.getTime() - first + 30 * 86_400_000;
  const calls = fractions.map((f): OpportunityEvent => ({ type: 'activity_logged', seq: 0, at: new Date(first + Math.round(f * span)), kind: 'call' }));
  const history = [...o.history, ...calls].sort((a, b) => a.at.getTime() - b.at.getTime()).map((e, i) => ({ ...e, seq: i + 1 }));
  return { ...o, history };
}

/** Time (ms) the deal spent suspended between `from` and `to`. */
function suspendedAfter(o: Opportunity, from: number, to: number): number {
  let since: number | undefined;
  let total = 0;
  for (const e of o.history) {
    const t = e.at.getTime();
    if (t > to) break;
    if (e.type === 'suspended' && since === undefined) since = t;
    else if (e.type === 'resumed' && since !== undefined) {
      total += Math.max(0, t - Math.max(since, from));
      since = undefined;
    }
  }
  if (since !== undefined) total += Math.max(0, to - Math.max(since, from));
  return total;
}
