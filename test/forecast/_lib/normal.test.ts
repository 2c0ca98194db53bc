import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erfc, inverseNormalCdf, normalCdf, normalSurvival } from '../../../src/forecast/_lib/normal.js';

// Reference values from tables of the normal distribution and of erfc (Abramowitz & Stegun, 26.2 and 7.1).
describe('normal distribution helpers', () => {
  it('erfc at known points', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 15);
    expect(erfc(1)).toBeCloseTo(0.1572992070502851, 15);
    expect(erfc(2)).toBeCloseTo(0.004677734981047266, 16);
    expect(erfc(-1)).toBeCloseTo(1.842700792949715, 15);
    expect(erfc(30)).toBe(0);
    // relative accuracy far in the tail: erfc(5) = 1.5374597944280349e-12
    expect(Math.abs(erfc(5) / 1.5374597944280349e-12 - 1)).toBeLessThan(1e-13);
  });

  it('Φ and its upper tail', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 15);
    // 1 − Φ(6) = 9.865876450376981e-10, without cancellation
    expect(Math.abs(normalSurvival(6) / 9.865876450376981e-10 - 1)).toBeLessThan(1e-13);
  });

  it('Φ⁻¹ at known points and at the ends', () => {
    expect(inverseNormalCdf(0.5)).toBe(0);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(inverseNormalCdf(0.9)).toBeCloseTo(1.2815515655446004, 14);
    expect(inverseNormalCdf(0.1)).toBeCloseTo(-1.2815515655446004, 14);
    expect(inverseNormalCdf(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(inverseNormalCdf(0)).toBe(-Infinity);
    expect(inverseNormalCdf(1)).toBe(Infinity);
    expect(inverseNormalCdf(1.5)).toBeNaN();
    expect(inverseNormalCdf(-0.5)).toBeNaN();
    expect(inverseNormalCdf(Number.NaN)).toBeNaN();
    expect(normalCdf(Number.NaN)).toBeNaN();
  });

  it('Φ(Φ⁻¹(p)) = p and Φ⁻¹ is increasing', () => {
    // Tolerance: a relative 1e-13 of the smaller tail; the worst seen over 2·10⁶ points
    // (uniform and log-uniform down to 1e-12) is 1.3e-14.
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p, q) => {
        const z = inverseNormalCdf(p);
        // compare the smaller tail: Φ(z) with p below ½, 1 − Φ(z) with 1 − p (exact) above
        if (p <= 0.5) expect(Math.abs(normalCdf(z) - p)).toBeLessThanOrEqual(1e-13 * p);
        else expect(Math.abs(normalSurvival(z) - (1 - p))).toBeLessThanOrEqual(1e-13 * (1 - p));
        if (p < q) expect(inverseNormalCdf(p)).toBeLessThanOrEqual(inverseNormalCdf(q));
      }),
      { numRuns: 300 },
    );
  });
});
