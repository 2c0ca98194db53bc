import { describe, expect, it } from 'vitest';
import { addExact, addExactSum, exactValue, newExactSum } from '../../../src/analytics/_lib/exactSum.js';
import { Decimal } from '../../../src/index.js';

const MAX = Number.MAX_SAFE_INTEGER; // 9 007 199 254 740 991 = 2^53 − 1

/** The exact value, as text, of a sum of whole minor units (fen: scale 100). */
function sumOf(...minors: number[]): string {
  const s = newExactSum();
  for (const m of minors) addExact(s, undefined, m, 100);
  return exactValue(s, 100).toFixed();
}

describe('exactSum', () => {
  it('adds whole minor units exactly while the running sum is a safe integer', () => {
    expect(sumOf(1, 2, 3)).toBe('0.06');
    expect(sumOf(MAX)).toBe('90071992547409.91');
    expect(sumOf()).toBe('0');
  });

  it('stays exact past 2^53, where a double would round (MAX + 2 is not a double)', () => {
    // In doubles MAX + 2 = 9 007 199 254 740 993 rounds to …992.
    expect(MAX + 2).toBe(MAX + 1);
    expect(sumOf(MAX, 2)).toBe('90071992547409.93');
    expect(sumOf(MAX, MAX, MAX, 7)).toBe(new Decimal(MAX).times(3).plus(7).div(100).toFixed());
  });

  it('stays exact past −2^53 too (negative amounts)', () => {
    expect(sumOf(-MAX, -2)).toBe('-90071992547409.93');
    expect(sumOf(-MAX, -MAX, 5)).toBe(new Decimal(MAX).times(-2).plus(5).div(100).toFixed());
  });

  it('adds a decimal amount as it is, beside the minor units', () => {
    const s = newExactSum();
    addExact(s, new Decimal('0.005'), 0, 100);
    addExact(s, undefined, 3, 100);
    expect(exactValue(s, 100).toFixed()).toBe('0.035');
  });

  it('adds one sum to another, exactly past 2^53', () => {
    const a = newExactSum();
    addExact(a, undefined, MAX, 100);
    addExact(a, new Decimal('1.5'), 0, 100);
    const b = newExactSum();
    addExact(b, undefined, 2, 100);
    addExactSum(b, a, 100);
    expect(exactValue(b, 100).toFixed()).toBe('90071992547411.43'); // (MAX + 2) fen + 1.5
    // `a` is not changed.
    expect(exactValue(a, 100).toFixed()).toBe('90071992547411.41');
  });
});
