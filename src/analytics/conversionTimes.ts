import { numberOption } from '../_lib/options.js';
import { groupingSettings, GroupTablesAccumulator, settingsText, type Accumulator, type AccumulatorPartial, type DealBatch } from '../model/accumulator.js';
import { ColumnGrouper } from '../model/columnGroups.js';
import { assertColumnsOf, isDealColumns, type DealColumns } from '../model/dealColumns.js';
import { GroupAccumulator, groupLabel, type GroupKey, type Grouped } from '../model/groupBy.js';
import type { StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { pipelineIndex, type PipelineIndex } from '../model/pipelineIndex.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
import type { InstantInput } from '../time/instant.js';
import { groupingOf, pipelineFilter } from './_lib/groups.js';
import { requiredInstantMs } from './_lib/options.js';
import { binTime, kaplanMeier, quantileOfCounts } from './_lib/survival.js';
import { SurvivalSamples } from './_lib/survivalSamples.js';
import { ADVANCED, LedgerWalker, LOST_FROM, newSummary, REGRESSED, SKIPPED, STILL_OPEN, WON_FROM } from './_lib/walkLedger.js';
import type { AnalyticsOptions } from './analyticsOptions.js';
import { checkDeal, checkDealBatch } from '../model/dealArguments.js';

/**
 * Options for {@link conversionTimes}.
 */
export interface ConversionTimesOptions extends AnalyticsOptions {
  /**
   * The instant the ledgers are read to (a `Date` or an ISO 8601 string with offset;
   * events after it are ignored); stays still open then are censored at it. Required.
   */
  readonly asOf: InstantInput;
  /**
   * Bin width in days (> 0). Without it: exact durations, and memory that grows with the
   * number of stays counted (about 9 bytes each: exact Kaplan–Meier needs every event
   * time). With a width, every duration is first rounded **up** to the next multiple
   * ("converted within day 3"), ties collapse, and memory is bounded by stages × groups ×
   * (longest stay ÷ width). All statistics (mean, median, p90 and the curve) then use the
   * binned durations.
   *
   * @defaultValue none (exact durations)
   */
  readonly resolutionDays?: number;
}

/**
 * One step of a Kaplan–Meier curve: the estimate just after `days`.
 */
export interface KaplanMeierPoint {
  /** A distinct observed duration (an event, a censoring, or both). */
  readonly days: number;
  /** nᵢ: stays lasting at least `days` (stays censored at `days` included). */
  readonly atRisk: number;
  /** dᵢ: stays completed at exactly `days`. */
  readonly events: number;
  /** Stays censored at exactly `days`. */
  readonly censored: number;
  /** Ŝ(days): estimated share of stays still not completed after `days`. */
  readonly survival: number;
  /** Greenwood standard error of Ŝ; `null` once Ŝ has reached 0 (it does not exist there). */
  readonly standardError: number | null;
}

/**
 * A Kaplan–Meier curve with its median.
 */
export interface KaplanMeierCurve {
  /** One point per distinct duration, increasing; Ŝ = 1 before the first point. Empty without stays. */
  readonly points: readonly KaplanMeierPoint[];
  /**
   * Smallest duration with Ŝ ≤ 0.5, Ŝ compared with a tolerance of √ε ≈ 1.5e-8 as R's
   * `survival` does (so a floating-point ½ counts as ½); `null` when the curve never gets
   * down to 0.5.
   */
  readonly medianDays: number | null;
}

/**
 * Conversion time (转化时间) of one open stage.
 */
export interface StageConversionTime {
  /** The open stage. */
  readonly stageId: StageId;
  /** Its position among the pipeline's open stages (0-based). */
  readonly stageIndex: number;
  /** Real stays counted: `completed + open + lost + regressed` (skipped stays excluded). */
  readonly stays: number;
  /** Stays that ended by moving forward (`advanced`, jumps included) or by winning (`won`): the events. */
  readonly completed: number;
  /** Stays still open at `asOf` (suspended or not): censored at `asOf`. */
  readonly open: number;
  /** Stays that ended lost: censored at their exit. */
  readonly lost: number;
  /** Stays that ended by moving back: censored at their exit. */
  readonly regressed: number;
  /** Zero-length virtual stays of deals that jumped over the stage: excluded from every figure above. */
  readonly skipped: number;
  /** Mean duration of the completed stays; `null` when none. */
  readonly meanDays: number | null;
  /** Median duration of the completed stays (type-7 quantile, p = 0.5); `null` when none. */
  readonly medianDays: number | null;
  /** 90th percentile of the completed stays' durations (type-7); `null` when none. */
  readonly p90Days: number | null;
  /** Kaplan–Meier estimate over all counted stays, the open, lost and regressed ones censored. */
  readonly kaplanMeier: KaplanMeierCurve;
}

/**
 * Result of {@link conversionTimes}: in `total` and in each group's `value`, one entry
 * per open stage, in funnel order (stages without stays included).
 */
export interface ConversionTimes extends Grouped<readonly StageConversionTime[]> {
  /** The instant the ledgers were read to (a copy of the option). */
  readonly asOf: Date;
  /** The bin width used, or `null` for exact durations. */
  readonly resolutionDays: number | null;
}

/**
 * Conversion time (转化时间) per stage: how long deals stay in each open stage before
 * moving on, from the ledgers. For every stage it gives the completed stays' count,
 * mean, median and 90th percentile, and a Kaplan–Meier curve and median that also use
 * the stays still open — which a plain average of completed stays ignores, biasing it
 * toward the quick ones.
 *
 * Definitions (stays are those of {@link stageVisits}, read as of `asOf`):
 *
 * - **Duration** of a stay = time in the stage minus time suspended (中止) during it, in
 *   exact days of 24 h (ms / 86 400 000, as {@link daysBetween}); an open stay runs to
 *   `asOf`.
 * - **Completed stay** (the event): it ended by moving forward — `advanced`, including a
 *   jump past later stages — or `won`. Its duration is a conversion time.
 * - **Censored stays**: still `open` at `asOf` (censored at `asOf`), and — the
 *   cause-specific view — stays that ended `lost` or `regressed`, censored at their exit:
 *   they tell that the deal had not converted by then, nothing more. Their counts are
 *   reported. So 1 − Ŝ(t) is the probability of converting within t days *if nothing
 *   else happened first*; for the probability of actually winning by a time, with loss
 *   competing, use {@link competingRisks}.
 * - Virtual `skipped` stays (stages jumped over) are excluded and only counted.
 * - **Completed-stay statistics**: mean; median and p90 as type-7 quantiles (linear
 *   interpolation between order statistics, as R and NumPy by default); `null` without
 *   completed stays.
 * - **Kaplan–Meier**: Ŝ(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ) over the distinct durations tᵢ,
 *   with dᵢ the completed stays at tᵢ and nᵢ the stays lasting at least tᵢ. Ties: at
 *   equal durations, completions come before censorings (censored stays are still at
 *   risk). Greenwood standard error Ŝ(t)·√(Σ dᵢ/(nᵢ(nᵢ − dᵢ))). Median = the smallest t
 *   with Ŝ(t) ≤ 0.5, `null` when never reached; Ŝ is compared with a tolerance of
 *   √ε ≈ 1.5e-8, as R's `survival` does, so that a curve that is ½ in exact arithmetic
 *   (24 stays of 1…24 days: Ŝ(12) = ½) gives 12, not the next event time. (Where Ŝ stays
 *   exactly ½ until the next event, R reports the midpoint of the two times, 12.5.)
 *
 * The input is read once, from any iterable or {@link DealColumns} chunk; memory grows
 * with the stays counted, about 9 bytes each (see `resolutionDays` to bound it). Results
 * do not depend on the input order, to the last digit. No NaN: a stage without stays
 * has an empty curve and `null` figures. The incremental form, for streams and shards,
 * is {@link conversionTimesAccumulator}.
 *
 * @param opportunities - The deals (any iterable, read once; not modified), or a
 *   {@link DealColumns} chunk of them (the same result, faster).
 * @param pipeline - Their pipeline: the open stages, in funnel order.
 * @param options - `asOf` (required), grouping and binning.
 * @returns Per open stage, in total and per group.
 * @throws {@link FunnelError} `invalid_option` for a missing `asOf` or one that is not an
 *   instant, a bad `resolutionDays`, `groupBy` or `otherPipelines`; `pipeline_mismatch`
 *   for a deal of another pipeline (unless `otherPipelines: 'ignore'`); `unknown_stage`
 *   for a ledger naming a stage the pipeline does not have (see {@link stageVisits});
 *   `invalid_argument` for columns of another pipeline; `invalid_option` (reason
 *   `function_key_on_columns`) for a function grouping key on columns.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities or
 *   a `DealColumns` chunk, or an item of it that is not an opportunity (named
 *   `opportunities[i]`); `invalid_argument` (`pipeline`) for a value that is not a
 *   pipeline.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { conversionTimes, parsePipeline, parseOpportunity } from 'sales-funnel';
 * const pipeline = parsePipeline({
 *   id: 'p', name: 'Direct', currency: 'CNY',
 *   stages: [
 *     { id: 'lead', name: '线索', kind: 'open', probability: 0.1 },
 *     { id: 'quote', name: '报价洽谈', kind: 'open', probability: 0.5 },
 *     { id: 'won', name: '赢单', kind: 'won', probability: 1 },
 *     { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
 *   ],
 * });
 * const deal = (id: string, days: number | null) =>
 *   parseOpportunity({
 *     id, customerId: 'c1', pipelineId: 'p', name: id, ownerId: 'rep-li',
 *     amount: { amount: '100000', currency: 'CNY' }, stageId: days === null ? 'lead' : 'quote',
 *     history: [
 *       { type: 'created', at: '2026-01-01T00:00:00Z', stageId: 'lead' },
 *       ...(days === null ? [] : [{ type: 'stage_changed', at: new Date(Date.UTC(2026, 0, 1 + days)).toISOString(), from: 'lead', to: 'quote', kind: 'advance' }]),
 *     ],
 *   });
 * // Two deals moved on after 4 and 10 days; one is still in `lead` after 20 days.
 * const r = conversionTimes([deal('a', 4), deal('b', 10), deal('c', null)], pipeline, { asOf: '2026-01-21T00:00:00Z' });
 * const lead = r.total[0]!;
 * lead.medianDays; //=> 7 (completed stays only: (4 + 10) / 2)
 * lead.kaplanMeier.medianDays; //=> 10 (Ŝ(4) = 2/3, Ŝ(10) = 2/3 × 1/2 = 1/3)
 * ```
 */
export function conversionTimes(opportunities: DealBatch, pipeline: Pipeline, options: ConversionTimesOptions): ConversionTimes {
  return conversionTimesAccumulator(pipeline, options).add(opportunities).result();
}

/**
 * The plain-data state of a {@link ConversionTimesAccumulator} (see
 * {@link AccumulatorPartial}): every stay counted, to merge in another thread or process.
 */
export interface ConversionTimesPartial extends AccumulatorPartial {
  /** Always `'conversion_times'`. */
  readonly kind: 'conversion_times';
  /** The ungrouped stays (ungrouped results) and those of each group key. */
  readonly tables: ReadonlyArray<{
    /** The group's key tuple; null for the ungrouped total. */
    readonly key: readonly string[] | null;
    /** One entry per open stage, in funnel order. */
    readonly stages: ReadonlyArray<{
      /** Each stay's duration in days (binned, with `resolutionDays`). */
      readonly times: readonly number[];
      /** Each stay's end: 0 completed, 1 still open, 2 lost, 3 regressed. */
      readonly flags: readonly number[];
      /** With `resolutionDays`: how many stays each entry stands for. */
      readonly counts?: readonly number[];
      /** Skipped (virtual) stays. */
      readonly skipped: number;
    }>;
  }>;
}

/**
 * The incremental form of {@link conversionTimes}: `add` deals or column chunks, `merge`
 * shards, read `result()`. `conversionTimes(deals, pipeline, options)` is
 * `conversionTimesAccumulator(pipeline, options).add(deals).result()`.
 */
export type ConversionTimesAccumulator = Accumulator<ConversionTimes, ConversionTimesPartial>;

/**
 * Creates the incremental form of {@link conversionTimes} (累加器): feed it deals or
 * {@link DealColumns} chunks as they arrive (a database cursor, a file stream, worker
 * threads), merge the accumulators or partial states of other shards, and read the
 * result at any time; the result equals `conversionTimes` over every deal added — to
 * the last digit, floating-point figures included — in any chunks, shards and order.
 *
 * Kaplan–Meier, medians and p90 need every stay's duration and end, so the state keeps
 * them: memory grows with the stays counted, about 9 bytes per stay (a duration and a
 * one-byte end code, per stage and group; in a partial state, the same as plain
 * arrays). With `resolutionDays` it keeps a count per (bin, end) instead, bounded by
 * stages × groups × (longest stay ÷ width). Merging shards is exact: the estimators
 * run once, in `result()`, on the merged stays sorted canonically (by duration), and
 * sums such as the mean are added in increasing duration, so neither the chunking nor
 * the order of the shards changes a digit.
 *
 * Give every shard the same options (a shard built with other options is refused).
 *
 * @param pipeline - The deals' pipeline.
 * @param options - The options of {@link conversionTimes} (`asOf` required).
 * @returns An empty accumulator.
 * @throws {@link FunnelError} `invalid_option` for bad options (at once, not on the
 *   first deal); `add` throws what {@link conversionTimes} throws for a deal, plus
 *   `invalid_argument` for columns of another pipeline and `invalid_option` for a
 *   function grouping key on columns; `merge` throws `invalid_argument` for a shard with
 *   other settings.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { conversionTimesAccumulator, dealColumns, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const januaryDeals: Opportunity[];
 * declare const februaryDeals: Opportunity[];
 * const options = { asOf: '2026-04-01T00:00:00Z', groupBy: ['owner'] } as const;
 * const a = conversionTimesAccumulator(pipeline, options).add(januaryDeals);
 * const b = conversionTimesAccumulator(pipeline, options).add(dealColumns(februaryDeals, pipeline));
 * const times = a.merge(b.partial()).result(); // = conversionTimes([...januaryDeals, ...februaryDeals], pipeline, options)
 * for (const s of times.total) console.log(s.stageId, s.medianDays, s.kaplanMeier.medianDays);
 * ```
 */
export function conversionTimesAccumulator(pipeline: Pipeline, options: ConversionTimesOptions): ConversionTimesAccumulator {
  return new TimesAccumulator(pipeline, options);
}

// End codes of a stay in the samples (its flag).
const COMPLETED = 0;
const OPEN_STAY = 1;
const LOST_STAY = 2;
const REGRESSED_STAY = 3;
/** Scratch only: a skipped (virtual) stay, counted, never a sample. */
const SKIPPED_STAY = 4;
/** The Kaplan–Meier cause of each end code: completed is the event, the rest censor. */
const CAUSE_OF = [0, null, null, null] as const;

/** The stays of one open stage in one table. */
interface StageTable {
  readonly samples: SurvivalSamples;
  skipped: number;
}

/** One table: a {@link StageTable} per open stage. */
type Table = StageTable[];

class TimesAccumulator extends GroupTablesAccumulator<ConversionTimes, ConversionTimesPartial, Table> implements ConversionTimesAccumulator {
  readonly kind = 'conversion_times';
  private readonly asOfMs: number;
  private readonly resolution: number | undefined;
  private readonly openStages: PipelineIndex['open'];
  protected readonly settingsText: string;
  private readonly groupBy: readonly GroupKey[];
  private readonly keyOf: ((o: Opportunity) => readonly string[]) | undefined;
  private readonly belongs: (o: Opportunity) => boolean;
  private readonly walker: LedgerWalker;
  private readonly summary = newSummary();
  protected readonly total: Table;
  protected readonly groups: GroupAccumulator<Table>;
  // The stays of the deal being walked, until its table is known.
  private n = 0;
  private stage = new Int32Array(16);
  private end = new Uint8Array(16);
  private days = new Float64Array(16);

  constructor(
    private readonly pipeline: Pipeline,
    protected readonly options: ConversionTimesOptions,
  ) {
    super();
    this.asOfMs = requiredInstantMs(options, 'asof_for_open_stays');
    this.resolution = options.resolutionDays === undefined ? undefined : numberOption(options.resolutionDays, 'resolutionDays', { min: 0, minExclusive: true });
    this.belongs = pipelineFilter(pipeline, options);
    const { groupBy, keyOf } = groupingOf(options);
    this.groupBy = groupBy;
    this.keyOf = keyOf;
    const index = pipelineIndex(pipeline);
    this.openStages = index.open;
    this.total = this.newTable();
    this.groups = new GroupAccumulator(() => this.newTable());
    this.walker = new LedgerWalker(index, (stageIndex, enteredMs, leftMs, outcome, _to, _toIndex, suspendedMs) =>
      this.push(stageIndex, enteredMs, leftMs, outcome, suspendedMs),
    );
    this.settingsText = settingsText(pipeline, { asOf: this.asOfMs, resolutionDays: this.resolution ?? null, ...groupingSettings(options) });
  }

  private newTable(): Table {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: either layout gives the same rows (the binned one is only smaller when times repeat)
    const binned = this.resolution !== undefined;
    return this.openStages.map((): StageTable => ({ samples: new SurvivalSamples(binned), skipped: 0 }));
  }

  add(batch: DealBatch): this {
    checkDealBatch(batch, 'opportunities');
    const asOfMs = this.asOfMs;
    if (isDealColumns(batch)) {
      assertColumnsOf(batch, this.pipeline);
      const grouped = this.groupBy.length > 0;
      // Stryker disable next-line ConditionalExpression: an ungrouped accumulator never reads the grouper, so making one changes nothing
      if (grouped) this.grouper ??= new ColumnGrouper(this.groupBy, this.options, (cols, i) => this.createdDay(cols, i));
      // Stryker disable next-line EqualityOperator: one turn too many walks no event past the last deal (n stays 0) and is skipped
      for (let i = 0; i < batch.length; i++) {
        this.n = 0;
        this.walker.walkColumns(batch, i, asOfMs, this.summary);
        if (this.n === 0) continue;
        this.flush(grouped ? this.slotTable(this.grouper!.slotOf(batch, i)) : this.total);
      }
    } else {
      const keyOf = this.keyOf;
      let i = 0;
      for (const o of batch) {
        checkDeal(o, i++, 'opportunities');
        if (!this.belongs(o)) continue;
        this.n = 0;
        this.walker.walk(o, asOfMs, this.summary);
        if (this.n === 0) continue;
        // Each deal's stays go to one table: its group's, or the total when ungrouped
        // (the total of a grouped result is made of the groups' stays in result()).
        this.flush(keyOf === undefined ? this.total : this.groups.get(keyOf(o)));
      }
    }
    return this;
  }

  /** Keeps one stay of the deal being walked (its duration worked out at once). */
  private push(stage: number, enteredMs: number, leftMs: number, outcome: number, suspendedMs: number): void {
    if (this.n === this.stage.length) {
      const cap = this.n * 2;
      const stages = new Int32Array(cap);
      stages.set(this.stage);
      this.stage = stages;
      const ends = new Uint8Array(cap);
      ends.set(this.end);
      this.end = ends;
      const days = new Float64Array(cap);
      days.set(this.days);
      this.days = days;
    }
    const k = this.n++;
    this.stage[k] = stage;
    if (outcome === SKIPPED) {
      this.end[k] = SKIPPED_STAY;
      this.days[k] = 0;
      return;
    }
    this.end[k] = outcome === ADVANCED || outcome === WON_FROM ? COMPLETED : outcome === LOST_FROM ? LOST_STAY : outcome === REGRESSED ? REGRESSED_STAY : OPEN_STAY;
    const endMs = outcome === STILL_OPEN ? this.asOfMs : leftMs;
    // Whole milliseconds, so equal net stays give bit-identical durations (exact ties).
    const netMs = endMs - enteredMs - suspendedMs;
    this.days[k] = binTime(Math.max(0, netMs) / MS_PER_DAY, this.resolution);
  }

  /** Moves the stays of the deal just walked into `table`. */
  private flush(table: Table): void {
    for (let k = 0; k < this.n; k++) {
      const st = table[this.stage[k]!]!;
      const end = this.end[k]!;
      if (end === SKIPPED_STAY) st.skipped++;
      else st.samples.push(this.days[k]!, end);
    }
  }

  protected override mergeTable(into: Table, from: Table): void {
    from.forEach((s, j) => {
      into[j]!.samples.append(s.samples);
      into[j]!.skipped += s.skipped;
    });
  }

  protected mergePartial(p: ConversionTimesPartial): void {
    for (const t of p.tables) {
      const into = this.tableOf(t.key);
      t.stages.forEach((s, j) => {
        const st = into[j];
        // Stryker disable next-line ConditionalExpression: the settings text names the stages, so a partial that merges has one entry per open stage
        if (st === undefined) return;
        st.samples.appendJson(s);
        st.skipped += s.skipped;
      });
    }
  }

  partial(): ConversionTimesPartial {
    return {
      kind: 'conversion_times',
      settings: this.settingsText,
      tables: this.tableRows((t) => ({ stages: t.map((s) => ({ ...s.samples.toJson(), skipped: s.skipped })) })),
    };
  }

  result(): ConversionTimes {
    const groups = this.groups.sorted();
    // The total: the stays of every table (only the total's when ungrouped, only the groups' when grouped).
    const all = [this.total, ...groups.map((g) => g.acc)];
    const summarize = (tables: readonly Table[]): readonly StageConversionTime[] =>
      this.openStages.map((stage, i) => summarizeStage(stage.id, i, tables.map((t) => t[i]!)));
    return {
      asOf: new Date(this.asOfMs),
      resolutionDays: this.resolution ?? null,
      groupBy: this.groupBy.map(groupLabel),
      total: summarize(all),
      groups: groups.map(({ key, acc }) => ({ key, value: summarize([acc]) })),
    };
  }
}

function summarizeStage(stageId: StageId, stageIndex: number, stays: readonly StageTable[]): StageConversionTime {
  const samples = stays.map((s) => s.samples);
  const ends = [0, 0, 0, 0];
  for (const s of samples) s.countFlags(ends);
  let skipped = 0;
  for (const s of stays) skipped += s.skipped;
  // Canonical rows (durations sorted, counts added as integers): the figures below do
  // not depend on the order in which the stays came.
  const rows = SurvivalSamples.rows(samples, CAUSE_OF, 1);
  // Rows without a completion add nothing to the mean or to a rank (the filter only
  // saves work: removing it is an equivalent mutant).
  // Stryker disable next-line MethodExpression,ConditionalExpression,EqualityOperator: see above
  const completedRows = rows.filter((r) => r.events[0]! > 0).map((r) => ({ value: r.time, count: r.events[0]! }));
  // Summed in increasing duration, so the mean does not depend on the input order.
  let total = 0;
  for (const r of completedRows) total += r.value * r.count;
  const km = kaplanMeier(rows);
  const completed = ends[COMPLETED]!;
  return {
    stageId,
    stageIndex,
    stays: completed + ends[OPEN_STAY]! + ends[LOST_STAY]! + ends[REGRESSED_STAY]!,
    completed,
    open: ends[OPEN_STAY]!,
    lost: ends[LOST_STAY]!,
    regressed: ends[REGRESSED_STAY]!,
    skipped,
    meanDays: completed === 0 ? null : total / completed,
    medianDays: quantileOfCounts(completedRows, 0.5),
    p90Days: quantileOfCounts(completedRows, 0.9),
    kaplanMeier: {
      points: km.steps.map((s) => ({
        days: s.time,
        atRisk: s.atRisk,
        events: s.events,
        censored: s.censored,
        survival: s.survival,
        standardError: s.standardError,
      })),
      medianDays: km.median,
    },
  };
}
