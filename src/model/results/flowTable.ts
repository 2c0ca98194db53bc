// The stage-flow result: its public types and the one builder of its rows, shared by
// `stageFlow` / `mergeStageFlow` (src/analytics) and the decoder of `stageFlowSql`
// (src/sql), which may not import the analytics. The types are public through
// src/analytics/stageFlow.ts.
import type { Grouped } from '../groupBy.js';
import type { PipelineId, StageId } from '../ids.js';
import type { PipelineIndex } from '../pipelineIndex.js';
import { rate } from './rate.js';

/**
 * One stage of a {@link StageFlow} table: what became of the stage entries counted.
 * Every entry ends as exactly one of `advanced`, `lost`, `regressed`, `stillThere`, so
 * `advanced + lost + regressed + stillThere = entered`; `won ⊆ advanced`,
 * `suspended ⊆ stillThere`, `stalled ⊆ stillThere`. Every rate is its count divided by
 * `entered`, and `null` when `entered` is 0.
 */
export interface StageFlowRow {
  /** The open stage. */
  readonly stageId: StageId;
  /** Its position among the pipeline's open stages (0-based). */
  readonly stageIndex: number;
  /** Stage entries counted (进入数): stays that began in the window, or all stays of the deals created in it. */
  readonly entered: number;
  /** Entries that left forward (升迁), including winning from this stage and (with `skipped: 'passed'`) being jumped over. */
  readonly advanced: number;
  /** Of `advanced`: entries that ended in a won stage (赢单). */
  readonly won: number;
  /** Entries that ended in a lost stage (流失 / 输单). */
  readonly lost: number;
  /** Entries that moved back to an earlier open stage (退回). */
  readonly regressed: number;
  /** Entries still in the stage at `asOf` (滞留), suspended or not: censored, not lost. */
  readonly stillThere: number;
  /** Of `stillThere`: suspended (中止) at `asOf`. */
  readonly suspended: number;
  /** Of `stillThere`, not suspended: in the stage longer than `stallThresholdDays` at `asOf`, net of suspended time. */
  readonly stalled: number;
  /** Jumps over this stage in the cohort (counted in `entered` and `advanced` only with `skipped: 'passed'`). */
  readonly skipped: number;
  /** The stall threshold used (the stage's `stallAfterDays`, else `options.stallAfterDays`), or null when none. */
  readonly stallThresholdDays: number | null;
  /** 升迁率 = advanced / entered. */
  readonly advanceRate: number | null;
  /** 赢率 from this stage = won / entered. */
  readonly winRate: number | null;
  /** 流失率 = lost / entered. */
  readonly lossRate: number | null;
  /** 退回率 = regressed / entered. */
  readonly regressRate: number | null;
  /** 滞留率 = stillThere / entered. */
  readonly stayRate: number | null;
  /** 停滞率 = stalled / entered; null also when the stage has no threshold. */
  readonly stalledRate: number | null;
}

/**
 * A stage-flow table: the rows of the pipeline's open stages, in funnel order, and the
 * number of deals that contributed.
 */
export interface StageFlowTable {
  /**
   * Deals counted: with `cohort: 'created'`, the deals created in the window; with
   * `'stage_entry'`, the deals with at least one entry counted (skips included).
   */
  readonly deals: number;
  /** One row per open stage, in the pipeline's order. */
  readonly stages: readonly StageFlowRow[];
}

/**
 * The result of {@link stageFlow}: the table over every deal counted (`total`) and per
 * group (`groups`, in the one grouped shape of the library), with the parameters used
 * (needed to merge shards with {@link mergeStageFlow}).
 */
export interface StageFlow extends Grouped<StageFlowTable> {
  /** The pipeline analysed. */
  readonly pipelineId: PipelineId;
  /** Cohort definition used. */
  readonly cohort: 'stage_entry' | 'created';
  /** Skip treatment used. */
  readonly skipped: 'passed' | 'excluded';
  /** Window start (inclusive), if any. */
  readonly from?: Date;
  /** Window end (exclusive), if any. */
  readonly to?: Date;
  /**
   * The instant at which outcomes, "still there" and "stalled" were judged: `asOf` as
   * given, else the last event read (`null` when no deal read had any event).
   */
  readonly asOf: Date | null;
}

/**
 * The counters of one stage in a flow-count array, in this order (`FLOW_COUNTS.length`
 * numbers per open stage; the `F_*` constants are their offsets). The SQL decoder reads
 * its columns under these names.
 *
 * @internal
 */
export const FLOW_COUNTS = ['entered', 'advanced', 'won', 'lost', 'regressed', 'still', 'suspended', 'stalled', 'skipped'] as const;

/** Field offsets of one stage's counters in a flow-count array (`FIELDS` numbers per stage), as in {@link FLOW_COUNTS}. */
export const F_ENTERED = 0;
export const F_ADVANCED = 1;
export const F_WON = 2;
export const F_LOST = 3;
export const F_REGRESSED = 4;
export const F_STILL = 5;
export const F_SUSPENDED = 6;
export const F_STALLED = 7;
export const F_SKIPPED = 8;
export const FIELDS = FLOW_COUNTS.length;

/**
 * The rows of a stage-flow table from raw counts (`FIELDS` numbers per open stage, in
 * the order of {@link FLOW_COUNTS}) and each stage's stall threshold.
 *
 * @internal
 */
export function flowRows(index: PipelineIndex, counts: ArrayLike<number>, thresholds: readonly (number | null)[]): StageFlowRow[] {
  return index.open.map((stage, i): StageFlowRow => {
    const c = (f: number) => counts[i * FIELDS + f]!;
    const entered = c(F_ENTERED);
    const threshold = thresholds[i] ?? null;
    return {
      stageId: stage.id,
      stageIndex: i,
      entered,
      advanced: c(F_ADVANCED),
      won: c(F_WON),
      lost: c(F_LOST),
      regressed: c(F_REGRESSED),
      stillThere: c(F_STILL),
      suspended: c(F_SUSPENDED),
      stalled: c(F_STALLED),
      skipped: c(F_SKIPPED),
      stallThresholdDays: threshold,
      advanceRate: rate(c(F_ADVANCED), entered),
      winRate: rate(c(F_WON), entered),
      lossRate: rate(c(F_LOST), entered),
      regressRate: rate(c(F_REGRESSED), entered),
      stayRate: rate(c(F_STILL), entered),
      stalledRate: threshold === null ? null : rate(c(F_STALLED), entered),
    };
  });
}
