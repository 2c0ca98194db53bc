import { Decimal } from './decimalClone.js';

// Exact integer shortcuts for hot paths (the forecasts, the column builder): a decimal amount as whole
// minor units in a double, and the largest-remainder split of `allocate` in doubles.
// Each falls back (NaN / undefined) where a double could not hold the numbers exactly.

const MAX = Number.MAX_SAFE_INTEGER;

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A decimal amount in minor units (`digits` decimals) as an exact integer, read from the
 * decimal's own digits (base-10⁷ words `d`, exponent `e`, sign `s`) without a string;
 * NaN when it is not a whole number of minor units below 2⁵³ or has more than three words.
 */
export function minorUnits(amount: Decimal, digits: number): number {
  const d = amount.d;
  if (d === null || d === undefined) return Number.NaN; // ±Infinity, NaN
  const m = d.length;
  if (m === 0) return 0;
  if (m > 3) return Number.NaN;
  const d0 = d[0]!;
  const first = d0 >= 1e6 ? 7 : d0 >= 1e5 ? 6 : d0 >= 1e4 ? 5 : d0 >= 1e3 ? 4 : d0 >= 100 ? 3 : d0 >= 10 ? 2 : 1;
  // The integer of all the digits (the last word's trailing zeros dropped), and how many digits it has.
  let n = d0;
  let count = first;
  if (m > 1) {
    for (let j = 1; j < m - 1; j++) n = n * 1e7 + d[j]!;
    let last = d[m - 1]!;
    let width = 7;
    while (width > 1 && last % 10 === 0) {
      last /= 10;
      width--;
    }
    n = n * POW10[width]! + last;
    count += 7 * (m - 2) + width;
  }
  if (n > MAX) return Number.NaN;
  // amount = n × 10^(e − count + 1); in minor units, × 10^digits.
  const x = amount.e - count + 1 + digits;
  let v: number;
  if (x >= 0) {
    if (x > 15) return Number.NaN;
    v = n * POW10[x]!;
    if (v > MAX) return Number.NaN;
  } else {
    if (x < -15) return Number.NaN;
    const p = POW10[-x]!;
    if (n % p !== 0) return Number.NaN;
    v = n / p;
  }
  return amount.s < 0 ? -v : v;
}

/**
 * `allocate`'s split of `units` whole minor units by integer `weights` (largest
 * remainder; ties to the larger weight, then the earlier index; a negative total split
 * like its absolute value and negated), in doubles; `undefined` when a product
 * `units × weight` could pass 2⁵³ or a weight is not a non-negative whole number (the
 * caller then calls `allocate`, which also reports bad weights).
 */
export function allocateMinor(units: number, weights: readonly number[]): number[] | undefined {
  const total = Math.abs(units);
  let sum = 0;
  let most = 0;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) return undefined;
    sum += w;
    if (w > most) most = w;
  }
  if (sum === 0 || total * most > MAX || sum > MAX) return undefined;
  const n = weights.length;
  const shares = new Array<number>(n);
  const remainders = new Array<number>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const product = total * weights[i]!;
    const floor = Math.floor(product / sum);
    shares[i] = floor;
    remainders[i] = product - floor * sum;
    given += floor;
  }
  let left = total - given;
  if (left > 0) {
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => remainders[b]! - remainders[a]! || weights[b]! - weights[a]! || a - b,
    );
    for (const i of order) {
      if (left <= 0) break;
      shares[i]! += 1;
      left -= 1;
    }
  }
  if (units < 0) for (let i = 0; i < n; i++) shares[i] = shares[i] === 0 ? 0 : -shares[i]!;
  return shares;
}

/** A whole number of minor units as a decimal amount. */
export function fromMinor(units: number, digits: number): Decimal {
  return units === 0 ? new Decimal(0) : new Decimal(`${units}e-${digits}`);
}
