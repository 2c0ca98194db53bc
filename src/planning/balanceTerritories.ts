import { toDecimal } from '../_lib/decimal.js';
import { deadlineAfter } from '../_lib/deadline.js';
import {
  countMoves,
  differencingPlan,
  exactMax,
  exactSpread,
  greedyPlan,
  improvePlan,
  relabelForOwners,
  type BalanceProblem,
  type ExactResult,
  type SearchBudget,
} from '../_lib/territorySearch.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { Decimal, type DecimalLike } from '../money/decimal.js';

/**
 * One unit of territory (地盘) to be assigned: a region, a province, an account, or any
 * grouping, weighted by the business the funnel shows there.
 *
 * @example
 * ```ts
 * import type { TerritoryUnit } from 'sales-funnel';
 * const east: TerritoryUnit = { id: '华东', weight: '1250000', workload: 42, owner: 'rep-li' };
 * const shanghai: TerritoryUnit = { id: '上海', weight: '3000000', splittable: { granularity: '500000' } };
 * ```
 */
export interface TerritoryUnit {
  /** Unique id of the unit. */
  readonly id: string;
  /** Its weight, usually the weighted pipeline (加权预测) in one currency; ≥ 0. */
  readonly weight: DecimalLike;
  /** An optional second weight for workload (account count, visits); ≥ 0, default 0. */
  readonly workload?: DecimalLike;
  /** The rep who covers it today, if any. */
  readonly owner?: string;
  /** When true the unit stays with `owner` (which must be one of the reps). */
  readonly locked?: boolean;
  /**
   * When set, a rich unit may be shared by several reps in shares of `granularity`
   * (the last share takes the remainder). Ignored for a locked unit.
   */
  readonly splittable?: { readonly granularity: DecimalLike };
}

/**
 * A rep who can take territory, with a capacity factor: a senior rep with capacity 1.5
 * is meant to carry one and a half times the load of a rep with capacity 1.
 *
 * @example
 * ```ts
 * import type { TerritoryRep } from 'sales-funnel';
 * const reps: TerritoryRep[] = [{ id: 'rep-li', capacity: '1.5' }, { id: 'rep-wang' }];
 * ```
 */
export interface TerritoryRep {
  /** Unique id of the rep. */
  readonly id: string;
  /** Capacity factor, > 0; default 1. */
  readonly capacity?: DecimalLike;
}

/**
 * What a territory plan optimises:
 *
 * - `'max_relative_load'` (default): the largest relative load (load ÷ capacity), so that
 *   nobody is overloaded ("nobody fat");
 * - `'spread'`: largest minus smallest relative load, so that nobody is starved either.
 *
 * @example
 * ```ts
 * import type { TerritoryObjective } from 'sales-funnel';
 * const objective: TerritoryObjective = 'spread';
 * ```
 */
export type TerritoryObjective = 'max_relative_load' | 'spread';

/**
 * Options for {@link balanceTerritories}.
 *
 * The work budgets (`maxNodes`, `maxIterations`) make the result deterministic: the same
 * input always gives the same plan, on any machine. `timeLimitMs` is only a safety cap;
 * when it cuts a search short, the result depends on the speed of the machine.
 *
 * @example
 * ```ts
 * import type { BalanceTerritoriesOptions } from 'sales-funnel';
 * const options: BalanceTerritoriesOptions = { maxMoves: 3, objective: 'max_relative_load' };
 * ```
 */
export interface BalanceTerritoriesOptions {
  /** The objective; default `'max_relative_load'`. */
  readonly objective?: TerritoryObjective;
  /**
   * Most moves from the current plan (a unit given to a rep other than its owner; for a
   * split unit, each rep other than the owner that receives a share). Moves of units
   * whose owner is not among the reps are forced and not counted. Default: unlimited.
   */
  readonly maxMoves?: number;
  /** Node budget of the exact branch and bound (bin completion); 0 turns it off. Default 10 000 000 (well under a second on a laptop). */
  readonly maxNodes?: number;
  /** Iteration budget of the local improvement (moves and swaps). Default 100 000. */
  readonly maxIterations?: number;
  /**
   * Optional wall-clock cap in milliseconds on the whole search. Results then depend on
   * machine speed; leave it out where reproducibility matters (tests never set it).
   */
  readonly timeLimitMs?: number;
}

