import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { winProbabilities, type TransitionChain } from '../../src/index.js';

// Random chains: 1–6 open states (some without data), 1–3 closed states, rows of
// non-negative integer weights (many zeros) normalised to 1, random mean stays.
const chainArb: fc.Arbitrary<TransitionChain> = fc
  .record({ open: fc.integer({ min: 1, max: 6 }), kinds: fc.array(fc.constantFrom('won' as const, 'lost' as const), { minLength: 1, maxLength: 3 }) })
  .chain(({ open, kinds }) => {
    const n = open + kinds.length;
    const row = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 9 })), { minLength: n, maxLength: n });
    return fc.record({
      rows: fc.array(fc.option(row, { freq: 8, nil: null }), { minLength: open, maxLength: open }),
      days: fc.array(fc.option(fc.integer({ min: 0, max: 60 }), { freq: 6, nil: null }), { minLength: n, maxLength: n }),
    }).map(({ rows, days }): TransitionChain => ({
      states: [...Array.from({ length: open }, (_, i) => ({ id: `s${i}`, kind: 'open' as const })), ...kinds.map((kind, i) => ({ id: `c${i}`, kind }))],
      probabilities: [
        ...rows.map((r) => {
          if (r === null) return null;
          const total = r.reduce((a, b) => a + b, 0);
          return total === 0 ? null : r.map((v) => v / total);
        }),
        ...kinds.map(() => null),
      ],
      meanStayDays: days,
    }));
  });

describe('winProbabilities laws (random chains)', () => {
  it('answers solve the one-step equations; unknown stages say why', () => {
    fc.assert(
      fc.property(chainArb, (chain) => {
        const before = JSON.stringify(chain);
        const w = winProbabilities(chain).stages;
        expect(JSON.stringify(chain)).toBe(before);
        w.forEach((s, i) => {
          if (s.kind !== 'open') {
            expect(s.winProbability).toBe(s.kind === 'won' ? 1 : 0);
            expect(s.expectedSteps).toBe(0);
            return;
          }
          const row = chain.probabilities[i];
          if (row === null || row === undefined) {
            expect(s.gap).toBe('no_data');
            return;
          }
          const successors = row.flatMap((p, j) => (p > 0 ? [j] : []));
          if (s.winProbability === null) {
            expect(s.gap === 'no_data' || s.gap === 'not_absorbed').toBe(true);
            // some successor is unknown too, or the stage cycles without closing
            if (s.gap === 'no_data') expect(successors.some((j) => w[j]?.gap === 'no_data')).toBe(true);
            return;
          }
          expect(s.winProbability).toBeGreaterThanOrEqual(0);
          expect(s.winProbability).toBeLessThanOrEqual(1);
          let wSum = 0;
          let tSum = 1;
          let dSum: number | null = chain.meanStayDays?.[i] ?? null;
          for (const j of successors) {
            const p = row[j] as number;
            const next = w[j];
            expect(next?.winProbability).not.toBeNull();
            wSum += p * (next?.winProbability as number);
            if (chain.states[j]?.kind === 'open') {
              tSum += p * (next?.expectedSteps as number);
              dSum = dSum === null || next?.expectedDays === null ? null : dSum + p * (next?.expectedDays as number);
            }
          }
          expect(Math.abs((s.winProbability as number) - wSum)).toBeLessThan(1e-8);
          expect(Math.abs((s.expectedSteps as number) - tSum)).toBeLessThan(1e-8 * Math.max(1, tSum));
          if (s.expectedDays !== null && dSum !== null) expect(Math.abs(s.expectedDays - dSum)).toBeLessThan(1e-8 * Math.max(1, dSum));
          expect(s.expectedDays === null).toBe(dSum === null);
        });
      }),
      { numRuns: 300 },
    );
  });
});
