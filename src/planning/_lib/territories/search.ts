import { because } from '../../../i18n/because.js';
import { FunnelError } from '../../../i18n/FunnelError.js';
import type { TerritorySearchReport } from '../../territoryTypes.js';
import { type ExactResult, exactMax, exactSpread } from '../exactSearch.js';
import { countMoves, differencingPlan, greedyPlan, improvePlan, relabelForOwners, type SearchBudget } from '../territorySearch.js';
import type { Evaluator } from './evaluate.js';
import { ceilDiv, cmpFrac, type Frac } from './fraction.js';
import type { TerritoryInput } from './input.js';
import type { LowerBound } from './lowerBound.js';
import type { ScaledProblem } from './scale.js';

/** Most items the exact search is run on. */
const EXACT_MAX_ITEMS = 256;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A constructive start. */
interface Start {
  readonly method: TerritorySearchReport['start'];
  readonly rep: Int32Array;
}

/** What the search found. */
export interface SearchOutcome {
  /** The rep of each item. */
  readonly plan: Int32Array;
  /** The start that was kept. */
  readonly start: Start;
  /** The lower bound's numerator over D, raised when the exact search proved more. */
  readonly lb: bigint;
  readonly provenOptimal: boolean;
  readonly iterations: number;
  readonly nodes: number;
  readonly exact: TerritorySearchReport['exact'];
}

/**
 * The constructive starts (greedy, Karmarkar–Karp differencing when capacities are
 * equal, the current plan) and the best of them within the move budget.
 */
function bestStart(input: TerritoryInput, scaledProblem: ScaledProblem, evaluate: Evaluator): { start: Start; value: Frac } {
  const { problem } = scaledProblem;
  const starts: Start[] = [{ method: 'greedy', rep: relabelForOwners(problem, greedyPlan(problem)) }];
  const kk = differencingPlan(problem);
  if (kk !== undefined) starts.push({ method: 'differencing', rep: relabelForOwners(problem, kk) });
  if (problem.owner.some((o) => o >= 0)) starts.push({ method: 'current_plan', rep: greedyPlan(problem, Int32Array.from(problem.owner)) });
  let best: { start: Start; value: Frac; moves: number } | undefined;
  for (const s of starts) {
    const moves = countMoves(problem, s.rep);
    if (moves > input.maxMoves) continue;
    const value = evaluate.objective(s.rep);
    const c = best === undefined ? -1 : cmpFrac(value, best.value);
    if (c < 0 || (c === 0 && moves < best!.moves)) best = { start: s, value, moves };
  }
  // Unreachable: the current plan always has zero counted moves.
  // Stryker disable next-line all: the guard above is never reached
  if (best === undefined) throw new FunnelError('invalid_option', { option: 'maxMoves', reason: because('no_plan_within_moves') });
  return best;
}

/**
 * Stage 4 of territory balancing: the search. (1) The best constructive start; (2)
 * local improvement (moves and swaps) within the iteration budget, never worse than the
 * start; (3) for up to 256 items, an exact branch and bound within the node budget, which
 * may prove the plan optimal or raise the lower bound; (4) when workloads are given, a
 * polish of the largest relative workload that never makes the objective worse.
 */
export function searchPlan(input: TerritoryInput, scaledProblem: ScaledProblem, evaluate: Evaluator, bound: LowerBound): SearchOutcome {
  const { problem } = scaledProblem;
  const { objective, maxNodes, maxMoves, deadline } = input;
  const { D, M, W, sumC } = bound;
  const { m, n } = problem;
  let lb = bound.lb;

  const { start, value: startValue } = bestStart(input, scaledProblem, evaluate);
  const budget: SearchBudget = { iterations: input.maxIterations, used: 0 };
  let plan = Int32Array.from(start.rep);
  improvePlan(problem, plan, budget, deadline, 'primary');
  if (cmpFrac(evaluate.objective(plan), startValue) > 0) plan = Int32Array.from(start.rep);

  const meetsBound = (rep: Int32Array): boolean => {
    const v = evaluate.objective(rep);
    return objective === 'spread' ? v.num === 0n : cmpFrac(v, { num: lb, den: D }) <= 0;
  };

  let exact: TerritorySearchReport['exact'];
  let nodes = 0;
  let proved = false;
  if (meetsBound(plan)) {
    exact = 'not_needed';
    proved = true;
  } else if (maxNodes === 0) {
    exact = 'off';
  } else if (
    n > EXACT_MAX_ITEMS ||
    // Stryker disable next-line all: a guard that is never reached: with one rep the start always meets the bound ('not_needed')
    m < 2
  ) {
    exact = 'too_large';
  } else {
    const maxM = M.reduce((a, x) => (x > a ? x : a), 0n);
    // Every numerator the exact search forms is at most W × max M, so it works in safe
    // integers; that covers the spread search's averages too (W·D / ΣC ≤ W·D / C[r] = W·M[r]).
    if (W * maxM > MAX_SAFE) {
      exact = 'imprecise';
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
      // Stryker disable next-line EqualityOperator: equivalent as `< 0`; the exact search returns a copy of the incumbent unless it found a strictly better plan (in safe integers)
      if (cmpFrac(evaluate.objective(result.rep), evaluate.objective(plan)) <= 0) plan = Int32Array.from(result.rep);
      proved = result.proved;
      exact = result.proved ? 'proved' : (result.stopped ?? 'node_limit');
    }
  }

  // Workload is a secondary objective, never traded against the primary one.
  // A shortcut only: with no workload, or one rep, improvePlan finds no step and changes nothing.
  // Stryker disable next-line LogicalOperator,EqualityOperator: equivalent, see above
  if (input.units.some((u) => !u.workload.isZero()) && m > 1) {
    const polished = Int32Array.from(plan);
    // Stryker disable next-line StringLiteral: equivalent; improvePlan tells its phases apart by phase === 'primary'
    improvePlan(problem, polished, budget, deadline, 'workload');
    if (cmpFrac(evaluate.objective(polished), evaluate.objective(plan)) <= 0 && countMoves(problem, polished) <= maxMoves) plan = polished;
  }
  if (!proved && meetsBound(plan)) proved = true;
  return { plan, start, lb, provenOptimal: proved, iterations: budget.used, nodes, exact };
}
