import { AccumulatorBase, createdDayReader, groupingSettings, settingsText, type Accumulator, type AccumulatorPartial, type DealBatch } from '../model/accumulator.js';
import { ColumnGrouper } from '../model/columnGroups.js';
import { assertColumnsOf, isDealColumns, type DealColumns } from '../model/dealColumns.js';
import { GroupAccumulator, type GroupKey } from '../model/groupBy.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { pipelineIndex } from '../model/pipelineIndex.js';
import type { StalledDeals } from '../model/results/stalledDeals.js';
import type { InstantInput } from '../time/instant.js';
import { groupingOf, pipelineFilter } from './_lib/groups.js';
import { requiredInstantMs } from './_lib/options.js';
import { checkStallOptions, StallScanner, type StallClock, type StalledDeal, type StallPartialState, type StallThreshold } from './_lib/stall.js';
import { LedgerWalker, newSummary } from './_lib/walkLedger.js';
import type { AnalyticsOptions } from './analyticsOptions.js';
import { checkDeal, checkDealBatch } from '../model/dealArguments.js';

export type { StallClock, StalledDeal, StallPartialState, StallRule, StallThreshold } from './_lib/stall.js';
export type { StalledDeals } from '../model/results/stalledDeals.js';


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
 * per open deal until the medians are known. The incremental form, for streams and
 * shards, is {@link findStalledAccumulator}.
 *
 * @param opportunities - The deals (any iterable; read once; not modified), or a
 *   {@link DealColumns} chunk of them (the same result, faster).
 * @param pipeline - Their pipeline.
 * @param options - `asOf` (required), clock, threshold, grouping.
 * @returns The stalled deals, most overdue first (ties by id), in total and per group.
 * @throws {@link FunnelError} `invalid_option` for a missing `asOf` or one that is not an
 *   instant, or a bad clock or threshold; `pipeline_mismatch` / `unknown_stage` as for
 *   {@link stageFlow}; `invalid_argument` for columns of another pipeline;
 *   `invalid_option` (reason `function_key_on_columns`) for a function grouping key on
 *   columns.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities or
 *   a `DealColumns` chunk, or an item of it that is not an opportunity (named
 *   `opportunities[i]`); `invalid_argument` (`pipeline`) for a value that is not a
 *   pipeline.
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
export function findStalled(opportunities: DealBatch, pipeline: Pipeline, options: FindStalledOptions): StalledDeals {
  return findStalledAccumulator(pipeline, options).add(opportunities).result();
}

/**
 * The plain-data state of a {@link FindStalledAccumulator} (see {@link AccumulatorPartial}):
 * the deals kept and the groups met, to merge in another thread or process.
 */
export interface FindStalledPartial extends AccumulatorPartial {
  /** Always `'find_stalled'`. */
  readonly kind: 'find_stalled';
  /** The key of every group met (grouped only), sorted. */
  readonly groups: ReadonlyArray<readonly string[]>;
  /** The deals kept and, for the median rule, the completed stays. */
  readonly stalled: StallPartialState;
}

/**
 * The incremental form of {@link findStalled}: `add` deals or column chunks, `merge`
 * shards, read `result()`. `findStalled(deals, pipeline, options)` is
 * `findStalledAccumulator(pipeline, options).add(deals).result()`.
 */
export type FindStalledAccumulator = Accumulator<StalledDeals, FindStalledPartial>;

/**
 * Creates the incremental form of {@link findStalled} (累加器): feed it deals or
 * {@link DealColumns} chunks as they arrive (a database cursor, a file stream, worker
 * threads), merge the accumulators or partial states of other shards, and read the
 * result at any time; the result equals `findStalled` over every deal added, in any
 * chunks, shards and order (deal ids being unique in a book, the order "most overdue
 * first, ties by id" is the same however the book was split).
 *
 * The result lists deals, so the state keeps the deals listed: memory grows with the
 * stalled deals (a few numbers and strings each), not with the book. With the median
 * rule (`{ medianMultiple: k }`) the thresholds are only known once every shard's stays
 * are in, so the state keeps every completed stay's duration (8 bytes each, per open
 * stage) and every deal open and unsuspended at `asOf` (a few numbers and strings each);
 * the medians are then computed in `result()` over all of them, exactly as over the
 * whole book.
 *
 * Give every shard the same options (a shard built with other options is refused).
 *
 * @param pipeline - The deals' pipeline.
 * @param options - The options of {@link findStalled} (`asOf` required).
 * @returns An empty accumulator.
 * @throws {@link FunnelError} `invalid_option` for bad options (at once, not on the
 *   first deal); `add` throws what {@link findStalled} throws for a deal, plus
 *   `invalid_argument` for columns of another pipeline and `invalid_option` (reason
 *   `function_key_on_columns`) for a function grouping key on columns; `merge` throws
 *   `invalid_argument` for a shard with other settings.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { dealColumns, findStalledAccumulator, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const eastDeals: Opportunity[];
 * declare const northDeals: Opportunity[];
 * const options = { asOf: '2026-04-01T00:00:00Z', threshold: { medianMultiple: 2 }, groupBy: ['owner'] } as const;
 * const a = findStalledAccumulator(pipeline, options).add(eastDeals);
 * const b = findStalledAccumulator(pipeline, options).add(dealColumns(northDeals, pipeline));
 * const stalled = a.merge(b.partial()).result(); // = findStalled([...eastDeals, ...northDeals], pipeline, options)
 * for (const d of stalled.total) console.log(d.opportunityId, d.stageName, d.overDays.toFixed(1));
 * ```
 */
