/**
 * The numeric engine behind `balanceTerritories`: a weighted number-partitioning problem
 * on uniform machines (reps with capacity factors), with pinned loads (locked units),
 * split units expanded into pieces, and an optional budget of moves from the current
 * plan.
 *
 * Everything here works on plain numbers. Weights and capacities are the caller's
 * decimals scaled to integers, so sums are exact while they stay below 2^53; the heuristics
 * tolerate rounding beyond that (their results are re-evaluated exactly by the caller).
 * The exact searches, run only on safe integers, are in `exactSearch.ts`. Every function is
 * deterministic: iteration orders are fixed and every tie has a rule.
 */
import type { Deadline } from '../../_lib/deadline.js';
import { minCostAssignment } from './hungarian.js';

/** Which balance to optimise: the largest relative load, or largest minus smallest. */
export type BalanceGoal = 'max' | 'spread';

/** A balancing instance. Items are sorted by weight, largest first. */
export interface BalanceProblem {
  /** Number of reps. */
  readonly m: number;
  /** Scaled integer capacity of each rep (> 0). */
  readonly cap: Float64Array;
  /** Load of each rep from locked units. */
  readonly fixed: Float64Array;
  /** Workload of each rep from locked units. */
  readonly fixedWork: Float64Array;
  /** 1 when the rep holds a locked unit (it cannot be relabelled). */
  readonly pinned: Uint8Array;
  /** Number of movable items (unlocked units and pieces of split units). */
  readonly n: number;
  /** Item weights, non-increasing. */
  readonly w: Float64Array;
  /** Item workloads. */
  readonly work: Float64Array;
  /** The rep an item counts as a move away from, or -1 (no owner, or an owner not in the plan). */
  readonly owner: Int32Array;
  /** Index of the split unit an item is a piece of, or -1. */
  readonly split: Int32Array;
  /** Number of split units. */
  readonly splitCount: number;
  /** Index of the unit an item belongs to. */
  readonly unit: Int32Array;
  /** Identical-item classes: equal class ⇒ interchangeable for the objective and the move count. */
  readonly cls: Int32Array;
  /** Most moves allowed (Infinity when unlimited). */
  readonly maxMoves: number;
  /** Primary objective. */
  readonly goal: BalanceGoal;
  /**
   * Large-book mode (more than 20 000 items): greedy by heaps, no differencing, and local
   * improvement over bounded neighbourhoods, so that no step is quadratic.
   */
  readonly large: boolean;
}

// ---------------------------------------------------------------------------------------
// Moves

/**
 * Pieces of each split unit on each rep: a dense table while split units × reps stay
 * below 2^24 cells, else a map of the non-zero cells (at most one per piece), so that
 * many split units over many reps do not cost units × reps memory.
 */
class PieceCounts {
  private readonly dense: Int32Array | undefined;
  private readonly sparse: Map<number, number> | undefined;
  constructor(private readonly m: number, splitCount: number) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: memory only: the dense table and the map count alike (both are tested)
    if (splitCount * m <= 2 ** 24) this.dense = new Int32Array(splitCount * m);
    else this.sparse = new Map();
  }
  get(s: number, r: number): number {
    const k = s * this.m + r;
    return this.dense !== undefined ? this.dense[k]! : (this.sparse!.get(k) ?? 0);
  }
  add(s: number, r: number, d: number): void {
    const k = s * this.m + r;
    if (this.dense !== undefined) this.dense[k] = this.dense[k]! + d;
    else {
      const v = (this.sparse!.get(k) ?? 0) + d;
      // Stryker disable next-line ConditionalExpression: memory only when never true: a cell kept at 0 reads as 0 all the same (forced true is killed, and left out with it)
      if (v === 0) this.sparse!.delete(k);
      else this.sparse!.set(k, v);
    }
  }
}

/** Counts moves incrementally: an item away from its owner, a split unit per extra rep. */
export class MoveCounter {
  readonly pc: PieceCounts;
  count = 0;
  constructor(private readonly p: BalanceProblem, rep: Int32Array) {
    this.pc = new PieceCounts(p.m, p.splitCount);
    // Stryker disable next-line EqualityOperator: equivalent `<=`: past the end owner and split read undefined and nothing is counted (the killed `>=` is left out with it)
    for (let i = 0; i < p.n; i++) {
      const r = rep[i]!;
      const o = p.owner[i]!;
      const s = p.split[i]!;
      if (s >= 0) {
        if (this.pc.get(s, r) === 0 && o >= 0 && r !== o) this.count++;
        this.pc.add(s, r, 1);
      } else if (o >= 0 && r !== o) {
        this.count++;
      }
    }
  }

  /** Change in the move count if item i went from rep `from` to rep `to`. */
  delta(i: number, from: number, to: number): number {
    const o = this.p.owner[i]!;
    if (o < 0 || from === to) return 0;
    const s = this.p.split[i]!;
    if (s < 0) return (to !== o ? 1 : 0) - (from !== o ? 1 : 0);
    let d = 0;
    if (from !== o && this.pc.get(s, from) === 1) d--;
    if (to !== o && this.pc.get(s, to) === 0) d++;
    return d;
  }

  move(i: number, from: number, to: number): void {
    this.count += this.delta(i, from, to);
    const s = this.p.split[i]!;
    // Stryker disable next-line ConditionalExpression: equivalent when forced true: split −1 makes a negative key, which no split unit's cell has (a typed array ignores it, the map keeps it apart)
    if (s >= 0) {
      this.pc.add(s, from, -1);
      this.pc.add(s, to, 1);
    }
  }

  /** Change in the move count if i (on a) and j (on b) traded places. */
  swapDelta(i: number, a: number, j: number, b: number): number {
    const d1 = this.delta(i, a, b);
    this.move(i, a, b);
    const d2 = this.delta(j, b, a);
    this.move(i, b, a);
    return d1 + d2;
  }
}

/** Number of moves of a plan (see `MoveCounter`). */
export function countMoves(p: BalanceProblem, rep: Int32Array): number {
  return new MoveCounter(p, rep).count;
}

// ---------------------------------------------------------------------------------------
// Loads

