import { solveLinearSystem } from './_lib/linalg.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { Reason } from '../i18n/params.js';
import type { TransitionModel } from './estimateTransitionModel.js';

/**
 * What {@link winProbabilities} needs: states with kinds and a row of transition
 * probabilities per open state (`null` = no data), optionally mean stay days. A
 * {@link TransitionModel} fits, and so does a chain written by hand.
 *
 * @example
 * ```ts
 * import type { TransitionChain } from 'sales-funnel';
 * const chain: TransitionChain = {
 *   states: [{ id: 'lead', kind: 'open' }, { id: 'won', kind: 'won' }, { id: 'lost', kind: 'lost' }],
 *   probabilities: [[0, 0.4, 0.6], null, null],
 *   meanStayDays: [20, null, null],
 * };
 * ```
 */
export type TransitionChain = Pick<TransitionModel, 'states' | 'probabilities'> & Partial<Pick<TransitionModel, 'meanStayDays'>>;

/**
 * Why a stage has no answer: `no_data` — the stage, or a stage it can move to, has no
 * observed exits; `not_absorbed` — from it a deal can end up cycling among open stages
 * forever without closing.
 */
export type StageOutlookGap = 'no_data' | 'not_absorbed';

/**
 * A stage's outlook under the Markov model: where deals standing in it end up and how
 * long it takes.
 */
export interface StageOutlook {
  /** The stage. */
  readonly stageId: string;
  /** Its kind. */
  readonly kind: TransitionModel['states'][number]['kind'];
  /** Probability of eventually winning (the sum over won stages); 1 for won, 0 for lost stages; `null` when unknown (see `gap`). */
  readonly winProbability: number | null;
  /** Probability of ending in each won or lost stage, in state order; `null` when unknown. */
  readonly absorption: ReadonlyArray<{ readonly stageId: string; readonly probability: number }> | null;
  /** Expected number of stage moves until the deal closes (the closing move included); 0 for won and lost stages. */
  readonly expectedSteps: number | null;
  /** Expected days until the deal closes, from the mean stays; `null` when unknown or a stage it may visit has no timed stays. */
  readonly expectedDays: number | null;
  /** Why the figures are `null`, when they are. */
  readonly gap?: StageOutlookGap;
}

/**
 * Result of {@link winProbabilities}.
 */
export interface WinProbabilities {
  /** One outlook per state, in state order. */
  readonly stages: readonly StageOutlook[];
}

const ROW_TOLERANCE = 1e-9;

function checkChain(chain: TransitionChain): void {
  const bad = (reason: Reason) => new FunnelError('invalid_argument', { name: 'model', reason });
  if (typeof chain !== 'object' || chain === null) throw bad(because('must_be_object'));
  if (!Array.isArray(chain.states) || !Array.isArray(chain.probabilities)) throw bad(because('model_arrays'));
  const n = chain.states.length;
  if (chain.probabilities.length !== n) throw bad(because('model_rows'));
  if (chain.meanStayDays !== undefined && (!Array.isArray(chain.meanStayDays) || chain.meanStayDays.length !== n)) throw bad(because('model_stay_entries'));
  const ids = new Set<unknown>();
  chain.states.forEach((state, i) => {
    // A state that is not an object has no kind: reported as such.
    const s = (typeof state === 'object' && state !== null ? state : {}) as Partial<TransitionChain['states'][number]>;
    if (s.kind !== 'open' && s.kind !== 'won' && s.kind !== 'lost') throw bad(because('model_state_kind', { index: i, kind: String(s.kind) }));
    if (ids.has(s.id)) throw bad(because('model_state_twice', { id: String(s.id) }));
    ids.add(s.id);
    const row = chain.probabilities[i];
    const days = chain.meanStayDays?.[i];
    if (days !== undefined && days !== null && !(Number.isFinite(days) && days >= 0)) throw bad(because('model_stay_days', { index: i }));
    if (s.kind !== 'open' || row === null || row === undefined) return;
    if (!Array.isArray(row) || row.length !== n) throw bad(because('model_row_length', { index: i, count: n }));
    let total = 0;
    for (const v of row) {
      if (!(Number.isFinite(v) && v >= 0)) throw bad(because('model_row_entry', { index: i }));
      total += v;
    }
    // Stryker disable next-line EqualityOperator: equivalent in practice; a row sum exactly ROW_TOLERANCE away from 1 is a tie at the tolerance's edge
    if (Math.abs(total - 1) > ROW_TOLERANCE) throw bad(because('model_row_sum', { index: i, total: String(total) }));
  });
}

