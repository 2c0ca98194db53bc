// The stalled-deal result types, shared by `findStalled` / `auditPipeline` (src/analytics)
// and the decoder of `findStalledSql` (src/sql), which may not import the analytics.
// Public through src/analytics/findStalled.ts.
import type { Money } from '../../money/money.js';
import type { Grouped } from '../groupBy.js';
import type { OpportunityId, PipelineId, StageId, UserId } from '../ids.js';

/**
 * The clock a stall is measured with:
 *
 * - `'stage_entry'`: days in the current stage;
 * - `'last_activity'`: days since the last follow-up activity (an `activity_logged`
 *   event: a visit, call, email, meeting…), or since creation when none was logged;
 *   nothing else resets it (an amount edit or a task tick is no contact with the
 *   customer);
 * - `'last_event'`: days since the last ledger event of any kind (a task, a stage move,
 *   an amount or date change, an activity…): what `'last_activity'` meant before 0.3;
 * - `'created'`: days since creation.
 *
 * Suspended time never counts.
 */
export type StallClock = 'stage_entry' | 'last_activity' | 'last_event' | 'created';

/** Which threshold flagged a stalled deal. */
export type StallRule = 'stage_threshold' | 'global_threshold' | 'median_multiple';

/**
 * A stalled deal (停滞商机) found by `findStalled` (and behind `auditPipeline`'s
 * `stalled` findings).
 */
export interface StalledDeal {
  /** The deal. */
  readonly opportunityId: OpportunityId;
  /** The open stage it stands in at `asOf`. */
  readonly stageId: StageId;
  /** That stage's name, for messages and reports. */
  readonly stageName: string;
  /** Position of that stage among the open stages. */
  readonly stageIndex: number;
  /** Its current owner. */
  readonly ownerId: UserId;
  /** Its amount as of `asOf` (in the deal's currency). */
  readonly amount: Money;
  /** The clock's reading at `asOf`, in exact days (ms ÷ 86 400 000), net of suspended time. */
  readonly days: number;
  /** The threshold it exceeded, in days. */
  readonly thresholdDays: number;
  /** days − thresholdDays (> 0). */
  readonly overDays: number;
  /** The rule that flagged it: the stage's `stallAfterDays`, the global number, or k × median. */
  readonly rule: StallRule;
  /** The clock used. */
  readonly clock: StallClock;
  /** The deal's group key (one element per `groupBy` key), when `groupBy` was given. */
  readonly groupKey?: readonly string[];
}

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
