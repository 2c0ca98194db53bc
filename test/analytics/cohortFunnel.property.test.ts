import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohortFunnel, stageVisits } from '../../src/index.js';
import { dealsArb, snapshotOf } from './_fixtures.js';

const RUNS = { numRuns: 150 };
const instant = fc.date({ min: new Date('2025-05-01T00:00:00Z'), max: new Date('2026-09-30T00:00:00Z'), noInvalidDate: true });

describe('cohortFunnel laws over generated ledgers', () => {
  it('is non-increasing down the funnel, with conversions in [0, 1] or null', () => {
    fc.assert(
      fc.property(dealsArb(), instant, instant, fc.boolean(), ({ pipeline, deals }, a, b, segment) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const before = snapshotOf(deals);
        const f = cohortFunnel(deals, pipeline, { from, to, ...(segment ? { groupBy: ['region'] as const } : {}) });
        expect(snapshotOf(deals)).toBe(before);
        for (const t of [f.total, ...f.groups.map((g) => g.value)]) {
          const reached = [...t.stages.map((r) => r.reached), t.won];
          for (let k = 1; k < reached.length; k++) expect(reached[k]!).toBeLessThanOrEqual(reached[k - 1]!);
          expect(t.stages[0]!.reached).toBeLessThanOrEqual(t.created);
          expect(t.won + t.lost + t.open).toBeLessThanOrEqual(t.created);
          for (const r of t.stages) {
            for (const c of [r.conversionFromPrevious, r.conversionFromFirst]) if (c !== null) expect(c >= 0 && c <= 1).toBe(true);
          }
          for (const c of [t.conversionToWon, t.winRate]) if (c !== null) expect(c >= 0 && c <= 1).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('reached(k) counts the deals with a stay (or skip) in stage k or later, or a win', () => {
    fc.assert(
      fc.property(dealsArb(), instant, ({ pipeline, deals }, asOf) => {
        const f = cohortFunnel(deals, pipeline, { asOf });
        const n = pipeline.stages.filter((s) => s.kind === 'open').length;
        const furthest = deals
          .map((o) => stageVisits(o, pipeline, { asOf }))
          .filter((v) => v.length > 0)
          .map((v) => Math.max(...v.map((x) => (x.outcome === 'won' ? n : x.stageIndex))));
        f.total.stages.forEach((r, k) => expect(r.reached).toBe(furthest.filter((m) => m >= k).length));
        // Generated deals are created in an open stage, so "won" here is exactly a win from a stay.
        expect(f.total.won).toBe(furthest.filter((m) => m === n).length);
      }),
      RUNS,
    );
  });
});
