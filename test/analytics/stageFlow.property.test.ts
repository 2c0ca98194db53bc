import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { funnelSnapshot, mergeStageFlow, stageFlow, type Grouped, type StageFlowOptions, type StageFlowTable } from '../../src/index.js';
import { dealsArb, groupKeys, snapshotOf } from './_fixtures.js';

const RUNS = { numRuns: 150 };
const instant = (lo: string, hi: string) => fc.date({ min: new Date(lo), max: new Date(hi), noInvalidDate: true });

/** Options over a random window and asOf, with or without grouping. */
const optionsArb: fc.Arbitrary<StageFlowOptions> = fc
  .record({
    a: instant('2025-05-01T00:00:00Z', '2026-06-30T00:00:00Z'),
    b: instant('2025-05-01T00:00:00Z', '2026-06-30T00:00:00Z'),
    lateBy: fc.integer({ min: 0, max: 200 }),
    cohort: fc.constantFrom('stage_entry' as const, 'created' as const),
    skipped: fc.constantFrom('passed' as const, 'excluded' as const),
    stallAfterDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    segment: fc.boolean(),
  })
  .map(({ a, b, lateBy, cohort, skipped, stallAfterDays, segment }) => {
    const [from, to] = a <= b ? [a, b] : [b, a];
    return {
      from,
      to,
      asOf: new Date(to.getTime() + lateBy * 86_400_000),
      cohort,
      skipped,
      ...(stallAfterDays === undefined ? {} : { stallAfterDays }),
      ...(segment ? { groupBy: ['owner'] as const } : {}),
    };
  });

const tables = (t: Grouped<StageFlowTable>) => [t.total, ...t.groups.map((g) => g.value)];

describe('stageFlow laws over generated ledgers', () => {
  it('advanced + lost + regressed + still there = entered; sub-counts within their parents; rates in [0, 1] or null', () => {
    fc.assert(
      fc.property(dealsArb(), optionsArb, ({ pipeline, deals }, options) => {
        const flow = stageFlow(deals, pipeline, options);
        for (const table of tables(flow)) {
          expect(table.stages.map((r) => r.stageId)).toEqual(pipeline.stages.filter((s) => s.kind === 'open').map((s) => s.id));
          for (const r of table.stages) {
            expect(r.advanced + r.lost + r.regressed + r.stillThere).toBe(r.entered);
            expect(r.won).toBeLessThanOrEqual(r.advanced);
            expect(r.suspended + r.stalled).toBeLessThanOrEqual(r.stillThere);
            for (const rate of [r.advanceRate, r.winRate, r.lossRate, r.regressRate, r.stayRate, r.stalledRate]) {
              if (r.entered === 0) expect(rate).toBeNull();
              else if (rate !== null) expect(rate >= 0 && rate <= 1).toBe(true);
            }
          }
        }
        // Groups partition the deals: their counts add up to the total counts.
        if (flow.groups.length > 0) {
          const sum = (f: (t: StageFlowTable) => number) => flow.groups.map((g) => g.value).reduce((n, t) => n + f(t), 0);
          expect(sum((t) => t.deals)).toBe(flow.total.deals);
          flow.total.stages.forEach((r, i) => expect(sum((t) => t.stages[i]!.entered)).toBe(r.entered));
        }
      }),
      RUNS,
    );
  });

  it('merging the flows of two shards equals the flow of both', () => {
    fc.assert(
      fc.property(dealsArb(), optionsArb, fc.nat(), ({ pipeline, deals }, options, cut) => {
        const k = deals.length === 0 ? 0 : cut % (deals.length + 1);
        const merged = mergeStageFlow(stageFlow(deals.slice(0, k), pipeline, options), stageFlow(deals.slice(k), pipeline, options));
        const whole = stageFlow(deals, pipeline, options);
        expect(merged).toEqual(whole);
        expect(groupKeys(merged)).toEqual(groupKeys(whole));
      }),
      RUNS,
    );
  });

  it('does not depend on input order and leaves its input unchanged', () => {
    fc.assert(
      fc.property(
        dealsArb().chain((x) => fc.shuffledSubarray(x.deals, { minLength: x.deals.length, maxLength: x.deals.length }).map((shuffled) => ({ ...x, shuffled }))),
        optionsArb,
        ({ pipeline, deals, shuffled }, options) => {
          const before = snapshotOf(deals);
          const a = stageFlow(deals, pipeline, options);
          expect(snapshotOf(deals)).toBe(before);
          const b = stageFlow(shuffled, pipeline, options);
          expect(b).toEqual(a);
          expect(groupKeys(b)).toEqual(groupKeys(a));
        },
      ),
      RUNS,
    );
  });

  it('without a window, the entries still there at asOf are the open deals of the snapshot at asOf', () => {
    fc.assert(
      fc.property(dealsArb(), instant('2025-05-01T00:00:00Z', '2026-09-30T00:00:00Z'), ({ pipeline, deals }, asOf) => {
        const flow = stageFlow(deals, pipeline, { asOf });
        const snap = funnelSnapshot(deals, pipeline, { asOf });
        flow.total.stages.forEach((r, i) => {
          const s = snap.total.stages[i]!;
          expect(r.stillThere).toBe(s.count + s.suspended);
          expect(r.suspended).toBe(s.suspended);
        });
      }),
      RUNS,
    );
  });

  it('without asOf, reads the books at the last event: the same flow as with that asOf given', () => {
    fc.assert(
      fc.property(dealsArb(), optionsArb, ({ pipeline, deals }, options) => {
        const { asOf: _given, ...rest } = options;
        const byDefault = stageFlow(deals, pipeline, rest);
        const last = Math.max(-Infinity, ...deals.flatMap((o) => o.history.map((e) => e.at.getTime())));
        if (byDefault.asOf === null) {
          expect(deals.every((o) => o.history.length === 0)).toBe(true);
          return;
        }
        expect(byDefault.asOf.getTime()).toBe(last);
        expect(byDefault).toEqual(stageFlow(deals, pipeline, { ...rest, asOf: byDefault.asOf }));
      }),
      RUNS,
    );
  });
});