/** States reachable backwards from `targets` along edges i → j of `edges` (i's that can reach a target). */
function canReach(n: number, edges: ReadonlyArray<readonly number[]>, targets: readonly number[]): boolean[] {
  const reverse: number[][] = Array.from({ length: n }, () => []);
  edges.forEach((out, i) => out.forEach((j) => reverse[j]!.push(i)));
  // Stryker disable next-line ArrayDeclaration: equivalent; an empty array's holes read as undefined, falsy like false
  const seen = new Array<boolean>(n).fill(false);
  const stack = [...targets];
  for (const t of targets) seen[t] = true;
  while (stack.length > 0) {
    const j = stack.pop()!;
    for (const i of reverse[j]!) {
      if (!seen[i]) {
        seen[i] = true;
        stack.push(i);
      }
    }
  }
  return seen;
}

/**
 * Each stage's probability of eventually winning (最终赢单概率) and expected number of
 * stage moves and days to close, from the absorbing Markov chain of a transition model.
 *
 * Open stages are transient, won and lost stages absorbing. With Q the transition
 * probabilities among open stages and R those from open to closed stages, the
 * fundamental matrix N = (I − Q)⁻¹ gives the expected visits to each open stage;
 * B = N·R the probability of ending in each closed stage (a stage's win probability is
 * the sum over won stages), t = N·1 the expected moves to close, and N·d the expected
 * days, where d holds the mean stay days (a semi-Markov reading: each visit lasts the
 * stage's mean stay). N is computed by Gaussian elimination with partial pivoting.
 *
 * Won stages have win probability 1, lost stages 0, and both 0 steps and days. A stage
 * whose figures cannot be known gets `null`s and a `gap`: `no_data` when it, or a stage
 * it can reach, has no observed exits (a `null` row); `not_absorbed` when from it a
 * deal can cycle among open stages without ever closing.
 *
 * @param model - A {@link TransitionModel}, or any chain of that shape (rows of open
 *   stages must be non-negative and add up to 1 within 1e-9; rows of won and lost
 *   stages are ignored).
 * @returns One {@link StageOutlook} per state, in state order.
 * @throws {@link FunnelError} `invalid_argument` for a malformed chain.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { winProbabilities } from 'sales-funnel';
 * // The drunkard's walk on 0…4: 0 = lost, 4 = won, a fair step left or right otherwise.
 * const w = winProbabilities({
 *   states: [{ id: '0', kind: 'lost' }, { id: '1', kind: 'open' }, { id: '2', kind: 'open' }, { id: '3', kind: 'open' }, { id: '4', kind: 'won' }],
 *   probabilities: [null, [0.5, 0, 0.5, 0, 0], [0, 0.5, 0, 0.5, 0], [0, 0, 0.5, 0, 0.5], null],
 * });
 * w.stages.map((s) => s.winProbability?.toFixed(2)); //=> ['0.00', '0.25', '0.50', '0.75', '1.00']
 * w.stages.map((s) => s.expectedSteps?.toFixed(2)); //=> ['0.00', '3.00', '4.00', '3.00', '0.00']
 * ```
 */
