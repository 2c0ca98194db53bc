import type { Deadline } from '../../_lib/deadline.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';

/**
 * The distribution of S = Σ aᵢ·Bᵢ, where Bᵢ are independent Bernoulli(pᵢ) and aᵢ are
 * positive integers (amounts in minor units), by dynamic programming over the possible
 * sums. Used by `forecastDistribution`'s `exact` method.
 *
 * Three routes, tried in this order:
 *
 * 1. **Lattice (exact).** Every sum is a multiple of d = gcd(aᵢ). When the cells the
 *    computation needs fit in `maxStates`, a dense array over the multiples of d is
 *    updated deal by deal: P′[s] = P[s]·(1 − p) + P[s − a]·p.
 * 2. **Distinct sums (exact).** Otherwise the sorted list of distinct sums is merged
 *    deal by deal, while it stays within `maxStates` entries and the total work within
 *    `SPARSE_WORK_FACTOR × maxStates` merge steps (small books with arbitrary amounts).
 * 3. **Grid (approximate).** Otherwise each amount is rounded to the nearest multiple of
 *    a grid step g chosen so that the cells fit, and route 1 runs on the rounded amounts
 *    (exact after all when g comes out as d; with `onLimit: 'throw'`, any coarser g throws).
 *    Every outcome of the rounded sum S′ lies within E = Σ|aᵢ − aᵢ′| of the true sum
 *    (couple the two by the same wins), so quantiles move by at most E and
 *    P(S ≥ x) lies between P(S′ ≥ x + E) and P(S′ ≥ x − E).
 *
 * Each update uses the deal's probability p and its complement q = 1 − p as given (the
 * caller computes q exactly in decimal, so that q is the double nearest the true
 * complement rather than the rounded difference 1 − p).
 *
 * In every route, after each deal the lowest and highest cells are dropped while their
 * combined mass stays at or below `TAIL_TOLERANCE` (2⁻⁶⁰ ≈ 8.7e-19) on each side; the
 * dropped mass is summed exactly into `truncatedMass` (at most 2·n·2⁻⁶⁰). Each update is
 * a convex combination, so each probability also carries a relative rounding error of
 * at most about 2n·2⁻⁵³.
 *
 * **Work budget.** Every route counts its steps in a shared {@link WorkBudget}: a cell
 * updated by the dense programme (the live window after each deal), or a merge step of
 * the distinct sums (twice the list's length per deal). A deal whose steps would take the
 * count past `maxWork` is not started, and the computation stops; so does it when the
 * deadline has passed. The count depends only on the input, so
 * a stop by `maxWork` is deterministic. The clock is read at the first step, then every
 * 2¹⁶ steps.
 */

/** Mass dropped from each tail after each deal, at most. */
export const TAIL_TOLERANCE = 2 ** -60;

/** Work budget of the distinct-sums route, in merge steps per allowed state. */
export const SPARSE_WORK_FACTOR = 32;

/** Steps between two looks at the clock. */
const CLOCK_EVERY = 2 ** 16;

/** The work budget of one computation, shared by its routes (and updated by them). */
export interface WorkBudget {
  /** Most steps allowed (Infinity when unlimited). */
  readonly maxWork: number;
  /** The wall-clock cap (one that never expires when there is none). */
  readonly deadline: Deadline;
  /** Steps done so far, in every route tried. */
  work: number;
  /** What stopped the computation, if anything did. */
  stopped: 'work' | 'time' | null;
  /** The step count at which the clock is read next. */
  nextClock: number;
}

/** A budget of `maxWork` steps (Infinity: unlimited) and a deadline. */
export function workBudget(maxWork: number, deadline: Deadline): WorkBudget {
  return { maxWork, deadline, work: 0, stopped: null, nextClock: 0 };
}

/**
 * Takes `steps` from the budget before a deal is processed; false (and the reason set)
 * when they do not fit or the deadline has passed.
 */
