import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundPartsToMinor } from '../../../src/forecast/_lib/roundParts.js';
import { Decimal } from '../../../src/index.js';

const texts = (r: { readonly parts: readonly Decimal[]; readonly total: Decimal }) => [r.parts.map((p) => p.toFixed(2)), r.total.toFixed(2)];
const round = (values: readonly string[], currency = 'CNY') => texts(roundPartsToMinor(values.map((v) => new Decimal(v)), currency as never));

describe('roundPartsToMinor', () => {
  it('gives the units the rounded total still needs to the largest remainders', () => {
    // 100.4 + 100.6 + 100.1 fen = 301.1 → 301: one unit over the floors, to the part with .6.
    expect(round(['1.004', '1.006', '1.001'])).toEqual([['1.00', '1.01', '1.00'], '3.01']);
    // 100.7 + 100.2 + 100.9 = 301.8 → 302: two units, to .9 then .7.
    expect(round(['1.007', '1.002', '1.009'])).toEqual([['1.01', '1.00', '1.01'], '3.02']);
  });

  it('breaks ties by giving the earlier part the unit', () => {
    // Three parts of 20/7 = 2.857142…: 8.571428… rounds to 8.57; the floors make 8.55, two units to the first two.
    const third = new Decimal(20).div(7).toString();
    expect(round([third, third, third])).toEqual([['2.86', '2.86', '2.85'], '8.57']);
    // The tie between the last two: the second gets it.
    expect(round(['1.001', '1.005', '1.005'])).toEqual([['1.00', '1.01', '1.00'], '3.01']);
  });

  it('breaks ties by position also in a long list (the first parts, whatever the sort merges)', () => {
    // 100 parts of 1.005 (100.5 fen): Σ 10 050 fen exactly, 50 units over the floors, to the first 50 parts.
    const r = roundPartsToMinor(Array.from({ length: 100 }, () => new Decimal('1.005')), 'CNY' as never);
    expect(r.parts.map((p) => p.toFixed(2))).toEqual([...Array(50).fill('1.01'), ...Array(50).fill('1.00')]);
    expect(r.total.toFixed(2)).toBe('100.50');
  });

  it('rounds negative parts down toward −∞ first', () => {
    // −100.5 fen floors to −101 (rest .5), 200.5 to 200 (rest .5): Σ = 100 exactly, one unit to the first.
    expect(round(['-1.005', '2.005'])).toEqual([['-1.00', '2.00'], '1.00']);
  });

  it('uses the minor unit of the currency', () => {
    expect(texts(roundPartsToMinor([new Decimal('10.4'), new Decimal('10.4'), new Decimal('10.4')], 'JPY' as never))).toEqual([['11.00', '10.00', '10.00'], '31.00']);
  });

  it('adds up to the exact sum rounded half-even, each part within one minor unit of its exact value', () => {
    const partArb = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => new Decimal(n).div(1000));
    fc.assert(
      fc.property(fc.array(partArb, { maxLength: 12 }), (parts) => {
        const r = roundPartsToMinor(parts, 'CNY' as never);
        const exact = parts.reduce((a, p) => a.plus(p), new Decimal(0));
        expect(r.total.eq(exact.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN))).toBe(true);
        expect(r.parts.reduce((a, p) => a.plus(p), new Decimal(0)).eq(r.total)).toBe(true);
        r.parts.forEach((p, i) => {
          const floor = parts[i]!.toDecimalPlaces(2, Decimal.ROUND_FLOOR);
          expect(p.eq(floor) || p.eq(floor.plus('0.01'))).toBe(true);
        });
      }),
    );
  });
});
