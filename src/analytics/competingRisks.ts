import { numberOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { groupingSettings, GroupTablesAccumulator, settingsText, type Accumulator, type AccumulatorPartial, type DealBatch } from '../model/accumulator.js';
import { ColumnGrouper, createdMsAt } from '../model/columnGroups.js';
import { createdAt } from '../model/createdAt.js';
import { assertColumnsOf, isDealColumns, type DealColumns } from '../model/dealColumns.js';
import { GroupAccumulator, groupLabel, type GroupKey, type Grouped } from '../model/groupBy.js';
import type { StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { OPEN, pipelineIndex, stageInfo } from '../model/pipelineIndex.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
import type { InstantInput } from '../time/instant.js';
import { groupingOf, pipelineFilter } from './_lib/groups.js';
import { requiredInstantMs } from './_lib/options.js';
import { aalenJohansen, binTime } from './_lib/survival.js';
import { SurvivalSamples } from './_lib/survivalSamples.js';
import { LedgerWalker, LOST_FROM, newSummary, SKIPPED, STILL_OPEN, WON_FROM } from './_lib/walkLedger.js';
import type { AnalyticsOptions } from './analyticsOptions.js';
import { checkDeal, checkDealBatch } from '../model/dealArguments.js';

/**
 * Where the clock of {@link competingRisks} starts: at the deal's creation, or when it
 * first entered a given open stage.
 */
export type CompetingRisksOrigin = 'created' | { readonly stageId: StageId };

/**
 * Options for {@link competingRisks}.
 */
export interface CompetingRisksOptions extends AnalyticsOptions {
  /**
   * The instant the ledgers are read to (a `Date` or an ISO 8601 string with offset;
   * events after it are ignored); deals still open then are censored at it. Required.
   */
  readonly asOf: InstantInput;
  /**
   * Where the clock starts.
   *
   * @defaultValue `'created'`
   */
  readonly origin?: CompetingRisksOrigin;
  /**
   * Follow-up limit in days (> 0): a deal still undecided after it is censored there, so
   * the curve stops at the horizon and `cifWon`/`cifLost` are the values at it.
   *
   * @defaultValue none
   */
  readonly horizonDays?: number;
  /**
   * Bin width in days (> 0). Without it: exact times, memory growing with the number of
   * deals (about 9 bytes each). With a width, every time is rounded
   * **up** to the next multiple, ties collapse, and memory is bounded by groups ×
   * (longest time ÷ width).
   *
   * @defaultValue none (exact times)
   */
  readonly resolutionDays?: number;
}

/**
 * One step of the competing-risks curves: the estimates just after `days`
 * (`survival` = 1 − `cifWon` − `cifLost`).
 */
export interface CompetingRisksPoint {
  /** A distinct observed time since the origin. */
  readonly days: number;
  /** nᵢ: deals still undecided and observed at least this long. */
  readonly atRisk: number;
  /** Deals won at exactly `days`. */
  readonly won: number;
  /** Deals lost at exactly `days`. */
  readonly lost: number;
  /** Deals censored at exactly `days` (open at `asOf`, or past the horizon). */
  readonly censored: number;
  /** Ŝ(days): all-cause Kaplan–Meier probability of being still undecided. */
  readonly survival: number;
  /** CIF_won(days): probability of having been won by then. */
  readonly cifWon: number;
  /** CIF_lost(days): probability of having been lost by then. */
  readonly cifLost: number;
}

/**
 * Competing-risks estimates for one group of deals.
 */
export interface CompetingRisksCurve {
  /** Deals analysed: `won + lost + open`. */
  readonly deals: number;
  /** Deals won as of `asOf`. */
  readonly won: number;
  /** Deals lost as of `asOf`. */
  readonly lost: number;
  /** Deals still undecided at `asOf` (open or suspended): censored. */
  readonly open: number;
  /** Deals left out: no stay in the funnel as of `asOf`, or (stage origin) never entered that stage. */
  readonly excluded: number;
  /** Naive win rate won ÷ (won + lost), ignoring open deals and time; `null` when nothing closed. */
  readonly naiveWinRate: number | null;
  /** CIF_won at the last point (at the horizon, if given); `null` without deals. */
  readonly cifWon: number | null;
  /** CIF_lost at the last point (at the horizon, if given); `null` without deals. */
  readonly cifLost: number | null;
  /** Ŝ at the last point: share still undecided; `null` without deals. */
  readonly survival: number | null;
  /** One point per distinct time, increasing (CIFs 0 and Ŝ = 1 before the first). Empty without deals. */
  readonly points: readonly CompetingRisksPoint[];
}

/**
 * Result of {@link competingRisks}: the curve over every deal read (`total`) and per group.
 */
export interface CompetingRisks extends Grouped<CompetingRisksCurve> {
  /** The instant the ledgers were read to (a copy of the option). */
  readonly asOf: Date;
  /** Where the clock started. */
  readonly origin: CompetingRisksOrigin;
  /** The horizon, or `null`. */
  readonly horizonDays: number | null;
  /** The bin width used, or `null` for exact times. */
  readonly resolutionDays: number | null;
}

const WON = 0;
const LOST = 1;

/**
 * When deals are won (赢单) or lost (输单), as competing risks: the Aalen–Johansen
 * cumulative incidence of winning and of losing over time since creation (or since
 * first entering a stage), with deals still open at `asOf` censored — and, for
 * comparison, the naive win rate won ÷ (won + lost).
 *
 * Definitions:
 *
 * - **Time** of a deal = calendar days (exact, ms / 86 400 000) from its origin — its
 *   creation ({@link createdAt}), or its first real entry into `origin.stageId` (a jump
 *   over the stage is not an entry) — to the close that leaves it won or lost as of
 *   `asOf`; a deal still open or suspended (中止) at `asOf` is censored at `asOf`.
 *   Suspended time is not subtracted: this is elapsed time. A deal reopened after a
 *   close counts by its state at `asOf`.
 * - Left out (`excluded`): deals with no stay in an open stage as of `asOf` (created
 *   later, or recorded as closed without ever being in the funnel), and, with a stage
 *   origin, deals that never entered that stage.
 * - **Aalen–Johansen**: CIF_k(t) = Σ_{tᵢ ≤ t} Ŝ(tᵢ−) · d_{k,i}/nᵢ for k = won, lost,
 *   where nᵢ counts deals observed at least tᵢ, d_{k,i} those closed as k at tᵢ, and Ŝ is
 *   the all-cause Kaplan–Meier curve (Ŝ(tᵢ−) its value just before tᵢ). At every t,
 *   CIF_won(t) + CIF_lost(t) + Ŝ(t) = 1 (up to rounding). Ties: closes before censorings.
 * - **Naive win rate** = won ÷ (won + lost) among the deals closed by `asOf`, `null`
 *   when none closed. It is biased: it ignores the open deals, which are not a random
 *   sample — the quickly decided deals are over-represented (in many funnels losses
 *   come faster than wins, so a young cohort's naive rate is too low), and it says
 *   nothing about *when*. CIF_won(t) is the share of deals won within t days, counting
 *   every deal, open ones as far as they were observed.
 *
 * The input is read once, from any iterable or {@link DealColumns} chunk; memory grows
 * with the deals counted, about 9 bytes each (see `resolutionDays` to bound it). Results
 * do not depend on the input order, to the last digit. No NaN: without deals the curve
 * is empty and the summaries are `null`. The incremental form, for streams and shards,
 * is {@link competingRisksAccumulator}.
 *
 * @param opportunities - The deals (any iterable, read once; not modified), or a
 *   {@link DealColumns} chunk of them (the same result, faster).
 * @param pipeline - Their pipeline.
 * @param options - `asOf` (required), origin, horizon, grouping and binning.
 * @returns The curves and summaries, in total and per group.
 * @throws {@link FunnelError} `invalid_option` for a missing `asOf` or one that is not an
 *   instant, a bad `origin`, `horizonDays`, `resolutionDays`, `groupBy` or
 *   `otherPipelines`; `unknown_stage` for an origin stage the pipeline does not have,
 *   `stage_not_open` for a won or lost one; `pipeline_mismatch` for a deal of another
 *   pipeline (unless `otherPipelines: 'ignore'`); `unknown_stage` for a ledger naming a
 *   stage the pipeline does not have; `invalid_argument` for columns of another
 *   pipeline; `invalid_option` (reason `function_key_on_columns`) for a function
 *   grouping key on columns.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities or
 *   a `DealColumns` chunk, or an item of it that is not an opportunity (named
 *   `opportunities[i]`); `invalid_argument` (`pipeline`) for a value that is not a
 *   pipeline.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { competingRisks, parsePipeline, parseOpportunity } from 'sales-funnel';
 * const pipeline = parsePipeline({
 *   id: 'p', name: 'Direct', currency: 'CNY',
 *   stages: [
 *     { id: 'lead', name: '线索', kind: 'open', probability: 0.2 },
 *     { id: 'won', name: '赢单', kind: 'won', probability: 1 },
 *     { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
 *   ],
 * });
 * const deal = (id: string, close?: { type: 'won' | 'lost'; at: string }) =>
 *   parseOpportunity({
 *     id, customerId: 'c1', pipelineId: 'p', name: id, ownerId: 'rep-li',
 *     amount: { amount: '100000', currency: 'CNY' },
 *     stageId: close?.type ?? 'lead', status: close?.type ?? 'open',
 *     history: [
 *       { type: 'created', at: '2026-01-01T00:00:00Z', stageId: 'lead' },
 *       ...(close === undefined ? [] : [close.type === 'won'
 *         ? { type: 'won', at: close.at, stageId: 'won' }
 *         : { type: 'lost', at: close.at, stageId: 'lost', reason: 'price' }]),
 *     ],
 *   });
 * const r = competingRisks(
 *   [deal('a', { type: 'lost', at: '2026-01-11T00:00:00Z' }), deal('b', { type: 'won', at: '2026-01-31T00:00:00Z' }), deal('c'), deal('d')],
 *   pipeline,
 *   { asOf: '2026-02-10T00:00:00Z' },
 * );
 * r.total.naiveWinRate; //=> 0.5 (1 won ÷ 2 closed)
 * r.total.cifWon; //=> 0.25 (day 30: Ŝ(30−) = 3/4, × 1 won / 3 at risk)
 * r.total.cifLost; //=> 0.25 (day 10: 1 lost / 4 at risk)
 * ```
 */
export function competingRisks(opportunities: DealBatch, pipeline: Pipeline, options: CompetingRisksOptions): CompetingRisks {
  return competingRisksAccumulator(pipeline, options).add(opportunities).result();
}

/**
 * The plain-data state of a {@link CompetingRisksAccumulator} (see
 * {@link AccumulatorPartial}): every deal's time and outcome, to merge in another thread
 * or process.
 */
export interface CompetingRisksPartial extends AccumulatorPartial {
  /** Always `'competing_risks'`. */
  readonly kind: 'competing_risks';
  /** The ungrouped deals (ungrouped results) and those of each group key. */
  readonly tables: ReadonlyArray<{
    /** The group's key tuple; null for the ungrouped total. */
    readonly key: readonly string[] | null;
    /** Each deal's time in days since its origin (binned, with `resolutionDays`; at most the horizon). */
    readonly times: readonly number[];
    /**
     * Each deal's outcome: 0 open (censored), 1 won, 2 lost, 3 won after the horizon,
     * 4 lost after the horizon (both censored at the horizon).
     */
    readonly flags: readonly number[];
    /** With `resolutionDays`: how many deals each entry stands for. */
    readonly counts?: readonly number[];
    /** Deals left out. */
    readonly excluded: number;
  }>;
}

/**
 * The incremental form of {@link competingRisks}: `add` deals or column chunks, `merge`
 * shards, read `result()`. `competingRisks(deals, pipeline, options)` is
 * `competingRisksAccumulator(pipeline, options).add(deals).result()`.
 */
export type CompetingRisksAccumulator = Accumulator<CompetingRisks, CompetingRisksPartial>;

/**
 * Creates the incremental form of {@link competingRisks} (累加器): feed it deals or
 * {@link DealColumns} chunks as they arrive (a database cursor, a file stream, worker
 * threads), merge the accumulators or partial states of other shards, and read the
 * result at any time; the result equals `competingRisks` over every deal added — to the
 * last digit, floating-point curves included — in any chunks, shards and order.
 *
 * The Aalen–Johansen and Kaplan–Meier estimates need every deal's time and outcome, so
 * the state keeps them: memory grows with the deals counted, about 9 bytes per deal (a
 * time and a one-byte outcome code, per group; in a partial state, the same as plain
 * arrays). With `resolutionDays` it keeps a count per (bin, outcome) instead, bounded by
 * groups × (longest time ÷ width). Merging shards is exact: the estimators run once, in
 * `result()`, on the merged times sorted canonically, so neither the chunking nor the
 * order of the shards changes a digit.
 *
 * Give every shard the same options (a shard built with other options is refused).
 *
 * @param pipeline - The deals' pipeline.
 * @param options - The options of {@link competingRisks} (`asOf` required).
 * @returns An empty accumulator.
 * @throws {@link FunnelError} `invalid_option` for bad options, `unknown_stage` or
 *   `stage_not_open` for a bad origin stage (at once, not on the first deal); `add`
 *   throws what {@link competingRisks} throws for a deal, plus `invalid_argument` for
 *   columns of another pipeline and `invalid_option` for a function grouping key on
 *   columns; `merge` throws `invalid_argument` for a shard with other settings.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { competingRisksAccumulator, dealColumns, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const januaryDeals: Opportunity[];
 * declare const februaryDeals: Opportunity[];
 * const options = { asOf: '2026-04-01T00:00:00Z', horizonDays: 90, groupBy: ['region'] } as const;
 * const a = competingRisksAccumulator(pipeline, options).add(januaryDeals);
 * const b = competingRisksAccumulator(pipeline, options).add(dealColumns(februaryDeals, pipeline));
 * const risks = a.merge(b.partial()).result(); // = competingRisks([...januaryDeals, ...februaryDeals], pipeline, options)
 * console.log(risks.total.cifWon, risks.total.naiveWinRate);
 * ```
 */
export function competingRisksAccumulator(pipeline: Pipeline, options: CompetingRisksOptions): CompetingRisksAccumulator {
  return new RisksAccumulator(pipeline, options);
}

// Outcome codes of a deal in the samples (its flag).
const OPEN_DEAL = 0;
const WON_DEAL = 1;
const LOST_DEAL = 2;
const WON_AFTER_HORIZON = 3;
const LOST_AFTER_HORIZON = 4;
/** The cause of each outcome code in the estimators: won and lost by the horizon are events; the rest censor. */
const CAUSE_OF = [null, WON, LOST, null, null] as const;

/** The deals of one table. */
interface Table {
  readonly samples: SurvivalSamples;
  excluded: number;
}

class RisksAccumulator extends GroupTablesAccumulator<CompetingRisks, CompetingRisksPartial, Table> implements CompetingRisksAccumulator {
  readonly kind = 'competing_risks';
  private readonly asOfMs: number;
  private readonly horizon: number | undefined;
  private readonly resolution: number | undefined;
  /** Open index of the origin stage; −1 for the creation. */
  private readonly originIndex: number;
  private readonly originStage: StageId | undefined;
  protected readonly settingsText: string;
  private readonly groupBy: readonly GroupKey[];
  private readonly keyOf: ((o: Opportunity) => readonly string[]) | undefined;
  private readonly belongs: (o: Opportunity) => boolean;
  private readonly walker: LedgerWalker;
  private readonly summary = newSummary();
  protected readonly total: Table;
  protected readonly groups: GroupAccumulator<Table>;
  // What the walk of the current deal found.
  private stays = 0;
  private lastOutcome = STILL_OPEN;
  private lastLeftMs = Number.NaN;
  private originMs = Number.NaN;

  constructor(
    private readonly pipeline: Pipeline,
    protected readonly options: CompetingRisksOptions,
  ) {
    super();
    this.asOfMs = requiredInstantMs(options, 'asof_for_open_deals');
    this.horizon = options.horizonDays === undefined ? undefined : numberOption(options.horizonDays, 'horizonDays', { min: 0, minExclusive: true });
    this.resolution = options.resolutionDays === undefined ? undefined : numberOption(options.resolutionDays, 'resolutionDays', { min: 0, minExclusive: true });
    const index = pipelineIndex(pipeline);
    // Only a missing origin is the creation: `null` is refused like any other bad shape.
    this.originStage = originStageOf(options.origin === undefined ? 'created' : options.origin, pipeline);
    // Stryker disable next-line ConditionalExpression: indexOf(undefined) is -1 too; the branch only says so
    this.originIndex = this.originStage === undefined ? -1 : index.openIds.indexOf(this.originStage);
    this.belongs = pipelineFilter(pipeline, options);
    const { groupBy, keyOf } = groupingOf(options);
    this.groupBy = groupBy;
    this.keyOf = keyOf;
    this.total = this.newTable();
    this.groups = new GroupAccumulator(() => this.newTable());
    this.walker = new LedgerWalker(index, (stageIndex, enteredMs, leftMs, outcome) => this.see(stageIndex, enteredMs, leftMs, outcome));
    this.settingsText = settingsText(pipeline, {
      asOf: this.asOfMs,
      origin: this.originStage ?? null,
      horizonDays: this.horizon ?? null,
      resolutionDays: this.resolution ?? null,
      ...groupingSettings(options),
    });
  }

  private newTable(): Table {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: either layout gives the same rows (the binned one is only smaller when times repeat)
    return { samples: new SurvivalSamples(this.resolution !== undefined), excluded: 0 };
  }

  add(batch: DealBatch): this {
    checkDealBatch(batch, 'opportunities');
    const asOfMs = this.asOfMs;
    const byCreation = this.originIndex < 0;
    if (isDealColumns(batch)) {
      assertColumnsOf(batch, this.pipeline);
      const grouped = this.groupBy.length > 0;
      // Stryker disable next-line ConditionalExpression: an ungrouped accumulator never reads the grouper, so making one changes nothing
      if (grouped) this.grouper ??= new ColumnGrouper(this.groupBy, this.options, (cols, i) => this.createdDay(cols, i));
      for (let i = 0; i < batch.length; i++) {
        this.reset();
        this.walker.walkColumns(batch, i, asOfMs, this.summary);
        // Stryker disable next-line ConditionalExpression: a deal without stays has no origin time (NaN), and its creation, if any, is after asOf: excluded either way
        const startMs = this.stays === 0 ? Number.NaN : byCreation ? createdMsAt(batch, i) : this.originMs;
        this.count(grouped ? this.slotTable(this.grouper!.slotOf(batch, i)) : this.total, startMs);
      }
    } else {
      const keyOf = this.keyOf;
      let i = 0;
      for (const o of batch) {
        checkDeal(o, i++, 'opportunities');
        if (!this.belongs(o)) continue;
        this.reset();
        this.walker.walk(o, asOfMs, this.summary);
        // Stryker disable next-line OptionalChaining: a deal with stays has events, so createdAt (the creation, or the first event) is defined
        const startMs = this.stays === 0 ? Number.NaN : byCreation ? (createdAt(o)?.getTime() ?? Number.NaN) : this.originMs;
        // Each deal counts into one table: its group's, or the total when ungrouped (the
        // total of a grouped result is made of the groups' deals in result()).
        this.count(keyOf === undefined ? this.total : this.groups.get(keyOf(o)), startMs);
      }
    }
    return this;
  }

  private reset(): void {
    this.stays = 0;
    this.lastOutcome = STILL_OPEN;
    this.lastLeftMs = Number.NaN;
    this.originMs = Number.NaN;
  }

  /** One stay of the deal being walked: keeps the last one and the first real entry into the origin stage. */
  private see(stageIndex: number, enteredMs: number, leftMs: number, outcome: number): void {
    // Stryker disable next-line UpdateOperator: stays is only compared with 0
    this.stays++;
    this.lastOutcome = outcome;
    this.lastLeftMs = leftMs;
    if (stageIndex === this.originIndex && outcome !== SKIPPED && Number.isNaN(this.originMs)) this.originMs = enteredMs;
  }

  /** Counts the deal just walked, whose clock started at `startMs` (NaN: left out), into `table`. */
  private count(table: Table, startMs: number): void {
    const asOfMs = this.asOfMs;
    if (!(startMs <= asOfMs)) {
      table.excluded++;
      return;
    }
    const last = this.lastOutcome;
    const cause = last === WON_FROM ? WON_DEAL : last === LOST_FROM ? LOST_DEAL : OPEN_DEAL;
    // An open deal's last stay has no exit (NaN): its clock runs to asOf. A won or lost
    // deal's always has one.
    const endMs = Number.isNaN(this.lastLeftMs) ? asOfMs : this.lastLeftMs;
    let days = binTime(Math.max(0, endMs - startMs) / MS_PER_DAY, this.resolution);
    let flag = cause;
    const horizon = this.horizon ?? Number.POSITIVE_INFINITY;
    if (days > horizon) {
      days = horizon; // still undecided at the horizon: censored there
      flag = cause === WON_DEAL ? WON_AFTER_HORIZON : cause === LOST_DEAL ? LOST_AFTER_HORIZON : OPEN_DEAL;
    }
    table.samples.push(days, flag);
  }

  protected override mergeTable(into: Table, from: Table): void {
    into.samples.append(from.samples);
    into.excluded += from.excluded;
  }

  protected mergePartial(p: CompetingRisksPartial): void {
    for (const t of p.tables) {
      const into = this.tableOf(t.key);
      into.samples.appendJson(t);
      into.excluded += t.excluded;
    }
  }

  partial(): CompetingRisksPartial {
    return {
      kind: 'competing_risks',
      settings: this.settingsText,
      tables: this.tableRows((t) => ({ ...t.samples.toJson(), excluded: t.excluded })),
    };
  }

  result(): CompetingRisks {
    const groups = this.groups.sorted();
    // The total: the deals of every table (only the total's when ungrouped, only the groups' when grouped).
    const all = [this.total, ...groups.map((g) => g.acc)];
    return {
      asOf: new Date(this.asOfMs),
      origin: this.originStage === undefined ? 'created' : { stageId: this.originStage },
      horizonDays: this.horizon ?? null,
      resolutionDays: this.resolution ?? null,
      groupBy: this.groupBy.map(groupLabel),
      total: summarize(all),
      groups: groups.map(({ key, acc }) => ({ key, value: summarize([acc]) })),
    };
  }
}

function originStageOf(origin: CompetingRisksOrigin, pipeline: Pipeline): StageId | undefined {
  if (origin === 'created') return undefined;
  if (typeof origin !== 'object' || origin === null || typeof origin.stageId !== 'string') {
    throw new FunnelError('invalid_option', { option: 'origin', reason: because('origin_shape') });
  }
  const info = stageInfo(pipelineIndex(pipeline), origin.stageId);
  if (info.kind !== OPEN) throw new FunnelError('stage_not_open', { stageId: info.stage.id, stageName: info.stage.name, kind: info.stage.kind });
  return info.stage.id;
}

function summarize(tables: readonly Table[]): CompetingRisksCurve {
  const samples = tables.map((t) => t.samples);
  const outcomes = [0, 0, 0, 0, 0];
  for (const s of samples) s.countFlags(outcomes);
  let excluded = 0;
  for (const t of tables) excluded += t.excluded;
  // Canonical rows (times sorted, counts added as integers): the curve does not depend
  // on the order in which the deals came.
  const steps = aalenJohansen(SurvivalSamples.rows(samples, CAUSE_OF, 2), 2);
  const points: CompetingRisksPoint[] = steps.map((s) => ({
    days: s.time,
    atRisk: s.atRisk,
    won: s.events[WON]!,
    lost: s.events[LOST]!,
    censored: s.censored,
    survival: s.survival,
    cifWon: s.incidence[WON]!,
    cifLost: s.incidence[LOST]!,
  }));
  const end = points[points.length - 1];
  const won = outcomes[WON_DEAL]! + outcomes[WON_AFTER_HORIZON]!;
  const lost = outcomes[LOST_DEAL]! + outcomes[LOST_AFTER_HORIZON]!;
  const open = outcomes[OPEN_DEAL]!;
  const closed = won + lost;
  return {
    deals: won + lost + open,
    won,
    lost,
    open,
    excluded,
    naiveWinRate: closed === 0 ? null : won / closed,
    cifWon: end === undefined ? null : end.cifWon,
    cifLost: end === undefined ? null : end.cifLost,
    survival: end === undefined ? null : end.survival,
    points,
  };
}