export function spend(budget: WorkBudget, steps: number): boolean {
  if (budget.work + steps > budget.maxWork) {
    budget.stopped = 'work';
    return false;
  }
  budget.work += steps;
  if (budget.work >= budget.nextClock) {
    budget.nextClock = budget.work + CLOCK_EVERY;
    if (budget.deadline.expired()) {
      budget.stopped = 'time';
      return false;
    }
  }
  return true;
}

/** A distribution over integer sums (in minor units): ascending values and their masses. */
export interface LatticeDistribution {
  /** Possible sums, ascending (integers, in minor units). */
  readonly values: Float64Array;
  /** Probability of each value; they add up to 1 − `truncatedMass` (up to rounding). */
  readonly masses: Float64Array;
  /** Whether the amounts were used as given (routes 1 and 2) rather than rounded to a grid. */
  readonly exact: boolean;
  /** Distance between neighbouring cells, in minor units: d = gcd for route 1, 1 for route 2, g for route 3. */
  readonly step: number;
  /** Σ|aᵢ − aᵢ′| in minor units: 0 unless gridded. */
  readonly maxError: number;
  /** Probability mass dropped from the tails. */
  readonly truncatedMass: number;
}

function gcd(x: number, y: number): number {
  let a = x;
  let b = y;
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

interface Dense {
  readonly buf: Float64Array;
  readonly base: number;
  readonly lo: number;
  readonly hi: number;
  readonly truncated: number;
}

/**
 * Dense DP over cells 0, 1, 2, … (cell c stands for the sum c·step). `cells` are the
 * deals' amounts in cells (≥ 1), ascending. Returns `null` when the live window does
 * not fit in `capacity` cells or the budget stops it (then `budget.stopped` says why).
 *
 * Only the live window [lo, hi] of the buffer is ever read; each deal writes every cell
 * of its new window [lo, hi + k] before the next reads it, so cells outside the window
 * (dropped tails, the old copy left behind by a slide) may hold anything.
 */
function denseDp(cells: Float64Array, ps: Float64Array, qs: Float64Array, capacity: number, budget: WorkBudget): Dense | null {
  const buf = new Float64Array(capacity);
  let base = 0; // cell number of buf[0]
  let lo = 0;
  let hi = 0;
  buf[0] = 1;
  let truncated = 0;
  const n = cells.length;
  for (let i = 0; i < n; i++) {
    const k = cells[i]!;
    const p = ps[i]!;
    const q = qs[i]!;
    const top = hi + k;
    if (!spend(budget, top - lo + 1)) return null;
    if (top - base >= capacity) {
      // Slide the window to the start of the buffer.
      buf.copyWithin(0, lo - base, hi - base + 1);
      base = lo;
      if (top - base >= capacity) return null;
    }
    // Descending, so that buf[c − k] is still the old value when read.
    const off = -base;
    const startA = Math.max(hi + 1, lo + k);
    for (let c = top; c >= startA; c--) buf[c + off] = buf[c - k + off]! * p;
    // A deal larger than the window leaves a gap no sum reaches: (hi, lo + k).
    for (let c = startA - 1; c > hi; c--) buf[c + off] = 0;
    for (let c = hi; c >= lo + k; c--) buf[c + off] = buf[c + off]! * q + buf[c - k + off]! * p;
    const endC = Math.min(hi, lo + k - 1);
    for (let c = endC; c >= lo; c--) buf[c + off] = buf[c + off]! * q;
    hi = top;
    // Drop negligible tails.
    let dropped = 0;
    while (lo < hi && dropped + buf[lo + off]! <= TAIL_TOLERANCE) {
      dropped += buf[lo + off]!;
      lo++;
    }
    truncated += dropped;
    dropped = 0;
    while (hi > lo && dropped + buf[hi + off]! <= TAIL_TOLERANCE) {
      dropped += buf[hi + off]!;
      hi--;
    }
    truncated += dropped;
  }
  return { buf, base, lo, hi, truncated };
}

function denseToDistribution(d: Dense, step: number, exact: boolean, maxError: number): LatticeDistribution {
  let count = 0;
  for (let c = d.lo; c <= d.hi; c++) if (d.buf[c - d.base]! > 0) count++;
  const values = new Float64Array(count);
  const masses = new Float64Array(count);
  let j = 0;
  for (let c = d.lo; c <= d.hi; c++) {
    const m = d.buf[c - d.base]!;
    if (m > 0) {
      values[j] = c * step;
      masses[j] = m;
      j++;
    }
  }
  return { values, masses, exact, step, maxError, truncatedMass: d.truncated };
}

/**
 * Distinct-sums DP by merging sorted lists; `null` when it outgrows `capacity` or
 * `steps` merge steps, or when the shared budget stops it (`budget.stopped` set).
 * `step` is the amounts' gcd, reported as the result's step (every sum is a multiple of it).
 */
function sparseDp(amounts: Float64Array, ps: Float64Array, qs: Float64Array, capacity: number, steps: number, step: number, budget: WorkBudget): LatticeDistribution | null {
  let values = new Float64Array(capacity);
  let masses = new Float64Array(capacity);
  let nextValues = new Float64Array(capacity);
  let nextMasses = new Float64Array(capacity);
  values[0] = 0;
  masses[0] = 1;
  let size = 1;
  let work = 0;
  let truncated = 0;
  for (let i = 0; i < amounts.length; i++) {
    const a = amounts[i]!;
    const p = ps[i]!;
    const q = qs[i]!;
    work += 2 * size;
    if (work > steps) return null;
    if (!spend(budget, 2 * size)) return null;
    let x = 0; // index into "lose" list (values[x])
    let y = 0; // index into "win" list (values[y] + a)
    let out = 0;
    while (x < size || y < size) {
      const vx = x < size ? values[x]! : Infinity;
      const vy = y < size ? values[y]! + a : Infinity;
      if (out >= capacity) return null;
      if (vx < vy) {
        nextValues[out] = vx;
        nextMasses[out] = masses[x]! * q;
        x++;
      } else if (vy < vx) {
        nextValues[out] = vy;
        nextMasses[out] = masses[y]! * p;
        y++;
      } else {
        nextValues[out] = vx;
        nextMasses[out] = masses[x]! * q + masses[y]! * p;
        x++;
        y++;
      }
      out++;
    }
    // Drop negligible tails.
    let lo = 0;
    let hi = out - 1;
    let dropped = 0;
    while (lo < hi && dropped + nextMasses[lo]! <= TAIL_TOLERANCE) dropped += nextMasses[lo++]!;
    truncated += dropped;
    dropped = 0;
    while (hi > lo && dropped + nextMasses[hi]! <= TAIL_TOLERANCE) dropped += nextMasses[hi--]!;
    truncated += dropped;
    size = hi - lo + 1;
    if (lo > 0) {
      nextValues.copyWithin(0, lo, hi + 1);
      nextMasses.copyWithin(0, lo, hi + 1);
    }
    [values, nextValues] = [nextValues, values];
    [masses, nextMasses] = [nextMasses, masses];
  }
  let count = 0;
  for (let i = 0; i < size; i++) if (masses[i]! > 0) count++;
  const v = new Float64Array(count);
  const m = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < size; i++) {
    if (masses[i]! > 0) {
      v[j] = values[i]!;
      m[j] = masses[i]!;
      j++;
    }
  }
  return { values: v, masses: m, exact: true, step, maxError: 0, truncatedMass: truncated };
}

