// Plain reference implementations the analytics tests compare the library's estimators
// with (not a test file: vitest only runs *.test.ts). They are written for clarity, not
// speed, and are not part of the library.
import type { TallyRow } from '../../../src/analytics/_lib/survival.js';

/**
 * Type-7 quantile (R's and NumPy's default) of values sorted ascending: with N values and
 * h = (N − 1)·p, x₍⌊h⌋+1₎ + (h − ⌊h⌋)·(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎); `null` when empty.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  return lo + 1 >= n ? a : a + (h - lo) * (sorted[lo + 1]! - a);
}

/**
 * Tally rows from (time, cause) observations: cause 0-based, `null` for a censoring; one
 * row per distinct time (a `Map` keeps `-0` as `0`), in increasing time.
 */
export function tallyRows(observations: ReadonlyArray<readonly [number, number | null]>, causes = 1): TallyRow[] {
  const counts = new Map<number, number[]>();
  for (const [time, cause] of observations) {
    let row = counts.get(time);
    if (row === undefined) {
      row = new Array<number>(causes + 1).fill(0);
      counts.set(time, row);
    }
    const slot = cause === null ? 0 : cause + 1;
    row[slot] = row[slot]! + 1;
  }
  return [...counts.keys()]
    .sort((a, b) => a - b)
    .map((time) => {
      const row = counts.get(time)!;
      return { time, censored: row[0]!, events: row.slice(1) };
    });
}