export function winProbabilities(model: TransitionChain): WinProbabilities {
  checkChain(model);
  const states = model.states;
  const n = states.length;
  const open = states.flatMap((s, i) => (s.kind === 'open' ? [i] : []));
  const closed = states.flatMap((s, i) => (s.kind === 'open' ? [] : [i]));
  const rowOf = (i: number) => model.probabilities[i] ?? null;
  // Edges i → j with positive probability, out of open states only.
  const edges = states.map((s, i) => {
    // Equivalent mutant: `true` (edges out of a closed state are never walked: canReach goes backwards into open states' edges, and the walk below pushes open states only).
    const row = s.kind === 'open' ? rowOf(i) : null;
    return row === null ? [] : row.flatMap((v, j) => (v > 0 ? [j] : []));
  });
  const noData = open.filter((i) => rowOf(i) === null);
  const reachesClosed = canReach(n, edges, closed);
  // Equivalent mutant: `true` for `rowOf(i) !== null` (a stage without data then counts as trapped too, and its gap, and that of every stage reaching it, is still no_data, checked first).
  const trapped = open.filter((i) => rowOf(i) !== null && !reachesClosed[i]);
  const reachesNoData = canReach(n, edges, noData);
  const reachesTrap = canReach(n, edges, trapped);
  const good = open.filter((i) => !reachesNoData[i] && !reachesTrap[i]);

  const position = new Map(good.map((i, k) => [i, k]));
  const g = good.length;
  const iMinusQ = good.map((i, r) => good.map((j, c) => (r === c ? 1 : 0) - rowOf(i)![j]!));
  const identity = good.map((_, r) => good.map((__, c) => (r === c ? 1 : 0)));
  // Equivalent mutants: `false` and a non-empty array (with no good state, nothing reads the fundamental matrix).
  const fundamental = g === 0 ? [] : solveLinearSystem(iMinusQ, identity);

  const days = model.meanStayDays;
  // Open states reachable from each good state (for "a stage it may visit has no timed stays").
  const reachable = good.map((i) => {
    const seen = new Set<number>([i]);
    const stack = [i];
    while (stack.length > 0) {
      for (const j of edges[stack.pop()!]!) {
        // Stryker disable next-line OptionalChaining: equivalent; j is a state's index, never out of range
        if (!seen.has(j) && states[j]?.kind === 'open') {
          seen.add(j);
          stack.push(j);
        }
      }
    }
    return seen;
  });

  const stages = states.map((s, i): StageOutlook => {
    if (s.kind !== 'open') {
      return {
        stageId: s.id,
        kind: s.kind,
        winProbability: s.kind === 'won' ? 1 : 0,
        absorption: closed.map((j) => ({ stageId: (states[j] as { id: string }).id, probability: j === i ? 1 : 0 })),
        expectedSteps: 0,
        expectedDays: 0,
      };
    }
    const k = position.get(i);
    // Equivalent mutant: `fundamental === null` to false (without trapped states I − Q is invertible; the guard is defensive).
    if (k === undefined || fundamental === null) {
      return {
        stageId: s.id,
        kind: s.kind,
        winProbability: null,
        absorption: null,
        expectedSteps: null,
        expectedDays: null,
        gap: reachesNoData[i] ? 'no_data' : 'not_absorbed',
      };
    }
    const nRow = fundamental[k] as number[];
    const absorption = closed.map((j) => {
      let p = 0;
      good.forEach((m, c) => (p += nRow[c]! * rowOf(m)![j]!));
      return { stageId: (states[j] as { id: string }).id, probability: Math.min(1, Math.max(0, p)) };
    });
    let win = 0;
    absorption.forEach((a, c) => {
      // Stryker disable next-line OptionalChaining: equivalent; closed holds states' indices
      if (states[closed[c]!]?.kind === 'won') win += a.probability;
    });
    const expectedSteps = nRow.reduce((a, b) => a + b, 0);
    let expectedDays: number | null = 0;
    for (const m of reachable[k] as Set<number>) {
      const d = days?.[m];
      if (d === null || d === undefined) {
        expectedDays = null;
        break;
      }
      expectedDays += nRow[position.get(m)!]! * d;
    }
    return { stageId: s.id, kind: s.kind, winProbability: Math.min(1, Math.max(0, win)), absorption, expectedSteps, expectedDays };
  });
  return { stages };
}
