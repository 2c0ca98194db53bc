import { evaluator } from './_lib/territories/evaluate.js';
import { decimalOf, pow10 } from './_lib/territories/fraction.js';
import { readTerritoryInput } from './_lib/territories/input.js';
import { lowerBound } from './_lib/territories/lowerBound.js';
import { territoryPlan } from './_lib/territories/result.js';
import { scaleProblem } from './_lib/territories/scale.js';
import { searchPlan } from './_lib/territories/search.js';
import type { BalanceTerritoriesOptions, TerritoryPlan, TerritoryRep, TerritoryUnit } from './territoryTypes.js';

export type {
  BalanceTerritoriesOptions,
  TerritoryAssignment,
  TerritoryLoad,
  TerritoryMove,
  TerritoryObjective,
  TerritoryPlan,
  TerritoryRep,
  TerritorySearchReport,
  TerritoryShare,
  TerritoryUnit,
} from './territoryTypes.js';

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
 * capacity, then the smaller rep id) and, when all capacities are equal and there are at
 * most 20 000 pieces, Karmarkar–Karp differencing; the better one is kept, or the current
 * plan (units stay with their owners, the rest placed greedily) when the others need more
 * than `maxMoves`. Reps of equal capacity are then relabelled to keep as many units as
 * possible with their current owner, which changes no load. (2) Local improvement by
 * moving one unit or swapping two between a most-loaded rep and another rep. (3) For up
 * to 256 units (after splitting), an exact branch and bound within `maxNodes`. (4) When
 * workloads are given, a polish that lowers the largest relative workload without making
 * the objective worse: workload is a secondary objective, never traded against the
 * primary one. The result is never worse than the start, and the same input (in any
 * order) always gives the same plan.
 *
 * **Large books.** Up to 5 000 000 pieces after splitting. Beyond 20 000 pieces the
 * search runs in a large-book mode in which every step is linear or n log n in the
 * pieces: no differencing start (its memory grows with pieces × reps), the greedy takes
 * the least-loaded rep of each capacity from a heap, and each improvement step pairs a
 * most-loaded rep with a bounded set of partners (the 8 least loaded, then reps spread
 * over all loads, up to 1 024 of their units or 256 reps) and tries swaps for at most 128
 * of its units, evenly spaced by weight. Up to 20 000 pieces the plans are those of
 * 0.2.0. Measured with 100 reps of capacity 1 and uniform weights (wall time on a 2-core
 * machine, Node.js 20, default heap; every plan on its lower bound):
 *
 * | pieces | shape | time (about) | heap growth |
 * | --- | --- | --- | --- |
 * | 200 000 | separate units | 1.7 s (0.2.0: 6.2 s) | 0.12 GB |
 * | 200 000 | separate units, owners, `maxMoves` | 1.7 s (0.2.0: 46 s) | 0.11 GB |
 * | 1 000 000 | separate units | 8 s | 0.55 GB |
 * | 5 000 000 | separate units | 60 s | 2.6 GB |
 * | 5 000 000 | 5 000 units split in pieces of 1 | 7 s | 0.16 GB (0.5 GB resident) |
 *
 * Separate units cost about 550 bytes each for reading them and building the plan;
 * 5 000 000 of them (with the caller's own 0.5 GB) come near the default heap of about
 * 4 GB: raise it with `node --max-old-space-size=…` for books of that size. The solver
 * itself needs about 100 bytes a piece.
 *
 * **Lower bound.** With loads measured in the finest decimal step of the weights,
 * `lowerBound` is the largest of: the total weight over the total capacity; each locked
 * load over its rep's capacity; for k = 0, 1, …, the sum of the k + 1 smallest of the
 * k·m + 1 heaviest movable pieces added to the rep where it would weigh least (of any
 * k·m + 1 pieces, some rep receives k + 1); rounded up to the next value a rep's relative
 * load can take (a whole number of steps over its capacity). When the exact search
 * proves that no plan stays below a value, the bound is raised to it. The bound ignores
 * workloads and (unless raised by the search) the move budget. `gap` =
 * (largest − bound) / bound, a rate (`number`, `null` when the bound is 0).
 *
 * @param units - The units to assign (any order; ids unique).
 * @param reps - The reps (any order; ids unique; at least one).
 * @param options - Objective, move budget, work budgets and an optional time cap.
 * @returns The plan: assignment, loads, moves, lower bound, gap and proof status.
 * @throws {@link FunnelError} `invalid_argument` for duplicate ids, negative weights,
 *   non-positive capacities or granularities, a locked unit whose owner is not a rep, or
 *   no reps; `invalid_option` for bad options; `limit_exceeded` for more than 5 000 000
 *   pieces after splitting (checked before they are made); `invalid_amount` for malformed
 *   numbers.
 * @category Planning
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
  const input = readTerritoryInput(units, reps, options);
  const scaled = scaleProblem(input);
  const evaluate = evaluator(scaled, input.objective);
  const bound = lowerBound(scaled);
  const found = searchPlan(input, scaled, evaluate, bound);
  const start = evaluate.extremes(found.start.rep);
  return territoryPlan({
    prepared: input.units,
    canonicalReps: input.repIds,
    inputRepOrder: input.inputRepOrder,
    capacities: input.capacities,
    canonicalUnits: input.canonicalUnits,
    unitOf: scaled.problem.unit,
    w: scaled.problem.w,
    big: scaled.big,
    plan: found.plan,
    repLoads: evaluate.loads(found.plan),
    digits: scaled.digits,
    lowerBound: decimalOf({ num: found.lb * pow10(scaled.capDigits), den: bound.D * pow10(scaled.digits) }),
    provenOptimal: found.provenOptimal,
    search: {
      start: found.start.method,
      startLargestRelativeLoad: start.largest,
      startSpread: start.spread,
      iterations: found.iterations,
      nodes: found.nodes,
      exact: found.exact,
      timeLimitHit: input.deadline.hit,
    },
  });
}
