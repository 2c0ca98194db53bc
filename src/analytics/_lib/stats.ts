/**
 * Small order statistics on plain JS numbers (days, durations): statistics, not money.
 * Type-7 quantiles (linear interpolation between order statistics, the default of R and
 * NumPy), consistent with `quantileOfCounts` in `survival.ts`. `null` for no values,
 * never NaN.
 */

/**
 * Type-7 quantile of values already sorted ascending: with N values and
 * h = (N − 1)·p, x₍⌊h⌋+1₎ + (h − ⌊h⌋)·(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎). `null` when empty.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in [0, 1], got ${String(p)}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  const a = sorted[lo]!;
  if (frac === 0 || lo + 1 >= n) return a;
  const b = sorted[lo + 1]!;
  return a + frac * (b - a);
}

/** Type-7 quantile of any values (copied and sorted; the input is not modified). `null` when empty. */
export function quantile(values: ArrayLike<number>, p: number): number | null {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  return quantileSorted(sorted, p);
}

/** Median (type-7 quantile at 0.5): the middle value, or the mean of the two middle values. `null` when empty. */
export function median(values: ArrayLike<number>): number | null {
  return quantile(values, 0.5);
}

/**
 * Moves the k-th smallest value (0-based) of `a[lo..hi]` to index k, smaller-or-equal
 * values before it and greater-or-equal after (Hoare's selection with a median-of-three
 * pivot: deterministic, O(n) on average). Reorders `a`.
 */
function select(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot value.
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
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
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Type-7 quantile of the values, computed by selection in O(n) instead of sorting;
 * **reorders `values`** (pass a scratch copy). Same result as {@link quantileSorted} on
 * the sorted values. `null` when empty.
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
  if (frac === 0 || lo + 1 >= n) return a;
  // The next order statistic is the smallest value after position lo.
  let b = Infinity;
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

  /** A sorted copy of the values. */
  sorted(): Float64Array {
    return this.data.slice(0, this.n).sort();
  }
}