/** Load of each rep (locked plus assigned items). */
export function loadsOf(p: BalanceProblem, rep: Int32Array): Float64Array {
  const load = Float64Array.from(p.fixed);
  // Stryker disable next-line EqualityOperator: equivalent `<=`: past the end the rep reads undefined, a key a typed array keeps apart from its elements (the killed `>=` is left out with it)
  for (let i = 0; i < p.n; i++) load[rep[i]!] = load[rep[i]!]! + p.w[i]!;
  return load;
}

/** Workload of each rep (locked plus assigned items). */
export function workloadsOf(p: BalanceProblem, rep: Int32Array): Float64Array {
  const work = Float64Array.from(p.fixedWork);
  // Stryker disable next-line EqualityOperator: equivalent `<=`: past the end the rep reads undefined, a key a typed array keeps apart from its elements (the killed `>=` is left out with it)
  for (let i = 0; i < p.n; i++) work[rep[i]!] = work[rep[i]!]! + p.work[i]!;
  return work;
}

// ---------------------------------------------------------------------------------------
// Constructive starts

/**
 * Largest-first greedy (LPT for reps of different capacity): items in the given order
 * (largest first) each go to the rep whose relative load after taking it is smallest;
 * ties go to the larger capacity, then to the lower rep index. Items already placed
 * (`rep[i] >= 0`) stay where they are and count toward the loads.
 */
export function greedyPlan(p: BalanceProblem, placed?: Int32Array): Int32Array {
  const rep = placed === undefined ? new Int32Array(p.n).fill(-1) : Int32Array.from(placed);
  const load = Float64Array.from(p.fixed);
  // Stryker disable next-line EqualityOperator: equivalent `<=`: past the end the rep reads undefined and nothing is added (the killed `>=` is left out with it)
  for (let i = 0; i < p.n; i++) {
    const r = rep[i]!;
    // Stryker disable next-line ConditionalExpression: equivalent when forced true: index −1 writes nothing to a typed array
    if (r >= 0) load[r] = load[r]! + p.w[i]!;
  }
  // Stryker disable next-line ConditionalExpression,BlockStatement: speed only: the heaps make the plain greedy's plan (tested), in O(log m + k) per item instead of O(m)
  if (p.large) {
    greedyByHeaps(p, rep, load);
    return rep;
  }
  // Stryker disable next-line EqualityOperator: equivalent `<=`: past the end the rep reads undefined, not a placed item, and weight undefined makes every relative load NaN, which wins no comparison (the killed `>=` is left out with it)
  for (let i = 0; i < p.n; i++) {
    if (rep[i]! >= 0) continue;
    const wi = p.w[i]!;
    let best = 0;
    let bestRel = Number.POSITIVE_INFINITY;
    // Stryker disable next-line EqualityOperator: equivalent `<=`: past the last rep the relative load is NaN, which wins no comparison (the killed `>=` is left out with it)
    for (let r = 0; r < p.m; r++) {
      const rel = (load[r]! + wi) / p.cap[r]!;
      if (rel < bestRel || (rel === bestRel && p.cap[r]! > p.cap[best]!)) {
        best = r;
        bestRel = rel;
      }
    }
    rep[i] = best;
    load[best] = load[best]! + wi;
  }
  return rep;
}

/**
 * The same greedy rule in large-book mode, in O(log m + k) per item for k distinct
 * capacities: among reps of equal capacity the one whose relative load after taking the
 * item is smallest is the least loaded (ties to the lower index), kept at the top of a
 * binary heap per capacity; the heads are then compared by the rule (smallest relative
 * load, then larger capacity).
 */
function greedyByHeaps(p: BalanceProblem, rep: Int32Array, load: Float64Array): void {
  const byCap = new Map<number, number[]>();
  // Stryker disable next-line EqualityOperator: equivalent `<=`: rep m lands in a last heap of its own (capacity undefined) whose relative load is NaN, which wins no comparison (the killed `>=` is left out with it)
  for (let r = 0; r < p.m; r++) {
    const list = byCap.get(p.cap[r]!);
    if (list === undefined) byCap.set(p.cap[r]!, [r]);
    else list.push(r);
  }
  // Stryker disable next-line EqualityOperator: equivalent `a <= b`: a heap never compares a rep with itself
  const before = (a: number, b: number): boolean => load[a]! < load[b]! || (load[a] === load[b] && a < b);
  const down = (h: Int32Array, from: number): void => {
    const size = h.length;
    let k = from;
    const x = h[k]!;
    for (;;) {
      const l = 2 * k + 1;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: a child past the end reads undefined, whose load undefined comes before no rep, so the loop stops there all the same
      if (l >= size) break;
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: equivalent: a right child past the end reads undefined, which comes before no rep
      const c = l + 1 < size && before(h[l + 1]!, h[l]!) ? l + 1 : l;
      if (!before(h[c]!, x)) break;
      h[k] = h[c]!;
      k = c;
    }
    h[k] = x;
  };
  const heaps = [...byCap.values()].map((reps) => {
    const h = Int32Array.from(reps);
    // Stryker disable next-line ArithmeticOperator: equivalent `+ 1`: a node past the middle has no child, so sifting it down does nothing
    for (let k = (h.length >> 1) - 1; k >= 0; k--) down(h, k);
    return h;
  });
  // Stryker disable next-line EqualityOperator: equivalent `<=`: past the end the rep reads undefined, not a placed item, and weight undefined makes every relative load NaN, which wins no comparison (the killed `>=` is left out with it)
  for (let i = 0; i < p.n; i++) {
    if (rep[i]! >= 0) continue;
    const wi = p.w[i]!;
    let bestHeap = 0;
    let best = heaps[0]![0]!;
    let bestRel = (load[best]! + wi) / p.cap[best]!;
    for (let k = 1; k < heaps.length; k++) {
      const r = heaps[k]![0]!;
      const rel = (load[r]! + wi) / p.cap[r]!;
      // Stryker disable next-line EqualityOperator: equivalent `>=`: the heads of two heaps differ in capacity
      if (rel < bestRel || (rel === bestRel && p.cap[r]! > p.cap[best]!)) {
        best = r;
        bestRel = rel;
        bestHeap = k;
      }
    }
    rep[i] = best;
    load[best] = load[best]! + wi;
    down(heaps[bestHeap]!, 0);
  }
}

interface Tuple {
  /** Where the tuple's slots start in the slabs. */
  off: number;
  /** Number of used slots (the other m − len slots are empty, with sum 0). */
  len: number;
  /** Largest minus smallest slot: the heap key. */
  diff: number;
  /** Creation order: the heap's tie-break. */
  seq: number;
}

