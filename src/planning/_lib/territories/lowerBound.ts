import { ceilDiv, gcd } from './fraction.js';
import { bigOf, type ScaledProblem } from './scale.js';

/**
 * A certified lower bound on the largest relative load, as a numerator over the common
 * denominator `D` of the scaled capacities (a rep's relative load is load × M[r] / D).
 */
export interface LowerBound {
  /** The bound's numerator over `D`. */
  readonly lb: bigint;
  /** The least common multiple of the scaled capacities. */
  readonly D: bigint;
  /** `D / C[r]` for each rep. */
  readonly M: readonly bigint[];
  /** The total scaled weight (locked and movable). */
  readonly W: bigint;
  /** The sum of the scaled capacities. */
  readonly sumC: bigint;
}

/**
 * Rounds `value` (over D) up to the next value some rep's relative load can take: a
 * whole number of weight steps over its capacity.
 */
export function achievable(value: bigint, M: readonly bigint[]): bigint {
  let best: bigint | undefined;
  for (const Mr of M) {
    const v = ceilDiv(value, Mr) * Mr;
    if (best === undefined || v < best) best = v;
  }
  return best!;
}

/**
 * Stage 3 of territory balancing: the lower bound. The largest of the total weight over
 * the total capacity; each locked load over its rep's capacity; for k = 0, 1, …, the sum
 * of the k + 1 smallest of the k·m + 1 heaviest pieces added to the rep where it would
 * weigh least (of any k·m + 1 pieces, some rep receives k + 1); rounded up to a value a
 * relative load can take.
 */
export function lowerBound(scaledProblem: ScaledProblem): LowerBound {
  const { C, items, fixed } = scaledProblem;
  const m = C.length;
  const n = items.length;
  let D = 1n;
  for (const c of C) D = (D / gcd(D, c)) * c;
  const M = C.map((c) => D / c);
  const W = items.reduce((a, it) => a + bigOf(it), 0n) + fixed.reduce((a, f) => a + f, 0n);
  const sumC = C.reduce((a, c) => a + c, 0n);
  let lb = ceilDiv(W * D, sumC);
  for (let r = 0; r < m; r++) if (fixed[r]! * M[r]! > lb) lb = fixed[r]! * M[r]!;
  const prefix = [0n];
  for (let k = 0; k < n && k <= Math.floor((n - 1) / m) * m; k++) prefix.push(prefix[k]! + bigOf(items[k]!));
  for (let k = 0; k * m + 1 <= n; k++) {
    const group = prefix[k * m + 1]! - prefix[k * m - k]!;
    let best: bigint | undefined;
    for (let r = 0; r < m; r++) {
      const v = (fixed[r]! + group) * M[r]!;
      if (best === undefined || v < best) best = v;
    }
    if (best !== undefined && best > lb) lb = best;
  }
  return { lb: achievable(lb, M), D, M, W, sumC };
}
