/**
 * The exact searches behind `balanceTerritories`: branch and bound over the items of a
 * {@link BalanceProblem} on integer numerators (relative loads scaled by the lcm of the
 * capacities), for the largest relative load (`exactMax`, with a certified lower bound) and
 * for the spread (`exactSpread`), each from an incumbent plan and under a node budget and a
 * deadline. The caller runs them only when every number they touch is a safe integer.
 */
import type { Deadline } from '../../_lib/deadline.js';
import { type BalanceProblem, loadsOf } from './territorySearch.js';

/** Integer data for the exact search: relative loads as integer numerators R = load × M. */
export interface ExactData {
  /** Multiplier per rep: M[r] = D / C[r] with D the lcm of the scaled capacities. */
  readonly M: Float64Array;
}

/** Outcome of an exact search. */
export interface ExactResult {
  /** Best plan found (the incumbent when nothing better was found). */
  readonly rep: Int32Array;
  /** Certified lower bound on the optimum, as a numerator (max objective only). */
  readonly lower: number;
  /** Whether the plan was proved optimal. */
  readonly proved: boolean;
  /** Nodes visited. */
  readonly nodes: number;
  /** Why the search stopped without a proof, if it did. */
  readonly stopped: 'node_limit' | 'time_limit' | null;
}

/** Largest numerator R = load × M of a plan. */
export function maxNumerator(p: BalanceProblem, ex: ExactData, rep: Int32Array): number {
  const load = loadsOf(p, rep);
  let mx = 0;
  for (let r = 0; r < p.m; r++) mx = Math.max(mx, load[r]! * ex.M[r]!);
  return mx;
}

function spreadNumerator(p: BalanceProblem, ex: ExactData, rep: Int32Array): number {
  const load = loadsOf(p, rep);
  let mx = Number.NEGATIVE_INFINITY;
  let mn = Number.POSITIVE_INFINITY;
  for (let r = 0; r < p.m; r++) {
    const v = load[r]! * ex.M[r]!;
    mx = Math.max(mx, v);
    mn = Math.min(mn, v);
  }
  return mx - mn;
}

/** Suffix sums of item weights: rem[i] = w[i] + … + w[n−1]. */
function suffixSums(w: Float64Array): Float64Array {
  const rem = new Float64Array(w.length + 1);
  // Stryker disable next-line ArithmeticOperator,EqualityOperator: speed only: a loop that starts past the end or stops early leaves sums too small (NaN or 0), which only weakens the bound exactSpread prunes with
  for (let i = w.length - 1; i >= 0; i--)
    rem[i] = rem[i + 1]! + w[i]!;
  return rem;
}

/**
 * floor(a / b) for non-negative safe integers, exactly. (For a < 2^53 the rounded quotient
 * never crosses an integer, so the corrections are only a guard.)
 */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  // Never taken for safe integers (see above). (A next-line directive before `else` is not
  // read: Stryker reads directives from the comments before a node.)
  // Stryker disable all
  if (q * b > a) q--;
  else if ((q + 1) * b <= a) q++;
  // Stryker restore all
  return q;
}

/**
 * Branch and bound for the largest relative load, as a sequence of decision problems
 * "can every rep stay at or below T?": first T = the lower bound, then bisection between
 * the certified lower bound and the best plan found. A found plan lowers the upper bound;
 * an exhausted search raises the lower bound to the next value a rep's relative load can
 * take.
 *
 * Each decision is solved by bin completion: reps are filled one at a time (largest room
 * first) with every subset of the remaining items whose sum lies in the window
 * [remaining − room of the later reps, room of this rep], which is narrow when T is close
 * to the average. Items that fit no later rep must go into this one. Identical items enter
 * a subset as a prefix of their run; reps with equal room are filled in increasing order of
 * their first item (unless moves are limited), and when every rep left is alike, the first
 * remaining item goes into the current one. These rules keep at least one plan of every
 * symmetry class, so an exhausted search is a proof.
 */