/**
 * The part of a unit a rep receives (the whole unit unless it is split).
 *
 * @example
 * ```ts
 * import type { TerritoryShare } from 'sales-funnel';
 * declare const share: TerritoryShare;
 * share.weight.toString();
 * ```
 */
export interface TerritoryShare {
  /** The rep. */
  readonly repId: string;
  /** The share of the unit's weight. */
  readonly weight: Decimal;
  /** The share of the unit's workload (in proportion to the weight share). */
  readonly workload: Decimal;
}

/**
 * Where one unit goes.
 *
 * @example
 * ```ts
 * import type { TerritoryAssignment } from 'sales-funnel';
 * declare const a: TerritoryAssignment;
 * a.shares.map((s) => s.repId);
 * ```
 */
export interface TerritoryAssignment {
  /** The unit. */
  readonly unitId: string;
  /** One share per rep that receives part of it (one share for an unsplit unit), by rep id. */
  readonly shares: readonly TerritoryShare[];
  /** Whether the unit was locked to its owner. */
  readonly locked: boolean;
}

/**
 * One rep's load under the plan.
 *
 * @example
 * ```ts
 * import type { TerritoryLoad } from 'sales-funnel';
 * declare const l: TerritoryLoad;
 * l.relativeLoad.toFixed(2);
 * ```
 */
export interface TerritoryLoad {
  /** The rep. */
  readonly repId: string;
  /** The rep's capacity factor. */
  readonly capacity: Decimal;
  /** Sum of the weights (shares) the rep receives. */
  readonly load: Decimal;
  /** `load / capacity`. */
  readonly relativeLoad: Decimal;
  /** Sum of the workloads the rep receives. */
  readonly workload: Decimal;
  /** `workload / capacity`. */
  readonly relativeWorkload: Decimal;
  /** Units the rep receives all or part of, in input order. */
  readonly unitIds: readonly string[];
}

/**
 * A change from the current plan: a unit (or a share of a split unit) given to a rep
 * other than its owner.
 *
 * @example
 * ```ts
 * import type { TerritoryMove } from 'sales-funnel';
 * declare const move: TerritoryMove;
 * `${move.unitId}: ${move.from} → ${move.to}`;
 * ```
 */
export interface TerritoryMove {
  /** The unit. */
  readonly unitId: string;
  /** Its current owner. */
  readonly from: string;
  /** The rep receiving it (or a share of it). */
  readonly to: string;
  /** The weight that moves. */
  readonly weight: Decimal;
  /** True when the owner is not among the reps (a departed rep): the move is forced and not counted. */
  readonly forced: boolean;
}

/**
 * How a plan was found and how hard the search looked.
 *
 * @example
 * ```ts
 * import type { TerritorySearchReport } from 'sales-funnel';
 * declare const s: TerritorySearchReport;
 * s.exact; //=> e.g. 'proved'
 * ```
 */
export interface TerritorySearchReport {
  /** The constructive start that was kept. */
  readonly start: 'greedy' | 'differencing' | 'current_plan';
  /** The start's largest relative load. */
  readonly startLargestRelativeLoad: Decimal;
  /** The start's spread. */
  readonly startSpread: Decimal;
  /** Local-improvement iterations used (moves and swaps applied). */
  readonly iterations: number;
  /** Branch-and-bound nodes visited. */
  readonly nodes: number;
  /**
   * What the exact search did: `'not_needed'` (the start already met the lower bound),
   * `'proved'` (it proved the plan optimal), `'node_limit'` / `'time_limit'` (it stopped
   * before a proof), `'too_large'` (more than 256 items after splitting, or fewer than two
   * reps), `'imprecise'` (scaled weights × capacities beyond 2^53, where proofs are not
   * attempted), `'off'` (`maxNodes: 0`).
   */
  readonly exact: 'not_needed' | 'proved' | 'node_limit' | 'time_limit' | 'too_large' | 'imprecise' | 'off';
  /** Whether `timeLimitMs` cut any phase short (then the result depends on machine speed). */
  readonly timeLimitHit: boolean;
}

/**
 * A balanced territory plan (地盘划分) with its certificate.
 *
 * @example
 * ```ts
 * import type { TerritoryPlan } from 'sales-funnel';
 * declare const plan: TerritoryPlan;
 * plan.provenOptimal ? 'optimal' : `within ${plan.gap?.times(100).toFixed(2)} %`;
 * ```
 */
