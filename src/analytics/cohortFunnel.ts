import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { groupingSettings, GroupTablesAccumulator, settingsText, type Accumulator, type AccumulatorPartial, type DealBatch } from '../model/accumulator.js';
import { ColumnGrouper } from '../model/columnGroups.js';
import { assertColumnsOf, isDealColumns, type DealColumns } from '../model/dealColumns.js';
import { GroupAccumulator, groupLabel, type GroupKey } from '../model/groupBy.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { LOST, OPEN, WON, pipelineIndex, type PipelineIndex } from '../model/pipelineIndex.js';
import { cohortTable, type CohortFunnel } from '../model/results/cohortTable.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import { groupingOf, pipelineFilter } from './_lib/groups.js';
import { LedgerWalker, newSummary, WON_FROM } from './_lib/walkLedger.js';
import type { AnalyticsOptions } from './analyticsOptions.js';
import { checkDeal, checkDealBatch } from '../model/dealArguments.js';

export type { CohortFunnel, CohortFunnelRow, CohortFunnelTable } from '../model/results/cohortTable.js';

/**
 * Options for {@link cohortFunnel}.
 */
export interface CohortFunnelOptions extends AnalyticsOptions {
  /**
   * Creation window start, inclusive (a `Date` or an ISO 8601 string with offset).
   *
   * @defaultValue no lower bound
   */
  readonly from?: InstantInput;
  /**
   * Creation window end, exclusive.
   *
   * @defaultValue no upper bound
   */
  readonly to?: InstantInput;
  /**
   * Read the ledgers as of this instant: later events are ignored, and deals created
   * after it are not in the cohort.
   *
   * @defaultValue just after the last event read (the whole ledgers)
   */
  readonly asOf?: InstantInput;
}

/**
 * The cohort funnel (同期群漏斗): of the deals created in `[from, to)`, how many reached
 * each open stage by `asOf`, with the stage-to-stage conversion (转化率 = 后一阶段数量 /
 * 前一阶段数量) and the win rate.
 *
 * **Reached-any-stage semantics**: a deal reached stage k when it stood in stage k or in
 * any later open stage, or was won — so jumping over a stage counts as passing it, a deal
 * imported straight into a middle stage counts as having passed the earlier ones, and a
 * won deal has passed them all. The counts are therefore non-increasing down the funnel
 * by construction, and every conversion lies in [0, 1]. A deal lost, regressed or still
 * open counts up to the furthest stage it reached. An import whose ledger never sets the
 * stage (only close-date changes, say) stands in its own stage from its first event.
 *
 * A deal's creation is its `created` event, else its first event of any type; a ledger
 * imported without `created` stands in its first stage from that first event (see
 * {@link stageVisits}), even when its first stage change comes after `asOf`.
 *
 * Reads the input once; memory grows with stages × groups.
 *
 * @param opportunities - The deals (any iterable; read once; not modified), or a
 *   {@link DealColumns} chunk of them (the same result, much faster; a function
 *   grouping key is refused on columns).
 * @param pipeline - Their pipeline.
 * @param options - Creation window, `asOf`, grouping (`'period'`: the creation period).
 * @returns The funnel in total and per group.
 * @throws {@link FunnelError} `invalid_option` for a time that is not an instant or
 *   `from` after `to`; `pipeline_mismatch` / `unknown_stage` as for {@link stageFlow};
 *   on columns, `invalid_argument` for columns of another pipeline and `invalid_option`
 *   for a function grouping key.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities or
 *   a `DealColumns` chunk, or an item of it that is not an opportunity (named
 *   `opportunities[i]`); `invalid_argument` (`pipeline`) for a value that is not a
 *   pipeline.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { cohortFunnel, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const q1 = cohortFunnel(deals, pipeline, { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z', groupBy: ['created_month'] });
 * console.log(q1.total.stages.map((r) => r.reached).join(' → '), q1.total.winRate);
 * ```
 */
