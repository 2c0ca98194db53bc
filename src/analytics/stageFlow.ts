import { FunnelError } from '../i18n/FunnelError.js';
import type { PipelineId, StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
import {
  F_ADVANCED, F_ENTERED, F_LOST, F_REGRESSED, F_SKIPPED, F_STALLED, F_STILL, F_SUSPENDED, F_WON, FIELDS, flowRows,
} from './_lib/flowCounts.js';
import { instantMs } from './_lib/options.js';
import { pipelineIndex } from './_lib/pipelineIndex.js';
import { checkNumberOption, pipelineFilter, segmenter, sortedMap } from './_lib/segments.js';
import { ADVANCED, LOST_FROM, newSummary, REGRESSED, SKIPPED, WON_FROM, LedgerWalker } from './_lib/walkLedger.js';
import type { AnalyticsOptions, Segmented } from './segmented.js';

/**
 * One stage of a {@link StageFlow} table: what became of the stage entries counted.
 * Every entry ends as exactly one of `advanced`, `lost`, `regressed`, `stillThere`, so
 * `advanced + lost + regressed + stillThere = entered`; `won ⊆ advanced`,
 * `suspended ⊆ stillThere`, `stalled ⊆ stillThere`. Every rate is its count divided by
 * `entered`, and `null` when `entered` is 0.
 *
 * @example
 * ```ts
 * import type { StageFlowRow } from 'sales-funnel';
 * const pct = (r: StageFlowRow) => (r.advanceRate === null ? '—' : `${(r.advanceRate * 100).toFixed(1)} %`);
 * ```
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
 *
 * @example
 * ```ts
 * import type { StageFlowTable } from 'sales-funnel';
 * const entries = (t: StageFlowTable) => t.stages.reduce((n, r) => n + r.entered, 0);
 * ```
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
 * The result of {@link stageFlow}: its parameters (needed to merge shards) and the
 * tables overall and per segment.
 *
 * @example
 * ```ts
 * import type { StageFlow } from 'sales-funnel';
 * const lossAt = (f: StageFlow, stage: string) => f.overall.stages.find((r) => r.stageId === stage)?.lossRate ?? null;
 * ```
 */
export interface StageFlow extends Segmented<StageFlowTable> {
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
  /** The instant at which outcomes, "still there" and "stalled" were judged. */
  readonly asOf: Date;
}

/**
 * Options for {@link stageFlow}.
 *
 * @example
 * ```ts
 * import type { StageFlowOptions } from 'sales-funnel';
 * const q1: StageFlowOptions = {
 *   from: new Date('2026-01-01T00:00:00+08:00'),
 *   to: new Date('2026-04-01T00:00:00+08:00'),
 *   asOf: new Date('2026-06-30T16:00:00Z'),
 *   segmentBy: 'owner',
 * };
 * ```
 */
export interface StageFlowOptions extends AnalyticsOptions {
  /** Window start, inclusive. Default: no lower bound. */
  readonly from?: Date;
  /** Window end, exclusive (the window is the half-open `[from, to)`). Default: no upper bound. */
  readonly to?: Date;
  /**
   * The instant at which each entry's outcome is judged: ledger events after it are
   * ignored, entries without an exit by then are `stillThere`. Default: `to`; required
   * when `to` is absent. A later `asOf` than `to` lets the window's entries mature.
   */
  readonly asOf?: Date;
  /**
   * `'stage_entry'` (default): count the stays that began in the window (按进入阶段时间).
   * `'created'`: count every stay, up to `asOf`, of the deals created in the window (按创建时间).
   */
  readonly cohort?: 'stage_entry' | 'created';
  /**
   * How a stage a deal jumped over counts. `'passed'` (default): as an entry that
   * advanced (the deal went past it, as a reached-stage funnel counts it), so every
   * advance out of a stage is an entry into a later one. `'excluded'`: not at all, so
   * each stage's rates describe only deals that actually stood in it. Either way the
   * jumps are reported in `skipped`.
   */
  readonly skipped?: 'passed' | 'excluded';
  /** Stall threshold in days for stages without their own `stallAfterDays`. Default: none (those stages report `stalled` 0 and `stalledRate` null). */
  readonly stallAfterDays?: number;
}

/**
 * Stage flow (阶段流转): per open stage, what became of the deals that entered it —
 * advanced (升迁), lost (流失), regressed (退回), or still there (滞留), and of those,
 * stalled past the stage's threshold — with the rate of each.
 *
 * Definitions (see the guide "Funnel metrics" for worked examples):
 *
 * - The unit is a stage **entry** (a stay from {@link stageVisits}): a deal that
 *   regresses and comes back enters the stage again and is counted again.
 * - Cohort `'stage_entry'` counts the entries whose `enteredAt` lies in `[from, to)`;
 *   cohort `'created'` counts all entries (up to `asOf`) of the deals created in `[from, to)`.
 * - Each entry is judged at `asOf` and ends as exactly one of: `advanced` (left forward,
 *   including won from this stage), `lost`, `regressed`, `stillThere`. Hence
 *   **advanced + lost + regressed + stillThere = entered** for every stage, window and
 *   segment. Open deals are `stillThere` — censored, never counted as lost.
 * - `stalled`: entries still there, not suspended, whose time in the stage at `asOf`
 *   minus their suspended time exceeds (strictly) the stage's threshold.
 * - Every rate = count / entered, in [0, 1]; `null` when nothing entered (never 0/0).
 *
 * Reads the input once from any iterable; memory grows with stages × segments, not with
 * the number of deals. Results of disjoint shards combine with {@link mergeStageFlow}.
 *
 * @param opportunities - The deals (any iterable; read once; not modified).
 * @param pipeline - Their pipeline.
 * @param options - Window, `asOf`, cohort, skip treatment, stall fallback, segmentation.
 * @returns Tables overall and per segment, with the parameters used.
 * @throws {@link FunnelError} `invalid_option` for a missing `asOf` (with no `to`), an
 *   invalid date, `from` after `to` or a bad option value; `pipeline_mismatch` for a deal
 *   of another pipeline (unless `otherPipelines: 'ignore'`); `unknown_stage` for a ledger
 *   naming a stage the pipeline does not have.
 *
 * @example
 * ```ts
 * import { stageFlow, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const flow = stageFlow(deals, pipeline, {
 *   from: new Date('2026-01-01T00:00:00Z'),
 *   to: new Date('2026-04-01T00:00:00Z'),
 * });
 * for (const r of flow.overall.stages) {
 *   // r.advanced + r.lost + r.regressed + r.stillThere === r.entered
 *   console.log(r.stageId, r.entered, r.advanceRate, r.lossRate, r.stayRate);
 * }
 * ```
 */
export function stageFlow(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: StageFlowOptions = {}): StageFlow {
  const index = pipelineIndex(pipeline);
  const fromMs = instantMs(options.from, 'from', -Infinity);
  const toMs = instantMs(options.to, 'to', Infinity);
  if (fromMs > toMs) throw new FunnelError('invalid_option', { option: 'from', reason: 'is after to' });
  if (options.asOf === undefined && options.to === undefined) {
    throw new FunnelError('invalid_option', { option: 'asOf', reason: 'is required when the window has no end (to)' });
  }
  const asOfMs = instantMs(options.asOf ?? options.to, 'asOf', Infinity);
  const cohort = options.cohort ?? 'stage_entry';
  if (cohort !== 'stage_entry' && cohort !== 'created') {
    throw new FunnelError('invalid_option', { option: 'cohort', reason: "must be 'stage_entry' or 'created'" });
  }
  const skipMode = options.skipped ?? 'passed';
  if (skipMode !== 'passed' && skipMode !== 'excluded') {
    throw new FunnelError('invalid_option', { option: 'skipped', reason: "must be 'passed' or 'excluded'" });
  }
  const fallback = options.stallAfterDays === undefined ? null : checkNumberOption(options.stallAfterDays, 'stallAfterDays', 0, true);
  const thresholds = index.openStages.map((s) => s.stallAfterDays ?? fallback);
  // Thresholds in ms, NaN meaning none (a NaN comparison is false: never stalled).
  const thresholdMs = Float64Array.from(thresholds, (d) => (d === null ? NaN : d * MS_PER_DAY));
  const keyOf = segmenter(options);
  const belongs = pipelineFilter(pipeline, options);
  const width = index.openStages.length * FIELDS;
  const passed = skipMode === 'passed';
  const byEntry = cohort === 'stage_entry';

  // The stays of one deal, buffered until the deal's cohort membership is known.
  let cap = 32;
  let n = 0;
  let bStage = new Int32Array(cap);
  let bOutcome = new Int32Array(cap);
  let bEntered = new Float64Array(cap);
  let bSusp = new Float64Array(cap);
  const sink = (stageIndex: number, enteredMs: number, _left: number, outcome: number, _to: string | undefined, _ti: number, suspendedMs: number): void => {
    if (n === cap) {
      cap *= 2;
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
      bStage = grow(bStage, new Int32Array(cap));
      bOutcome = grow(bOutcome, new Int32Array(cap));
      bEntered = grow(bEntered, new Float64Array(cap));
      bSusp = grow(bSusp, new Float64Array(cap));
    }
    bStage[n] = stageIndex;
    bOutcome[n] = outcome;
    bEntered[n] = enteredMs;
    bSusp[n] = suspendedMs;
    n++;
  };

  const overallAcc: { counts: Float64Array; deals: number } = { counts: new Float64Array(width), deals: 0 };
  const segments = new Map<string, { counts: Float64Array; deals: number }>();
  const summary = newSummary();
  const walker = new LedgerWalker(index, sink);

  for (const o of opportunities) {
    if (!belongs(o)) continue;
    n = 0;
    walker.walk(o, asOfMs, summary);
    if (!byEntry && !(summary.createdMs >= fromMs && summary.createdMs < toMs)) continue;
    // Each deal counts into one table: its segment's, or the overall one when unsegmented
    // (the overall table of a segmented flow is the sum of the segments, made at the end).
    let target = overallAcc;
    if (keyOf !== undefined) {
      const key = keyOf(o);
      let seg = segments.get(key);
      if (seg === undefined) segments.set(key, (seg = { counts: new Float64Array(width), deals: 0 }));
      target = seg;
    }
    const c = target.counts;
    let counted = !byEntry;
    for (let i = 0; i < n; i++) {
      const entered = bEntered[i] as number;
      if (byEntry && !(entered >= fromMs && entered < toMs)) continue;
      const base = (bStage[i] as number) * FIELDS;
      counted = true;
      switch (bOutcome[i]) {
        case SKIPPED:
          c[base + F_SKIPPED]!++;
          if (!passed) continue;
          c[base + F_ADVANCED]!++;
          break;
        case ADVANCED:
          c[base + F_ADVANCED]!++;
          break;
        case WON_FROM:
          c[base + F_ADVANCED]!++;
          c[base + F_WON]!++;
          break;
        case LOST_FROM:
          c[base + F_LOST]!++;
          break;
        case REGRESSED:
          c[base + F_REGRESSED]!++;
          break;
        default: // STILL_OPEN
          c[base + F_STILL]!++;
          if (summary.suspended) c[base + F_SUSPENDED]!++;
          else if (asOfMs - entered - (bSusp[i] as number) > (thresholdMs[bStage[i] as number] as number)) c[base + F_STALLED]!++;
          break;
      }
      c[base + F_ENTERED]!++;
    }
    if (counted) target.deals++;
  }
  if (keyOf !== undefined) {
    for (const seg of segments.values()) {
      overallAcc.deals += seg.deals;
      for (let j = 0; j < width; j++) overallAcc.counts[j]! += seg.counts[j] as number;
    }
  }

  const table = (counts: Float64Array, deals: number): StageFlowTable => ({ deals, stages: flowRows(index, counts, thresholds) });
  return {
    pipelineId: pipeline.id,
    cohort,
    skipped: skipMode,
    ...(options.from === undefined ? {} : { from: new Date(fromMs) }),
    ...(options.to === undefined ? {} : { to: new Date(toMs) }),
    asOf: new Date(asOfMs),
    overall: table(overallAcc.counts, overallAcc.deals),
    segments: sortedMap(segments, (s) => table(s.counts, s.deals)),
  };
}