export interface TerritoryPlan {
  /** One entry per unit, in input order. */
  readonly assignments: readonly TerritoryAssignment[];
  /** One entry per rep, in input order. */
  readonly loads: readonly TerritoryLoad[];
  /** Changes from the current plan, by unit then rep (forced ones included). */
  readonly moves: readonly TerritoryMove[];
  /** Number of moves counted against `maxMoves` (forced moves excluded). */
  readonly moveCount: number;
  /** The largest relative load (load ÷ capacity). */
  readonly largestRelativeLoad: Decimal;
  /** The smallest relative load. */
  readonly smallestRelativeLoad: Decimal;
  /** `largestRelativeLoad − smallestRelativeLoad`. */
  readonly spread: Decimal;
  /**
   * A certified lower bound on the largest relative load of any plan that respects the
   * locks (and, once the exact search has raised it, the move budget). See
   * {@link balanceTerritories} for how it is computed.
   */
  readonly lowerBound: Decimal;
  /** `(largestRelativeLoad − lowerBound) / lowerBound`; null when the bound is 0. */
  readonly gap: Decimal | null;
  /**
   * True when the plan is proved optimal for the objective: for `'max_relative_load'`
   * when the largest relative load equals the lower bound or the exact search exhausted
   * every better plan; for `'spread'` when the spread is 0 or the search was exhausted.
   */
  readonly provenOptimal: boolean;
  /** How the plan was found. */
  readonly search: TerritorySearchReport;
}

const EXACT_MAX_ITEMS = 256;
const MAX_ITEMS = 200_000;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

interface Frac {
  readonly num: bigint;
  readonly den: bigint;
}
const cmpFrac = (a: Frac, b: Frac): number => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};
const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b; // a >= 0, b > 0
const pow10 = (k: number): bigint => 10n ** BigInt(k);
/** d × 10^digits as an integer; d has at most `digits` decimal places and is >= 0. */
const scaled = (d: Decimal, digits: number): bigint => BigInt(d.toFixed(digits).replace('.', ''));
const decimalOf = (f: Frac): Decimal => new Decimal(f.num.toString()).div(f.den.toString());

function checkCount(value: number | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new FunnelError('invalid_option', { option, reason: 'must be a whole number >= 0' });
  }
  return value;
}

interface PreparedUnit {
  readonly index: number; // input index
  readonly id: string;
  readonly weight: Decimal;
  readonly workload: Decimal;
  readonly owner: number; // rep index (canonical) or -1
  readonly ownerId: string | undefined;
  readonly locked: boolean;
  readonly granularity: Decimal | undefined;
}

/**
 * Balances territory (地盘) across reps so that "nobody is fat and nobody is starving":
 * assigns units weighted by the business the funnel shows to reps with capacity factors,
 * minimising the largest relative load (load ÷ capacity, the default) or the spread, and
 * proves how good the plan is.
 *
 * **Constraints.** A `locked` unit stays with its owner. A `splittable` unit may be shared
 * in pieces of `granularity` (the last piece takes the remainder), so a rich region can
 * have several reps; the shares add up exactly to the unit. `maxMoves` caps the changes
 * from the current plan (see {@link BalanceTerritoriesOptions.maxMoves}).
 *
 * **Search.** (1) Constructive starts: largest-first greedy (units heaviest first, ties by
 * id, each to the rep whose relative load after taking it is smallest; ties to the larger
 * capacity, then the smaller rep id) and, when all capacities are equal,
 * Karmarkar–Karp differencing; the better one is kept, or the current plan (units stay
 * with their owners, the rest placed greedily) when the others need more than `maxMoves`.
 * Reps of equal capacity are then relabelled to keep as many units as possible with their
 * current owner, which changes no load. (2) Local improvement by moving one unit or
 * swapping two between a most-loaded rep and another rep. (3) For up to 256 units (after
 * splitting), an exact branch and bound within `maxNodes`. (4) When workloads are given,
 * a polish that lowers the largest relative workload without making the objective worse:
 * workload is a secondary objective, never traded against the primary one. The result is
 * never worse than the start, and the same input (in any order) always gives the same plan.
 *
 * **Lower bound.** With loads measured in the finest decimal step of the weights,
 * `lowerBound` is the largest of: the total weight over the total capacity; each locked
 * load over its rep's capacity; for k = 0, 1, …, the sum of the k + 1 smallest of the
 * k·m + 1 heaviest movable pieces added to the rep where it would weigh least (of any
 * k·m + 1 pieces, some rep receives k + 1); rounded up to the next value a rep's relative
 * load can take (a whole number of steps over its capacity). When the exact search
 * proves that no plan stays below a value, the bound is raised to it. The bound ignores
 * workloads and (unless raised by the search) the move budget. `gap` =
 * (largest − bound) / bound.
 *
 * @param units - The units to assign (any order; ids unique).
 * @param reps - The reps (any order; ids unique; at least one).
 * @param options - Objective, move budget, work budgets and an optional time cap.
 * @returns The plan: assignment, loads, moves, lower bound, gap and proof status.
 * @throws {@link FunnelError} `invalid_argument` for duplicate ids, negative weights,
 *   non-positive capacities or granularities, a locked unit whose owner is not a rep, or
 *   no reps; `invalid_option` for bad options; `limit_exceeded` for more than 200 000
 *   pieces after splitting; `invalid_amount` for malformed numbers.
 *
 * @example
 * ```ts
 * import { balanceTerritories } from 'sales-funnel';
 * const plan = balanceTerritories(
 *   [8, 7, 6, 5, 4].map((w, i) => ({ id: `u${i + 1}`, weight: w })),
 *   [{ id: 'A' }, { id: 'B' }],
 * );
 * plan.loads.map((l) => l.load.toString()); //=> ['15', '15']  (greedy alone: 17 / 13)
 * plan.provenOptimal; //=> true
 * ```
 */