export function cohortFunnel(opportunities: DealBatch, pipeline: Pipeline, options: CohortFunnelOptions = {}): CohortFunnel {
  return cohortFunnelAccumulator(pipeline, options).add(opportunities).result();
}

/**
 * The plain-data state of a {@link CohortFunnelAccumulator} (see
 * {@link AccumulatorPartial}): the counts of every table, to merge in another thread or
 * process.
 */
export interface CohortFunnelPartial extends AccumulatorPartial {
  /** Always `'cohort_funnel'`. */
  readonly kind: 'cohort_funnel';
  /** The latest event read (ms), or null when none. */
  readonly lastEventMs: number | null;
  /** The ungrouped table (the deals of an ungrouped funnel) and one per group key. */
  readonly tables: ReadonlyArray<{
    /** The group's key tuple; null for the ungrouped table. */
    readonly key: readonly string[] | null;
    /** Deals of the cohort. */
    readonly created: number;
    /** Deals by the furthest open stage they reached (one entry per open stage), then the won deals. */
    readonly furthest: readonly number[];
    /** Deals won by `asOf`. */
    readonly won: number;
    /** Deals never won, lost at `asOf`. */
    readonly lost: number;
    /** Deals never won, open at `asOf`. */
    readonly open: number;
  }>;
}

/**
 * The incremental form of {@link cohortFunnel}: `add` deals or column chunks, `merge`
 * shards, read `result()`. `cohortFunnel(deals, pipeline, options)` is
 * `cohortFunnelAccumulator(pipeline, options).add(deals).result()`.
 */
export type CohortFunnelAccumulator = Accumulator<CohortFunnel, CohortFunnelPartial>;

/**
 * Creates the incremental form of {@link cohortFunnel} (累加器): feed it deals or
 * {@link DealColumns} chunks as they arrive (a database cursor, a file stream, worker
 * threads), merge the accumulators or partial states of other shards, and read the
 * result at any time; the result equals `cohortFunnel` over every deal added, in any
 * chunks, shards and order. Memory grows with stages × groups, not with the deals.
 *
 * Give every shard the same options. Without `asOf` the ledgers are read whole and the
 * result's `asOf` is the last event of all the shards merged.
 *
 * @param pipeline - The deals' pipeline.
 * @param options - The options of {@link cohortFunnel}.
 * @returns An empty accumulator.
 * @throws {@link FunnelError} `invalid_option` for bad options (at once, not on the
 *   first deal); `add` throws what {@link cohortFunnel} throws for a deal, plus
 *   `invalid_argument` for columns of another pipeline and `invalid_option` for a
 *   function grouping key on columns; `merge` throws `invalid_argument` for a shard with
 *   other settings.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { cohortFunnelAccumulator, dealColumns, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const chunks: AsyncIterable<Opportunity[]>; // e.g. pages of a database cursor
 * const q1 = cohortFunnelAccumulator(pipeline, { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z', groupBy: ['owner'] });
 * for await (const deals of chunks) q1.add(dealColumns(deals, pipeline));
 * const funnel = q1.result(); // = cohortFunnel(every deal, pipeline, the same options)
 * console.log(funnel.total.stages.map((r) => r.reached).join(' → '), funnel.total.winRate);
 * ```
 */
export function cohortFunnelAccumulator(pipeline: Pipeline, options: CohortFunnelOptions = {}): CohortFunnelAccumulator {
  return new CohortAccumulator(pipeline, options);
}

/** The counts of one table: `furthest[k]` deals whose furthest stage is k (k = stages means won); reached(k) = Σ_{j ≥ k} furthest[j]. */
interface CohortCounter {
  created: number;
  readonly furthest: Float64Array;
  won: number;
  lost: number;
  open: number;
}