/**
 * Distribution of Σ aᵢ·Bᵢ. `amounts` are positive safe integers (minor units) whose sum
 * is a safe integer; `probabilities` are strictly between 0 and 1 and `complements`
 * hold 1 − pᵢ (computed exactly by the caller). None is modified.
 *
 * Returns `null` when the budget stops the computation (`budget.stopped` says why).
 *
 * @throws FunnelError `limit_exceeded` when the exact routes do not fit `maxStates`
 *   and `onLimit` is `'throw'`.
 */
export function bernoulliSumDistribution(
  amounts: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  complements: ArrayLike<number>,
  maxStates: number,
  onLimit: 'grid' | 'throw',
  budget: WorkBudget,
): LatticeDistribution | null {
  const n = amounts.length;
  // Ascending amounts (the sort is stable, so equal amounts keep their order): the live
  // window then grows as slowly as it can, which `budget.work` counts, and aMax is the last.
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => amounts[i]! - amounts[j]!);
  const a = Float64Array.from(order, (i) => amounts[i]!);
  const p = Float64Array.from(order, (i) => probabilities[i]!);
  const q = Float64Array.from(order, (i) => complements[i]!);
  if (n === 0) return { values: Float64Array.of(0), masses: Float64Array.of(1), exact: true, step: 1, maxError: 0, truncatedMass: 0 };

  let total = 0;
  let sumSquares = 0;
  let d = 0;
  for (const x of a) {
    total += x;
    sumSquares += x * x;
    d = gcd(x, d);
  }
  const aMax = a[n - 1]!;
  // Cells the window can need, for a step g: the full range, or (Hoeffding) the sums
  // within t of the mean, where P(|S − μ| ≥ t) ≤ TAIL_TOLERANCE, plus one amount of
  // growth before truncation and one cell of rounding drift per deal.
  const t = Math.sqrt((sumSquares * Math.log(1 / TAIL_TOLERANCE)) / 2);
  const cellsNeeded = (g: number) => Math.min(Math.floor(total / g) + 1, Math.ceil((2 * t + aMax) / g) + n + 4);

  // Route 1: the lattice of multiples of d.
  if (cellsNeeded(d) <= maxStates) {
    // No window needs more than the full range, total/d + 1 cells, and a buffer that
    // size never slides: capping there changes nothing but what a small book allocates.
    // Stryker disable next-line MethodExpression: Math.max only allocates more cells, never used
    const dense = denseDp(Float64Array.from(a, (x) => x / d), p, q, Math.min(maxStates, total / d + 1), budget);
    if (dense !== null) return denseToDistribution(dense, d, true, 0);
    if (budget.stopped !== null) return null;
  }
  // Route 2: distinct sums.
  // At most min(2ⁿ, total + 1) distinct sums: a list of that size never reaches the
  // capacity check, so it behaves as one of maxStates.
  // Stryker disable next-line MethodExpression: Math.max only allocates more entries, never used
  const sparseCapacity = Math.min(maxStates, total + 1, 2 ** Math.min(n, 30));
  const sparse = sparseDp(a, p, q, sparseCapacity, SPARSE_WORK_FACTOR * maxStates, d, budget);
  if (sparse !== null) return sparse;
  if (budget.stopped !== null) return null;
  // Route 3: a grid, a multiple of d, coarse enough for the window to fit. Its estimate
  // leaves more cells free than route 1's admission, so its first step can be d itself:
  // that grid is route 1's lattice, exact, and tried whatever `onLimit` says.
  const free = Math.max(maxStates - n - 4, Math.floor(maxStates / 2));
  let g = Math.max(d, Math.min(Math.ceil(total / Math.max(1, maxStates - 1)), Math.ceil((2 * t + aMax) / free)));
  g = Math.ceil(g / d) * d;
  for (;;) {
    const cells = new Float64Array(n);
    const keep: number[] = [];
    let maxError = 0;
    let range = 0;
    for (let i = 0; i < n; i++) {
      const x = a[i]!;
      const k = Math.round(x / g);
      cells[i] = k;
      range += k;
      maxError += Math.abs(x - k * g);
      if (k > 0) keep.push(i);
    }
    // maxError is 0 exactly when g = d: a coarser step leaves some amount off the grid.
    if (maxError > 0 && onLimit === 'throw') {
      throw new FunnelError('limit_exceeded', { what: because('distinct_sums'), limit: maxStates });
    }
    const dense = denseDp(
      Float64Array.from(keep, (i) => cells[i]!),
      Float64Array.from(keep, (i) => p[i]!),
      Float64Array.from(keep, (i) => q[i]!),
      // Stryker disable next-line MethodExpression: Math.max only allocates more cells, never used
      Math.min(maxStates, range + 1),
      budget,
    );
    if (dense !== null) return denseToDistribution(dense, g, maxError === 0, maxError);
    if (budget.stopped !== null) return null;
    g *= 2; // the estimate was too optimistic: coarsen and retry
  }
}
