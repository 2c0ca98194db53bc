import { because } from '../../../i18n/because.js';
import { FunnelError } from '../../../i18n/FunnelError.js';
import type { Decimal } from '../../../money/decimal.js';
import type { BalanceProblem } from '../territorySearch.js';
import { scaled } from './fraction.js';
import type { PreparedUnit, TerritoryInput } from './input.js';

/** Most pieces after splitting. */
export const MAX_ITEMS = 200_000;

/** A movable item: an unlocked unit, or one piece of a split unit. */
export interface Item {
  readonly unit: PreparedUnit;
  /** The unit's canonical index. */
  readonly rank: number;
  readonly piece: number;
  /** Scaled weight (exact on the fast path). */
  readonly w: number;
  /** Scaled weight as an integer, off the fast path. */
  readonly big: bigint | undefined;
  /** This item's part of the unit's workload (scaled, approximate: heuristics only). */
  readonly work: number;
}

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
  /** Items sorted by weight, heaviest first (ties by unit and piece). */
  readonly items: readonly Item[];
  /** Scaled load of each rep from locked units. */
  readonly fixed: readonly bigint[];
  /** The numeric instance the search works on. */
  readonly problem: BalanceProblem;
}

/** An item's scaled weight as a bigint. */
export const bigOf = (it: Item): bigint => it.big ?? BigInt(it.w);

/**
 * Stage 2 of territory balancing: the instance in integers. Weights become whole
 * multiples of their finest decimal step (exactly); locked units become fixed loads;
 * splittable units become pieces of `granularity` (the last takes the remainder); items
 * are sorted heaviest first and grouped into classes of interchangeable items.
 *
 * @throws {@link FunnelError} `limit_exceeded` for more than {@link MAX_ITEMS} pieces.
 */
export function scaleProblem(input: TerritoryInput): ScaledProblem {
  const { units, canonicalUnits, capacities, maxMoves, objective } = input;
  const m = capacities.length;
  let digits = 0;
  let workDigits = 0;
  for (const u of units) {
    digits = Math.max(digits, u.weight.decimalPlaces(), u.granularity?.decimalPlaces() ?? 0);
    workDigits = Math.max(workDigits, u.workload.decimalPlaces());
  }
  const capDigits = Math.max(0, ...capacities.map((c) => c.decimalPlaces()));
  const C = capacities.map((c) => scaled(c, capDigits));

  // Scaled weights are exact integers. Fast path: when every scaled weight is below 2^50
  // and the total below 2^52, x × 10^digits computed in binary floating point is within
  // 0.5 of the integer (two roundings of relative size 2^-53), so rounding recovers it and
  // every sum stays exact in a double. Otherwise weights are scaled through BigInt.
  const factor = 10 ** digits;
  let fast = digits <= 22;
  let approxTotal = 0;
  for (const u of units) {
    const v = u.weight.toNumber() * factor;
    approxTotal += v;
    if (!(v < 2 ** 50) || (u.granularity !== undefined && !(u.granularity.toNumber() * factor < 2 ** 50))) fast = false;
  }
  if (!(approxTotal < 2 ** 52)) fast = false;
  const scaleW = (d: Decimal): bigint | number => (fast ? Math.round(d.toNumber() * factor) : scaled(d, digits));

  const fixed = new Array<bigint>(m).fill(0n);
  const fixedWork = new Float64Array(m);
  const pinned = new Uint8Array(m);
  const items: Item[] = [];
  let splitCount = 0;
  const splitIndex = new Map<string, number>();
  const workScale = 10 ** workDigits;
  const tooMany = (): never => {
    throw new FunnelError('limit_exceeded', { what: because('pieces_after_splitting'), limit: MAX_ITEMS });
  };
  canonicalUnits.forEach((u, rank) => {
    const sw = scaleW(u.weight);
    const work = u.workload.isZero() ? 0 : u.workload.toNumber() * workScale;
    if (u.locked) {
      fixed[u.owner] = fixed[u.owner]! + BigInt(sw);
      fixedWork[u.owner] = fixedWork[u.owner]! + work;
      pinned[u.owner] = 1;
      return;
    }
    if (u.granularity === undefined || sw === 0 || sw === 0n) {
      if (items.length + 1 > MAX_ITEMS) tooMany();
      items.push({ unit: u, rank, piece: 0, w: Number(sw), big: fast ? undefined : BigInt(sw), work });
      return;
    }
    const w = BigInt(sw);
    const g = BigInt(scaleW(u.granularity));
    const whole = w / g;
    const rest = w - whole * g;
    const pieces = Number(whole) + (rest > 0n ? 1 : 0);
    if (items.length + pieces > MAX_ITEMS) tooMany();
    if (pieces > 1) splitIndex.set(u.id, splitCount++);
    const share = (x: bigint): number => (work * Number(x)) / Number(w);
    const item = (piece: number, x: bigint): Item => ({ unit: u, rank, piece, w: Number(x), big: fast ? undefined : x, work: share(x) });
    for (let k = 0; k < Number(whole); k++) items.push(item(k, g));
    if (rest > 0n) items.push(item(Number(whole), rest));
  });
  items.sort((a, b) => {
    if (a.w !== b.w) return b.w - a.w;
    if (a.big !== undefined && b.big !== undefined && a.big !== b.big) return a.big > b.big ? -1 : 1;
    return a.rank - b.rank || a.piece - b.piece;
  });
  const n = items.length;

  // Interchangeable items: same weight (and, under a move budget, same owner or split unit).
  const limited = Number.isFinite(maxMoves);
  const clsKey = new Map<string, number>();
  const cls = new Int32Array(n);
  items.forEach((it, i) => {
    const s = splitIndex.get(it.unit.id);
    const weightKey = it.big === undefined ? String(it.w) : it.big.toString();
    const key = limited ? `${weightKey}|${s !== undefined ? `u${s}` : `o${it.unit.owner}`}` : weightKey;
    let c = clsKey.get(key);
    if (c === undefined) {
      c = clsKey.size;
      clsKey.set(key, c);
    }
    cls[i] = c;
  });
  const problem: BalanceProblem = {
    m,
    cap: Float64Array.from(C, (c) => Number(c)),
    fixed: Float64Array.from(fixed, (f) => Number(f)),
    fixedWork,
    pinned,
    n,
    w: Float64Array.from(items, (it) => it.w),
    work: Float64Array.from(items, (it) => it.work),
    owner: Int32Array.from(items, (it) => it.unit.owner),
    split: Int32Array.from(items, (it) => splitIndex.get(it.unit.id) ?? -1),
    splitCount,
    unit: Int32Array.from(items, (it) => it.rank),
    cls,
    maxMoves,
    goal: objective === 'spread' ? 'spread' : 'max',
  };
  return { digits, capDigits, C, fast, items, fixed, problem };
}
