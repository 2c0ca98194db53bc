import { FunnelError } from '../i18n/FunnelError.js';
import type { Money } from '../money/money.js';
import type { OpportunityId, PipelineId, StageId, UserId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { instantMs } from './_lib/options.js';
import { pipelineIndex } from './_lib/pipelineIndex.js';
import { pipelineFilter, segmenter } from './_lib/segments.js';
import { checkStallOptions, StallScanner } from './_lib/stall.js';
import { newSummary, LedgerWalker } from './_lib/walkLedger.js';
import type { AnalyticsOptions, Segmented } from './segmented.js';

/**
 * The clock a stall is measured with: days in the current stage (`'stage_entry'`), days
 * since the last ledger event of any kind (`'last_activity'`), or days since creation
 * (`'created'`). Suspended time never counts.
 *
 * @example
 * ```ts
 * import type { StallClock } from 'sales-funnel';
 * const c: StallClock = 'last_activity';
 * ```
 */
export type StallClock = 'stage_entry' | 'last_activity' | 'created';

/**
 * The stall threshold in days: `'stage'` — each stage's `stallAfterDays` (stages
 * without one flag nothing); a number — the same for every stage; `{ medianMultiple: k }`
 * — k × the median completed stay of that stage over the deals read.
 *
 * @example
 * ```ts
 * import type { StallThreshold } from 'sales-funnel';
 * const twiceTheMedian: StallThreshold = { medianMultiple: 2 };
 * ```
 */
export type StallThreshold = 'stage' | number | { readonly medianMultiple: number };

/**
 * A stalled deal (停滞商机) found by {@link findStalled}.
 *
 * @example
 * ```ts
 * import type { StalledDeal } from 'sales-funnel';
 * const line = (d: StalledDeal) => `${d.opportunityId} ${d.stageId} ${d.days.toFixed(0)}d > ${d.thresholdDays}d (${d.rule})`;
 * ```
 */
export interface StalledDeal {
  /** The deal. */
  readonly opportunityId: OpportunityId;
  /** The open stage it stands in at `asOf`. */
  readonly stageId: StageId;
  /** Position of that stage among the open stages. */
  readonly stageIndex: number;
  /** Its current owner. */
  readonly ownerId: UserId;
  /** Its amount as of `asOf` (in the deal's currency). */
  readonly amount: Money;
  /** The clock's reading at `asOf`, in days, net of suspended time. */
  readonly days: number;
  /** The threshold it exceeded, in days. */
  readonly thresholdDays: number;
  /** days − thresholdDays (> 0). */
  readonly overDays: number;
  /** The rule that flagged it: the stage's `stallAfterDays`, the global number, or k × median. */
  readonly rule: 'stage_threshold' | 'global_threshold' | 'median_multiple';
  /** The clock used. */
  readonly clock: StallClock;
  /** The deal's segment, when `segmentBy` was given. */
  readonly segment?: string;
}

/**
 * The result of {@link findStalled}: the stalled deals overall and per segment, most
 * overdue first; plus, for the median rule, the medians used.
 *
 * @example
 * ```ts
 * import type { StalledDeals } from 'sales-funnel';
 * const count = (r: StalledDeals) => r.overall.length;
 * ```
 */
export interface StalledDeals extends Segmented<readonly StalledDeal[]> {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** The instant the deals were judged at. */
  readonly asOf: Date;
  /** For `{ medianMultiple }`: each open stage's median completed stay in days (null when none completed), in funnel order. */
  readonly medianDays?: readonly (number | null)[];
}

/**
 * Options for {@link findStalled}.
 *
 * @example
 * ```ts
 * import type { FindStalledOptions } from 'sales-funnel';
 * const o: FindStalledOptions = { asOf: new Date('2026-03-31T16:00:00Z'), clock: 'stage_entry', threshold: { medianMultiple: 2 } };
 * ```
 */
export interface FindStalledOptions extends AnalyticsOptions {
  /** The instant to judge at (required; ledger events after it are ignored). */
  readonly asOf: Date;
  /** The clock; default `'stage_entry'`. */
  readonly clock?: StallClock;
  /** The threshold; default `'stage'` (each stage's `stallAfterDays`). */
  readonly threshold?: StallThreshold;
}

/**
 * Finds stalled deals (停滞 / 滞留过久): open deals whose stall clock at `asOf` exceeds
 * (strictly) the threshold of the stage they stand in.
 *
 * - Clocks: `'stage_entry'` (default) = days since the deal entered its current stage;
 *   `'last_activity'` = days since its last ledger event (a task, a stage move, an amount
 *   or date change…); `'created'` = days since creation. Suspended time is subtracted
 *   from every clock, and deals suspended (中止) at `asOf` are never reported: a
 *   deliberate pause is not a stall.
 * - Thresholds: `'stage'` (default) uses each stage's `stallAfterDays` (rule
 *   `stage_threshold`); a number of days applies to every stage (`global_threshold`);
 *   `{ medianMultiple: k }` uses k × the median completed stay of the stage
 *   (`median_multiple`), where a completed stay is one that ended by `asOf` (advanced,
 *   regressed, won or lost; skips excluded), measured net of suspension, over all deals
 *   read (not per segment). A stage without a threshold flags nothing.
 *
 * Reads the input once. The result grows with the deals flagged; with the median rule
 * the scan also keeps every completed stay's duration (8 bytes each) and a few numbers
 * per open deal until the medians are known.
 *
 * @param opportunities - The deals (any iterable; read once; not modified).
 * @param pipeline - Their pipeline.
 * @param options - `asOf` (required), clock, threshold, segmentation.
 * @returns The stalled deals, most overdue first (ties by id), overall and per segment.
 * @throws {@link FunnelError} `invalid_option` for a missing or invalid `asOf`, clock or
 *   threshold; `pipeline_mismatch` / `unknown_stage` as for {@link stageFlow}.
 *
 * @example
 * ```ts
 * import { findStalled, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const stalled = findStalled(deals, pipeline, { asOf: new Date('2026-03-31T16:00:00Z'), threshold: 30 });
 * for (const d of stalled.overall) console.log(d.opportunityId, d.stageId, Math.floor(d.days));
 * ```
 */
export function findStalled(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: FindStalledOptions): StalledDeals {
  if (options === undefined || options.asOf === undefined) throw new FunnelError('invalid_option', { option: 'asOf', reason: 'is required' });
  const asOfMs = instantMs(options.asOf, 'asOf', NaN);
  const { clock, threshold } = checkStallOptions(options.clock, options.threshold);
  const index = pipelineIndex(pipeline);
  const keyOf = segmenter(options);
  const belongs = pipelineFilter(pipeline, options);
  const scanner = new StallScanner(index, asOfMs, clock, threshold);
  const sink = scanner.needsStays
    ? (stageIndex: number, enteredMs: number, leftMs: number, outcome: number, _to: string | undefined, _ti: number, suspendedMs: number) =>
        scanner.stay(stageIndex, enteredMs, leftMs, outcome, suspendedMs)
    : undefined;
  const summary = newSummary();
  const walker = new LedgerWalker(index, sink);
  const seen = new Set<string>();
  for (const o of opportunities) {
    if (!belongs(o)) continue;
    walker.walk(o, asOfMs, summary);
    let key: string | undefined;
    if (keyOf !== undefined) seen.add((key = keyOf(o)));
    scanner.deal(o, summary, key);
  }
  const overall = scanner.finish();
  // Every segment met appears, with an empty list when none of its deals stalled.
  const segments = new Map<string, StalledDeal[]>();
  for (const k of [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) segments.set(k, []);
  for (const d of overall) if (d.segment !== undefined) segments.get(d.segment)!.push(d);
  return {
    pipelineId: pipeline.id,
    asOf: new Date(asOfMs),
    ...(scanner.needsStays ? { medianDays: scanner.medians() } : {}),
    overall,
    segments,
  };
}
