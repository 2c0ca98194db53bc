import { ceilDiv, gcd } from './fraction.js';
import { bigAt, type ScaledProblem } from './scale.js';

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
  const { C, fixed, fast, problem } = scaledProblem;
  const { n, w } = problem;
  const m = C.length;
  let D = 1n;
  for (const c of C) D = (D / gcd(D, c)) * c;
  const M = C.map((c) => D / c);
  const sumC = C.reduce((a, c) => a + c, 0n);
  const fixedTotal = fixed.reduce((a, f) => a + f, 0n);
  // Prefix sums of the item weights (heaviest first), as far as the k·m + 1 bound reads
  // them: in doubles on the fast path (exact, every sum is below 2^52), else in bigints.
  // (Forcing the bigint branch changes nothing but speed: a mutant doing so is equivalent.)
  const needed = n === 0 ? 0 : Math.floor((n - 1) / m) * m + 1;
  let W: bigint;
  let groupSum: (k: number) => bigint;
  if (fast) {
    const prefix = new Float64Array(needed + 1);
    for (let k = 0; k < needed; k++) prefix[k + 1] = prefix[k]! + w[k]!;
    let total = prefix[needed]!;
    for (let k = needed; k < n; k++) total += w[k]!;
    W = BigInt(total) + fixedTotal;
    groupSum = (k) => BigInt(prefix[k * m + 1]! - prefix[k * m - k]!);
  } else {
    const prefix = [0n];
    for (let k = 0; k < needed; k++) prefix.push(prefix[k]! + bigAt(scaledProblem, k));
    let total = prefix[needed]!;
    for (let k = needed; k < n; k++) total += bigAt(scaledProblem, k);
    W = total + fixedTotal;
    groupSum = (k) => prefix[k * m + 1]! - prefix[k * m - k]!;
  }
  let lb = ceilDiv(W * D, sumC);
  // Stryker disable next-line EqualityOperator: equivalent; on a tie lb is set to the value it has
  for (let r = 0; r < m; r++) if (fixed[r]! * M[r]! > lb) lb = fixed[r]! * M[r]!;
  // For k = 0, 1, …: some rep receives k + 1 of the k·m + 1 heaviest pieces. Each group is
  // compared in doubles first; only a group that may beat the bound is checked exactly
  // (doubles are within a relative 2^-50 here, far inside the margin of 2^-40).
  const Mf = M.map(Number);
  const fixedF = fixed.map(Number);
  let lbF = Number(lb);
  for (let k = 0; k * m + 1 <= n; k++) {
    const g = Number(groupSum(k));
    let bestF = Number.POSITIVE_INFINITY;
    for (let r = 0; r < m; r++) {
      const v = (fixedF[r]! + g) * Mf[r]!;
      // Stryker disable next-line all: equivalent; a mutant can only raise bestF, so the screen below skips fewer groups (time only)
      if (v < bestF) bestF = v;
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent as `false` or `<=`: the screen only saves time (the margin itself is pinned by a test)
    if (bestF < lbF * (1 - 2 ** -40)) continue;
    const group = groupSum(k);
    let best: bigint | undefined;
    for (let r = 0; r < m; r++) {
      const v = (fixed[r]! + group) * M[r]!;
      if (best === undefined || v < best) best = v;
    }
    // Stryker disable next-line EqualityOperator: equivalent; on a tie lb is set to the value it has
    if (best !== undefined && best > lb) {
      lb = best;
      lbF = Number(lb);
    }
  }
  return { lb: achievable(lb, M), D, M, W, sumC };
}
