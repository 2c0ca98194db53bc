import { GroupAccumulator, type Grouped } from '../model/groupBy.js';
import type { Opportunity } from '../model/opportunity.js';
import type { PipelineId } from '../model/ids.js';
import type { Pipeline } from '../model/pipeline.js';
import { pipelineIndex } from '../model/pipelineIndex.js';
import type { InstantInput } from '../time/instant.js';
import { groupingOf, pipelineFilter } from './_lib/groups.js';
import { requiredInstantMs } from './_lib/options.js';
import { checkStallOptions, StallScanner, type StallClock, type StalledDeal, type StallThreshold } from './_lib/stall.js';
import { LedgerWalker, newSummary } from './_lib/walkLedger.js';
import type { AnalyticsOptions } from './analyticsOptions.js';

export type { StallClock, StalledDeal, StallRule, StallThreshold } from './_lib/stall.js';

/**
 * The result of {@link findStalled}: the stalled deals of every deal read (`total`) and
 * per group (every group met appears, with an empty list when none of its deals
 * stalled), most overdue first; plus, for the median rule, the medians used.
 */
export interface StalledDeals extends Grouped<readonly StalledDeal[]> {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** The instant the deals were judged at. */
  readonly asOf: Date;
  /** For `{ medianMultiple }`: each open stage's median completed stay in days (null when none completed), in funnel order. */
  readonly medianDays?: readonly (number | null)[];
}

/**
 * Options for {@link findStalled}.
 */
export interface FindStalledOptions extends AnalyticsOptions {
  /**
   * The instant to judge at (a `Date` or an ISO 8601 string with offset); ledger events
   * after it are ignored. Required: the library never reads the clock.
   */
  readonly asOf: InstantInput;
  /**
   * The clock: `'stage_entry'`, `'last_activity'` (follow-up activities only),
   * `'last_event'` (any ledger event) or `'created'`. See {@link StallClock}.
   *
   * @defaultValue `'stage_entry'`
   */
  readonly clock?: StallClock;
  /**
   * The threshold.
   *
   * @defaultValue `'stage'` (each stage's `stallAfterDays`)
   */
  readonly threshold?: StallThreshold;
}

/**
 * Finds stalled deals (停滞 / 滞留过久): open deals whose stall clock at `asOf` exceeds
 * (strictly) the threshold of the stage they stand in.
 *
 * - Clocks: `'stage_entry'` (default) = days since the deal entered its current stage;
 *   `'last_activity'` = days since its last follow-up activity (an `activity_logged`
 *   event: "nobody has talked to the customer"), counted from the deal's creation when
 *   it has none; an amount edit, a task tick or a stage move does not reset it;
 *   `'last_event'` = days since its last ledger event of any kind (a task, a stage move,
 *   an amount or date change, an activity…; before 0.3 this was `'last_activity'`);
 *   `'created'` = days since creation. Days are exact (ms ÷ 86 400 000), so no time
 *   zone is involved, and a deal exactly at its threshold is not stalled. Suspended time is subtracted from every clock, and deals suspended
 *   (中止) at `asOf` are never reported: a deliberate pause is not a stall.
 * - Thresholds: `'stage'` (default) uses each stage's `stallAfterDays` (rule
 *   `stage_threshold`); a number of days applies to every stage (`global_threshold`);
 *   `{ medianMultiple: k }` uses k × the median completed stay of the stage
 *   (`median_multiple`), where a completed stay is one that ended by `asOf` (advanced,
 *   regressed, won or lost; skips excluded), measured net of suspension, over all deals
 *   read (not per group). A stage without a threshold flags nothing.
 *
 * Each stalled deal carries its stage's name and, with `groupBy`, its group key.
 *
 * Reads the input once. The result grows with the deals flagged; with the median rule
 * the scan also keeps every completed stay's duration (8 bytes each) and a few numbers
 * per open deal until the medians are known.
 *
 * @param opportunities - The deals (any iterable; read once; not modified).
 * @param pipeline - Their pipeline.
 * @param options - `asOf` (required), clock, threshold, grouping.
 * @returns The stalled deals, most overdue first (ties by id), in total and per group.
 * @throws {@link FunnelError} `invalid_option` for a missing `asOf` or one that is not an
 *   instant, or a bad clock or threshold; `pipeline_mismatch` / `unknown_stage` as for
 *   {@link stageFlow}.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { findStalled, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const stalled = findStalled(deals, pipeline, { asOf: '2026-04-01T00:00:00+08:00', threshold: 30 });
 * for (const d of stalled.total) console.log(d.opportunityId, d.stageName, Math.floor(d.days));
 * ```
 */
export function findStalled(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: FindStalledOptions): StalledDeals {
  const asOfMs = requiredInstantMs(options, 'asof_for_judging');
  const { clock, threshold } = checkStallOptions(options.clock, options.threshold, { clock: 'clock', threshold: 'threshold' });
  const index = pipelineIndex(pipeline);
  const { groupBy, keyOf } = groupingOf(options);
  const belongs = pipelineFilter(pipeline, options);
  const scanner = new StallScanner(index, asOfMs, clock, threshold);
  const walker = new LedgerWalker(
    index,
    scanner.needsStays
      ? (stageIndex, enteredMs, leftMs, outcome, _to, _toIndex, suspendedMs) => scanner.stay(stageIndex, enteredMs, leftMs, outcome, suspendedMs)
      : undefined,
  );
  const summary = newSummary();
  // Every group met appears, with an empty list when none of its deals stalled.
  const groups = new GroupAccumulator<StalledDeal[]>(() => []);
  for (const o of opportunities) {
    if (!belongs(o)) continue;
    walker.walk(o, asOfMs, summary);
    const key = keyOf === undefined ? undefined : keyOf(o);
    if (key !== undefined) groups.get(key);
    scanner.deal(o, summary, key);
  }
  const total = scanner.finish();
  for (const d of total) if (d.groupKey !== undefined) groups.get(d.groupKey).push(d);
  return {
    pipelineId: pipeline.id,
    asOf: new Date(asOfMs),
    ...(scanner.needsStays ? { medianDays: scanner.medians() } : {}),
    ...groups.grouped<readonly StalledDeal[]>(groupBy, total, (list) => list),
  };
}
