import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateTransitionModel, winProbabilities } from '../../src/index.js';
import { opportunityArb, pipelineArb } from '../../src/testing/index.js';

const bookArb = pipelineArb({ maxOpenStages: 5 }).chain((pipeline) =>
  fc.record({
    pipeline: fc.constant(pipeline),
    deals: fc.array(opportunityArb({ pipeline, startAnywhere: true, maxSteps: 15 }), { maxLength: 25 }),
  }),
);

describe('estimateTransitionModel laws (generated ledgers)', () => {
  it('one exit per stage move and per close; open stays add none; rows are distributions', () => {
    fc.assert(
      fc.property(bookArb, ({ pipeline, deals }) => {
        const before = JSON.stringify(deals);
        const m = estimateTransitionModel(deals, pipeline);
        expect(JSON.stringify(deals)).toBe(before);
        const moves = deals.reduce((a, o) => a + o.history.filter((e) => e.type === 'stage_changed' || e.type === 'won' || e.type === 'lost').length, 0);
        expect(m.exits.reduce((a, b) => a + b, 0)).toBe(moves);
        expect(m.dealCount).toBe(deals.length);
        m.states.forEach((s, i) => {
          const column = m.counts.reduce((a, row) => a + (row[i] as number), 0);
          if (s.kind !== 'open') {
            expect(m.exits[i]).toBe(0);
            expect(m.probabilities[i]).toBeNull();
            // Every close into the stage is one move into it (a deal may be lost, reopened and won later).
            const closes = deals.reduce((a, o) => a + o.history.filter((e) => (e.type === 'won' || e.type === 'lost') && e.stageId === s.id).length, 0);
            expect(column).toBe(closes);
          }
          const row = m.probabilities[i];
          if (m.exits[i] === 0) expect(row).toBeNull();
          else expect(Math.abs((row as number[]).reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
          expect(m.counts[i]?.[i]).toBe(0); // a move to the stage the deal is in is no move
          expect(m.timedStays[i]).toBeLessThanOrEqual(m.exits[i] as number);
          const days = m.meanStayDays[i];
          if (m.timedStays[i] === 0) expect(days).toBeNull();
          else expect(days as number).toBeGreaterThanOrEqual(-1e-9);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('Markov answers lie in [0, 1], are 1 for won and 0 for lost stages, and solve the one-step equations', () => {
    fc.assert(
      fc.property(bookArb, ({ pipeline, deals }) => {
        const m = estimateTransitionModel(deals, pipeline);
        const w = winProbabilities(m).stages;
        w.forEach((s, i) => {
          if (s.kind === 'won') expect(s.winProbability).toBe(1);
          if (s.kind === 'lost') expect(s.winProbability).toBe(0);
          if (s.winProbability === null) {
            expect(s.gap).toBeDefined();
            return;
          }
          expect(s.winProbability).toBeGreaterThanOrEqual(0);
          expect(s.winProbability).toBeLessThanOrEqual(1);
          if (s.kind !== 'open') return;
          const row = m.probabilities[i] as number[];
          // w_i = Σ_j P_ij·w_j and t_i = 1 + Σ_{open j} P_ij·t_j
          let wSum = 0;
          let tSum = 1;
          row.forEach((p, j) => {
            if (p === 0) return;
            const next = w[j];
            expect(next?.winProbability).not.toBeNull();
            wSum += p * (next?.winProbability as number);
            if (m.states[j]?.kind === 'open') tSum += p * (next?.expectedSteps as number);
          });
          expect(Math.abs((s.winProbability as number) - wSum)).toBeLessThan(1e-9);
          expect(Math.abs((s.expectedSteps as number) - tSum)).toBeLessThan(1e-9 * Math.max(1, tSum));
          expect(s.expectedSteps as number).toBeGreaterThanOrEqual(1 - 1e-9);
          const total = (s.absorption ?? []).reduce((a, b) => a + b.probability, 0);
          expect(Math.abs(total - 1)).toBeLessThan(1e-9);
        });
      }),
      { numRuns: 150 },
    );
  });
});
