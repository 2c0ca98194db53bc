import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, winLoss, type WinLossFigures, type WinLossOptions, type WinLossRow } from '../../src/index.js';
import { dealsArb, snapshotOf } from './_fixtures.js';

const RUNS = { numRuns: 150 };
const instant = (lo: string, hi: string) => fc.date({ min: new Date(lo), max: new Date(hi), noInvalidDate: true });

/** A random window (sometimes open-ended), with or without grouping by owner or by closing period. */
const optionsArb: fc.Arbitrary<WinLossOptions> = fc
  .record({
    a: instant('2025-05-01T00:00:00Z', '2026-06-30T00:00:00Z'),
    b: instant('2025-05-01T00:00:00Z', '2026-06-30T00:00:00Z'),
    bounded: fc.boolean(),
    groupBy: fc.constantFrom([] as const, ['owner'] as const, ['period'] as const, ['owner', 'period'] as const),
  })
  .map(({ a, b, bounded, groupBy }) => {
    const [from, to] = a <= b ? [a, b] : [b, a];
    return { ...(bounded ? { from, to } : {}), groupBy };
  });

const tables = (r: ReturnType<typeof winLoss>): WinLossFigures[] => [r.total, ...r.groups.map((g) => g.value)];
const sumShares = (rows: readonly WinLossRow[], f: (r: WinLossRow) => number | null) => rows.reduce((s, r) => s + (f(r) ?? 0), 0);

describe('winLoss laws over generated ledgers', () => {
  it('shares of every breakdown add up to 1 whenever a deal was lost (by count, and by amount when it is not 0)', () => {
    fc.assert(
      fc.property(dealsArb(), optionsArb, ({ pipeline, deals }, options) => {
        for (const t of tables(winLoss(deals, pipeline, options))) {
          for (const rows of [t.byLossReason, t.byLostAtStage, t.byCompetitor]) {
            expect(rows.reduce((n, r) => n + r.count, 0)).toBe(t.lost.count);
            expect(rows.reduce((s, r) => s.plus(r.amount.amount), new Decimal(0)).eq(t.lost.amount.amount)).toBe(true);
            if (t.lost.count === 0) {
              expect(rows.every((r) => r.share === null)).toBe(true);
            } else {
              expect(sumShares(rows, (r) => r.share)).toBeCloseTo(1, 9);
            }
            if (t.lost.amount.amount.isZero()) expect(rows.every((r) => r.amountShare === null)).toBe(true);
            else expect(sumShares(rows, (r) => r.amountShare)).toBeCloseTo(1, 9);
          }
        }
      }),
      RUNS,
    );
  });

  it('decided = won + lost; win rates among decided deals in [0, 1], null only when nothing was decided', () => {
    fc.assert(
      fc.property(dealsArb(), optionsArb, ({ pipeline, deals }, options) => {
        for (const t of tables(winLoss(deals, pipeline, options))) {
          expect(t.decided.count).toBe(t.won.count + t.lost.count);
          expect(t.decided.amount.amount.eq(t.won.amount.amount.plus(t.lost.amount.amount))).toBe(true);
          if (t.decided.count === 0) expect(t.decidedWinRateByCount).toBeNull();
          else expect(t.decidedWinRateByCount).toBe(t.won.count / t.decided.count);
          const byValue = t.decidedWinRateByValue;
          if (byValue !== null) expect(byValue >= 0 && byValue <= 1).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('groups partition the deals counted: their counts and amounts add up to the total; input untouched', () => {
    fc.assert(
      fc.property(dealsArb(), optionsArb, ({ pipeline, deals }, options) => {
        const before = snapshotOf(deals);
        const r = winLoss(deals, pipeline, options);
        expect(snapshotOf(deals)).toBe(before);
        const ungrouped = winLoss(deals, pipeline, { ...options, groupBy: [] });
        expect(r.total).toEqual(ungrouped.total);
        if (r.groups.length === 0) return;
        const values = r.groups.map((g) => g.value);
        expect(values.reduce((n, t) => n + t.won.count, 0)).toBe(r.total.won.count);
        expect(values.reduce((n, t) => n + t.lost.count, 0)).toBe(r.total.lost.count);
        expect(values.reduce((s, t) => s.plus(t.decided.amount.amount), new Decimal(0)).eq(r.total.decided.amount.amount)).toBe(true);
      }),
      RUNS,
    );
  });

  it('a deal counts at most once, and only a deal that is closed at the end of the window', () => {
    fc.assert(
      fc.property(dealsArb(), ({ pipeline, deals }) => {
        const t = winLoss(deals, pipeline).total;
        // Without a window, every deal counted is closed now, and every closed deal with a ledger close is counted.
        expect(t.won.count).toBe(deals.filter((d) => d.status === 'won').length);
        expect(t.lost.count).toBe(deals.filter((d) => d.status === 'lost').length);
      }),
      RUNS,
    );
  });
});
