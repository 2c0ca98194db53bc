import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, money, requiredPipeline } from '../../src/index.js';
import { snapshot } from './_fixtures.js';

describe('requiredPipeline laws', () => {
  it('exact ≤ rounded, stages never need fewer deals than the stage below, and the exact plan yields the target', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 6 }),
        (target, avg, pcts) => {
          const input = {
            target: money(target, 'CNY'),
            averageDealSize: money(avg, 'CNY'),
            stageConversions: pcts.map((p, i) => ({ stage: `s${i}`, conversion: new Decimal(p).div(100) })),
          };
          const before = snapshot(input);
          const ceil = requiredPipeline(input);
          const exact = requiredPipeline({ ...input, rounding: 'exact' });
          expect(snapshot(input)).toBe(before);
          const c = [...ceil.stages.map((s) => s.deals as Decimal), ceil.wins as Decimal];
          const e = [...exact.stages.map((s) => s.deals as Decimal), exact.wins as Decimal];
          c.forEach((d, i) => {
            expect(d.isInteger()).toBe(true);
            expect(d.gte(e[i] as Decimal)).toBe(true);
            if (i > 0) expect(d.lte(c[i - 1] as Decimal)).toBe(true);
          });
          // Converting the exact top-of-funnel deals through every stage gives back the wins (to 30 digits).
          const top = e[0] as Decimal;
          const through = exact.stages.reduce((d, s) => d.times(s.conversion), top);
          expect(through.minus(exact.wins as Decimal).abs().lte(new Decimal('1e-25').times(Decimal.max(1, top)))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  const stagesArb = fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 5 }).map((pcts) => pcts.map((p, i) => ({ stage: `s${i}`, conversion: new Decimal(p).div(100) })));
  const roundingArb = fc.constantFrom('ceil_each_stage' as const, 'exact' as const);
  const view = (r: ReturnType<typeof requiredPipeline>) => ({
    wins: r.wins?.toString() ?? null,
    // to 30 significant digits: the mix divides by its wins (or shares) last, the single form does not
    deals: r.stages.map((s) => s.deals?.toSignificantDigits(30).toString() ?? null),
    amounts: r.stages.map((s) => s.amount?.amount.toSignificantDigits(30).toString() ?? null),
  });

  it('a mix of one band (by share, or by wins worth the target) is the single-average form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1000 }), stagesArb, roundingArb, (target, avg, share, stageConversions, rounding) => {
        const single = requiredPipeline({ target: money(target, 'CNY'), averageDealSize: money(avg, 'CNY'), stageConversions, rounding });
        const byShare = requiredPipeline({ target: money(target, 'CNY'), mix: [{ averageDealSize: money(avg, 'CNY'), share }], stageConversions, rounding });
        expect(view(byShare)).toEqual(view(single));
        // A plan of wins = exactly the single form's wins.
        const byWins = requiredPipeline({ mix: [{ averageDealSize: money(avg, 'CNY'), wins: single.wins as Decimal }], stageConversions, rounding });
        expect(view(byWins).deals).toEqual(view(single).deals);
        expect(byWins.wins?.toString()).toBe(single.wins?.toString());
      }),
      { numRuns: 200 },
    );
  });

  it('the bands\' wins add up to the wins, whole with ceil_each_stage, and bands of one size are the single-average form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 }).filter((xs) => xs.some((x) => x > 0)),
        stagesArb,
        roundingArb,
        (target, avg, shares, stageConversions, rounding) => {
          const mix = shares.map((share) => ({ averageDealSize: money(avg, 'CNY'), share }));
          const before = snapshot(mix);
          const r = requiredPipeline({ target: money(target, 'CNY'), mix, stageConversions, rounding });
          expect(snapshot(mix)).toBe(before);
          const sum = (r.mix ?? []).reduce((a, b) => a.plus(b.wins as Decimal), new Decimal(0));
          expect(sum.minus(r.wins as Decimal).abs().lte('1e-25')).toBe(true);
          if (rounding === 'ceil_each_stage') for (const b of r.mix ?? []) expect(b.wins?.isInteger()).toBe(true);
          const single = requiredPipeline({ target: money(target, 'CNY'), averageDealSize: money(avg, 'CNY'), stageConversions, rounding });
          expect(view(r)).toEqual(view(single));
        },
      ),
      { numRuns: 200 },
    );
  });
});
