import type { StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { assertSamePipeline, pipelineIndex } from '../model/pipelineIndex.js';
import type { StageVisit } from '../model/results/stageVisit.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import { ADVANCED, newSummary, OUTCOME_NAMES, STILL_OPEN, walkLedger } from './_lib/walkLedger.js';

export type { StageVisit, StageVisitOutcome } from '../model/results/stageVisit.js';

/**
 * Options for {@link stageVisits}.
 */
export interface StageVisitsOptions {
  /**
   * Read the ledger as of this instant (a `Date` or an ISO 8601 string with offset):
   * events after it are ignored (an event exactly at `asOf` counts), stays open at
   * `asOf` are `open`, and their suspended time runs to `asOf`.
   *
   * @defaultValue just after the deal's last event: the whole ledger, open stays judged at that event
   */
  readonly asOf?: InstantInput;
}

/**
 * Turns an opportunity's ledger into its stays in the pipeline's open stages (阶段停留),
 * in time order: the single definition every funnel metric is built on.
 *
 * Rules, applied to the events in ledger order up to `asOf`:
 *
 * - `created { stageId }` starts the first stay.
 * - A ledger imported without a `created` event starts in the `from` of its first
 *   `stage_changed`, at the time of its **first event of any type** (like
 *   {@link createdAt}). Both are read from the whole ledger, whatever `asOf`: a deal
 *   whose ledger opens with a `close_date_changed` on 1 February and changes stage from
 *   `b` to `c` on 10 April stands in `b` from 1 February, so read as of 31 March it
 *   has one stay, in `b`, still `open`. (Before its first event it does not exist.)
 *   This applies only when no `created`, `won`, `lost` or `reopened` event comes before
 *   that first stage change. A ledger in which no event sets the stage at all (only
 *   close-date changes, say) stands in the deal's current stage from its first event.
 * - A move between open stages ends the stay as `advanced` when the target comes later in
 *   the pipeline's open-stage order and `regressed` when it comes earlier — by position,
 *   whatever the event's `kind` label says. A forward jump also yields one zero-length
 *   `skipped` stay per open stage jumped over, right after the advancing stay.
 * - `won`/`lost` events, and `stage_changed` into a won or lost stage (as imports
 *   record it), end the stay as `won` or `lost`. A deal closed without ever standing in
 *   an open stage has no stays (see `auditPipeline`'s `won_without_funnel_history`).
 * - `reopened`, or `stage_changed` out of a won/lost stage, starts a new stay.
 * - `suspended` / `resumed` (中止 / 恢复) do not end a stay; the time in between is
 *   reported as `suspendedDays` of the stay it falls in. A suspension lasts until the
 *   next `resumed`, whatever comes between: one never resumed runs to `asOf`, through a
 *   loss and a reopening (the reopened stay is suspended from its start). The parser
 *   refuses a close while suspended, so only ledgers written around it meet this.
 * - A stage a forward jump passes over gets a `skipped` stay dated at the jump: entered
 *   and left at the time of the `stage_changed` that passed it.
 * - Other events (tasks, amounts, dates, owners) do not affect stays; a move to the
 *   stage the deal is already in is no move.
 *
 * The ledger is assumed valid as checked by `opportunitySchemaFor(pipeline)`; stage ids
 * must be the pipeline's.
 *
 * @param opportunity - The deal (not modified).
 * @param pipeline - Its pipeline, which gives the stage order and kinds.
 * @param options - `asOf`, to read the ledger as of a past instant.
 * @returns The stays, oldest first (new objects).
 * @throws {@link FunnelError} `pipeline_mismatch` when the deal belongs to another
 *   pipeline; `unknown_stage` when the ledger names a stage the pipeline does not have;
 *   `invalid_option` for an `asOf` that is not an instant.
 *   Also `invalid_argument` (`pipeline`) for a value that is not a pipeline, before
 *   anything is read from it.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { stageVisits, parsePipeline, parseOpportunity } from 'sales-funnel';
 * const pipeline = parsePipeline({
 *   id: 'p', name: 'Direct', currency: 'CNY',
 *   stages: [
 *     { id: 'lead', name: '初步接触', kind: 'open', probability: 0.1 },
 *     { id: 'need', name: '需求确认', kind: 'open', probability: 0.3 },
 *     { id: 'quote', name: '报价洽谈', kind: 'open', probability: 0.6 },
 *     { id: 'won', name: '赢单', kind: 'won', probability: 1 },
 *     { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
 *   ],
 * });
 * const deal = parseOpportunity({
 *   id: 'o1', customerId: 'c1', pipelineId: 'p', name: 'ERP', ownerId: 'rep-zhang',
 *   amount: { amount: '100000', currency: 'CNY' }, stageId: 'quote',
 *   history: [
 *     { type: 'created', at: '2026-01-01T00:00:00Z', stageId: 'lead' },
 *     { type: 'stage_changed', at: '2026-01-11T00:00:00Z', from: 'lead', to: 'quote', kind: 'skip' },
 *   ],
 * });
 * const visits = stageVisits(deal, pipeline, { asOf: '2026-02-01T00:00:00Z' });
 * visits.map((v) => `${v.stageId}:${v.outcome}`).join(' '); //=> 'lead:advanced need:skipped quote:open'
 * ```
 */
export function stageVisits(opportunity: Opportunity, pipeline: Pipeline, options: StageVisitsOptions = {}): StageVisit[] {
  const index = pipelineIndex(pipeline);
  assertSamePipeline(opportunity, pipeline);
  const asOfMs = instantMs(options.asOf, 'asOf', Infinity);
  const visits: StageVisit[] = [];
  const id = opportunity.id;
  walkLedger(
    opportunity,
    index,
    asOfMs,
    (stageIndex, enteredMs, leftMs, outcome, toStageId, toIndex, suspendedMs) => {
      visits.push({
        opportunityId: id,
        stageId: index.openIds[stageIndex]!,
        stageIndex,
        enteredAt: new Date(enteredMs),
        ...(outcome === STILL_OPEN ? {} : { leftAt: new Date(leftMs) }),
        outcome: OUTCOME_NAMES[outcome]!,
        ...(toStageId === undefined ? {} : { toStageId: toStageId as StageId }),
        // Equivalent mutants: `toIndex >= stageIndex + 1`, `stageIndex - 1` or `true` (an advance has toIndex > stageIndex, and the slice is empty at toIndex = stageIndex + 1).
        skippedStageIds: outcome === ADVANCED && toIndex > stageIndex + 1 ? index.openIds.slice(stageIndex + 1, toIndex) : [],
        suspendedDays: suspendedMs / MS_PER_DAY,
      });
    },
    newSummary(),
  );
  return visits;
}
