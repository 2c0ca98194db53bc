import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditPipeline, stageVisits } from '../../src/index.js';
import { dealsArb, snapshotOf } from './_fixtures.js';

const RUNS = { numRuns: 100 };
const instant = fc.date({ min: new Date('2025-05-01T00:00:00Z'), max: new Date('2026-09-30T00:00:00Z'), noInvalidDate: true });

describe('auditPipeline laws over generated ledgers', () => {
  it('reports one stage_skipped per jump and one regressed per move back, counts match, order does not matter', () => {
    fc.assert(
      fc.property(
        dealsArb().chain((x) => fc.shuffledSubarray(x.deals, { minLength: x.deals.length, maxLength: x.deals.length }).map((shuffled) => ({ ...x, shuffled }))),
        instant,
        ({ pipeline, deals, shuffled }, asOf) => {
          const before = snapshotOf(deals);
          const a = auditPipeline(deals, pipeline, { asOf, groupBy: ['owner'] });
          expect(snapshotOf(deals)).toBe(before);
          const visits = deals.flatMap((o) => stageVisits(o, pipeline, { asOf }));
          expect(a.total.counts.stage_skipped).toBe(visits.filter((v) => v.skippedStageIds.length > 0).length);
          expect(a.total.counts.regressed).toBe(visits.filter((v) => v.outcome === 'regressed').length);
          expect(Object.values(a.total.counts).reduce((n, c) => n + c, 0)).toBe(a.total.findings.length);
          expect(a.groups.map((g) => g.value).reduce((n, r) => n + r.findings.length, 0)).toBe(a.total.findings.length);
          expect(auditPipeline(shuffled, pipeline, { asOf, groupBy: ['owner'] })).toEqual(a);
        },
      ),
      RUNS,
    );
  });
});
