import { because } from '../../../i18n/because.js';
import { FunnelError } from '../../../i18n/FunnelError.js';
import type { Decimal } from '../../../money/decimal.js';
import type { BalanceProblem } from '../territorySearch.js';
import { scaled } from './fraction.js';
import type { PreparedUnit, TerritoryInput } from './input.js';
import { orderHeaviestFirst } from './order.js';

/**
 * Most pieces after splitting. Measured (wall time, 2-core machine, default Node.js heap,
 * 100 reps): 5 000 000 pieces from split units in about 7 s and 0.5 GB resident; 5 000 000
 * separate units in about 60 s, with 3.1 GB of heap in all (the caller's units, the solver and
 * the plan), near the default heap of about 4 GB. The solver's memory is linear, about
 * 100 bytes a piece, and no step is quadratic in the pieces.
 */
export const MAX_ITEMS = 5_000_000;

/**
 * Beyond this many pieces the search runs in its large-book mode: no differencing start,
 * a greedy start driven by heaps, and local improvement over bounded neighbourhoods, so
 * that every step is linear or n log n in the pieces. Measured from 20 000 pieces up, it
 * reaches the same plans' quality (on the lower bound, or as close as the full search)
 * in a third to a sixth of the time; up to it the plans are exactly those of 0.2.0.
 */
export const LARGE_BOOK = 20_000;

/** The instance in integers: weights × 10^digits, capacities × 10^capDigits. */
export interface ScaledProblem {
  /** Decimal places of the weights (and granularities). */
  readonly digits: number;
  /** Decimal places of the capacities. */
  readonly capDigits: number;
  /** Scaled capacities, by canonical rep index. */
  readonly C: readonly bigint[];
  /** Whether every scaled weight and sum is exact in a double. */
  readonly fast: boolean;
  /** Off the fast path, the exact scaled weight of each item (undefined on it: `problem.w` is exact). */
  readonly big: readonly bigint[] | undefined;
  /** Scaled load of each rep from locked units. */
  readonly fixed: readonly bigint[];
  /**
   * The numeric instance the search works on: items (unlocked units and pieces of split
   * units) sorted by weight, heaviest first (ties by unit, then piece); `problem.unit[i]`
   * is the canonical index of item i's unit.
   */
  readonly problem: BalanceProblem;
}

/** Item i's scaled weight as a bigint. */
export const bigAt = (sp: ScaledProblem, i: number): bigint => (sp.big === undefined ? BigInt(sp.problem.w[i]!) : sp.big[i]!);

/**
 * Stage 2 of territory balancing: the instance in integers. Weights become whole
 * multiples of their finest decimal step (exactly); locked units become fixed loads;
 * splittable units become pieces of `granularity` (the last takes the remainder); items
 * are sorted heaviest first and grouped into classes of interchangeable items. Items live
 * in typed arrays (no object per piece), and the sort is a radix sort on the fast path.
 *
 * @param maxItems - Most pieces: {@link MAX_ITEMS}; a test gives a small one to reach the limit cheaply.
 * @throws {@link FunnelError} `limit_exceeded` for more than `maxItems` pieces
 *   (checked before anything is allocated for them).
 */
