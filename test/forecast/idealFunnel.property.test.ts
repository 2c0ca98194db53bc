import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohortFunnel, type Decimal, idealFunnel, money } from '../../src/index.js';
import { dealsArb, snapshotOf } from '../analytics/_fixtures.js';

const RUNS = { numRuns: 80 };
const instant = fc.date({ min: new Date('2025-05-01T00:00:00Z'), max: new Date('2026-06-30T00:00:00Z'), noInvalidDate: true });

describe('idealFunnel laws over generated books', () => {
  it('the rates are the cohort funnel\'s; a stage never needs fewer deals than the one below; one band is the single-average plan', () => {
    fc.assert(
      fc.property(dealsArb(), instant, instant, fc.integer({ min: 0, max: 50_000_000 }), ({ pipeline, deals }, a, b, target) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const before = snapshotOf(deals);
        const options = { from, to, target: money(target, pipeline.currency) };
        const r = idealFunnel(deals, pipeline, options);
        expect(snapshotOf(deals)).toBe(before);

        const cohort = cohortFunnel(deals, pipeline, { from, to }).total;
        r.stages.forEach((s, k) => {
          expect(s.reached).toBe(cohort.stages[k]!.reached);
          const next = k + 1 < r.stages.length ? cohort.stages[k + 1]!.reached : cohort.won;
          if (s.reached === 0) expect(s.conversion).toBeNull();
          else expect(s.conversion).toBeCloseTo(next / s.reached, 12);
        });
        const needs = r.stages.map((s) => s.deals);
        needs.forEach((d, k) => {
          if (d === null) {
            // null spreads upwards
            for (let j = 0; j < k; j++) expect(needs[j]).toBeNull();
          } else {
            expect(d.isInteger()).toBe(true);
            if (k + 1 < needs.length && needs[k + 1] !== null) expect(d.gte(needs[k + 1] as Decimal)).toBe(true);
            if (r.wins !== null) expect(d.gte(r.wins)).toBe(true);
          }
        });

        const oneBand = idealFunnel(deals, pipeline, { ...options, mix: [{ name: 'all' }] });
        expect(oneBand.stages.map((s) => s.deals?.toString() ?? null)).toEqual(needs.map((d) => d?.toString() ?? null));
        expect(oneBand.wins?.toString()).toBe(r.wins?.toString());
      }),
      RUNS,
    );
  });
});
