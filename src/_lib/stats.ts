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
  const a = sorted[lo] as number;
  if (frac === 0 || lo + 1 >= n) return a;
  const b = sorted[lo + 1] as number;
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

  /** A sorted copy of the values. */
  sorted(): Float64Array {
    return this.data.slice(0, this.n).sort();
  }
}
