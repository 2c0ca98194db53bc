import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateQuota, Decimal, money, type QuotaWeight } from '../../src/index.js';

// Feasible instances: floors ≤ caps, Σ floors ≤ target ≤ Σ caps (when every positive weight is capped).
const instanceArb = fc
  .array(
    fc.record({
      weight: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
      factor: fc.option(fc.constantFrom('0', '0.8', '1', '1.2', '1.5', '2'), { nil: undefined }),
      floor: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined }),
      capExtra: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .chain((raw) => {
    const weights: QuotaWeight[] = raw.map((r, i) => ({
      id: `r${String(i).padStart(2, '0')}`,
      weight: r.weight,
      ...(r.factor !== undefined ? { factor: r.factor } : {}),
      ...(r.floor !== undefined ? { floor: money(r.floor, 'CNY') } : {}),
      ...(r.capExtra !== undefined ? { cap: money((r.floor ?? 0) + r.capExtra, 'CNY') } : {}),
    }));
    const floors = raw.reduce((a, r) => a + (r.floor ?? 0), 0);
    const positive = raw.filter((r) => r.weight > 0 && r.factor !== '0');
    const capped = positive.every((r) => r.capExtra !== undefined);
    // A zero effective weight (weight 0 or factor 0) can only receive its floor.
    const most = positive.length === 0 ? floors : capped ? raw.reduce((a, r) => a + (positive.includes(r) ? (r.floor ?? 0) + (r.capExtra ?? 0) : (r.floor ?? 0)), 0) : floors + 10_000_000;
    if (positive.length === 0 && floors === 0) return fc.constant(undefined);
    return fc.integer({ min: floors * 100, max: most * 100 }).map((cents) => ({ weights, target: money(new Decimal(cents).div(100), 'CNY') }));
  })
  .filter((x): x is { weights: QuotaWeight[]; target: ReturnType<typeof money> } => x !== undefined);

describe('allocateQuota laws', () => {
  it('quotas add up to the target, stay within limits, within one fen of the water-filled share', () => {
    fc.assert(
      fc.property(instanceArb, ({ weights, target }) => {
        const q = allocateQuota(target, weights);
        const sum = q.shares.reduce((a, s) => a.plus(s.quota.amount), new Decimal(0));
        expect(sum.eq(target.amount)).toBe(true);
        const fen = new Decimal('0.01');
        let lambda: Decimal | undefined;
        q.shares.forEach((s, i) => {
          const w = weights[i] as QuotaWeight;
          const a = s.quota.amount;
          expect(a.div(fen).isInteger()).toBe(true);
          if (w.floor !== undefined) expect(a.gte(w.floor.amount)).toBe(true);
          if (w.cap !== undefined) expect(a.lte(w.cap.amount)).toBe(true);
          expect(a.minus(s.exact).abs().lt(fen)).toBe(true);
          expect(s.weight.eq(new Decimal(w.weight).times(w.factor ?? 1))).toBe(true);
          if (s.limitedBy === null && s.weight.gt(0)) lambda ??= s.exact.div(s.weight);
        });
        // One water level λ: free shares are λ·e, floored ones have λ·e ≤ floor, capped ones λ·e ≥ cap.
        if (lambda !== undefined) {
          const lv = lambda;
          q.shares.forEach((s, i) => {
            const w = weights[i] as QuotaWeight;
            if (!s.weight.gt(0)) return;
            const level = lv.times(s.weight);
            if (s.limitedBy === null) expect(level.minus(s.exact).abs().lt('1e-20')).toBe(true);
            if (s.limitedBy === 'floor') expect(level.lte((w.floor as { amount: Decimal }).amount.plus('1e-20'))).toBe(true);
            if (s.limitedBy === 'cap') expect(level.gte((w.cap as { amount: Decimal }).amount.minus('1e-20'))).toBe(true);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the recipients', () => {
    fc.assert(
      fc.property(
        instanceArb.chain((x) => fc.record({ x: fc.constant(x), shuffled: fc.shuffledSubarray(x.weights, { minLength: x.weights.length }) })),
        ({ x, shuffled }) => {
          const byId = (ws: QuotaWeight[]) =>
            Object.fromEntries(allocateQuota(x.target, ws).shares.map((s) => [s.id, s.quota.amount.toString()]));
          expect(byId(shuffled)).toEqual(byId(x.weights));
        },
      ),
      { numRuns: 200 },
    );
  });
});