export function findStalledAccumulator(pipeline: Pipeline, options: FindStalledOptions): FindStalledAccumulator {
  return new StalledAccumulator(pipeline, options);
}

class StalledAccumulator extends AccumulatorBase<StalledDeals, FindStalledPartial> implements FindStalledAccumulator {
  readonly kind = 'find_stalled';
  private readonly asOfMs: number;
  protected readonly settingsText: string;
  private readonly groupBy: readonly GroupKey[];
  private readonly keyOf: ((o: Opportunity) => readonly string[]) | undefined;
  private readonly belongs: (o: Opportunity) => boolean;
  private readonly scanner: StallScanner;
  private readonly walker: LedgerWalker;
  private readonly summary = newSummary();
  /** Every group met (the values are unused). */
  // Stryker disable next-line ArrowFunction: the values are never read, only the keys
  private readonly groups = new GroupAccumulator<null>(() => null);
  private grouper: ColumnGrouper | undefined;
  private readonly createdDay: (cols: DealColumns, i: number) => number;
  /** Column slots whose group is already in `groups`. */
  // Stryker disable next-line ArrayDeclaration: a flag not `true` only means the group is registered again, which changes nothing
  private slotsMet: boolean[] = [];

  constructor(
    private readonly pipeline: Pipeline,
    private readonly options: FindStalledOptions,
  ) {
    super();
    this.asOfMs = requiredInstantMs(options, 'asof_for_judging');
    const { clock, threshold } = checkStallOptions(options.clock, options.threshold, { clock: 'clock', threshold: 'threshold' });
    const index = pipelineIndex(pipeline);
    const { groupBy, keyOf } = groupingOf(options);
    this.groupBy = groupBy;
    this.keyOf = keyOf;
    this.belongs = pipelineFilter(pipeline, options);
    const scanner = new StallScanner(index, this.asOfMs, clock, threshold);
    this.scanner = scanner;
    this.walker = new LedgerWalker(
      index,
      scanner.needsStays
        ? (stageIndex, enteredMs, leftMs, outcome, _to, _toIndex, suspendedMs) => scanner.stay(stageIndex, enteredMs, leftMs, outcome, suspendedMs)
        : undefined,
    );
    this.settingsText = settingsText(pipeline, { asOf: this.asOfMs, clock, threshold, ...groupingSettings(options) });
    this.createdDay = createdDayReader(options);
  }

  add(batch: DealBatch): this {
    checkDealBatch(batch, 'opportunities');
    const { asOfMs, scanner, walker, summary } = this;
    if (isDealColumns(batch)) {
      assertColumnsOf(batch, this.pipeline);
      const grouped = this.groupBy.length > 0;
      // Equivalent mutant: `if (true)` (a grouper made when ungrouped is never used).
      if (grouped) this.grouper ??= new ColumnGrouper(this.groupBy, this.options, (cols, i) => this.createdDay(cols, i));
      const grouper = this.grouper;
      for (let i = 0; i < batch.length; i++) {
        walker.walkColumns(batch, i, asOfMs, summary);
        let key: readonly string[] | undefined;
        if (grouped) {
          const slot = grouper!.slotOf(batch, i);
          key = grouper!.keyOf(slot);
          // A saving only: registering a group twice changes nothing (equivalent mutant: the test made `true`).
          // Stryker disable next-line BooleanLiteral: as said, `!== false` registers the group every time
          if (this.slotsMet[slot] !== true) {
            // Stryker disable next-line BooleanLiteral: as above
            this.slotsMet[slot] = true;
            this.groups.get(key);
          }
        }
        scanner.dealOfColumns(batch, i, summary, key);
      }
    } else {
      const keyOf = this.keyOf;
      let i = 0;
      for (const o of batch) {
        checkDeal(o, i++, 'opportunities');
        if (!this.belongs(o)) continue;
        walker.walk(o, asOfMs, summary);
        // Every group met appears, with an empty list when none of its deals stalled.
        const key = keyOf === undefined ? undefined : keyOf(o);
        if (key !== undefined) this.groups.get(key);
        scanner.deal(o, summary, key);
      }
    }
    return this;
  }

  protected mergePartial(p: FindStalledPartial): void {
    for (const key of p.groups) this.groups.get([...key]);
    this.scanner.mergeState(p.stalled);
  }

  partial(): FindStalledPartial {
    return {
      kind: 'find_stalled',
      settings: this.settingsText,
      groups: this.groups.sorted().map(({ key }) => [...key]),
      stalled: this.scanner.state(),
    };
  }

  result(): StalledDeals {
    const scanner = this.scanner;
    const total = scanner.finish();
    const groups = new GroupAccumulator<StalledDeal[]>(() => []);
    for (const { key } of this.groups.sorted()) groups.get(key);
    for (const d of total) if (d.groupKey !== undefined) groups.get(d.groupKey).push(d);
    return {
      pipelineId: this.pipeline.id,
      asOf: new Date(this.asOfMs),
      ...(scanner.needsStays ? { medianDays: scanner.medians() } : {}),
      ...groups.grouped<readonly StalledDeal[]>(this.groupBy, total, (list) => list),
    };
  }
}
