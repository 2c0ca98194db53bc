// The stage-visit result types, shared by `stageVisits` (src/analytics) and the decoder
// of `stageVisitsSql` (src/sql), which may not import the analytics. Public through
// src/analytics/stageVisits.ts.
import type { OpportunityId, StageId } from '../ids.js';

/**
 * How a stay in a stage ended (or did not):
 *
 * - `advanced` (升迁): left forward, to the next open stage or jumping ahead (then
 *   `skippedStageIds` lists the stages jumped over);
 * - `skipped`: a zero-length virtual stay in an open stage the deal jumped over
 *   (`enteredAt` = `leftAt` = the time of the jump);
 * - `regressed`: moved back to an earlier open stage;
 * - `won` / `lost` (赢单 / 输单, 流失): closed from this stage;
 * - `open`: still there at the instant the ledger was read to (滞留), suspended (中止) or not.
 */
export type StageVisitOutcome = 'advanced' | 'skipped' | 'regressed' | 'won' | 'lost' | 'open';

/**
 * One stay of an opportunity in an open stage of its pipeline, derived from the ledger.
 */
export interface StageVisit {
  /** The deal. */
  readonly opportunityId: OpportunityId;
  /** The open stage stayed in. */
  readonly stageId: StageId;
  /** Position of the stage among the pipeline's open stages, in listed order (0-based). */
  readonly stageIndex: number;
  /** When the deal entered the stage (for `skipped`: the time of the jump). */
  readonly enteredAt: Date;
  /** When it left; absent while still there (outcome `open`). */
  readonly leftAt?: Date;
  /** How the stay ended. */
  readonly outcome: StageVisitOutcome;
  /**
   * Where the deal went: the next stage for `advanced`/`regressed`, the won or lost
   * stage for `won`/`lost`, the target of the jump for `skipped`; absent for `open`.
   */
  readonly toStageId?: StageId;
  /** For an `advanced` stay that jumped ahead: the open stages jumped over, in funnel order; otherwise empty. */
  readonly skippedStageIds: readonly StageId[];
  /**
   * Days (exact, 24 h each) the deal was suspended (中止) during this stay: up to
   * `leftAt`, or up to the instant the ledger was read to while still there. Time in
   * the stage net of suspension is `(leftAt − enteredAt) − suspendedDays`.
   */
  readonly suspendedDays: number;
}