export function exactMax(
  p: BalanceProblem,
  ex: ExactData,
  lowerStart: number,
  incumbent: Int32Array,
  maxNodes: number,
  deadline: Deadline,
): ExactResult {
  const { m, n, w } = p;
  const M = ex.M;
  const limited = Number.isFinite(p.maxMoves);
  let bestRep = Int32Array.from(incumbent);
  let best = maxNumerator(p, ex, bestRep);
  let lower = Math.min(lowerStart, best);
  let nodes = 0;
  let stopped: ExactResult['stopped'] = null;
  // Stryker disable next-line BooleanLiteral: equivalent: each decision sets it before the search reads it
  let aborted = false;

  const room = new Float64Array(m);
  const binOrder = new Int32Array(m); // reps in filling order
  const laterRoom = new Float64Array(m); // total room of bins k > j (by filling position)
  const laterMaxRoom = new Float64Array(m);
  const assign = new Int32Array(n); // -1 (not placed) for every item at the start of each decision
  const pc = new Int32Array(Math.max(1, p.splitCount * m));
  const firstOf = new Int32Array(m); // first (lowest-index) item of the bin at each position

  const tick = (): boolean => {
    nodes++;
    if (nodes > maxNodes) {
      aborted = true;
      stopped = 'node_limit';
      return false;
    }
    if ((nodes & 1023) === 0 && deadline.expired()) {
      aborted = true;
      stopped = 'time_limit';
      return false;
    }
    return true;
  };

  const moveCost = (i: number, r: number): number => {
    const o = p.owner[i]!;
    if (o < 0 || r === o) return 0;
    const s = p.split[i]!;
    if (s < 0) return 1;
    return pc[s * m + r] === 0 ? 1 : 0;
  };
  const place = (i: number, r: number): void => {
    assign[i] = r;
    const s = p.split[i]!;
    // Stryker disable next-line ConditionalExpression: equivalent when forced true: a negative index writes nothing to a typed array
    if (s >= 0) pc[s * m + r] = pc[s * m + r]! + 1;
  };
  const unplace = (i: number, r: number): void => {
    assign[i] = -1;
    const s = p.split[i]!;
    // Stryker disable next-line ConditionalExpression: equivalent when forced true: a negative index writes nothing to a typed array
    if (s >= 0) pc[s * m + r] = pc[s * m + r]! - 1;
  };

  /** Fills the bin at filling position j, then the later ones. */
  const fill = (j: number, remaining: number, movesUsed: number): boolean => {
    const r = binOrder[j]!;
    const cap = room[r]!;
    const list: number[] = [];
    // Stryker disable next-line EqualityOperator: equivalent `<=`: past the end the item reads undefined and is not listed (its sibling `>=` is killed)
    for (let i = 0; i < n; i++) if (assign[i]! < 0) list.push(i);
    // Stryker disable next-line ArithmeticOperator: speed only: without this shortcut the last bin's window is [remaining, room], so it takes every item left all the same
    if (j === m - 1) {
      // Stryker disable next-line ConditionalExpression,BooleanLiteral: equivalent: never true: the windows of the earlier bins leave at most the later bins' room, and one rep never reaches the exact search (a guard)
      if (remaining > cap) return false;
      let cost = 0;
      // Stryker disable next-line ConditionalExpression: speed only when forced true: without a move budget no cost exceeds Infinity
      if (limited) {
        for (const i of list) {
          cost += moveCost(i, r);
          place(i, r);
        }
        for (const i of list) unplace(i, r);
        if (movesUsed + cost > p.maxMoves) return false;
      }
      for (const i of list) place(i, r);
      return true;
    }
    const lo = Math.max(0, remaining - laterRoom[j]!);
    // Stryker disable next-line ConditionalExpression: speed only when never true: an empty window [lo, cap] admits no subset anyway
    if (lo > cap) return false;
    const len = list.length;
    const suffix = new Float64Array(len + 1);
    for (let k = len - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + w[list[k]!]!;
    // Items heavier than the largest later room must go here (a prefix of the list).
    let forced = 0;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,UpdateOperator: speed only: fewer forced items (none, or a loop stopped early) only widen the search, and past the end the weight reads undefined and the loop stops (the killed mutants of the weight comparison are left out with them)
    while (forced < len && w[list[forced]!]! > laterMaxRoom[j]!) forced++;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent or speed only: at j = 0 index −1 reads undefined, which is no twin; a test that never finds a twin only widens the search
    const prev = j > 0 ? binOrder[j - 1]! : -1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only or equivalent: a twin missed (never one, or none with rep 0) only widens the search, and prev −1 reads room undefined, no twin (the killed `!==` is left out with them)
    const twin = !limited && prev >= 0 && room[prev] === cap;
    // Stryker disable next-line ArithmeticOperator: speed only for `- 1` (a looser twin rule); the sibling `j + 1` is killed by the symmetric-book properties and left out with it
    const minIndex = twin ? firstOf[j - 1]! + 1 : 0;
    let allAlike = !limited;
    // Stryker disable next-line all: speed only: every mutant of this loop can only make allAlike false more often (past the last bin the room reads undefined, which differs), which widens the search
    for (let k = j + 1; k < m && allAlike; k++) if (room[binOrder[k]!] !== cap) allAlike = false;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: equivalent or speed only: with no item left the rule changes nothing (one forced item past the end reads undefined, below no index, and the empty subset is the only one); without the rule the search is only wider
    if (allAlike && len > 0) {
      // Stryker disable next-line ConditionalExpression,BooleanLiteral: equivalent: never taken: when every rep left is alike the previous twin bin took the first item then, so every item left comes after it
      if (list[0]! < minIndex) return false;
      // Stryker disable next-line MethodExpression: speed only: fewer forced items widen the search
      forced = Math.max(forced, 1);
    }
    // Stryker disable next-line ConditionalExpression: speed only when never taken: the forced items are then tried anyway
    for (let k = 0; k < forced; k++) if (list[k]! < minIndex) return false;
    // Stryker disable next-line ArrayDeclaration: speed only: a stray first element makes the twin rule looser
    const chosen: number[] = [];

    const subset = (pos: number, sum: number, moves: number): boolean => {
      if (!tick()) return false;
      if (pos === len) {
        // Stryker disable next-line ConditionalExpression: speed only when never taken: a subset below the window leaves more than the later bins can hold, which they then fail to place
        if (sum < lo) return false;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: an empty bin read as holding item 0 makes the twin rule looser
        firstOf[j] = chosen.length > 0 ? chosen[0]! : n;
        return fill(j + 1, remaining - sum, moves);
      }
      if (sum + suffix[pos]! < lo) return false;
      const i = list[pos]!;
      const wi = w[i]!;
      if (
        sum + wi <= cap &&
        // Stryker disable next-line ConditionalExpression: speed only: without the twin rule the search is only wider
        i >= minIndex
      ) {
        const cost = limited ? moveCost(i, r) : 0;
        // Stryker disable next-line ConditionalExpression,ArithmeticOperator: speed only when forced true or counting the cost back: the last bin checks the moves of the whole plan
        if (moves + cost <= p.maxMoves) {
          place(i, r);
          chosen.push(i);
          if (subset(pos + 1, sum + wi, moves + cost)) return true; // keep the placement
          chosen.pop();
          unplace(i, r);
          if (aborted) return false;
        }
      }
      // Stryker disable next-line ConditionalExpression: speed only when never taken: a forced item left out fits no later bin
      if (pos < forced) return false;
      // Excluding an item excludes the rest of its run of identical items.
      let nextPos = pos + 1;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent or speed only: past the end the class reads undefined and the loop stops; skipping fewer identical items only widens the search
      while (nextPos < len && p.cls[list[nextPos]!] === p.cls[i]) nextPos++;
      return subset(nextPos, sum, moves);
    };
    return subset(0, 0, movesUsed);
  };

  const decide = (T: number): 'found' | 'infeasible' | 'aborted' => {
    // Stryker disable next-line EqualityOperator: equivalent `<=`: past the last rep the room is NaN, which is not negative and is never read
    for (let r = 0; r < m; r++) {
      room[r] = floorDiv(T, M[r]!) - p.fixed[r]!;
      // Stryker disable next-line ConditionalExpression: speed only when never taken: a bin with negative room takes no item and the fill fails
      if (room[r]! < 0) return 'infeasible';
    }
    // Largest room first finds plans sooner; any order is complete (the window, the forced
    // items and the symmetry rules hold for bins in any order).
    // Stryker disable next-line all: speed only: another order of the bins finds the same plans and proofs
    const order = Array.from({ length: m }, (_, r) => r).sort((a, b) => room[b]! - room[a]! || a - b);
    order.forEach((r, k) => {
      binOrder[k] = r;
    });
    // No bin after the last: laterRoom[m − 1] and laterMaxRoom[m − 1] stay 0.
    for (let k = m - 2; k >= 0; k--) {
      // Stryker disable next-line ArithmeticOperator: speed only: bins are in decreasing room, so another bin's room overstates the later room (or reads undefined at the start), which only widens the window
      const rr = room[binOrder[k + 1]!]!;
      laterRoom[k] = laterRoom[k + 1]! + rr;
      // Stryker disable next-line ArithmeticOperator: equivalent: bins are in decreasing room, so rr, the next bin's room, is already the largest later room
      laterMaxRoom[k] = Math.max(laterMaxRoom[k + 1]!, rr);
    }
    assign.fill(-1);
    pc.fill(0);
    aborted = false;
    let total = 0;
    for (let i = 0; i < n; i++) total += w[i]!;
    if (fill(0, total, 0)) return 'found';
    if (!aborted) return 'infeasible';
    // Stryker disable next-line StringLiteral: equivalent: every outcome but 'found' and 'infeasible' ends the bisection
    return 'aborted';
  };

  const nextValue = (T: number): number => {
    let v = Number.POSITIVE_INFINITY;
    for (let r = 0; r < m; r++) v = Math.min(v, (floorDiv(T, M[r]!) + 1) * M[r]!);
    return v;
  };

  // Stryker disable next-line BooleanLiteral: speed only: bisection from the middle at once reaches the same optimum
  let first = true;
  while (lower < best) {
    const T = first ? lower : lower + Math.floor((best - 1 - lower) / 2);
    first = false;
    const outcome = decide(T);
    if (outcome === 'found') {
      // Every rep at or below T < best: better than the best so far.
      bestRep = Int32Array.from(assign);
      best = maxNumerator(p, ex, bestRep);
    } else if (outcome === 'infeasible') {
      lower = Math.min(best, Math.max(lower, nextValue(T)));
    } else {
      break;
    }
  }
  // A decision stopped by a limit ends the bisection below best: `stopped` is null when proved.
  return { rep: bestRep, lower, proved: lower >= best, nodes, stopped };
}

/**
 * Branch and bound for the spread (largest minus smallest relative load). A node is cut
 * when even the best completion cannot beat the incumbent: the largest relative load
 * can only grow and is at least the capacity-weighted average, the smallest can be at
 * most the average and at most what a rep would reach by taking every remaining item.
 */
export function exactSpread(
  p: BalanceProblem,
  ex: ExactData,
  avgCeil: number,
  avgFloor: number,
  incumbent: Int32Array,
  maxNodes: number,
  deadline: Deadline,
): ExactResult {
  const { m, n, w } = p;
  const M = ex.M;
  const rem = suffixSums(w);
  const limited = Number.isFinite(p.maxMoves);
  let bestRep = Int32Array.from(incumbent);
  let best = spreadNumerator(p, ex, bestRep);
  const rootBound = Math.max(0, avgCeil - avgFloor);
  let nodes = 0;
  let stopped: ExactResult['stopped'] = null;
  let aborted = false;
  const load = Float64Array.from(p.fixed);
  const assign = new Int32Array(n);
  const pc = new Int32Array(Math.max(1, p.splitCount * m));

  const dfs = (i: number, movesUsed: number): void => {
    nodes++;
    if (nodes > maxNodes) {
      aborted = true;
      stopped = 'node_limit';
      return;
    }
    if ((nodes & 1023) === 0 && deadline.expired()) {
      aborted = true;
      stopped = 'time_limit';
      return;
    }
    let curMax = 0;
    let curMin = Number.POSITIVE_INFINITY;
    let minReach = Number.POSITIVE_INFINITY;
    for (let r = 0; r < m; r++) {
      const R = load[r]! * M[r]!;
      curMax = Math.max(curMax, R);
      curMin = Math.min(curMin, R);
      // Stryker disable next-line MethodExpression: speed only: a larger reach only weakens the bound
      minReach = Math.min(minReach, (load[r]! + rem[i]!) * M[r]!);
    }
    if (i === n) {
      if (curMax - curMin < best) {
        best = curMax - curMin;
        bestRep = Int32Array.from(assign);
      }
      return;
    }
    // Stryker disable next-line MethodExpression: speed only: a smaller bound only prunes less
    const bound = Math.max(curMax, avgCeil) - Math.min(avgFloor, minReach);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only when it prunes less (never, or not at equality); the siblings that prune too much are killed and left out with them
    if (bound >= best) return;
    const wi = w[i]!;
    // Stryker disable next-line all: equivalent or speed only: at i = 0 index −1 reads undefined, no class; without the rule identical items are tried on every rep
    const low = i > 0 && p.cls[i] === p.cls[i - 1] ? assign[i - 1]! : 0;
    // The least loaded after taking the item first: plans meet the bound sooner.
    // Stryker disable all: speed only: any order of the reps is searched completely
    const reps = Array.from({ length: m - low }, (_, k) => k + low).sort(
      (a, b) => (load[a]! + wi) * M[a]! - (load[b]! + wi) * M[b]! || a - b,
    );
    // Stryker restore all
    // Stryker disable next-line ArrayDeclaration: speed only: a stray element matches no rep
    const tried: number[] = [];
    for (const r of reps) {
      // Stryker disable next-line ConditionalExpression,BlockStatement: speed only when the rule is off; the sibling that applies it under a move budget is killed and left out with them
      if (!limited) {
        // Reps with equal load and capacity are interchangeable for what is left.
        // Stryker disable next-line ConditionalExpression,ArrowFunction: speed only when no rep is skipped; the sibling that skips reps of other capacities is killed and left out with them
        if (tried.some((q) => load[q] === load[r] && M[q] === M[r])) continue;
        tried.push(r);
      }
      let cost = 0;
      const o = p.owner[i]!;
      const s = p.split[i]!;
      if (limited && o >= 0 && r !== o) cost = s < 0 ? 1 : pc[s * m + r] === 0 ? 1 : 0;
      if (movesUsed + cost > p.maxMoves) continue;
      load[r] = load[r]! + wi;
      assign[i] = r;
      // Stryker disable next-line ConditionalExpression: equivalent when forced true: a negative index writes nothing to a typed array
      if (s >= 0) pc[s * m + r] = pc[s * m + r]! + 1;
      dfs(i + 1, movesUsed + cost);
      // Stryker disable next-line ConditionalExpression: equivalent when forced true: a negative index writes nothing to a typed array
      if (s >= 0) pc[s * m + r] = pc[s * m + r]! - 1;
      load[r] = load[r]! - wi;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: searching on after meeting the root bound (or after the node limit, where every node returns at once) finds nothing better
      if (aborted || best <= rootBound) return;
    }
  };
  if (best > rootBound) dfs(0, 0);
  // An incumbent at the root bound is never searched, so never aborted.
  const proved = !aborted;
  return { rep: bestRep, lower: 0, proved, nodes, stopped: proved ? null : stopped };
}
