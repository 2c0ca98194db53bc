import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stageVisits } from '../../src/index.js';
import { dealsArb, snapshotOf } from './_fixtures.js';

const RUNS = { numRuns: 150 };

describe('stageVisits laws over generated ledgers', () => {
  it('stays chain up: each real exit is the next real entry, skips fill the jumps, at most the last stay is open', () => {
    fc.assert(
      fc.property(dealsArb(12), ({ pipeline, deals }) => {
        const openIds = pipeline.stages.filter((s) => s.kind === 'open').map((s) => s.id);
        for (const o of deals) {
          const before = snapshotOf(o);
          const visits = stageVisits(o, pipeline);
          expect(snapshotOf(o)).toBe(before);
          const real = visits.filter((v) => v.outcome !== 'skipped');
          real.forEach((v, i) => {
            expect(v.stageId).toBe(openIds[v.stageIndex]);
            expect(v.suspendedDays).toBeGreaterThanOrEqual(0);
            if (v.outcome === 'open') {
              expect(i).toBe(real.length - 1);
              expect(v.leftAt).toBeUndefined();
              return;
            }
            const left = v.leftAt!.getTime();
            expect(left).toBeGreaterThanOrEqual(v.enteredAt.getTime());
            expect(v.suspendedDays * 86_400_000).toBeLessThanOrEqual(left - v.enteredAt.getTime() + 1e-6);
            const next = real[i + 1];
            if (v.outcome === 'advanced' || v.outcome === 'regressed') {
              expect(next?.stageId).toBe(v.toStageId);
              expect(next?.enteredAt.getTime()).toBe(left);
              const step = openIds.indexOf(v.toStageId!) - v.stageIndex;
              expect(v.outcome === 'advanced' ? step > 0 : step < 0).toBe(true);
              expect(v.skippedStageIds).toEqual(v.outcome === 'advanced' ? openIds.slice(v.stageIndex + 1, v.stageIndex + step) : []);
            }
          });
          // One zero-length skipped stay per stage jumped over.
          const skipped = visits.filter((v) => v.outcome === 'skipped');
          expect(skipped.length).toBe(visits.reduce((n, v) => n + v.skippedStageIds.length, 0));
          for (const s of skipped) expect(s.leftAt?.getTime()).toBe(s.enteredAt.getTime());
          // The last stay agrees with the deal's current fields.
          const last = real.at(-1);
          if (o.status === 'open' || o.status === 'suspended') {
            expect(last?.outcome).toBe('open');
            expect(last?.stageId).toBe(o.stageId);
          } else if (last !== undefined) {
            expect(last.outcome).toBe(o.status);
            expect(last.toStageId).toBe(o.stageId);
          }
        }
      }),
      RUNS,
    );
  });

  it('reading as of an earlier instant keeps the stays that had ended by then', () => {
    fc.assert(
      fc.property(dealsArb(12), fc.date({ min: new Date('2025-05-01T00:00:00Z'), max: new Date('2026-09-30T00:00:00Z'), noInvalidDate: true }), ({ pipeline, deals }, asOf) => {
        for (const o of deals) {
          const full = stageVisits(o, pipeline);
          const past = stageVisits(o, pipeline, { asOf });
          const ended = (v: (typeof full)[number]) => v.leftAt !== undefined && v.leftAt.getTime() <= asOf.getTime();
          expect(past.filter(ended)).toEqual(full.filter(ended));
          // Whatever was open at asOf had been entered by then and is still open in the past view.
          for (const v of past.filter((x) => x.outcome === 'open')) expect(v.enteredAt.getTime()).toBeLessThanOrEqual(asOf.getTime());
          expect(past.filter((x) => x.outcome === 'open').length).toBeLessThanOrEqual(1);
        }
      }),
      RUNS,
    );
  });
});
