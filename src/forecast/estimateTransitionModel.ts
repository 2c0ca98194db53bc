import { stageVisits } from '../analytics/stageVisits.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { pipelineIndex } from '../model/pipelineIndex.js';
import type { StageKind } from '../model/stage.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
import { toInstant, type InstantInput } from '../time/instant.js';
import { checkDeal, checkDealIterable } from '../model/dealArguments.js';

/**
 * One state of a stage-transition model: a stage id and its kind (open stages are
 * transient, won and lost stages absorbing).
 */
export interface TransitionModelState {
  /** Stage id. */
  readonly id: string;
  /** `open` (transient), `won` or `lost` (absorbing). */
  readonly kind: StageKind;
}

/**
 * A Markov model of stage transitions (阶段转移模型) learned from ledgers, as plain data.
 * Every array is aligned with `states` (the pipeline's stages, in listed order):
 * `counts[i][j]` is the number of observed moves from state i to state j.
 */
export interface TransitionModel {
  /** The states, in the pipeline's stage order. */
  readonly states: readonly TransitionModelState[];
  /** Observed moves: `counts[i][j]` from state i to state j. */
  readonly counts: ReadonlyArray<readonly number[]>;
  /** Observed exits from each state: the row sums of `counts` (0 for won and lost stages). */
  readonly exits: readonly number[];
  /**
   * Transition probabilities: `counts[i][j] / exits[i]`; `null` for a row without exits
   * (no data for an open stage; won and lost stages are absorbing and never have exits).
   */
  readonly probabilities: ReadonlyArray<readonly number[] | null>;
  /**
   * Mean days per completed stay in each open stage, net of suspended (中止) time, over
   * `timedStays[i]` stays; `null` when there are none (and for won and lost stages).
   */
  readonly meanStayDays: ReadonlyArray<number | null>;
  /** Completed stays with a known start, behind `meanStayDays`. */
  readonly timedStays: readonly number[];
  /** Deals read. */
  readonly dealCount: number;
}

/**
 * Options for {@link estimateTransitionModel}.
 */
export interface EstimateTransitionModelOptions {
  /**
   * Read the ledgers as of this instant (a `Date` or an ISO 8601 string with offset;
   * later events are ignored, an event exactly at `asOf` counts).
   *
   * @defaultValue just after the last event read: the whole ledgers
   */
  readonly asOf?: InstantInput;
}

/**
 * Estimates stage-to-stage transition probabilities (阶段转移概率) from the deals'
 * ledgers: the transition model behind {@link winProbabilities}.
 *
 * The ledger is read as `stageVisits` reads it. Every completed stay in an open stage
 * is one exit, counted from that stage to where the deal went: the next stage, a
 * later one (a skip counts as one move to the stage jumped to; the stages jumped over
 * get nothing), an earlier one (a backward move), or a won or lost stage (the `won` /
 * `lost` event). A deal still in a stage — open or suspended — adds no exit from it, so
 * open deals never bias the rates. `reopened` starts a new stay in the stage reopened
 * to; won and lost stages stay absorbing (a reopening is not counted as an exit from
 * them). Imported ledgers without `created` start in the first `stage_changed.from`.
 *
 * `probabilities[i][j]` = `counts[i][j]` / `exits[i]` (the denominator is the number
 * of completed stays in stage i), or `null` without exits. `meanStayDays[i]` is the
 * mean length of the completed stays in stage i, in exact days minus the days the deal
 * was suspended during the stay; the first stay of a ledger without `created` has no
 * known start and is left out of it.
 *
 * @param opportunities - The deals (any iterable; read once, not modified), all of `pipeline`.
 * @param pipeline - The pipeline: its stages are the model's states.
 * @param options - `asOf`, to learn only from what was known at an instant (default: everything).
 * @returns The model: counts, probabilities and mean stays, aligned with `states`.
 * @throws {@link FunnelError} `pipeline_mismatch` for a deal of another pipeline;
 *   `unknown_stage` for a ledger naming a stage the pipeline does not have;
 *   `invalid_option` for an invalid `asOf`.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities,
 *   or an item of it that is not an opportunity (named `opportunities[i]`);
 *   `invalid_argument` (`pipeline`) for a value that is not a pipeline.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { estimateTransitionModel, winProbabilities, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const closedAndOpenDeals: Opportunity[];
 * const model = estimateTransitionModel(closedAndOpenDeals, pipeline);
 * model.probabilities[0]; // e.g. [0, 0.6, 0.1, 0, 0.3]: from the first stage, 60 % advance, 30 % lost
 * winProbabilities(model).stages[0]?.winProbability;
 * ```
 */
export function estimateTransitionModel(
  opportunities: Iterable<Opportunity>,
  pipeline: Pipeline,
  options: EstimateTransitionModelOptions = {},
): TransitionModel {
  const states = pipelineIndex(pipeline).pipeline.stages.map((s) => ({ id: s.id as string, kind: s.kind }));
  const n = states.length;
  const position = new Map(states.map((s, i) => [s.id, i]));
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const dayTotals = new Array<number>(n).fill(0);
  const timedStays = new Array<number>(n).fill(0);
  const visitOptions = options.asOf === undefined ? {} : { asOf: toInstant(options.asOf, 'asOf') };
  let dealCount = 0;
  checkDealIterable(opportunities, 'opportunities');
  for (const o of opportunities) {
    checkDeal(o, dealCount, 'opportunities');
    dealCount++;
    const visits = stageVisits(o, pipeline, visitOptions);
    const startKnown = o.history.some((e) => e.type === 'created');
    visits.forEach((v, k) => {
      if (v.outcome === 'skipped' || v.outcome === 'open' || v.leftAt === undefined || v.toStageId === undefined) return;
      const from = position.get(v.stageId);
      const to = position.get(v.toStageId);
      // Stryker disable next-line all: unreachable; stageVisits throws unknown_stage for a ledger naming a stage the pipeline lacks before this line sees it
      if (from === undefined || to === undefined) throw new FunnelError('unknown_stage', { stageId: from === undefined ? v.stageId : v.toStageId });
      // Won and lost stages are absorbing: a reopening is not an exit from them.
      if (states[from]!.kind !== 'open') return;
      counts[from]![to]! += 1;
      if (startKnown || k > 0) {
        dayTotals[from]! += (v.leftAt.getTime() - v.enteredAt.getTime()) / MS_PER_DAY - v.suspendedDays;
        timedStays[from]! += 1;
      }
    });
  }
  const exits = counts.map((row) => row.reduce((a, b) => a + b, 0));
  return {
    states,
    counts,
    exits,
    probabilities: counts.map((row, i) => (exits[i]! === 0 ? null : row.map((c) => c / exits[i]!))),
    meanStayDays: dayTotals.map((d, i) => (timedStays[i]! === 0 ? null : d / timedStays[i]!)),
    timedStays,
    dealCount,
  };
}
