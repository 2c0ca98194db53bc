/**
 * Small order statistics on plain JS numbers (days, durations): statistics, not money.
 * Type-7 quantiles (linear interpolation between order statistics, the default of R and
 * NumPy), consistent with `quantileOfCounts` in `survival.ts`, and a growable buffer of
 * numbers. `null` for no values, never NaN.
 */

/**
 * Moves the k-th smallest value (0-based) of `a[lo..hi]` to index k, smaller-or-equal
 * values before it and greater-or-equal after (Hoare's selection with a median-of-three
 * pivot: deterministic, O(n) on average). Reorders `a`.
 */
function select(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  // Stryker disable next-line EqualityOperator: with hi = lo the pass swaps a[lo] with itself and returns
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot value.
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: any of x, y, z is a value of the range, which is all the partition needs to be right; the median only keeps it fast on sorted or reversed input
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) {
      hi = j;
    } else {
      // Stryker disable next-line ConditionalExpression: when j < k < i, a[k] is already in place; going on with [i, hi] leaves it there
      if (k >= i) lo = i;
      else return;
    }
  }
}

/**
 * Type-7 quantile of the values: with N values sorted ascending and h = (N − 1)·p,
 * x₍⌊h⌋+1₎ + (h − ⌊h⌋)·(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎). Computed by selection in O(n) instead of
 * sorting; **reorders `values`** (pass a scratch copy). `null` when empty.
 */
export function quantileInPlace(values: Float64Array, p: number): number | null {
  const n = values.length;
  if (n === 0) return null;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in [0, 1], got ${String(p)}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  select(values, lo);
  const a = values[lo]!;
  // h ≤ N − 1, so ⌊h⌋ = N − 1 only when h = N − 1 exactly: a next value exists whenever frac > 0.
  if (frac === 0) return a;
  // The next order statistic is the smallest value after position lo.
  let b = Infinity;
  // Stryker disable next-line EqualityOperator: values[n] is undefined, which is not below b, and `<=` finds the same minimum
  for (let i = lo + 1; i < n; i++) if (values[i]! < b) b = values[i]!;
  return a + frac * (b - a);
}

/** A growable Float64Array buffer, for collecting many numbers without boxing them. */
export class NumberBuffer {
  private data: Float64Array;
  private n = 0;

  constructor(initialCapacity = 64) {
    this.data = new Float64Array(Math.max(1, initialCapacity));
  }

  get length(): number {
    return this.n;
  }

  push(value: number): void {
    if (this.n === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.n++] = value;
  }

  /** The values (a view: valid until the next push). */
  values(): Float64Array {
    return this.data.subarray(0, this.n);
  }

  /** A copy of the values (for in-place selection). */
  copy(): Float64Array {
    return this.data.slice(0, this.n);
  }
}