export function balanceTerritories(
  units: ReadonlyArray<TerritoryUnit>,
  reps: ReadonlyArray<TerritoryRep>,
  options: BalanceTerritoriesOptions = {},
): TerritoryPlan {
  // ---- validation and canonical order ------------------------------------------------
  if (!Array.isArray(reps) || reps.length === 0) throw new FunnelError('invalid_argument', { name: 'reps', reason: 'at least one rep is needed' });
  if (!Array.isArray(units)) throw new FunnelError('invalid_argument', { name: 'units', reason: 'must be an array' });
  const objective = options.objective ?? 'max_relative_load';
  if (objective !== 'max_relative_load' && objective !== 'spread') {
    throw new FunnelError('invalid_option', { option: 'objective', reason: `unknown objective ${String(objective)}` });
  }
  const maxMoves = options.maxMoves === undefined ? Number.POSITIVE_INFINITY : checkCount(options.maxMoves, 'maxMoves', 0);
  const maxNodes = checkCount(options.maxNodes, 'maxNodes', 10_000_000);
  const maxIterations = checkCount(options.maxIterations, 'maxIterations', 100_000);
  const deadline = deadlineAfter(options.timeLimitMs);

  const repOrder = reps.map((r, i) => ({ r, i }));
  repOrder.forEach(({ r, i }) => {
    if (typeof r?.id !== 'string' || r.id.length === 0) throw new FunnelError('invalid_argument', { name: `reps[${i}].id`, reason: 'must be a non-empty string' });
  });
  repOrder.sort((a, b) => (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0));
  const m = reps.length;
  const repIndex = new Map<string, number>();
  const capacities: Decimal[] = [];
  repOrder.forEach(({ r, i }, k) => {
    if (repIndex.has(r.id)) throw new FunnelError('invalid_argument', { name: `reps[${i}].id`, reason: `duplicate rep id "${r.id}"` });
    repIndex.set(r.id, k);
    const c = toDecimal(r.capacity ?? 1, `reps[${i}].capacity`);
    if (!c.gt(0)) throw new FunnelError('invalid_argument', { name: `reps[${i}].capacity`, reason: 'must be > 0' });
    capacities.push(c);
  });

  const seen = new Set<string>();
  const prepared: PreparedUnit[] = units.map((u, i) => {
    if (typeof u?.id !== 'string' || u.id.length === 0) throw new FunnelError('invalid_argument', { name: `units[${i}].id`, reason: 'must be a non-empty string' });
    if (seen.has(u.id)) throw new FunnelError('invalid_argument', { name: `units[${i}].id`, reason: `duplicate unit id "${u.id}"` });
    seen.add(u.id);
    const weight = toDecimal(u.weight, `units[${i}].weight`);
    if (weight.isNegative() && !weight.isZero()) throw new FunnelError('invalid_argument', { name: `units[${i}].weight`, reason: 'must be >= 0' });
    const workload = u.workload === undefined ? ZERO : toDecimal(u.workload, `units[${i}].workload`);
    if (workload.isNegative() && !workload.isZero()) throw new FunnelError('invalid_argument', { name: `units[${i}].workload`, reason: 'must be >= 0' });
    const owner = u.owner === undefined ? -1 : (repIndex.get(u.owner) ?? -1);
    const locked = u.locked === true;
    if (locked && owner < 0) {
      throw new FunnelError('invalid_argument', { name: `units[${i}].locked`, reason: `owner "${String(u.owner)}" is not one of the reps` });
    }
    let granularity: Decimal | undefined;
    if (u.splittable !== undefined && !locked) {
      granularity = toDecimal(u.splittable.granularity, `units[${i}].splittable.granularity`);
      if (!granularity.gt(0)) throw new FunnelError('invalid_argument', { name: `units[${i}].splittable.granularity`, reason: 'must be > 0' });
    }
    // abs() only turns a negative zero into zero.
    return { index: i, id: u.id, weight: weight.isNeg() ? weight.abs() : weight, workload: workload.isNeg() ? workload.abs() : workload, owner, ownerId: u.owner, locked, granularity };
  });
  const canonical = [...prepared].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // ---- scale to integers ----------------------------------------------------------------
  let digits = 0;
  let workDigits = 0;
  for (const u of prepared) {
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
  for (const u of prepared) {
    const v = u.weight.toNumber() * factor;
    approxTotal += v;
    if (!(v < 2 ** 50) || (u.granularity !== undefined && !(u.granularity.toNumber() * factor < 2 ** 50))) fast = false;
  }
  if (!(approxTotal < 2 ** 52)) fast = false;
  const scaleW = (d: Decimal): bigint | number => (fast ? Math.round(d.toNumber() * factor) : scaled(d, digits));

  interface Item {
    readonly unit: PreparedUnit;
    readonly rank: number;
    readonly piece: number;
    /** Scaled weight (exact on the fast path). */
    readonly w: number;
    /** Scaled weight as an integer, off the fast path. */
    readonly big: bigint | undefined;
    /** This item's part of the unit's workload (scaled, approximate: heuristics only). */
    readonly work: number;
  }
  const bigOf = (it: Item): bigint => it.big ?? BigInt(it.w);
  const fixed = new Array<bigint>(m).fill(0n);
  const fixedWork = new Float64Array(m);
  const pinned = new Uint8Array(m);
  const items: Item[] = [];
  let splitCount = 0;
  const splitIndex = new Map<string, number>();
  const workScale = 10 ** workDigits;
  const tooMany = (): never => {
    throw new FunnelError('limit_exceeded', { what: 'The number of pieces after splitting', limit: MAX_ITEMS });
  };
  canonical.forEach((u, rank) => {
    const sw = scaleW(u.weight);
    const work = u.workload.isZero() ? 0 : u.workload.toNumber() * workScale;
    if (u.locked) {
      fixed[u.owner] = (fixed[u.owner] as bigint) + BigInt(sw);
      fixedWork[u.owner] = (fixedWork[u.owner] as number) + work;
      pinned[u.owner] = 1;
      return;
    }
    if (u.granularity === undefined || sw === 0 || sw === 0n) {
      if (items.length + 1 > MAX_ITEMS) tooMany();
      items.push({ unit: u, rank, piece: 0, w: Number(sw), big: fast ? undefined : BigInt(sw), work });
      return;
    }
    const w = BigInt(sw);
    {
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
    }
  });
  items.sort((a, b) => {
    if (a.w !== b.w) return b.w - a.w;
    if (a.big !== undefined && b.big !== undefined && a.big !== b.big) return a.big > b.big ? -1 : 1;
    return a.rank - b.rank || a.piece - b.piece;
  });
  const n = items.length;

  const limited = Number.isFinite(maxMoves);
  const clsKey = new Map<string, number>();
  const cls = new Int32Array(n);
  items.forEach((it, i) => {
    const s = splitIndex.get(it.unit.id);
    const weightKey = it.big === undefined ? String(it.w) : it.big.toString();
    const key = limited ? `${weightKey}|${s !== undefined ? `u${s}` : `o${it.unit.owner}`}` : weightKey;
    let c = clsKey.get(key);
    if (c === undefined) clsKey.set(key, (c = clsKey.size));
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

  // ---- exact evaluation ------------------------------------------------------------------
  const exactLoads = (rep: Int32Array): bigint[] => {
    if (fast) {
      const sums = new Float64Array(m);
      for (let i = 0; i < n; i++) sums[rep[i] as number] = (sums[rep[i] as number] as number) + (items[i] as Item).w;
      return fixed.map((f, r) => f + BigInt(sums[r] as number));
    }
    const load = [...fixed];
    for (let i = 0; i < n; i++) load[rep[i] as number] = (load[rep[i] as number] as bigint) + bigOf(items[i] as Item);
    return load;
  };
  const extremes = (load: bigint[]): { max: number; min: number } => {
    let max = 0;
    let min = 0;
    for (let r = 1; r < m; r++) {
      const f = { num: load[r] as bigint, den: C[r] as bigint };
      if (cmpFrac(f, { num: load[max] as bigint, den: C[max] as bigint }) > 0) max = r;
      if (cmpFrac(f, { num: load[min] as bigint, den: C[min] as bigint }) < 0) min = r;
    }
    return { max, min };
  };
  const objectiveOf = (rep: Int32Array): Frac => {
    const load = exactLoads(rep);
    const { max, min } = extremes(load);
    const cmax = C[max] as bigint;
    if (objective === 'max_relative_load') return { num: load[max] as bigint, den: cmax };
    const cmin = C[min] as bigint;
    return { num: (load[max] as bigint) * cmin - (load[min] as bigint) * cmax, den: cmax * cmin };
  };

  // ---- lower bound (numerators R = load × M over the common denominator D) -------------
  let D = 1n;
  for (const c of C) D = (D / gcd(D, c)) * c;
  const M = C.map((c) => D / c);
  const W = items.reduce((a, it) => a + bigOf(it), 0n) + fixed.reduce((a, f) => a + f, 0n);
  const sumC = C.reduce((a, c) => a + c, 0n);
  let lb = ceilDiv(W * D, sumC);
  for (let r = 0; r < m; r++) if ((fixed[r] as bigint) * (M[r] as bigint) > lb) lb = (fixed[r] as bigint) * (M[r] as bigint);
  {
    const prefix = [0n];
    for (let k = 0; k < n && k <= Math.floor((n - 1) / m) * m; k++) prefix.push((prefix[k] as bigint) + bigOf(items[k] as Item));
    for (let k = 0; k * m + 1 <= n; k++) {
      const group = (prefix[k * m + 1] as bigint) - (prefix[k * m - k] as bigint);
      let best: bigint | undefined;
      for (let r = 0; r < m; r++) {
        const v = ((fixed[r] as bigint) + group) * (M[r] as bigint);
        if (best === undefined || v < best) best = v;
      }
      if (best !== undefined && best > lb) lb = best;
    }
  }
  const achievable = (value: bigint): bigint => {
    let best: bigint | undefined;
    for (let r = 0; r < m; r++) {
      const Mr = M[r] as bigint;
      const v = ceilDiv(value, Mr) * Mr;
      if (best === undefined || v < best) best = v;
    }
    return best as bigint;
  };
  lb = achievable(lb);

  // ---- starts -------------------------------------------------------------------------------
  const budget: SearchBudget = { iterations: maxIterations, used: 0 };
  const starts: { method: TerritorySearchReport['start']; rep: Int32Array }[] = [];
  starts.push({ method: 'greedy', rep: relabelForOwners(problem, greedyPlan(problem)) });
  const kk = differencingPlan(problem);
  if (kk !== undefined) starts.push({ method: 'differencing', rep: relabelForOwners(problem, kk) });
  if (problem.owner.some((o) => o >= 0)) {
    const current = Int32Array.from(problem.owner);
    starts.push({ method: 'current_plan', rep: greedyPlan(problem, current) });
  }
  let start: (typeof starts)[number] | undefined;
  let startValue: Frac | undefined;
  let startMoves = 0;
  for (const s of starts) {
    const moves = countMoves(problem, s.rep);
    if (moves > maxMoves) continue;
    const value = objectiveOf(s.rep);
    const c = startValue === undefined ? -1 : cmpFrac(value, startValue);
    if (c < 0 || (c === 0 && moves < startMoves)) {
      start = s;
      startValue = value;
      startMoves = moves;
    }
  }
  if (start === undefined || startValue === undefined) {
    // Unreachable: the current plan always has zero counted moves.
    throw new FunnelError('invalid_option', { option: 'maxMoves', reason: 'no plan within the move budget' });
  }

  // ---- improvement -----------------------------------------------------------------------
  let plan = Int32Array.from(start.rep);
  improvePlan(problem, plan, budget, deadline, 'primary');
  if (cmpFrac(objectiveOf(plan), startValue) > 0) plan = Int32Array.from(start.rep);

  const meetsBound = (rep: Int32Array): boolean => {
    if (objective === 'spread') return objectiveOf(rep).num === 0n;
    const v = objectiveOf(rep);
    return cmpFrac(v, { num: lb, den: D }) <= 0;
  };

  let exactStatus: TerritorySearchReport['exact'];
  let nodes = 0;
  let proved = false;
  if (meetsBound(plan)) {
    exactStatus = 'not_needed';
    proved = true;
  } else if (maxNodes === 0) {
    exactStatus = 'off';
  } else if (n > EXACT_MAX_ITEMS || m < 2) {
    exactStatus = 'too_large';
  } else {
    const maxM = M.reduce((a, x) => (x > a ? x : a), 0n);
    if (W * maxM > MAX_SAFE || W * D > MAX_SAFE * sumC) {
      exactStatus = 'imprecise';
    } else {
      const ex = { M: Float64Array.from(M, (x) => Number(x)) };
      let result: ExactResult;
      if (objective === 'max_relative_load') {
        result = exactMax(problem, ex, Number(lb), plan, maxNodes, deadline);
        if (BigInt(result.lower) > lb) lb = BigInt(result.lower);
      } else {
        const avgCeil = Number(ceilDiv(W * D, sumC));
        const avgFloor = Number((W * D) / sumC);
        result = exactSpread(problem, ex, avgCeil, avgFloor, plan, maxNodes, deadline);
      }
      nodes = result.nodes;
      if (cmpFrac(objectiveOf(result.rep), objectiveOf(plan)) <= 0) plan = Int32Array.from(result.rep);
      proved = result.proved;
      exactStatus = result.proved ? 'proved' : (result.stopped ?? 'node_limit');
    }
  }

  // ---- secondary objective: workload -----------------------------------------------------
  if (prepared.some((u) => !u.workload.isZero()) && m > 1) {
    const polished = Int32Array.from(plan);
    improvePlan(problem, polished, budget, deadline, 'workload');
    if (cmpFrac(objectiveOf(polished), objectiveOf(plan)) <= 0 && countMoves(problem, polished) <= maxMoves) plan = polished;
  }
  if (!proved && meetsBound(plan)) proved = true;

  // ---- results --------------------------------------------------------------------------------
  return buildPlan({
    prepared,
    canonicalReps: repOrder.map(({ r }) => r.id),
    inputRepOrder: reps.map((r) => repIndex.get(r.id) as number),
    capacities,
    items,
    plan,
    repLoads: exactLoads(plan),
    digits,
    lowerBound: decimalOf({ num: lb * pow10(capDigits), den: D * pow10(digits) }),
    provenOptimal: proved,
    search: {
      start: start.method,
      startLargestRelativeLoad: relExtremes(start.rep).largest,
      startSpread: relExtremes(start.rep).spread,
      iterations: budget.used,
      nodes,
      exact: exactStatus,
      timeLimitHit: deadline.hit,
    },
  });

  function relExtremes(rep: Int32Array): { largest: Decimal; spread: Decimal } {
    const load = exactLoads(rep);
    const { max, min } = extremes(load);
    const rel = (r: number): Decimal => decimalOf({ num: (load[r] as bigint) * pow10(capDigits), den: (C[r] as bigint) * pow10(digits) });
    const cM = C[max] as bigint;
    const cm = C[min] as bigint;
    const spread = decimalOf({ num: ((load[max] as bigint) * cm - (load[min] as bigint) * cM) * pow10(capDigits), den: cM * cm * pow10(digits) });
    return { largest: rel(max), spread };
  }
}

interface BuildInput {
  readonly prepared: readonly PreparedUnit[];
  readonly canonicalReps: readonly string[];
  readonly inputRepOrder: readonly number[];
  readonly capacities: readonly Decimal[];
  readonly items: ReadonlyArray<{ readonly unit: PreparedUnit; readonly w: number; readonly big: bigint | undefined }>;
  readonly plan: Int32Array;
  /** Exact scaled load of each rep under the plan. */
  readonly repLoads: readonly bigint[];
  readonly digits: number;
  readonly lowerBound: Decimal;
  readonly provenOptimal: boolean;
  readonly search: TerritorySearchReport;
}

const ZERO = new Decimal(0);

/** `la/ca − lz/cz` computed as one fraction and rounded once. */
function spreadOf(la: Decimal, ca: Decimal, lz: Decimal, cz: Decimal): Decimal {
  return la.times(cz).minus(lz.times(ca)).div(ca.times(cz));
}

function buildPlan(input: BuildInput): TerritoryPlan {
  const { prepared, canonicalReps, capacities, items, plan, digits } = input;
  const m = canonicalReps.length;
  const step = new Decimal(10).pow(-digits);
  const fromScaled = (x: bigint): Decimal => new Decimal(x.toString()).times(step);
  // Rep of each unsplit unit; scaled weight per (unit, rep) for split units.
  const single = new Map<string, number>();
  const perUnit = new Map<string, Map<number, bigint>>();
  items.forEach((it, i) => {
    const r = plan[i] as number;
    if (it.unit.granularity === undefined) {
      single.set(it.unit.id, r);
      return;
    }
    let byRep = perUnit.get(it.unit.id);
    if (byRep === undefined) perUnit.set(it.unit.id, (byRep = new Map()));
    byRep.set(r, (byRep.get(r) ?? 0n) + (it.big ?? BigInt(it.w)));
  });
  const anyWork = prepared.some((u) => !u.workload.isZero());
  const works = Array.from({ length: m }, () => ZERO);
  const unitIds: string[][] = Array.from({ length: m }, () => []);
  const moves: TerritoryMove[] = [];
  let moveCount = 0;

  const assignments: TerritoryAssignment[] = prepared.map((u) => {
    let parts: [number, Decimal][];
    if (u.locked) {
      parts = [[u.owner, u.weight]];
    } else if (single.has(u.id)) {
      parts = [[single.get(u.id) as number, u.weight]];
    } else {
      const byRep = perUnit.get(u.id) as Map<number, bigint>;
      parts = [...byRep.entries()].sort((a, b) => a[0] - b[0]).map(([r, w]) => [r, fromScaled(w)]);
    }
    // Workload in proportion to weight; the last share takes the remainder so shares add up.
    let workLeft = u.workload;
    const shares: TerritoryShare[] = parts.map(([r, weight], k) => {
      let workload: Decimal;
      if (k === parts.length - 1) workload = workLeft;
      else {
        workload = u.weight.isZero() ? ZERO : u.workload.times(weight).div(u.weight);
        workLeft = workLeft.minus(workload);
      }
      if (anyWork) works[r] = (works[r] as Decimal).plus(workload);
      (unitIds[r] as string[]).push(u.id);
      return { repId: canonicalReps[r] as string, weight, workload };
    });
    if (u.ownerId !== undefined && !u.locked) {
      for (const [r, weight] of parts) {
        if (r === u.owner) continue;
        const forced = u.owner < 0;
        if (!forced) moveCount++;
        moves.push({ unitId: u.id, from: u.ownerId, to: canonicalReps[r] as string, weight, forced });
      }
    }
    return { unitId: u.id, shares, locked: u.locked };
  });

  const loads = input.repLoads.map(fromScaled);
  const rel = loads.map((l, r) => l.div(capacities[r] as Decimal));
  let hi = 0;
  let lo = 0;
  rel.forEach((x, r) => {
    if (x.gt(rel[hi] as Decimal)) hi = r;
    if (x.lt(rel[lo] as Decimal)) lo = r;
  });
  const largest = rel[hi] as Decimal;
  const smallest = rel[lo] as Decimal;
  // The spread as one exact fraction, rounded once (not a difference of rounded quotients).
  const spread = spreadOf(loads[hi] as Decimal, capacities[hi] as Decimal, loads[lo] as Decimal, capacities[lo] as Decimal);
  const lb = input.lowerBound;
  return {
    assignments,
    loads: input.inputRepOrder.map((r) => ({
      repId: canonicalReps[r] as string,
      capacity: capacities[r] as Decimal,
      load: loads[r] as Decimal,
      relativeLoad: rel[r] as Decimal,
      workload: works[r] as Decimal,
      relativeWorkload: (works[r] as Decimal).div(capacities[r] as Decimal),
      unitIds: unitIds[r] as string[],
    })),
    moves,
    moveCount,
    largestRelativeLoad: largest,
    smallestRelativeLoad: smallest,
    spread,
    lowerBound: lb,
    gap: lb.isZero() ? null : largest.minus(lb).div(lb),
    provenOptimal: input.provenOptimal,
    search: input.search,
  };
}