/** Binary max-heap of tuples by spread (largest − smallest slot), then by creation order. */
export class TupleHeap {
  private readonly a: Tuple[] = [];
  get size(): number {
    return this.a.length;
  }
  private static before(x: Tuple, y: Tuple): boolean {
    // Stryker disable next-line EqualityOperator: equivalent `x.seq <= y.seq`: no two tuples share a creation number
    return x.diff > y.diff || (x.diff === y.diff && x.seq < y.seq);
  }
  push(t: Tuple): void {
    const a = this.a;
    let i = a.length;
    a.push(t);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = a[parent] as Tuple;
      if (!TupleHeap.before(t, pt)) break;
      a[i] = pt;
      i = parent;
    }
    a[i] = t;
  }
  pop(): Tuple {
    const a = this.a;
    const top = a[0] as Tuple;
    const last = a.pop() as Tuple;
    const size = a.length;
    if (size > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const r = l + 1;
        let c = l;
        if (r < size && TupleHeap.before(a[r] as Tuple, a[l] as Tuple)) c = r;
        if (!TupleHeap.before(a[c] as Tuple, last)) break;
        a[i] = a[c] as Tuple;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

/**
 * Slot storage for all tuples: sums, bundle heads and tails (items linked through a
 * `next` array, -1 when empty) and the rep a slot is tied to (-1 when free). A bump
 * allocator over growable typed arrays: one allocation per doubling, not per tuple.
 */
export class Slabs {
  sums: Float64Array;
  head: Int32Array;
  tail: Int32Array;
  ident: Int32Array;
  top = 0;
  /** Released blocks by length, reused by the next allocation of that length. */
  private readonly free = new Map<number, number[]>();
  constructor(capacity: number) {
    this.sums = new Float64Array(capacity);
    this.head = new Int32Array(capacity);
    this.tail = new Int32Array(capacity);
    this.ident = new Int32Array(capacity);
  }
  alloc(len: number): number {
    const reuse = this.free.get(len)?.pop();
    if (reuse !== undefined) return reuse;
    // Stryker disable next-line EqualityOperator: equivalent `>=`: growing when the block would fill the slabs exactly only grows sooner
    if (this.top + len > this.sums.length) {
      const cap = 2 * (this.top + len);
      const grow = <T extends Float64Array | Int32Array>(a: T, make: (c: number) => T): T => {
        const b = make(cap);
        b.set(a);
        return b;
      };
      this.sums = grow(this.sums, (c) => new Float64Array(c));
      this.head = grow(this.head, (c) => new Int32Array(c));
      this.tail = grow(this.tail, (c) => new Int32Array(c));
      this.ident = grow(this.ident, (c) => new Int32Array(c));
    }
    const off = this.top;
    this.top += len;
    return off;
  }
  /**
   * Gives back the block of a tuple that was merged away, so that the slabs hold about
   * the live tuples (at most items + reps slots) rather than every tuple ever made.
   */
  release(off: number, len: number): void {
    const list = this.free.get(len);
    if (list === undefined) this.free.set(len, [off]);
    else list.push(off);
  }
}

/**
 * Karmarkar–Karp differencing for m reps of equal capacity: every item starts as an
 * m-tuple (its weight and m−1 empty slots); the two tuples with the largest spread are
 * repeatedly merged, largest slot of one with smallest slot of the other, until one
 * tuple is left, whose slots are the reps' bundles. Locked loads enter as one tuple whose
 * slots are tied to their reps. Returns undefined when capacities differ, and in
 * large-book mode.
 */
export function differencingPlan(p: BalanceProblem): Int32Array | undefined {
  const { m, n } = p;
  // Its slabs grow with items × reps: not in large-book mode.
  if (p.large) return undefined;
  for (let r = 1; r < m; r++) if (p.cap[r] !== p.cap[0]) return undefined;
  const next = new Int32Array(n).fill(-1);
  const heap = new TupleHeap();
  // Room for the first tuples (one per item, the locked loads' one); merges grow it by doubling.
  const slab = new Slabs(n + m);
  let seq = 0;
  // Every tuple has a used slot (an item's, or a locked load's).
  const spread = (t: Tuple): number => slab.sums[t.off]! - (t.len < m ? 0 : slab.sums[t.off + m - 1]!);
  const pinnedReps: number[] = [];
  // Stryker disable next-line EqualityOperator: equivalent `<=`: rep m reads pinned undefined, not 1 (the killed `>=` is left out with it)
  for (let r = 0; r < m; r++) if (p.pinned[r] === 1) pinnedReps.push(r);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent when forced true: a tuple of no slot (its spread the empty slot's 0) merges into another as nothing
  if (pinnedReps.length > 0) {
    // Slots tied to pinned reps, largest first; the rest are free slots with no load (and an
    // empty slot's tail is never read).
    // Stryker disable next-line ArithmeticOperator: equivalent `x + y`: the reps come in index order and the sort compares a later one with an earlier, so ties keep their order either way
    pinnedReps.sort((x, y) => p.fixed[y]! - p.fixed[x]! || x - y);
    const t: Tuple = { off: slab.alloc(pinnedReps.length), len: pinnedReps.length, diff: 0, seq: seq++ };
    pinnedReps.forEach((r, k) => {
      slab.sums[t.off + k] = p.fixed[r]!;
      slab.head[t.off + k] = -1;
      slab.ident[t.off + k] = r;
    });
    t.diff = spread(t);
    heap.push(t);
  }
  for (let i = 0; i < n; i++) {
    const t: Tuple = { off: slab.alloc(1), len: 1, diff: 0, seq: seq++ };
    slab.sums[t.off] = p.w[i]!;
    slab.head[t.off] = i;
    slab.tail[t.off] = i;
    slab.ident[t.off] = -1;
    t.diff = spread(t);
    heap.push(t);
  }
  if (heap.size === 0) return new Int32Array(0);
  // Scratch for a merge whose slots overlap.
  const sums = new Float64Array(m);
  const head = new Int32Array(m);
  const tail = new Int32Array(m);
  const ident = new Int32Array(m);
  const idx = new Int32Array(m);
  const bySum = (x: number, y: number): number => sums[y]! - sums[x]! || x - y;
  while (heap.size > 1) {
    const a = heap.pop();
    const b = heap.pop();
    const la = a.len;
    const lb = b.len;
    let c: Tuple;
    // Stryker disable next-line EqualityOperator: equivalent `<`: when the used slots fill the tuple exactly, the slot-by-slot merge below orders them as this one does (a's first, then b's in order)
    if (la + lb <= m) {
      // Every used slot of one meets an empty slot of the other: merge the two sorted lists.
      c = { off: slab.alloc(la + lb), len: la + lb, diff: 0, seq: seq++ };
      const S = slab.sums;
      const H = slab.head;
      const T = slab.tail;
      const I = slab.ident;
      let i = 0;
      let j = 0;
      for (let k = 0; k < c.len; k++) {
        const fromA = j >= lb || (i < la && S[a.off + i]! >= S[b.off + j]!);
        const q = fromA ? a.off + i++ : b.off + j++;
        const d = c.off + k;
        S[d] = S[q]!;
        H[d] = H[q]!;
        T[d] = T[q]!;
        I[d] = I[q]!;
      }
    } else {
      // Slot k of the result takes a's slot k (k < la) and b's slot m−1−k (k ≥ m − lb).
      // Slots with only a's part keep a's order (non-increasing), slots with only b's
      // part come in b's reverse order (non-decreasing, read backwards), and only the
      // slots with both parts need sorting; the three runs are then merged.
      const S = slab.sums;
      const H = slab.head;
      const T = slab.tail;
      const I = slab.ident;
      const bothFrom = m - lb;
      // Stryker disable next-line EqualityOperator: equivalent `<=`: slot m of the scratch arrays does not exist, so what it would hold is dropped
      for (let k = 0; k < m; k++) {
        const kb = m - 1 - k;
        const inA = k < la;
        const inB = kb < lb;
        const qa = a.off + k;
        const qb = b.off + kb;
        sums[k] = (inA ? S[qa]! : 0) + (inB ? S[qb]! : 0);
        const ia = inA ? I[qa]! : -1;
        ident[k] = ia >= 0 ? ia : inB ? I[qb]! : -1;
        const ha = inA ? H[qa]! : -1;
        const hb = inB ? H[qb]! : -1;
        if (ha < 0) {
          head[k] = hb;
          // Stryker disable next-line UnaryOperator: equivalent: a slot with no item (head −1) has its tail never read
          tail[k] = inB ? T[qb]! : -1;
        } else {
          head[k] = ha;
          if (hb >= 0) {
            next[T[qa]!] = hb;
            tail[k] = T[qb]!;
          } else {
            tail[k] = T[qa]!;
          }
        }
      }
      const both = idx.subarray(0, la - bothFrom);
      // Stryker disable next-line EqualityOperator: equivalent `<=`: one past the end of a subarray is dropped
      for (let k = bothFrom; k < la; k++) both[k - bothFrom] = k;
      both.sort(bySum);
      // Stryker disable next-line ConditionalExpression: memory only: a full tuple a lends its block to the result; a new block holds the same
      c = la === m ? a : { off: slab.alloc(m), len: m, diff: 0, seq: 0 };
      c.seq = seq++;
      const S2 = slab.sums;
      const H2 = slab.head;
      const T2 = slab.tail;
      const I2 = slab.ident;
      let i1 = 0; // a-only run: slots [0, bothFrom)
      let i2 = 0; // both run: sorted
      let i3 = m - 1; // b-only run: slots [la, m), backwards
      for (let k = 0; k < m; k++) {
        // Stryker disable next-line UnaryOperator: equivalent: one of the three runs always has a slot left, so q is always set
        let q = -1;
        let best = Number.NEGATIVE_INFINITY;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: past the end of the sorted run its index reads undefined, whose sum wins no comparison and which is no q
        const inBoth = i2 < both.length;
        if (i1 < bothFrom) {
          q = i1;
          best = sums[i1]!;
        }
        if (inBoth && sums[both[i2]!]! > best) {
          q = both[i2]!;
          best = sums[q]!;
        }
        if (i3 >= la && sums[i3]! > best) q = i3;
        if (q === i1 && i1 < bothFrom) i1++;
        else if (inBoth && q === both[i2]) i2++;
        else i3--;
        const d = c.off + k;
        S2[d] = sums[q]!;
        H2[d] = head[q]!;
        T2[d] = tail[q]!;
        I2[d] = ident[q]!;
      }
    }
    // Stryker disable next-line ConditionalExpression: memory only when never true: a block not given back is only not reused
    if (c !== a) slab.release(a.off, a.len);
    slab.release(b.off, b.len);
    c.diff = spread(c);
    heap.push(c);
  }
  const final = heap.pop();
  // Tied slots go to their reps; free slots to the unpinned reps in index order.
  const free: number[] = [];
  // Stryker disable next-line EqualityOperator: equivalent `<=`: a free rep m past the others is never reached (there are as many free slots as free reps)
  for (let r = 0; r < m; r++) if (p.pinned[r] !== 1) free.push(r);
  // Every item is in one slot of the final tuple.
  const rep = new Int32Array(n);
  let f = 0;
  for (let k = 0; k < final.len; k++) {
    const id = slab.ident[final.off + k]!;
    const target = id >= 0 ? id : free[f++]!;
    for (let i = slab.head[final.off + k]!; i >= 0; i = next[i]!) rep[i] = target;
  }
  return rep;
}

/**
 * Relabels reps without changing any load: among reps of equal capacity that hold no
 * locked unit, bundles are interchangeable, so they are reassigned (an optimal assignment)
 * to keep as many units as possible with their current owners. Classes of more than 400
 * reps keep their labels.
 */
export function relabelForOwners(p: BalanceProblem, rep: Int32Array): Int32Array {
  const { m } = p;
  const classes = new Map<number, number[]>();
  // Stryker disable next-line EqualityOperator: equivalent `<=`: rep m has capacity undefined, a class of one rep, which keeps its label (the killed `>=` is left out with it)
  for (let r = 0; r < m; r++) {
    if (p.pinned[r] === 1) continue;
    const c = p.cap[r]!;
    const list = classes.get(c);
    if (list === undefined) classes.set(c, [r]);
    else list.push(r);
  }
  const out = Int32Array.from(rep);
  // Stryker disable next-line ArrayDeclaration: equivalent: a stray non-index entry matches no owner, and writing it to a typed array writes nothing
  const itemsOf: number[][] = Array.from({ length: m }, () => []);
  for (let i = 0; i < p.n; i++) itemsOf[rep[i]!]!.push(i);
  const seenUnit = new Map<number, number>();
  for (const reps of classes.values()) {
    const k = reps.length;
    // More than 400 reps of one capacity keep their labels (the assignment below would be
    // the identity): no k × k table for thousands of reps.
    // Stryker disable next-line ConditionalExpression: speed only when `k < 2` is never true: a class of one rep is relabelled to itself
    if (k < 2 || k > 400) continue;
    const col = new Map(reps.map((r, j) => [r, j]));
    // kept[b][j]: units of bundle b (currently on reps[b]) owned by reps[j].
    const kept = new Float64Array(k * k);
    // Stryker disable next-line BooleanLiteral: speed only: with nothing kept the assignment is the identity (ties prefer it)
    let any = false;
    reps.forEach((r, b) => {
      seenUnit.clear();
      for (const i of itemsOf[r]!) {
        const o = p.owner[i]!;
        const j = col.get(o);
        // Stryker disable next-line ConditionalExpression: equivalent when never true: an owner outside the class counts at index NaN, which a typed array does not keep
        if (j === undefined) continue;
        const u = p.unit[i]!;
        if (seenUnit.get(u) === o) continue;
        seenUnit.set(u, o);
        kept[b * k + j] = kept[b * k + j]! + 1;
        any = true;
      }
    });
    // Stryker disable next-line ConditionalExpression: speed only when never true: with nothing kept the assignment is the identity (ties prefer it)
    if (!any) continue;
    const cost = new Float64Array(k * k);
    // Stryker disable next-line EqualityOperator: equivalent `<=`: cell k × k is past the end of the table (the killed `>=` is left out with it)
    for (let x = 0; x < k * k; x++) cost[x] = -kept[x]!;
    // Prefer the identity on ties, so nothing moves without a reason.
    // Stryker disable next-line EqualityOperator: equivalent `<=`: cell k × k + k is past the end of the table (the killed `>=` is left out with it)
    for (let b = 0; b < k; b++) cost[b * k + b] = cost[b * k + b]! - 1e-6;
    const assignment = minCostAssignment(k, cost);
    reps.forEach((r, b) => {
      const target = reps[assignment[b]!]!;
      for (const i of itemsOf[r]!) out[i] = target;
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Local improvement

interface Candidate {
  hi: number;
  lo: number;
  x: number;
  y: number; // -1 for a move
  score: number;
  tie: number;
  delta: number;
}

/** One rep's items, heaviest first (ties by item index): what the local search reads. */
export interface ItemList {
  readonly length: number;
  /** The item at position t (0 ≤ t < length). */
  at(t: number): number;
  /** The first position whose item weighs at most `target` (length when none). */
  firstAtMost(target: number): number;
  insert(i: number): void;
  remove(i: number): void;
}

/** Item a comes before item b: heavier, or as heavy with a lower index. */
const comesBefore = (w: Float64Array, a: number, b: number): boolean => w[a]! > w[b]! || (w[a] === w[b] && a < b);

/** A rep's items in one array (insert and remove move the array's tail). Exported for its tests. */
export class ArrayItemList implements ItemList {
  constructor(private readonly w: Float64Array, private readonly items: number[]) {}
  get length(): number {
    return this.items.length;
  }
  at(t: number): number {
    return this.items[t]!;
  }
  firstAtMost(target: number): number {
    const { items, w } = this;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (w[items[mid]!]! > target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  insert(i: number): void {
    this.items.splice(this.position(i), 0, i);
  }
  remove(i: number): void {
    this.items.splice(this.position(i), 1);
  }
  /** Position of item i, or where it would go. */
  private position(i: number): number {
    const { items, w } = this;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comesBefore(w, items[mid]!, i)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Items per chunk of a {@link ChunkedItemList} (a chunk is split at twice this). */
const CHUNK = 1024;

/**
 * A rep's items in chunks of at most 2 × CHUNK, for large books: insert and remove move
 * one chunk's tail and the chunks' start positions (O(CHUNK + length / CHUNK)), not the
 * whole list, so a rep holding millions of items is cheap to change. A chunk is empty only
 * when it is the only one (an emptied chunk is dropped), so the searches over chunks, which
 * run only when there are two or more, never read an empty one. Exported for its tests.
 */
export class ChunkedItemList implements ItemList {
  private readonly chunks: number[][] = [];
  /** Position of each chunk's first item. */
  // Stryker disable next-line ArrayDeclaration: equivalent: `restart(0)` sets the length and every entry
  private readonly starts: number[] = [];
  length: number;
  constructor(private readonly w: Float64Array, items: readonly number[]) {
    // Stryker disable next-line EqualityOperator: equivalent `<=`: an empty last chunk is a valid state (it is read like the empty list) (the killed `>=` is left out with it)
    for (let k = 0; k < items.length; k += CHUNK) this.chunks.push(items.slice(k, k + CHUNK));
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent: an empty last chunk is a valid state, and a stray entry in it sorts after every item (it comes before none) past the end of the list
    if (this.chunks.length === 0) this.chunks.push([]);
    this.length = items.length;
    this.restart(0);
  }
  /** Recomputes the start positions from chunk c on. */
  private restart(c: number): void {
    const { chunks, starts } = this;
    starts.length = chunks.length;
    let s = c === 0 ? 0 : starts[c - 1]! + chunks[c - 1]!.length;
    for (let k = c; k < chunks.length; k++) {
      starts[k] = s;
      s += chunks[k]!.length;
    }
  }
  /** The chunk holding position t. */
  private chunkAt(t: number): number {
    const { starts } = this;
    let lo = 0;
    // Stryker disable next-line ArithmeticOperator: equivalent `+ 1`: a start past the end reads undefined, at most no position, so the search comes down to the same chunk
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  /** The first chunk whose last item does not come before item i (the last chunk when none). */
  private chunkOf(i: number): number {
    const { chunks, w } = this;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = chunks[mid]!;
      if (comesBefore(w, c[c.length - 1]!, i)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  private static position(w: Float64Array, chunk: readonly number[], i: number): number {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comesBefore(w, chunk[mid]!, i)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  at(t: number): number {
    const c = this.chunkAt(t);
    return this.chunks[c]![t - this.starts[c]!]!;
  }
  firstAtMost(target: number): number {
    const { chunks, w } = this;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = chunks[mid]!;
      if (w[c[c.length - 1]!]! > target) lo = mid + 1;
      else hi = mid;
    }
    const chunk = chunks[lo]!;
    let a = 0;
    let b = chunk.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (w[chunk[mid]!]! > target) a = mid + 1;
      else b = mid;
    }
    return this.starts[lo]! + a;
  }
  insert(i: number): void {
    const c = this.chunkOf(i);
    const chunk = this.chunks[c]!;
    chunk.splice(ChunkedItemList.position(this.w, chunk, i), 0, i);
    this.length++;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: a chunk split later, or never, reads the same (chunks of any length are tested)
    if (chunk.length > 2 * CHUNK) this.chunks.splice(c + 1, 0, chunk.splice(CHUNK));
    this.restart(c);
  }
  remove(i: number): void {
    const c = this.chunkOf(i);
    const chunk = this.chunks[c]!;
    chunk.splice(ChunkedItemList.position(this.w, chunk, i), 1);
    this.length--;
    if (chunk.length === 0 && this.chunks.length > 1) this.chunks.splice(c, 1);
    this.restart(c);
  }
}

/**
 * Sorted lists of the items on each rep, heaviest first (ties by item index): arrays, or
 * in large-book mode chunked lists.
 */
class RepLists {
  readonly lists: ItemList[];
  constructor(p: BalanceProblem, rep: Int32Array) {
    const items: number[][] = Array.from({ length: p.m }, () => []);
    for (let i = 0; i < p.n; i++) items[rep[i]!]!.push(i); // items already sorted heaviest first
    this.lists = items.map((l) => (p.large ? new ChunkedItemList(p.w, l) : new ArrayItemList(p.w, l)));
  }
  remove(r: number, i: number): void {
    this.lists[r]!.remove(i);
  }
  insert(r: number, i: number): void {
    this.lists[r]!.insert(i);
  }
}

/** Work budget and counters shared by the local search phases. */
export interface SearchBudget {
  /** Iterations still allowed. */
  iterations: number;
  /** Iterations done. */
  used: number;
}

const NEIGHBOURS = 3;
/** Large-book mode: fewest reps a most-loaded (or least-loaded) rep is paired with in an iteration. */
const LARGE_PARTNERS = 8;
/** Large-book mode: more partners are taken until they hold this many items (or LARGE_PARTNERS_MAX reps). */
const LARGE_CANDIDATES = 1024;
/** Large-book mode: most partners in an iteration. */
const LARGE_PARTNERS_MAX = 256;
/** Large-book mode: items of the giving rep tried in swaps (or workload moves), evenly spaced. */
const LARGE_SAMPLE = 128;

/**
 * Large-book mode: the partners of a rep, taken from one end of `order` (its start, or with
 * `fromEnd` its end), passing over the reps `skip` names: the LARGE_PARTNERS nearest that
 * end, then (with `spaced`) reps evenly spaced over the rest of the order, every
 * ⌊(length − LARGE_PARTNERS) / (LARGE_PARTNERS_MAX − LARGE_PARTNERS)⌋-th position (at least
 * every one: reps of every load, since the nearest ones are often alike), until there are
 * LARGE_PARTNERS or more holding `itemsOn` LARGE_CANDIDATES items or more, or there are
 * LARGE_PARTNERS_MAX. Exported for its tests.
 */
export function largePartners(
  order: readonly number[],
  fromEnd: boolean,
  spaced: boolean,
  skip: (r: number) => boolean,
  itemsOn: (r: number) => number,
): number[] {
  const m = order.length;
  const out: number[] = [];
  let items = 0;
  const stride = spaced ? Math.max(1, Math.floor((m - LARGE_PARTNERS) / (LARGE_PARTNERS_MAX - LARGE_PARTNERS))) : 1;
  for (let k = 0; k < m && out.length < LARGE_PARTNERS_MAX; k += out.length < LARGE_PARTNERS ? 1 : stride) {
    const b = order[fromEnd ? m - 1 - k : k]!;
    if (skip(b)) continue;
    out.push(b);
    items += itemsOn(b);
    if (out.length >= LARGE_PARTNERS && items >= LARGE_CANDIDATES) break;
  }
  return out;
}

/**
 * Visits every item of a list in order, or in large-book mode, when it holds more than
 * LARGE_SAMPLE, the LARGE_SAMPLE items at positions ⌊j × length / LARGE_SAMPLE⌋. Exported
 * for its tests.
 */
export function forSample(list: ItemList, large: boolean, visit: (x: number) => void): void {
  const len = list.length;
  // Stryker disable next-line EqualityOperator: equivalent `<`: a sample of LARGE_SAMPLE positions out of LARGE_SAMPLE is every position, in order
  if (!large || len <= LARGE_SAMPLE) {
    for (let t = 0; t < len; t++) visit(list.at(t));
    return;
  }
  for (let j = 0; j < LARGE_SAMPLE; j++) visit(list.at(Math.floor((j * len) / LARGE_SAMPLE)));
}

/**
 * Improves a plan in place by moving one item or swapping two between a pair of reps.
 *
 * `'primary'`: for the largest-relative-load objective, every accepted change lowers the
 * larger of the two reps' relative loads where one of them is a most-loaded rep (so the
 * sorted vector of relative loads falls lexicographically and the search ends); for the
 * spread objective, a change must lower the spread, or keep it and bring the pair strictly
 * closer together. `'workload'`: the same with relative workloads, accepted only when the
 * primary objective does not get worse. Moves never exceed `maxMoves`.
 *
 * Large-book mode bounds each iteration: a most-loaded rep is paired only with some reps
 * (the LARGE_PARTNERS least loaded, then reps evenly spaced over the order of relative
 * loads, until they hold LARGE_CANDIDATES items or number LARGE_PARTNERS_MAX; for the
 * spread, a least-loaded rep likewise from the other end), swaps (and workload moves) are
 * tried for at most LARGE_SAMPLE items of the giving rep, evenly spaced by weight, the
 * order of the reps is kept up to date (two reps change per iteration) instead of sorted
 * anew, and each rep's items are kept in chunks (a move shifts one chunk and the chunks'
 * start positions, not a list of millions); moves near the transfer that evens a pair
 * out are tried as before.
 */
export function improvePlan(
  p: BalanceProblem,
  rep: Int32Array,
  budget: SearchBudget,
  deadline: Deadline,
  phase: 'primary' | 'workload',
): void {
  const { m, w, cap } = p;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: speed only: with one rep or no item there is no candidate, so the first iteration finds none and the search ends
  if (m < 2 || p.n === 0) return;
  const load = loadsOf(p, rep);
  const work = workloadsOf(p, rep);
  const lists = new RepLists(p, rep);
  const moves = new MoveCounter(p, rep);
  const byRel = Array.from({ length: m }, (_, r) => r);
  const rel = new Float64Array(m);
  const relW = new Float64Array(m);

  /** Moves unit `u` from rep `from` to rep `to`, keeping the lists and tallies in step. */
  const shift = (u: number, from: number, to: number): void => {
    moves.move(u, from, to);
    lists.remove(from, u);
    lists.insert(to, u);
    rep[u] = to;
    load[from] = load[from]! - w[u]!;
    load[to] = load[to]! + w[u]!;
    work[from] = work[from]! - p.work[u]!;
    work[to] = work[to]! + p.work[u]!;
  };
  // A move sends x from hi to lo; a swap also sends y back from lo to hi.
  const apply = (c: Candidate): void => {
    shift(c.x, c.hi, c.lo);
    if (c.y >= 0) shift(c.y, c.lo, c.hi);
  };

  const large = p.large;
  const byRelOrder = (a: number, b: number): number => rel[b]! - rel[a]! || a - b;
  const refresh = (r: number): void => {
    rel[r] = load[r]! / cap[r]!;
    relW[r] = work[r]! / cap[r]!;
  };
  /** Puts rep r in its place in byRel, whose other reps are in order. */
  const insertByRel = (r: number): void => {
    let lo = 0;
    let hi = byRel.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // Stryker disable next-line EqualityOperator: equivalent `<= 0`: r is not in byRel and two reps never compare equal (ties go by index)
      if (byRelOrder(byRel[mid]!, r) < 0) lo = mid + 1;
      else hi = mid;
    }
    byRel.splice(lo, 0, r);
  };
  /**
   * Large-book mode: puts the two reps of a change back in their places in byRel. Both come
   * out before either goes back, since the search for one's place needs the others in order.
   */
  const reposition = (a: number, b: number): void => {
    byRel.splice(byRel.indexOf(a), 1);
    byRel.splice(byRel.indexOf(b), 1);
    insertByRel(a);
    insertByRel(b);
  };
  const itemsOn = (r: number): number => lists.lists[r]!.length;
  /** Large-book mode: the partners of a most- (or least-) loaded rep, from the other end of byRel. */
  const partners = (fromBottom: boolean, skip: (r: number) => boolean): number[] => largePartners(byRel, fromBottom, true, skip, itemsOn);
  // Stryker disable next-line ConditionalExpression: speed only when forced true: outside large-book mode every iteration refreshes and sorts anew
  if (large) {
    // Stryker disable next-line EqualityOperator: equivalent `<=`: rep m's relative loads are written past the end of a typed array, which keeps nothing (the killed `>=` is left out with it)
    for (let r = 0; r < m; r++) refresh(r);
    byRel.sort(byRelOrder);
  }

  while (budget.iterations > 0 && !deadline.expired()) {
    // Stryker disable next-line ConditionalExpression: speed only when forced true: in large-book mode the order kept up to date by `reposition` is the order a sort makes
    if (!large) {
      // Stryker disable next-line EqualityOperator: equivalent `<=`: rep m's relative loads are written past the end of a typed array, which keeps nothing (the killed `>=` is left out with it)
      for (let r = 0; r < m; r++) refresh(r);
      byRel.sort(byRelOrder);
    }
    const top = byRel[0]!;
    const bottom = byRel[m - 1]!;
    const spread = rel[top]! - rel[bottom]!;
    const pMax = rel[top]!;
    // Largest and smallest relative load among reps other than a and b.
    const otherMax = (a: number, b: number): number => {
      for (const r of byRel) if (r !== a && r !== b) return rel[r]!;
      return Number.NEGATIVE_INFINITY;
    };
    const otherMin = (a: number, b: number): number => {
      // Stryker disable next-line EqualityOperator: equivalent `k > 0`: byRel[0], the most-loaded rep, is reached only when every other rep is a or b, and one of the pair's new relative loads is at most its own (the killed `k < 0` is left out with it)
      for (let k = m - 1; k >= 0; k--) {
        const r = byRel[k]!;
        if (r !== a && r !== b) return rel[r]!;
      }
      return Number.POSITIVE_INFINITY;
    };

    let best: Candidate | undefined;
    const consider = (hi: number, lo: number, x: number, y: number): void => {
      const d = w[x]! - (y >= 0 ? w[y]! : 0);
      const dw = p.work[x]! - (y >= 0 ? p.work[y]! : 0);
      const newHi = (load[hi]! - d) / cap[hi]!;
      const newLo = (load[lo]! + d) / cap[lo]!;
      let score: number;
      let tie: number;
      if (phase === 'primary') {
        // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: a change that moves no weight, or weight back, never lowers the larger relative load of the pair nor the spread (the killed forced return is left out with it)
        if (d <= 0) return;
        if (p.goal === 'max') {
          score = Math.max(newHi, newLo);
          if (!(score < rel[hi]!)) return;
          tie = 0;
        } else {
          const mx = Math.max(otherMax(hi, lo), newHi, newLo);
          const mn = Math.min(otherMin(hi, lo), newHi, newLo);
          score = mx - mn;
          // A pair that comes strictly closer stays between the old largest and smallest
          // relative loads, so the spread does not grow: it is kept or it falls.
          const contracts = Math.max(newHi, newLo) < rel[hi]! && Math.min(newHi, newLo) > rel[lo]!;
          if (!(score < spread || contracts)) return;
          tie = Math.max(newHi, newLo);
        }
      } else {
        // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: a change that moves no workload, or workload back, never lowers the larger relative workload of the pair (the killed forced return is left out with it)
        if (dw <= 0) return;
        if (p.goal === 'max') {
          if (newHi > pMax || newLo > pMax) return;
        } else {
          const mx = Math.max(otherMax(hi, lo), newHi, newLo);
          const mn = Math.min(otherMin(hi, lo), newHi, newLo);
          if (mx - mn > spread) return;
        }
        const nwHi = (work[hi]! - dw) / cap[hi]!;
        const nwLo = (work[lo]! + dw) / cap[lo]!;
        score = Math.max(nwHi, nwLo);
        if (!(score < relW[hi]!)) return;
        tie = 0;
      }
      if (best !== undefined && (score > best.score || (score === best.score && tie > best.tie))) return;
      // Stryker disable next-line ConditionalExpression: equivalent when forced true: a move read as a swap with item −1, which has no owner (undefined) and adds no move
      const delta = y >= 0 ? moves.swapDelta(x, hi, y, lo) : moves.delta(x, hi, lo);
      if (moves.count + delta > p.maxMoves) return;
      if (best !== undefined && score === best.score && tie === best.tie && delta >= best.delta) return;
      best = { hi, lo, x, y, score, tie, delta };
    };

    /** Candidates moving weight from hi to lo, searched near the transfer that evens them out. */
    const pairPrimary = (hi: number, lo: number): void => {
      const ch = cap[hi]!;
      const cl = cap[lo]!;
      const target = (load[hi]! * cl - load[lo]! * ch) / (ch + cl);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: when the pair is already even (or the wrong way round) no change from hi to lo is accepted
      if (!(target > 0)) return;
      const from = lists.lists[hi]!;
      const to = lists.lists[lo]!;
      const k = from.firstAtMost(target);
      // Stryker disable next-line MethodExpression,EqualityOperator: equivalent: a position before the start or at the end reads no item, whose weight undefined makes every score NaN, which is refused (the killed `>=` is left out with it)
      for (let t = Math.max(0, k - NEIGHBOURS); t < Math.min(from.length, k + NEIGHBOURS); t++) consider(hi, lo, from.at(t), -1);
      // Stryker disable next-line ConditionalExpression: speed only when never true: an empty list offers no swap
      if (to.length === 0) return;
      forSample(from, p.large, (x) => {
        const wx = w[x]!;
        const kk = to.firstAtMost(wx - target);
        // Stryker disable next-line MethodExpression,EqualityOperator: equivalent: a position at the end or past it reads no item, whose weight undefined is not below wx (the killed `>=` is left out with it)
        for (let t = Math.max(0, kk - 2); t < Math.min(to.length, kk + 2); t++) {
          const y = to.at(t);
          // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: a swap for an item as heavy or heavier moves no weight and is refused (the killed never-true is left out with it)
          if (w[y]! < wx) consider(hi, lo, x, y);
        }
      });
    };

    const pairWorkload = (hi: number, lo: number): void => {
      const from = lists.lists[hi]!;
      const to = lists.lists[lo]!;
      forSample(from, p.large, (x) => {
        // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: an idle item (workloads are not negative) moves no workload, and no item is idler to swap it for (the killed forced return is left out with it)
        if (p.work[x]! <= 0) return;
        consider(hi, lo, x, -1);
        if (p.n <= 2000) {
          // Stryker disable next-line EqualityOperator: equivalent `<=`: the position at the end reads no item, whose workload undefined is not below x's (the killed `>=` is left out with it)
          for (let t = 0; t < to.length; t++) {
            const y = to.at(t);
            // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: a swap for an item as busy or busier moves no workload and is refused (the killed never-true is left out with it)
            if (p.work[y]! < p.work[x]!) consider(hi, lo, x, y);
          }
        }
      });
    };

    if (phase === 'primary') {
      if (large) {
        // Stryker disable next-line ArrowFunction,ConditionalExpression: equivalent: a rep paired with itself is even (target 0), so it offers nothing
        const isTop = (r: number): boolean => r === top;
        for (const b of partners(true, isTop)) pairPrimary(top, b);
        if (p.goal === 'spread') {
          // Stryker disable next-line ArrowFunction,ConditionalExpression,LogicalOperator: equivalent: the bottom rep paired with itself is even (target 0), and the pair (top, bottom) was tried already, whose changes tie with the first tries and lose to them
          const isEnd = (r: number): boolean => r === bottom || r === top;
          for (const b of partners(false, isEnd)) pairPrimary(b, bottom);
        }
      } else if (p.goal === 'max') {
        // Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent: rep m has capacity undefined (target NaN) and a rep paired with itself is even (target 0): neither offers anything (the killed `>=`, `===` and never-true are left out with them)
        for (let b = 0; b < m; b++) if (b !== top) pairPrimary(top, b);
      } else {
        // Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent: rep m has capacity undefined (target NaN) and a rep paired with itself is even (target 0): neither offers anything (the killed `>=`, `===` and never-true are left out with them)
        for (let b = 0; b < m; b++) if (b !== top) pairPrimary(top, b);
        // Stryker disable next-line EqualityOperator,ConditionalExpression,LogicalOperator: equivalent: rep m has capacity undefined (target NaN), the bottom rep paired with itself is even (target 0), and the pair (top, bottom) was tried already, whose changes tie with the first tries and lose to them (the killed `>=`, `===` and never-true are left out with them)
        for (let b = 0; b < m; b++) if (b !== bottom && b !== top) pairPrimary(b, bottom);
      }
    } else {
      let hiW = 0;
      // Stryker disable next-line EqualityOperator: equivalent `r <= m`: rep m's relative workload reads undefined, above no other (the killed `>=` is left out with it)
      for (let r = 1; r < m; r++) {
        if (relW[r]! > relW[hiW]!) hiW = r;
      }
      if (large) {
        // The reps with the lowest relative workload (a sort of the reps: the workload
        // polish is a short secondary phase).
        const byW = Array.from({ length: m }, (_, r) => r).sort((a, b) => relW[a]! - relW[b]! || a - b);
        for (const b of largePartners(byW, false, false, (r) => r === hiW, itemsOn)) pairWorkload(hiW, b);
      } else {
        // Stryker disable next-line ConditionalExpression: equivalent when forced true: paired with itself, a rep's move or swap raises the relative workload of its receiving side, its own, so nothing is accepted
        for (let b = 0; b < m; b++) if (b !== hiW) pairWorkload(hiW, b);
      }
    }
    if (best === undefined) break;
    apply(best);
    // Stryker disable next-line ConditionalExpression: speed only when forced true: outside large-book mode the next iteration refreshes and sorts anew
    if (large) {
      const { hi, lo } = best;
      refresh(hi);
      refresh(lo);
      reposition(hi, lo);
    }
    budget.iterations--;
    budget.used++;
  }
}
