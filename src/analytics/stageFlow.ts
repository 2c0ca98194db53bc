import { numberOption, oneOfOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { groupingSettings, GroupTablesAccumulator, settingsText, type Accumulator, type AccumulatorPartial, type DealBatch } from '../model/accumulator.js';
import { ColumnGrouper } from '../model/columnGroups.js';
import { assertColumnsOf, isDealColumns, type DealColumns } from '../model/dealColumns.js';
import { GroupAccumulator, type GroupKey } from '../model/groupBy.js';
import type { StageFlow } from '../model/results/flowTable.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { pipelineIndex, type PipelineIndex } from '../model/pipelineIndex.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import {
  F_ADVANCED, F_ENTERED, F_LOST, F_REGRESSED, F_SKIPPED, F_STALLED, F_STILL, F_SUSPENDED, F_WON, FIELDS, flowRows,
} from './_lib/flowCounts.js';
import { groupingOf, pipelineFilter } from './_lib/groups.js';
import { NumberBuffer } from './_lib/stats.js';
import { ADVANCED, LOST_FROM, LedgerWalker, newSummary, REGRESSED, SKIPPED, WON_FROM } from './_lib/walkLedger.js';
import type { AnalyticsOptions } from './analyticsOptions.js';
import { checkDeal, checkDealBatch } from '../model/dealArguments.js';

export type { StageFlow, StageFlowRow, StageFlowTable } from '../model/results/flowTable.js';

/**
 * Options for {@link stageFlow}.
 */
export interface StageFlowOptions extends AnalyticsOptions {
  /**
   * Window start, inclusive (a `Date` or an ISO 8601 string with offset).
   *
   * @defaultValue no lower bound
   */
  readonly from?: InstantInput;
  /**
   * Window end, exclusive (the window is the half-open `[from, to)`).
   *
   * @defaultValue no upper bound
   */
  readonly to?: InstantInput;
  /**
   * The instant at which the books are read and each entry's outcome is judged: ledger
   * events after it are ignored, entries without an exit by then are `stillThere`. A
   * later `asOf` than `to` lets the window's entries mature.
   *
   * @defaultValue just after the last event read (the greatest event time of the deals of the pipeline)
   */
  readonly asOf?: InstantInput;
  /**
   * `'stage_entry'`: count the stays that began in the window (按进入阶段时间).
   * `'created'`: count every stay, up to `asOf`, of the deals created in the window (按创建时间).
   *
   * @defaultValue `'stage_entry'`
   */
  readonly cohort?: 'stage_entry' | 'created';
  /**
   * How a stage a deal jumped over counts. `'passed'`: as an entry that advanced (the
   * deal went past it, as a reached-stage funnel counts it), so every advance out of a
   * stage is an entry into a later one. `'excluded'`: not at all, so each stage's rates
   * describe only deals that actually stood in it. Either way the jumps are reported in
   * `skipped`.
   *
   * @defaultValue `'passed'`
   */
  readonly skipped?: 'passed' | 'excluded';
  /**
   * Stall threshold in days (> 0) for stages without their own `stallAfterDays`.
   *
   * @defaultValue none: those stages report `stalled` 0 and `stalledRate` null
   */
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
 *   A skipped stage's entry is dated at the jump, so it is in the window when the jump is.
 * - Each entry is judged at `asOf` and ends as exactly one of: `advanced` (left forward,
 *   including won from this stage), `lost`, `regressed`, `stillThere`. Hence
 *   **advanced + lost + regressed + stillThere = entered** for every stage, window and
 *   group. Open deals are `stillThere` — censored, never counted as lost.
 * - `stalled`: entries still there, not suspended, whose time in the stage at `asOf`
 *   minus their suspended time exceeds (strictly) the stage's threshold, in exact days
 *   (ms ÷ 86 400 000): an entry exactly at the threshold is not stalled.
 * - Every rate = count / entered, in [0, 1]; `null` when nothing entered (never 0/0).
 * - `asOf` is optional, as for every reader of history: without it the books are read
 *   just after the last event in the input.
 *
 * Reads the input once from any iterable; memory grows with stages × groups, not with
 * the number of deals (without `asOf`, also with the entries still open in stages that
 * have a stall threshold: 8 bytes each, until the last event is known). Results of
 * disjoint shards combine with {@link mergeStageFlow}.
 *
 * @param opportunities - The deals (any iterable; read once; not modified), or a
 *   {@link DealColumns} chunk of them (the same result, much faster).
 * @param pipeline - Their pipeline.
 * @param options - Window, `asOf`, cohort, skip treatment, stall fallback, grouping.
 * @returns Tables in total and per group, with the parameters used.
 * @throws {@link FunnelError} `invalid_option` for a time that is not an instant, `from`
 *   after `to` or a bad option value; `pipeline_mismatch` for a deal of another pipeline
 *   (unless `otherPipelines: 'ignore'`); `unknown_stage` for a ledger naming a stage the
 *   pipeline does not have.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities or
 *   a `DealColumns` chunk, or an item of it that is not an opportunity (named
 *   `opportunities[i]`); `invalid_argument` (`pipeline`) for a value that is not a
 *   pipeline.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { stageFlow, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const flow = stageFlow(deals, pipeline, {
 *   from: '2026-01-01T00:00:00+08:00',
 *   to: '2026-04-01T00:00:00+08:00',
 *   asOf: '2026-04-01T00:00:00+08:00',
 *   groupBy: ['owner'],
 * });
 * for (const r of flow.total.stages) {
 *   // r.advanced + r.lost + r.regressed + r.stillThere === r.entered
 *   console.log(r.stageId, r.entered, r.advanceRate, r.lossRate, r.stayRate);
 * }
 * ```
 */
export function stageFlow(opportunities: DealBatch, pipeline: Pipeline, options: StageFlowOptions = {}): StageFlow {
  return stageFlowAccumulator(pipeline, options).add(opportunities).result();
}

/**
 * The plain-data state of a {@link StageFlowAccumulator} (see {@link AccumulatorPartial}):
 * the raw counts of every table, to merge in another thread or process.
 */
export interface StageFlowPartial extends AccumulatorPartial {
  /** Always `'stage_flow'`. */
  readonly kind: 'stage_flow';
  /** The latest event read (ms), or null when none. */
  readonly lastEventMs: number | null;
  /** The ungrouped table (ungrouped flows) and one per group key. */
  readonly tables: ReadonlyArray<{
    /** The group's key tuple; null for the ungrouped total. */
    readonly key: readonly string[] | null;
    /** Deals counted. */
    readonly deals: number;
    /** The counters, stage by stage. */
    readonly counts: readonly number[];
    /** Without `asOf`: the effective entry times of the open entries still to judge, per open stage. */
    readonly pending: ReadonlyArray<readonly number[]> | null;
  }>;
}

/**
 * The incremental form of {@link stageFlow}: `add` deals or column chunks, `merge`
 * shards, read `result()`. `stageFlow(deals, pipeline, options)` is
 * `stageFlowAccumulator(pipeline, options).add(deals).result()`.
 */
export type StageFlowAccumulator = Accumulator<StageFlow, StageFlowPartial>;

/**
 * Creates the incremental form of {@link stageFlow} (累加器): feed it deals or
 * {@link DealColumns} chunks as they arrive (a database cursor, a file stream, worker
 * threads), merge the accumulators or partial states of other shards, and read the
 * result at any time; the result equals `stageFlow` over every deal added, in any
 * chunks, shards and order. Memory grows with stages × groups (and, without `asOf`, with
 * the entries still open in stages that have a stall threshold, 8 bytes each).
 *
 * Give every shard the same options, including `asOf` (without it the flow is judged
 * as of the last event of all shards, which is only known once they are merged).
 *
 * @param pipeline - The deals' pipeline.
 * @param options - The options of {@link stageFlow}.
 * @returns An empty accumulator.
 * @throws {@link FunnelError} `invalid_option` for bad options (at once, not on the
 *   first deal); `add` throws what {@link stageFlow} throws for a deal, plus
 *   `invalid_argument` for columns of another pipeline or a function grouping key on
 *   columns; `merge` throws `invalid_argument` for a shard with other settings.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { stageFlowAccumulator, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const januaryDeals: Opportunity[];
 * declare const februaryDeals: Opportunity[];
 * const options = { asOf: '2026-04-01T00:00:00Z', groupBy: ['owner'] } as const;
 * const a = stageFlowAccumulator(pipeline, options).add(januaryDeals);
 * const b = stageFlowAccumulator(pipeline, options).add(februaryDeals);
 * const flow = a.merge(b.partial()).result(); // = stageFlow([...januaryDeals, ...februaryDeals], pipeline, options)
 * ```
 */
export function stageFlowAccumulator(pipeline: Pipeline, options: StageFlowOptions = {}): StageFlowAccumulator {
  return new FlowAccumulator(pipeline, options);
}

class FlowAccumulator extends GroupTablesAccumulator<StageFlow, StageFlowPartial, FlowTable> implements StageFlowAccumulator {
  readonly kind = 'stage_flow';
  private readonly index: PipelineIndex;
  private readonly settings: FlowSettings;
  protected readonly settingsText: string;
  private readonly groupBy: readonly GroupKey[];
  private readonly keyOf: ((o: Opportunity) => readonly string[]) | undefined;
  private readonly belongs: (o: Opportunity) => boolean;
  private readonly counter: FlowCounter;
  protected readonly groups: GroupAccumulator<FlowTable>;
  protected readonly total: FlowTable;
  private lastEventMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly pipeline: Pipeline,
    protected readonly options: StageFlowOptions,
  ) {
    super();
    this.index = pipelineIndex(pipeline);
    this.settings = flowSettings(this.index, options);
    const { groupBy, keyOf } = groupingOf(options);
    this.groupBy = groupBy;
    this.keyOf = keyOf;
    this.belongs = pipelineFilter(pipeline, options);
    this.counter = new FlowCounter(this.index, this.settings);
    this.groups = new GroupAccumulator(() => this.counter.newTable());
    this.total = this.counter.newTable();
    const st = this.settings;
    this.settingsText = settingsText(pipeline, {
      from: st.fromMs, to: st.toMs, asOf: st.asOfMs ?? null, cohort: st.cohort, skipped: st.skipped, thresholds: st.thresholds,
      ...groupingSettings(options),
    });
  }

  add(batch: DealBatch): this {
    checkDealBatch(batch, 'opportunities');
    const counter = this.counter;
    let last = this.lastEventMs;
    if (isDealColumns(batch)) {
      assertColumnsOf(batch, this.pipeline);
      const grouped = this.groupBy.length > 0;
      // Stryker disable next-line ConditionalExpression: an ungrouped accumulator never reads the grouper, so making one changes nothing
      if (grouped) this.grouper ??= new ColumnGrouper(this.groupBy, this.options, (cols, i) => this.createdDay(cols, i));
      for (let i = 0; i < batch.length; i++) {
        const t = counter.walkColumns(batch, i);
        // Stryker disable next-line EqualityOperator: on a tie `>=` keeps the same value
        if (t > last) last = t;
        if (!counter.inCohort()) continue;
        counter.count(grouped ? this.slotTable(this.grouper!.slotOf(batch, i)) : this.total);
      }
    } else {
      const keyOf = this.keyOf;
      let i = 0;
      for (const o of batch) {
        checkDeal(o, i++, 'opportunities');
        if (!this.belongs(o)) continue;
        const t = counter.walk(o);
        // Stryker disable next-line EqualityOperator: on a tie `>=` keeps the same value
        if (t > last) last = t;
        if (!counter.inCohort()) continue;
        // Each deal counts into one table: its group's, or the total when ungrouped (the
        // total of a grouped flow is the sum of the groups, made in result()).
        counter.count(keyOf === undefined ? this.total : this.groups.get(keyOf(o)));
      }
    }
    this.lastEventMs = last;
    return this;
  }

  protected mergePartial(p: StageFlowPartial): void {
    // Stryker disable next-line EqualityOperator: on a tie `>=` keeps the same value
    if (p.lastEventMs !== null && p.lastEventMs > this.lastEventMs) this.lastEventMs = p.lastEventMs;
    for (const t of p.tables) {
      const into = this.tableOf(t.key);
      into.deals += t.deals;
      // Stryker disable next-line EqualityOperator: counts is a typed array, where a write past the end is dropped
      for (let j = 0; j < into.counts.length; j++) into.counts[j]! += t.counts[j] ?? 0;
      // Both shards have the same settings: both keep pending durations (no asOf), or neither does.
      if (t.pending !== null) t.pending.forEach((values, stage) => {
        const buffer = into.pending![stage]!;
        for (const v of values) buffer.push(v);
      });
    }
  }

  partial(): StageFlowPartial {
    return {
      kind: 'stage_flow',
      settings: this.settingsText,
      lastEventMs: this.lastEventMs === Number.NEGATIVE_INFINITY ? null : this.lastEventMs,
      tables: this.tableRows((t) => ({
        deals: t.deals,
        counts: Array.from(t.counts),
        pending: t.pending === undefined ? null : t.pending.map((b) => Array.from(b.values())),
      })),
    };
  }

  result(): StageFlow {
    const { counter, settings, index } = this;
    const lastEventMs = this.lastEventMs;
    const asOfMs = settings.asOfMs ?? (lastEventMs === Number.NEGATIVE_INFINITY ? Number.NaN : lastEventMs);
    // Judge copies, so that adding can go on after a result.
    const total = copyFlowTable(this.total, counter);
    const groups = new GroupAccumulator(() => counter.newTable());
    for (const { key, acc } of this.groups.sorted()) {
      const t = groups.get(key);
      addTable(t, acc);
      copyPending(t, acc);
      counter.settleStalled(t, asOfMs);
      addTable(total, t);
    }
    counter.settleStalled(total, asOfMs);
    const grouped = groups.grouped(this.groupBy, total, (t) => ({ deals: t.deals, stages: flowRows(index, t.counts, settings.thresholds) }));
    return {
      pipelineId: this.pipeline.id,
      cohort: settings.cohort,
      skipped: settings.skipped,
      ...(this.options.from === undefined ? {} : { from: new Date(settings.fromMs) }),
      ...(this.options.to === undefined ? {} : { to: new Date(settings.toMs) }),
      asOf: Number.isNaN(asOfMs) ? null : new Date(asOfMs),
      ...grouped,
    };
  }
}

function copyFlowTable(from: FlowTable, counter: FlowCounter): FlowTable {
  const t = counter.newTable();
  addTable(t, from);
  copyPending(t, from);
  return t;
}

function copyPending(into: FlowTable, from: FlowTable): void {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: both tables come from one counter, so both keep pending durations or neither does
  if (into.pending === undefined || from.pending === undefined) return;
  from.pending.forEach((b, stage) => {
    const values = b.values();
    // Stryker disable next-line EqualityOperator: one turn too many pushes undefined, which is never past a threshold
    for (let i = 0; i < values.length; i++) into.pending![stage]!.push(values[i]!);
  });
}

/** The checked options of a stage flow. */
interface FlowSettings {
  readonly fromMs: number;
  readonly toMs: number;
  /** `undefined` until the last event is known (no `asOf` given). */
  readonly asOfMs: number | undefined;
  readonly cohort: 'stage_entry' | 'created';
  readonly skipped: 'passed' | 'excluded';
  /** Stall threshold of each open stage in days, or null. */
  readonly thresholds: readonly (number | null)[];
}

function flowSettings(index: PipelineIndex, options: StageFlowOptions): FlowSettings {
  const fromMs = instantMs(options.from, 'from', Number.NEGATIVE_INFINITY);
  const toMs = instantMs(options.to, 'to', Number.POSITIVE_INFINITY);
  if (fromMs > toMs) throw new FunnelError('invalid_option', { option: 'from', reason: because('from_after_to') });
  const fallback = options.stallAfterDays === undefined ? null : numberOption(options.stallAfterDays, 'stallAfterDays', { min: 0, minExclusive: true });
  return {
    fromMs,
    toMs,
    asOfMs: options.asOf === undefined ? undefined : instantMs(options.asOf, 'asOf', Number.NaN),
    cohort: oneOfOption(options.cohort ?? 'stage_entry', 'cohort', ['stage_entry', 'created']),
    skipped: oneOfOption(options.skipped ?? 'passed', 'skipped', ['passed', 'excluded']),
    thresholds: index.open.map((s) => s.stallAfterDays ?? fallback),
  };
}

/**
 * Counts of one table: `FIELDS` numbers per open stage; and, while `asOf` is not known,
 * the effective entry times (entry + suspended time) of the entries still open and not
 * suspended in stages with a threshold, to judge them stalled once it is.
 */
interface FlowTable {
  readonly counts: Float64Array;
  deals: number;
  readonly pending: readonly NumberBuffer[] | undefined;
}

function addTable(into: FlowTable, from: FlowTable): void {
  into.deals += from.deals;
  // `j <= length` is an equivalent mutant: a write past a typed array's end is dropped.
  // Stryker disable next-line EqualityOperator: see above
  for (let j = 0; j < into.counts.length; j++) into.counts[j]! += from.counts[j]!;
}

/** Walks one deal at a time, buffering its stays, and counts them into a table. */
class FlowCounter {
  private readonly walker: LedgerWalker;
  private readonly summary = newSummary();
  private readonly thresholdMs: Float64Array;
  private readonly width: number;
  // The stays of the current deal, until its cohort membership is known.
  private n = 0;
  private stage = new Int32Array(32);
  private outcome = new Int32Array(32);
  private entered = new Float64Array(32);
  private suspendedMs = new Float64Array(32);

  constructor(
    private readonly index: PipelineIndex,
    private readonly settings: FlowSettings,
  ) {
    this.width = index.open.length * FIELDS;
    // Thresholds in ms, NaN meaning none (a NaN comparison is false: never stalled).
    this.thresholdMs = Float64Array.from(settings.thresholds, (d) => (d === null ? Number.NaN : d * MS_PER_DAY));
    this.walker = new LedgerWalker(index, (stageIndex, enteredMs, _left, outcome, _to, _toIndex, suspendedMs) =>
      this.push(stageIndex, enteredMs, outcome, suspendedMs),
    );
  }

  newTable(): FlowTable {
    return {
      counts: new Float64Array(this.width),
      deals: 0,
      pending: this.settings.asOfMs === undefined ? this.index.open.map(() => new NumberBuffer(8)) : undefined,
    };
  }

  /** Walks a deal's ledger up to `asOf` (all of it without one); returns its last event's time. */
  walk(o: Opportunity): number {
    this.n = 0;
    this.walker.walk(o, this.settings.asOfMs ?? Number.POSITIVE_INFINITY, this.summary);
    const last = this.summary.lastMs;
    return !Number.isNaN(last) ? last : Number.NEGATIVE_INFINITY;
  }

  /** Walks deal `i` of a columns chunk, as {@link walk} walks a deal. */
  walkColumns(cols: DealColumns, i: number): number {
    this.n = 0;
    this.walker.walkColumns(cols, i, this.settings.asOfMs ?? Number.POSITIVE_INFINITY, this.summary);
    const last = this.summary.lastMs;
    return !Number.isNaN(last) ? last : Number.NEGATIVE_INFINITY;
  }

  /** Whether the deal just walked is in the cohort (always, for the stage-entry cohort). */
  inCohort(): boolean {
    const { cohort, fromMs, toMs } = this.settings;
    const created = this.summary.createdMs;
    return cohort === 'stage_entry' || (created >= fromMs && created < toMs);
  }

  /** Counts the deal just walked into `table`. */
  count(table: FlowTable): void {
    const { cohort, fromMs, toMs, asOfMs, skipped } = this.settings;
    const byEntry = cohort === 'stage_entry';
    const passed = skipped === 'passed';
    const c = table.counts;
    let counted = !byEntry;
    for (let i = 0; i < this.n; i++) {
      const entered = this.entered[i]!;
      if (byEntry && !(entered >= fromMs && entered < toMs)) continue;
      const stage = this.stage[i]!;
      const base = stage * FIELDS;
      counted = true;
      switch (this.outcome[i]) {
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
        default: {
          // STILL_OPEN
          c[base + F_STILL]!++;
          if (this.summary.suspended) {
            c[base + F_SUSPENDED]!++;
            break;
          }
          const since = entered + this.suspendedMs[i]!;
          if (asOfMs === undefined) {
            // Stryker disable next-line ConditionalExpression: a stay kept for a stage without a threshold is never past NaN, so keeping it only costs memory
            if (!Number.isNaN(this.thresholdMs[stage])) table.pending![stage]!.push(since);
          } else if (asOfMs - since > this.thresholdMs[stage]!) {
            c[base + F_STALLED]!++;
          }
          break;
        }
      }
      // F_ENTERED is 0: `base - F_ENTERED` is an equivalent mutant.
      // Stryker disable next-line ArithmeticOperator: see above
      c[base + F_ENTERED]!++;
    }
    if (counted) table.deals++;
  }

  /** Judges the entries kept while `asOf` was unknown: stalled when open longer than the threshold at `asOfMs`. */
  settleStalled(table: FlowTable, asOfMs: number): void {
    const pending = table.pending;
    if (pending === undefined) return;
    pending.forEach((buffer, stage) => {
      const threshold = this.thresholdMs[stage]!;
      const since = buffer.values();
      let stalled = 0;
      // Stryker disable next-line EqualityOperator: one turn too many reads undefined, which is never past the threshold
      for (let i = 0; i < since.length; i++) if (asOfMs - since[i]! > threshold) stalled++;
      table.counts[stage * FIELDS + F_STALLED]! += stalled;
    });
  }

  private push(stage: number, enteredMs: number, outcome: number, suspendedMs: number): void {
    if (this.n === this.stage.length) {
      const cap = this.n * 2;
      this.stage = grow(this.stage, new Int32Array(cap));
      this.outcome = grow(this.outcome, new Int32Array(cap));
      this.entered = grow(this.entered, new Float64Array(cap));
      this.suspendedMs = grow(this.suspendedMs, new Float64Array(cap));
    }
    const i = this.n++;
    this.stage[i] = stage;
    this.outcome[i] = outcome;
    this.entered[i] = enteredMs;
    this.suspendedMs[i] = suspendedMs;
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
