import { Decimal } from '../../../money/decimal.js';

/** An exact fraction of integers (den > 0). */
export interface Frac {
  readonly num: bigint;
  readonly den: bigint;
}

/** Compares two fractions exactly. */
export const cmpFrac = (a: Frac, b: Frac): number => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};

export const gcd = (a: bigint, b: bigint): bigint => {
  // Stryker disable next-line all: the only caller (the lower bound's lcm) passes positive integers
  let x = a < 0n ? -a : a;
  // Stryker disable next-line all: the only caller (the lower bound's lcm) passes positive integers
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

/** ⌈a / b⌉ for a ≥ 0, b > 0. */
export const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

export const pow10 = (k: number): bigint => 10n ** BigInt(k);

/** d × 10^digits as an integer; d has at most `digits` decimal places and is ≥ 0. */
export const scaled = (d: Decimal, digits: number): bigint => BigInt(d.toFixed(digits).replace('.', ''));

/** The fraction as a Decimal (40 significant digits). */
export const decimalOf = (f: Frac): Decimal => new Decimal(f.num.toString()).div(f.den.toString());
