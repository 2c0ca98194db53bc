import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, funnelSnapshot, stageVisits, type Opportunity } from '../../src/index.js';
import { dealsArb, groupKeys, snapshotOf } from './_fixtures.js';

const RUNS = { numRuns: 120 };
const instant = fc.date({ min: new Date('2025-05-01T00:00:00Z'), max: new Date('2026-09-30T00:00:00Z'), noInvalidDate: true });

describe('funnelSnapshot laws over generated ledgers', () => {
  it('counts the deals whose stays are open at asOf; groups add up exactly; 0 ≤ weighted ≤ amount', () => {
    fc.assert(
      fc.property(dealsArb(), instant, ({ pipeline, deals }, asOf) => {
        const before = snapshotOf(deals);
        const s = funnelSnapshot(deals, pipeline, { asOf, groupBy: ['owner'] });
        expect(snapshotOf(deals)).toBe(before);
        const open = deals.flatMap((o) => stageVisits(o, pipeline, { asOf }).filter((v) => v.outcome === 'open'));
        s.total.stages.forEach((r, k) => {
          expect(r.count + r.suspended).toBe(open.filter((v) => v.stageIndex === k).length);
          expect(r.weightedAmount.amount.gte(0) && r.weightedAmount.amount.lte(r.amount.amount)).toBe(true);
          const segs = s.groups.map((g) => g.value);
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
          const a = funnelSnapshot(deals, pipeline, { asOf, groupBy: ['region'] });
          const b = funnelSnapshot(shuffled, pipeline, { asOf, groupBy: ['region'] });
          expect(snapshotOf(b)).toBe(snapshotOf(a));
          expect(groupKeys(b)).toEqual(groupKeys(a));
        },
      ),
      RUNS,
    );
  });

  it('holds every deal in the stage its ledger names at asOf, imports without created in their first stage from their first event', () => {
    // An independent replay: the last stage-setting event by asOf; for an import without
    // `created`, the `from` of its first stage change (wherever that lies) from its first event.
    const stageAt = (o: Opportunity, asOf: Date): string | undefined => {
      const h = o.history;
      const firstSetter = h.find((e) => e.type === 'created' || e.type === 'stage_changed' || e.type === 'won' || e.type === 'lost' || e.type === 'reopened');
      let stage = firstSetter?.type === 'stage_changed' && h[0]!.at <= asOf ? firstSetter.from : undefined;
      for (const e of h) {
        if (e.at > asOf) break;
        if (e.type === 'stage_changed') stage = e.to;
        else if (e.type === 'created' || e.type === 'won' || e.type === 'lost' || e.type === 'reopened') stage = e.stageId;
      }
      return stage;
    };
    fc.assert(
      fc.property(dealsArb(), instant, ({ pipeline, deals }, asOf) => {
        const s = funnelSnapshot(deals, pipeline, { asOf });
        const open = pipeline.stages.filter((x) => x.kind === 'open').map((x) => x.id as string);
        s.total.stages.forEach((r, k) => expect(r.count + r.suspended).toBe(deals.filter((o) => stageAt(o, asOf) === open[k]).length));
      }),
      RUNS,
    );
  });

  it('with dealIds, every row lists exactly its deals, each deal at most once, and the figures are the same as without', () => {
    fc.assert(
      fc.property(dealsArb(), instant, ({ pipeline, deals }, asOf) => {
        const plain = funnelSnapshot(deals, pipeline, { asOf, groupBy: ['owner'] });
        const drill = funnelSnapshot(deals, pipeline, { asOf, groupBy: ['owner'], dealIds: true });
        const strip = (t: typeof drill.total) => ({ ...t, stages: t.stages.map(({ dealIds: _d, suspendedIds: _s, ...rest }) => rest) });
        expect(snapshotOf(strip(drill.total))).toBe(snapshotOf(plain.total));
        drill.groups.forEach((g, i) => expect(snapshotOf(strip(g.value))).toBe(snapshotOf(plain.groups[i]!.value)));
        const ids = drill.total.stages.flatMap((r) => {
          expect(r.dealIds?.length).toBe(r.count);
          expect(r.suspendedIds?.length).toBe(r.suspended);
          return [...(r.dealIds ?? []), ...(r.suspendedIds ?? [])];
        });
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.every((id) => deals.some((o) => o.id === id))).toBe(true);
      }),
      RUNS,
    );
  });
});
