// The public types of balanceTerritories (地盘), in a module of their own so that the
// private stages under ./_lib/territories/ can use them without importing their caller.
import type { Decimal, DecimalLike } from '../money/decimal.js';

/**
 * One unit of territory (地盘) to be assigned: a region, a province, an account, or any
 * grouping, weighted by the business the funnel shows there.
 */
export interface TerritoryUnit {
  /** Unique id of the unit. */
  readonly id: string;
  /** Its weight, usually the weighted pipeline (加权预测) in one currency; ≥ 0. */
  readonly weight: DecimalLike;
  /**
   * An optional second weight for workload (account count, visits); ≥ 0.
   * @defaultValue 0
   */
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
 */
export interface TerritoryRep {
  /** Unique id of the rep. */
  readonly id: string;
  /**
   * Capacity factor, > 0.
   * @defaultValue 1
   */
  readonly capacity?: DecimalLike;
}

/**
 * What a territory plan optimises:
 *
 * - `'max_relative_load'` (default): the largest relative load (load ÷ capacity), so that
 *   nobody is overloaded ("nobody fat");
 * - `'spread'`: largest minus smallest relative load, so that nobody is starved either.
 */
export type TerritoryObjective = 'max_relative_load' | 'spread';

/**
 * Options for {@link balanceTerritories}.
 *
 * The work budgets (`maxNodes`, `maxIterations`) make the result deterministic: the same
 * input always gives the same plan, on any machine. `timeLimitMs` is only a safety cap;
 * when it cuts a search short, the result depends on the speed of the machine.
 */
export interface BalanceTerritoriesOptions {
  /**
   * The objective.
   * @defaultValue `'max_relative_load'`
   */
  readonly objective?: TerritoryObjective;
  /**
   * Most moves from the current plan (a unit given to a rep other than its owner; for a
   * split unit, each rep other than the owner that receives a share). Moves of units
   * whose owner is not among the reps are forced and not counted.
   * @defaultValue unlimited
   */
  readonly maxMoves?: number;
  /**
   * Node budget of the exact branch and bound (bin completion); 0 turns it off.
   * @defaultValue 10 000 000 (well under a second on a laptop)
   */
  readonly maxNodes?: number;
  /**
   * Iteration budget of the local improvement (moves and swaps).
   * @defaultValue 100 000
   */
  readonly maxIterations?: number;
  /**
   * Optional wall-clock cap in milliseconds on the whole search. Results then depend on
   * machine speed; leave it out where reproducibility matters (tests never set it).
   */
  readonly timeLimitMs?: number;
}

/**
 * The part of a unit a rep receives (the whole unit unless it is split).
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
  /** `(largestRelativeLoad − lowerBound) / lowerBound`, a rate (0 = proved optimal by the bound); null when the bound is 0. */
  readonly gap: number | null;
  /**
   * True when the plan is proved optimal for the objective: for `'max_relative_load'`
   * when the largest relative load equals the lower bound or the exact search exhausted
   * every better plan; for `'spread'` when the spread is 0 or the search was exhausted.
   */
  readonly provenOptimal: boolean;
  /** How the plan was found. */
  readonly search: TerritorySearchReport;
}