class CohortAccumulator extends GroupTablesAccumulator<CohortFunnel, CohortFunnelPartial, CohortCounter> implements CohortFunnelAccumulator {
  readonly kind = 'cohort_funnel';
  private readonly fromMs: number;
  private readonly toMs: number;
  private readonly asOfMs: number;
  private readonly index: PipelineIndex;
  private readonly stages: number;
  private readonly groupBy: readonly GroupKey[];
  private readonly keyOf: ((o: Opportunity) => readonly string[]) | undefined;
  private readonly belongs: (o: Opportunity) => boolean;
  protected readonly settingsText: string;
  private readonly walker: LedgerWalker;
  private readonly summary = newSummary();
  protected readonly total: CohortCounter;
  protected readonly groups: GroupAccumulator<CohortCounter>;
  /** The furthest stage reached by the deal being walked (−1: none yet), set by the walker's sink. */
  // Stryker disable next-line UnaryOperator: reset to −1 before every walk; this first value is never read
  private furthest = -1;
  private lastEventMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly pipeline: Pipeline,
    protected readonly options: CohortFunnelOptions,
  ) {
    super();
    this.fromMs = instantMs(options.from, 'from', Number.NEGATIVE_INFINITY);
    this.toMs = instantMs(options.to, 'to', Number.POSITIVE_INFINITY);
    if (this.fromMs > this.toMs) throw new FunnelError('invalid_option', { option: 'from', reason: because('from_after_to') });
    this.asOfMs = instantMs(options.asOf, 'asOf', Number.POSITIVE_INFINITY);
    this.index = pipelineIndex(pipeline);
    const stages = this.index.open.length;
    this.stages = stages;
    const { groupBy, keyOf } = groupingOf(options);
    this.groupBy = groupBy;
    this.keyOf = keyOf;
    this.belongs = pipelineFilter(pipeline, options);
    this.walker = new LedgerWalker(this.index, (stageIndex, _entered, _left, outcome) => {
      const reach = outcome === WON_FROM ? stages : stageIndex;
      // Equivalent mutant: `>=` (on a tie the same value is written).
      if (reach > this.furthest) this.furthest = reach;
    });
    this.total = this.newCounter();
    this.groups = new GroupAccumulator(() => this.newCounter());
    // Infinite bounds as null: JSON has no Infinity.
    const finite = (ms: number) => (Number.isFinite(ms) ? ms : null);
    this.settingsText = settingsText(pipeline, {
      from: finite(this.fromMs), to: finite(this.toMs), asOf: finite(this.asOfMs), ...groupingSettings(options),
    });
  }

  private newCounter(): CohortCounter {
    return { created: 0, furthest: new Float64Array(this.stages + 1), won: 0, lost: 0, open: 0 };
  }

  add(batch: DealBatch): this {
    checkDealBatch(batch, 'opportunities');
    if (isDealColumns(batch)) {
      this.addColumns(batch);
      return this;
    }
    const { asOfMs, walker, summary, keyOf, total } = this;
    let last = this.lastEventMs;
    let i = 0;
    for (const o of batch) {
      checkDeal(o, i++, 'opportunities');
      if (!this.belongs(o)) continue;
      this.furthest = -1;
      walker.walk(o, asOfMs, summary);
      // Equivalent mutant: `>=` (on a tie the same value is written).
      if (summary.lastMs > last) last = summary.lastMs;
      if (!this.inCohort()) continue;
      // Each deal counts into one table: its group's, or the total when ungrouped (the
      // total of a grouped funnel is the sum of the groups, made in result()).
      this.tally(keyOf === undefined ? total : this.groups.get(keyOf(o)));
    }
    this.lastEventMs = last;
    return this;
  }

  private addColumns(cols: DealColumns): void {
    assertColumnsOf(cols, this.pipeline);
    const grouped = this.groupBy.length > 0;
    // Equivalent mutant: `if (true)` (a grouper made when ungrouped is never used).
    if (grouped) this.grouper ??= new ColumnGrouper(this.groupBy, this.options, (c, i) => this.createdDay(c, i));
    const { asOfMs, walker, summary, total } = this;
    let last = this.lastEventMs;
    // Equivalent mutant: `i <= cols.length` (past the last deal the event columns hold no event: no creation, no last event).
    for (let i = 0; i < cols.length; i++) {
      this.furthest = -1;
      walker.walkColumns(cols, i, asOfMs, summary);
      // Equivalent mutant: `>=` (on a tie the same value is written).
      if (summary.lastMs > last) last = summary.lastMs;
      if (!this.inCohort()) continue;
      this.tally(grouped ? this.slotTable(this.grouper!.slotOf(cols, i)) : total);
    }
    this.lastEventMs = last;
  }

  /** Whether the deal just walked was created in the window. */
  private inCohort(): boolean {
    const created = this.summary.createdMs;
    return created >= this.fromMs && created < this.toMs;
  }

  /** Counts the deal just walked into `t`. */
  private tally(t: CohortCounter): void {
    // Every deal in the cohort has a first event, hence a stage (its implied first stage when
    // no event sets one): `stage` is never undefined here, and the mutants `stage.kind`,
    // `if (true)` for `reach >= 0` and `if (true)` for `kind === OPEN` are equivalent.
    const kind = this.summary.stage?.kind;
    const reach = kind === WON ? this.stages : this.furthest;
    t.created++;
    if (reach >= 0) t.furthest[reach]!++;
    if (reach === this.stages) t.won++;
    else if (kind === LOST) t.lost++;
    else if (kind === OPEN) t.open++;
  }

  protected mergePartial(p: CohortFunnelPartial): void {
    // Equivalent mutant: `>=` (on a tie the same value is written).
    if (p.lastEventMs !== null && p.lastEventMs > this.lastEventMs) this.lastEventMs = p.lastEventMs;
    for (const t of p.tables) addCounts(this.tableOf(t.key), t);
  }

  partial(): CohortFunnelPartial {
    return {
      kind: 'cohort_funnel',
      settings: this.settingsText,
      // Equivalent mutant: `false` for the test (−Infinity merges as null does: it is never the later one; JSON writes it as null).
      lastEventMs: this.lastEventMs === Number.NEGATIVE_INFINITY ? null : this.lastEventMs,
      tables: this.tableRows((t) => ({ created: t.created, furthest: Array.from(t.furthest), won: t.won, lost: t.lost, open: t.open })),
    };
  }

  result(): CohortFunnel {
    const { index, options } = this;
    // Sum into a copy, so that adding can go on after a result.
    const total = this.newCounter();
    addCounts(total, this.total);
    const groups = this.groups.sorted();
    for (const { acc } of groups) addCounts(total, acc);
    const lastEventMs = this.lastEventMs;
    const readTo = options.asOf !== undefined ? this.asOfMs : lastEventMs === Number.NEGATIVE_INFINITY ? undefined : lastEventMs;
    return {
      pipelineId: this.pipeline.id,
      ...(options.from === undefined ? {} : { from: new Date(this.fromMs) }),
      ...(options.to === undefined ? {} : { to: new Date(this.toMs) }),
      asOf: readTo === undefined ? null : new Date(readTo),
      groupBy: this.groupBy.map(groupLabel),
      total: cohortTable(index, total),
      groups: groups.map(({ key, acc }) => ({ key, value: cohortTable(index, acc) })),
    };
  }
}

function addCounts(into: CohortCounter, from: { readonly created: number; readonly furthest: ArrayLike<number>; readonly won: number; readonly lost: number; readonly open: number }): void {
  into.created += from.created;
  // Equivalent mutant: `k <= into.furthest.length` (a typed array ignores a write past its end).
  for (let k = 0; k < into.furthest.length; k++) into.furthest[k]! += from.furthest[k] ?? 0;
  into.won += from.won;
  into.lost += from.lost;
  into.open += from.open;
}