export function scaleProblem(input: TerritoryInput, maxItems: number = MAX_ITEMS): ScaledProblem {
  const { units, canonicalUnits, capacities, maxMoves, objective } = input;
  const m = capacities.length;
  let digits = 0;
  let workDigits = 0;
  for (const u of units) {
    digits = Math.max(digits, u.weight.decimalPlaces(), u.granularity?.decimalPlaces() ?? 0);
    workDigits = Math.max(workDigits, u.workload.decimalPlaces());
  }
  const capDigits = capacities.reduce((d, c) => Math.max(d, c.decimalPlaces()), 0);
  const C = capacities.map((c) => scaled(c, capDigits));

  // Scaled weights are exact integers. Fast path: when every scaled weight is below 2^50
  // and the total below 2^52, x × 10^digits computed in binary floating point is within
  // 0.5 of the integer (two roundings of relative size 2^-53), so rounding recovers it and
  // every sum stays exact in a double. Otherwise weights are scaled through BigInt.
  const factor = 10 ** digits;
  // Stryker disable next-line all: only picks the double or the BigInt path, which give the same integers (10^digits is exact up to 10^22, and beyond it a product below 2^50 still rounds to the integer)
  let fast = digits <= 22;
  let approxTotal = 0;
  // Each weight as a double, by input position (read once: a Decimal's toNumber() goes
  // through a string).
  const asNumber = new Float64Array(units.length);
  for (const u of units) {
    const x = u.weight.toNumber();
    asNumber[u.index] = x;
    const v = x * factor;
    approxTotal += v;
    if (!(v < 2 ** 50)) fast = false;
    // Stryker disable next-line all: equivalent: a granularity is only read when it is at most the weight, which the check above already bounds (a larger one makes a single piece, the weight itself)
    if (u.granularity !== undefined && !(u.granularity.toNumber() * factor < 2 ** 50)) fast = false;
  }
  if (!(approxTotal < 2 ** 52)) fast = false;
  const scaleW = (d: Decimal): bigint | number => (fast ? Math.round(d.toNumber() * factor) : scaled(d, digits));
  const scaleWeight = (u: PreparedUnit): bigint | number => (fast ? Math.round(asNumber[u.index]! * factor) : scaled(u.weight, digits));

  // Pass 1, per unit: fixed loads, and how many pieces each movable unit becomes.
  const fixed = new Array<bigint>(m).fill(0n);
  const fixedWork = new Float64Array(m);
  const pinned = new Uint8Array(m);
  const U = canonicalUnits.length;
  // Per unit, by canonical index: the scaled weight (in weightOf on the fast path, else in
  // bigWeightOf), the granularity of a split unit, the number of pieces, the split index.
  const weightOf = new Float64Array(U);
  // Stryker disable next-line ArrayDeclaration: equivalent: an array sized up front or an empty one filled by index hold the same values
  const bigWeightOf: bigint[] | undefined = fast ? undefined : new Array<bigint>(U);
  // Stryker disable next-line ArrayDeclaration: equivalent (as above)
  const granuleOf: (bigint | undefined)[] = new Array(U);
  const piecesOf = new Float64Array(U); // 0 for a locked unit
  const splitOf = new Int32Array(U).fill(-1);
  const ownerOf = new Int32Array(U);
  let splitCount = 0;
  let n = 0;
  const workScale = 10 ** workDigits;
  canonicalUnits.forEach((u, rank) => {
    const sw = scaleWeight(u);
    if (bigWeightOf === undefined) weightOf[rank] = sw as number;
    else bigWeightOf[rank] = sw as bigint;
    ownerOf[rank] = u.owner;
    if (u.locked) {
      fixed[u.owner] = fixed[u.owner]! + BigInt(sw);
      fixedWork[u.owner] = fixedWork[u.owner]! + (u.workload.isZero() ? 0 : u.workload.toNumber() * workScale);
      pinned[u.owner] = 1;
      return;
    }
    let pieces = 1;
    if (u.granularity !== undefined && sw !== 0 && sw !== 0n) {
      const w = BigInt(sw);
      const g = BigInt(scaleW(u.granularity));
      granuleOf[rank] = g;
      // A huge count becomes a huge (or infinite) number, refused below before anything is allocated.
      pieces = Number(w / g) + (w % g > 0n ? 1 : 0);
      if (pieces > 1) splitOf[rank] = splitCount++;
    }
    if (n + pieces > maxItems) tooMany(maxItems);
    piecesOf[rank] = pieces;
    n += pieces;
  });

  // Pass 2: the items in generation order (by unit, then piece).
  const genW = new Float64Array(n);
  const genRank = new Int32Array(n);
  const genWork = new Float64Array(n);
  // Stryker disable next-line ArrayDeclaration: equivalent (as above)
  const genBig: bigint[] | undefined = fast ? undefined : new Array<bigint>(n);
  let at = 0;
  const push = (rank: number, x: bigint | number, work: number): void => {
    genW[at] = Number(x);
    genRank[at] = rank;
    genWork[at] = work;
    if (genBig !== undefined) genBig[at] = BigInt(x);
    at++;
  };
  canonicalUnits.forEach((u, rank) => {
    const pieces = piecesOf[rank]!;
    if (pieces === 0) return;
    const sw = bigWeightOf === undefined ? weightOf[rank]! : bigWeightOf[rank]!;
    const work = u.workload.isZero() ? 0 : u.workload.toNumber() * workScale;
    const g = granuleOf[rank];
    if (g === undefined) {
      push(rank, sw, work);
      return;
    }
    const w = BigInt(sw);
    const whole = w / g;
    const rest = w - whole * g;
    const share = (x: bigint): number => (work * Number(x)) / Number(w);
    const gw = share(g);
    for (let k = 0; k < Number(whole); k++) push(rank, fast ? Number(g) : g, gw);
    if (rest > 0n) push(rank, fast ? Number(rest) : rest, share(rest));
  });

  // Heaviest first; ties keep the generation order (unit, then piece).
  let order: Int32Array;
  if (genBig === undefined) order = orderHeaviestFirst(genW);
  else {
    const big = genBig;
    // Array.prototype.sort is stable: equal weights keep the generation order.
    order = Int32Array.from(
      Array.from({ length: n }, (_, i) => i).sort((a, b) =>
        big[a]! > big[b]!
          ? -1
          : // Stryker disable next-line all: equivalent on V8, whose sort always compares a later item with an earlier one: a lighter later item stays after whether this answers 1 or 0 (the line above decides every move)
            big[a]! < big[b]!
            ? 1
            : 0,
      ),
    );
  }
  const w = new Float64Array(n);
  const work = new Float64Array(n);
  const unit = new Int32Array(n);
  const owner = new Int32Array(n);
  const split = new Int32Array(n);
  // Stryker disable next-line ArrayDeclaration: equivalent (as above)
  const big: bigint[] | undefined = genBig === undefined ? undefined : new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    const j = order[i]!;
    const rank = genRank[j]!;
    w[i] = genW[j]!;
    work[i] = genWork[j]!;
    unit[i] = rank;
    owner[i] = ownerOf[rank]!;
    split[i] = splitOf[rank]!;
    if (big !== undefined) big[i] = genBig![j]!;
  }

  // Interchangeable items: same weight (and, under a move budget, same owner or split
  // unit). Equal weights are adjacent, so classes are numbered run by run, in order of
  // first appearance.
  const limited = Number.isFinite(maxMoves);
  const cls = new Int32Array(n);
  let classes = 0;
  const inRun = new Map<number, number>();
  // Stryker disable next-line EqualityOperator: equivalent `<=`: one more class is counted past the end and none is written (its sibling `>=` is killed)
  for (let i = 0; i < n; i++) {
    const newRun =
      // Stryker disable next-line ConditionalExpression: equivalent when forced false: at i = 0 the comparison reads index -1, undefined, also a new run
      i === 0 ||
      (big === undefined ? w[i] !== w[i - 1] : big[i] !== big[i - 1]);
    if (!limited) {
      if (newRun) classes++;
      cls[i] = classes - 1;
      continue;
    }
    if (newRun) inRun.clear();
    const key = split[i]! >= 0 ? split[i]! : -2 - owner[i]!;
    let c = inRun.get(key);
    if (c === undefined) {
      c = classes++;
      inRun.set(key, c);
    }
    cls[i] = c;
  }
  const problem: BalanceProblem = {
    m,
    cap: Float64Array.from(C, (c) => Number(c)),
    fixed: Float64Array.from(fixed, (f) => Number(f)),
    fixedWork,
    pinned,
    n,
    w,
    work,
    owner,
    split,
    splitCount,
    unit,
    cls,
    maxMoves,
    goal: objective === 'spread' ? 'spread' : 'max',
    large: n > LARGE_BOOK,
  };
  return { digits, capDigits, C, fast, big, fixed, problem };
}

function tooMany(limit: number): never {
  throw new FunnelError('limit_exceeded', { what: because('pieces_after_splitting'), limit });
}
