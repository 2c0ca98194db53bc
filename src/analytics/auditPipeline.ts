import { openProbability } from '../model/dealProbability.js';
import { numberOption, oneOfOption, wholeNumberOption } from '../_lib/options.js';
import { AUDIT_CODES, LOCALES, type Locale } from '../i18n/codes.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { makeIssue } from '../i18n/makeIssue.js';
import type { FunnelIssue, ParamsOf } from '../i18n/params.js';
import { amountIn } from '../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import type { Decimal, DecimalLike } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { AccumulatorBase, createdDayReader, groupingSettings, settingsText, type Accumulator, type AccumulatorPartial, type DealBatch } from '../model/accumulator.js';
import { ColumnGrouper, dayToPlainDate } from '../model/columnGroups.js';
import { closeDateChangeAt } from '../model/columnEvents.js';
import { amountChangedAfter, closeDayChangedAfter, currentAmount } from '../model/columnsAsOf.js';
import { assertColumnsOf, COLUMN_EVENT_TYPES, dayNumber, isDealColumns, NO_CODE, NO_DAY, type DealColumns } from '../model/dealColumns.js';
import type { OpportunityEvent } from '../model/events.js';
import { GroupAccumulator, type GroupKey, type Grouped } from '../model/groupBy.js';
import type { OpportunityId, PipelineId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { OPEN, pipelineIndex, WON, type PipelineIndex, type StageInfo } from '../model/pipelineIndex.js';
import { calendarDaysBetween } from '../time/addDays.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
import type { InstantInput } from '../time/instant.js';
import type { PeriodUnit } from '../time/periodOf.js';
import { plainDateParts, type PlainDate } from '../time/plainDate.js';
import { plainDateOf } from '../time/zone.js';
import { amountAt, closeDateAt } from './_lib/fieldsAt.js';
import { groupingOf, pipelineFilter } from './_lib/groups.js';
import { decimalOption, probabilityOption, requiredInstantMs } from './_lib/options.js';
import { checkStallOptions, StallScanner, type StallClock, type StallPartialState, type StallThreshold } from './_lib/stall.js';
import { ADVANCED, LedgerWalker, newSummary, REGRESSED, SKIPPED, STILL_OPEN, WON_FROM, type LedgerSummary } from './_lib/walkLedger.js';
import type { AnalyticsOptions } from './analyticsOptions.js';
import { checkDeal, checkDealBatch } from '../model/dealArguments.js';

export { AUDIT_CODES } from '../i18n/codes.js';

/**
 * One audit finding code.
 */
export type AuditCode = (typeof AUDIT_CODES)[number];

/**
 * One audit finding: a {@link FunnelIssue} about one deal, typed by its code (after
 * `if (f.code === 'stalled')`, `f.params.days` is a number), with the deal's id.
 */
export type AuditFinding = FunnelIssue<AuditCode> & {
  /** The deal it is about. */
  readonly opportunityId: OpportunityId;
  /** When it happened, for findings about one ledger event (a skip, a regression, the win). */
  readonly at?: Date;
  /** The deal's group key (one element per `groupBy` key), when `groupBy` was given. */
  readonly groupKey?: readonly string[];
};

/**
 * The findings of one group of deals, with a count per code.
 */
export interface AuditReport {
  /** Deals audited (those with at least one ledger event by `asOf`). */
  readonly deals: number;
  /** The findings, by deal id, then in the order of the checks (ledger order within a check). */
  readonly findings: readonly AuditFinding[];
  /** Number of findings per code (0 for codes not found or not checked). */
  readonly counts: Readonly<Record<AuditCode, number>>;
}

/**
 * The result of {@link auditPipeline}: the report over every deal audited (`total`) and
 * per group (every group with a deal audited appears, with no findings if need be).
 */
export interface PipelineAudit extends Grouped<AuditReport> {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** The instant the deals were judged at. */
  readonly asOf: Date;
}

/**
 * Options for {@link auditPipeline}. `period` (from the grouping options) also sets the
 * periods that `close_date_pushed` counts, and `timeZone` / `offsetMinutes` the wall
 * clock that gives `asOf`'s calendar date for `close_date_overdue`.
 */
export interface AuditPipelineOptions extends AnalyticsOptions {
  /**
   * The instant to judge at (a `Date` or an ISO 8601 string with offset); ledger events
   * after it are ignored. Required: the library never reads the clock.
   */
  readonly asOf: InstantInput;
  /**
   * Which checks to run.
   *
   * @defaultValue all of {@link AUDIT_CODES}
   */
  readonly codes?: readonly AuditCode[];
  /**
   * Message locale.
   *
   * @defaultValue `'en'`
   */
  readonly locale?: Locale;
  /**
   * `won_without_funnel_history` only for won deals of at least this amount, in the
   * pipeline currency (a decimal string, a number or a Decimal).
   *
   * @defaultValue every won deal
   */
  readonly bigDealAmount?: DecimalLike;
  /**
   * `won_without_funnel_history` when the deal spent less than this many days (exact,
   * ≥ 0) in open stages before its win.
   *
   * @defaultValue 1
   */
  readonly minFunnelDays?: number;
  /** Rates to compare amounts in other currencies with `bigDealAmount`. */
  readonly rates?: ExchangeRates;
  /**
   * `close_date_pushed` from this many pushes (a whole number ≥ 1; any push into a later
   * period counts at once).
   *
   * @defaultValue 2
   */
  readonly minPushes?: number;
  /**
   * `close_date_overdue` when the close date is more than this many calendar days before
   * `asOf`'s date (≥ 0).
   *
   * @defaultValue 0
   */
  readonly overdueDays?: number;
  /**
   * `near_zero_probability` below this probability (exclusive), in the forms every
   * probability input takes: a decimal string, a number or a Decimal, from 0 to 1.
   *
   * @defaultValue `'0.05'`
   */
  readonly nearZeroProbability?: DecimalLike;
  /**
   * Stall clock for `stalled`. See {@link findStalled}.
   *
   * @defaultValue `'stage_entry'`
   */
  readonly stallClock?: StallClock;
  /**
   * Stall threshold for `stalled`. See {@link findStalled}.
   *
   * @defaultValue `'stage'`
   */
  readonly stallThreshold?: StallThreshold;
}

/**
 * Audits a pipeline's deals for the problems that make funnel numbers fiction
 * (漏斗体检), each finding with a stable code, the deal's id and a message in `en` or
 * `zh-CN` that names stages by their names and shows money and day counts formatted:
 *
 * - `won_without_funnel_history` — a deal won by `asOf` that spent less than
 *   `minFunnelDays` (default 1) in the open stages before winning, i.e. a (big, from
 *   `bigDealAmount`) deal hidden from the funnel until it was signed. Params `amount`,
 *   `currency`, `days`, `stageName` (the won stage).
 * - `stage_skipped` — each jump forward over open stages (params `from`, `to`, `count`,
 *   `fromName`, `toName`).
 * - `regressed` — each move back (params `from`, `to`, `fromName`, `toName`).
 * - `close_date_pushed` — the expected close date was moved later `pushes` times, crossing
 *   `periods` period boundaries in all (`period`: quarters by default); reported from
 *   `minPushes` (default 2) pushes, or at once when a push crossed into a later period.
 * - `close_date_overdue` — the close date (as of `asOf`) is more than `overdueDays` days
 *   before `asOf`'s calendar date on the wall clock of `timeZone` / `offsetMinutes`
 *   (default UTC). Params `closeDate`, `days`.
 * - `missing_close_date` — no expected close date.
 * - `stalled` — as {@link findStalled} with `stallClock` / `stallThreshold`. Params
 *   `stageId`, `stageName`, `days`, `threshold`, `clock`, `rule`.
 * - `near_zero_probability` — probability (override, else stage) below
 *   `nearZeroProbability` (default 0.05). Params `probability`.
 *
 * Day counts in params are rounded to two decimals. The first three checks look at every
 * deal's ledger up to `asOf`; the last five at deals open at `asOf` and not suspended
 * (中止 deals are paused on purpose). Close dates and amounts are reconstructed as of
 * `asOf` from the ledger.
 *
 * Reads the input once; the result grows with the findings. The incremental form, for
 * streams and shards, is {@link auditPipelineAccumulator}.
 *
 * @param opportunities - The deals (any iterable; read once; not modified), or a
 *   {@link DealColumns} chunk of them (the same result, faster): every check runs on
 *   columns, close dates and pushes read from `closeDay` and the `close_date_changed`
 *   events, amounts from `amountMinor` and the `amount_changed` events.
 * @param pipeline - Their pipeline.
 * @param options - `asOf` (required), checks, thresholds, locale, grouping.
 * @returns The findings and counts, in total and per group.
 * @throws {@link FunnelError} `invalid_option` for a missing `asOf` or one that is not an
 *   instant, a bad threshold, code, period or zone; `currency_mismatch` when
 *   `bigDealAmount` meets another currency without `rates`; `pipeline_mismatch` /
 *   `unknown_stage` as for {@link stageFlow}; `invalid_argument` for columns of another
 *   pipeline; `invalid_option` (reason `function_key_on_columns`) for a function
 *   grouping key on columns.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities or
 *   a `DealColumns` chunk, or an item of it that is not an opportunity (named
 *   `opportunities[i]`); `invalid_argument` (`pipeline`) for a value that is not a
 *   pipeline; `invalid_option` (`rates`) for rates that are not an object with a `rates`
 *   object.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { auditPipeline, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const audit = auditPipeline(deals, pipeline, { asOf: '2026-04-01T00:00:00+08:00', timeZone: 'Asia/Shanghai', locale: 'zh-CN' });
 * for (const f of audit.total.findings) console.log(f.opportunityId, f.code, f.message);
 * ```
 */
export function auditPipeline(opportunities: DealBatch, pipeline: Pipeline, options: AuditPipelineOptions): PipelineAudit {
  return auditPipelineAccumulator(pipeline, options).add(opportunities).result();
}

/**
 * The plain-data state of an {@link AuditPipelineAccumulator} (see
 * {@link AccumulatorPartial}): the deals counted and the findings, to merge in another
 * thread or process. Messages are rendered in `result()`.
 */
export interface AuditPipelinePartial extends AccumulatorPartial {
  /** Always `'audit_pipeline'`. */
  readonly kind: 'audit_pipeline';
  /** Deals audited. */
  readonly deals: number;
  /** Deals audited per group (grouped only), sorted by key. */
  readonly groups: ReadonlyArray<{
    /** The group's key tuple. */
    readonly key: readonly string[];
    /** Deals audited in it. */
    readonly deals: number;
  }>;
  /** The findings of every check but `stalled`, deal by deal (a deal's in ledger order). */
  readonly findings: ReadonlyArray<{
    /** The finding's code. */
    readonly code: AuditCode;
    /** Its params (see {@link AuditFinding}). */
    readonly params: Readonly<Record<string, string | number>>;
    /** The stage it is about. */
    readonly stageId: string;
    /** The deal. */
    readonly opportunityId: string;
    /** When it happened (ms), or null. */
    readonly at: number | null;
    /** The deal's group key, or null when not grouped. */
    readonly groupKey: readonly string[] | null;
  }>;
  /** The state of the `stalled` check (null when it does not run). */
  readonly stalled: StallPartialState | null;
}

/**
 * The incremental form of {@link auditPipeline}: `add` deals or column chunks, `merge`
 * shards, read `result()`. `auditPipeline(deals, pipeline, options)` is
 * `auditPipelineAccumulator(pipeline, options).add(deals).result()`.
 */
export type AuditPipelineAccumulator = Accumulator<PipelineAudit, AuditPipelinePartial>;

/**
 * Creates the incremental form of {@link auditPipeline} (累加器): feed it deals or
 * {@link DealColumns} chunks as they arrive (a database cursor, a file stream, worker
 * threads), merge the accumulators or partial states of other shards, and read the
 * result at any time; the result equals `auditPipeline` over every deal added, in any
 * chunks, shards and order (deal ids being unique in a book, the order of the findings
 * — by deal id, then check, then time — is the same however the book was split).
 *
 * The result lists findings, so the state keeps them: memory grows with the findings
 * (a code, a few params and the deal's id each) and the groups, not with the book. The
 * `stalled` check with the median rule (`stallThreshold: { medianMultiple: k }`) also
 * keeps every completed stay's duration and every deal open and unsuspended at `asOf`
 * until the medians of all shards are known (see {@link findStalledAccumulator}).
 *
 * Give every shard the same options (a shard built with other options is refused).
 *
 * @param pipeline - The deals' pipeline.
 * @param options - The options of {@link auditPipeline} (`asOf` required).
 * @returns An empty accumulator.
 * @throws {@link FunnelError} `invalid_option` for bad options (at once, not on the
 *   first deal); `add` throws what {@link auditPipeline} throws for a deal, plus
 *   `invalid_argument` for columns of another pipeline and `invalid_option` (reason
 *   `function_key_on_columns`) for a function grouping key on columns; `merge` throws
 *   `invalid_argument` for a shard with other settings.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { auditPipelineAccumulator, dealColumns, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const eastDeals: Opportunity[];
 * declare const northDeals: Opportunity[];
 * const options = { asOf: '2026-04-01T00:00:00+08:00', timeZone: 'Asia/Shanghai', groupBy: ['owner'] } as const;
 * const a = auditPipelineAccumulator(pipeline, options).add(eastDeals);
 * const b = auditPipelineAccumulator(pipeline, options).add(dealColumns(northDeals, pipeline));
 * const audit = a.merge(b.partial()).result(); // = auditPipeline([...eastDeals, ...northDeals], pipeline, options)
 * for (const f of audit.total.findings) console.log(f.opportunityId, f.code, f.message);
 * ```
 */
export function auditPipelineAccumulator(pipeline: Pipeline, options: AuditPipelineOptions): AuditPipelineAccumulator {
  return new AuditAccumulator(pipeline, options);
}

class AuditAccumulator extends AccumulatorBase<PipelineAudit, AuditPipelinePartial> implements AuditPipelineAccumulator {
  readonly kind = 'audit_pipeline';
  private readonly settings: AuditSettings;
  protected readonly settingsText: string;
  private readonly groupBy: readonly GroupKey[];
  private readonly keyOf: ((o: Opportunity) => readonly string[]) | undefined;
  private readonly belongs: (o: Opportunity) => boolean;
  private readonly scan: AuditScan;
  private readonly deals = new GroupAccumulator(() => ({ n: 0 }));
  private audited = 0;
  private grouper: ColumnGrouper | undefined;
  private readonly createdDay: (cols: DealColumns, i: number) => number;
  private slotCounts: ({ n: number } | undefined)[] = [];

  constructor(
    private readonly pipeline: Pipeline,
    private readonly options: AuditPipelineOptions,
  ) {
    super();
    const settings = auditSettings(options);
    this.settings = settings;
    const index = pipelineIndex(pipeline);
    const { groupBy, keyOf } = groupingOf(options);
    this.groupBy = groupBy;
    this.keyOf = keyOf;
    this.belongs = pipelineFilter(pipeline, options);
    this.scan = new AuditScan(index, settings);
    const s = settings;
    this.settingsText = settingsText(pipeline, {
      asOf: s.asOfMs,
      today: s.today,
      codes: AUDIT_CODES.filter((c) => s.codes.has(c)),
      locale: s.locale,
      big: s.big === undefined ? null : s.big.toString(),
      rates: s.rates === undefined ? null : s.rates,
      minFunnelDays: s.minFunnelDays,
      minPushes: s.minPushes,
      unit: s.unit,
      fiscalYearStartMonth: s.fiscalYearStartMonth,
      overdueDays: s.overdueDays,
      nearZero: s.nearZero.toString(),
      stallClock: s.stallClock,
      stallThreshold: s.stallThreshold,
      ...groupingSettings(options),
    });
    this.createdDay = createdDayReader(options);
  }

  add(batch: DealBatch): this {
    checkDealBatch(batch, 'opportunities');
    const scan = this.scan;
    if (isDealColumns(batch)) {
      assertColumnsOf(batch, this.pipeline);
      const grouped = this.groupBy.length > 0;
      // Equivalent mutant: `if (true)` (a grouper made when ungrouped is never used).
      if (grouped) this.grouper ??= new ColumnGrouper(this.groupBy, this.options, (cols, i) => this.createdDay(cols, i));
      const grouper = this.grouper;
      // Equivalent mutant: `i <= batch.length` (past the last deal the event columns hold no event, so the scan counts no deal).
      for (let i = 0; i < batch.length; i++) {
        // Equivalent mutant: `+1` for `-1` (the slot is read only when grouped).
        const slot = grouped ? grouper!.slotOf(batch, i) : -1;
        const key = grouped ? grouper!.keyOf(slot) : undefined;
        if (!scan.dealOfColumns(batch, i, key)) continue; // no event by asOf: the deal did not exist yet
        this.audited++;
        if (grouped) {
          let count = this.slotCounts[slot];
          // Equivalent mutant: `if (true)` (the group's counter is the same object every time).
          if (count === undefined) {
            count = this.deals.get(key!);
            this.slotCounts[slot] = count;
          }
          count.n++;
        }
      }
    } else {
      const keyOf = this.keyOf;
      let i = 0;
      for (const o of batch) {
        checkDeal(o, i++, 'opportunities');
        if (!this.belongs(o)) continue;
        const groupKey = keyOf === undefined ? undefined : keyOf(o);
        if (!scan.deal(o, groupKey)) continue; // no event by asOf: the deal did not exist yet
        this.audited++;
        if (groupKey !== undefined) this.deals.get(groupKey).n++;
      }
    }
    return this;
  }

  protected mergePartial(p: AuditPipelinePartial): void {
    this.audited += p.deals;
    for (const g of p.groups) this.deals.get([...g.key]).n += g.deals;
    this.scan.mergeState(p.findings, p.stalled);
  }

  partial(): AuditPipelinePartial {
    return {
      kind: 'audit_pipeline',
      settings: this.settingsText,
      deals: this.audited,
      groups: this.deals.sorted().map(({ key, acc }) => ({ key: [...key], deals: acc.n })),
      findings: this.scan.findingsState(),
      stalled: this.scan.stallState(),
    };
  }

  result(): PipelineAudit {
    const findings = this.scan.finish();
    const groups = new GroupAccumulator<AuditFinding[]>(() => []);
    const counted = this.deals.sorted();
    for (const { key } of counted) groups.get(key);
    for (const f of findings) if (f.groupKey !== undefined) groups.get(f.groupKey).push(f);
    const audited = this.audited;
    return {
      pipelineId: this.pipeline.id,
      asOf: new Date(this.settings.asOfMs),
      ...groups.grouped<AuditReport>(this.groupBy, findings, (list, key) => report(list, key === undefined ? audited : this.deals.get(key).n)),
    };
  }
}

const PERIOD_UNITS: readonly PeriodUnit[] = ['month', 'quarter', 'year', 'fiscal_quarter', 'fiscal_year'];

/** The checked options of an audit. */
interface AuditSettings {
  readonly asOfMs: number;
  /** `asOf`'s calendar date on the options' wall clock. */
  readonly today: PlainDate;
  readonly codes: ReadonlySet<AuditCode>;
  readonly locale: Locale;
  readonly big: Decimal | undefined;
  readonly rates: ExchangeRates | undefined;
  readonly minFunnelDays: number;
  readonly minPushes: number;
  readonly unit: PeriodUnit;
  readonly fiscalYearStartMonth: number;
  readonly overdueDays: number;
  readonly nearZero: Decimal;
  readonly stallClock: StallClock;
  readonly stallThreshold: StallThreshold;
}

function auditSettings(options: AuditPipelineOptions): AuditSettings {
  const asOfMs = requiredInstantMs(options, 'asof_for_judging');
  const codes = options.codes ?? AUDIT_CODES;
  if (!Array.isArray(codes)) throw new FunnelError('invalid_option', { option: 'codes', reason: because('audit_codes_list') });
  for (const c of codes) oneOfOption(c, 'codes', AUDIT_CODES);
  const period = options.period ?? { unit: 'quarter' };
  const { clock, threshold } = checkStallOptions(options.stallClock, options.stallThreshold, { clock: 'stallClock', threshold: 'stallThreshold' });
  return {
    asOfMs,
    today: plainDateOf(new Date(asOfMs), options),
    codes: new Set(codes),
    locale: oneOfOption(options.locale ?? 'en', 'locale', LOCALES),
    big: options.bigDealAmount === undefined ? undefined : decimalOption(options.bigDealAmount, 'bigDealAmount'),
    rates: ratesOption(options.rates),
    minFunnelDays: numberOption(options.minFunnelDays ?? 1, 'minFunnelDays', { min: 0 }),
    minPushes: wholeNumberOption(options.minPushes ?? 2, 'minPushes', { min: 1 }),
    unit: oneOfOption(period.unit, 'period.unit', PERIOD_UNITS),
    fiscalYearStartMonth: wholeNumberOption(period.fiscalYearStartMonth ?? 1, 'period.fiscalYearStartMonth', { min: 1, max: 12 }),
    overdueDays: numberOption(options.overdueDays ?? 0, 'overdueDays', { min: 0 }),
    nearZero: probabilityOption(options.nearZeroProbability ?? '0.05', 'nearZeroProbability'),
    stallClock: clock,
    stallThreshold: threshold,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

// Event type code of a close-date change in the ledger columns.
const EV_CLOSE_DATE_CHANGED = COLUMN_EVENT_TYPES.indexOf('close_date_changed');

/** A finding before its message is rendered (in `finish`). */
interface RawFinding {
  readonly code: AuditCode;
  readonly params: Readonly<Record<string, string | number>>;
  readonly stageId: string;
  readonly opportunityId: OpportunityId;
  /** ms; NaN for none. */
  readonly at: number;
  readonly groupKey: readonly string[] | undefined;
}

/**
 * Runs the checks over one deal at a time, from deal objects or columns (its ledger
 * walk reports the skips, the regressions and the time spent in the funnel), keeping
 * the findings unrendered; `finish()` renders and sorts them (any number of times: it
 * changes nothing).
 */
class AuditScan {
  private readonly findings: RawFinding[] = [];
  private readonly stall: StallScanner | undefined;
  private readonly walker: LedgerWalker;
  private readonly summary: LedgerSummary = newSummary();
  // The deal being walked.
  private currentId: OpportunityId = '' as OpportunityId;
  private groupKey: readonly string[] | undefined;
  private funnelMs = 0;
  private wonMs = Number.NaN;
  private pushes = 0;
  private periods = 0;
  /** `asOf`'s date as a day number, for the column path. */
  private readonly todayDay: number;

  constructor(
    private readonly index: PipelineIndex,
    private readonly settings: AuditSettings,
  ) {
    this.todayDay = dayNumber(settings.today);
    this.stall = settings.codes.has('stalled') ? new StallScanner(index, settings.asOfMs, settings.stallClock, settings.stallThreshold) : undefined;
    this.walker = new LedgerWalker(index, (stageIndex, enteredMs, leftMs, outcome, toStageId, toIndex, suspendedMs) =>
      this.stay(stageIndex, enteredMs, leftMs, outcome, toStageId, toIndex, suspendedMs),
    );
  }

  private begin(id: OpportunityId, groupKey: readonly string[] | undefined): void {
    this.currentId = id;
    this.groupKey = groupKey;
    this.funnelMs = 0;
    this.wonMs = Number.NaN;
  }

  /** Audits one deal; false when it had no event by `asOf` (it did not exist yet). */
  deal(o: Opportunity, groupKey: readonly string[] | undefined): boolean {
    const { asOfMs, codes } = this.settings;
    this.begin(o.id, groupKey);
    const summary = this.summary;
    this.walker.walk(o, asOfMs, summary);
    if (Number.isNaN(summary.firstMs)) return false;
    // A deal with an event by asOf has a stage (its implied first stage when no event sets
    // one), so the mutants `true` for `info !== undefined` below are equivalent.
    const info = summary.stage;
    if (info !== undefined && info.kind === WON && codes.has('won_without_funnel_history') && this.shortFunnel()) {
      this.checkWin(info, amountAt(o, asOfMs));
    }
    if (info !== undefined && info.kind === OPEN && !summary.suspended) {
      const stageId = info.stage.id;
      if (codes.has('close_date_pushed')) {
        this.pushes = 0;
        this.periods = 0;
        for (const e of o.history) if (e.at.getTime() <= asOfMs) this.countPush(e);
        this.checkPushes(stageId);
      }
      this.checkCloseDate(closeDateAt(o, asOfMs), stageId);
      this.stall?.deal(o, summary, groupKey);
      if (codes.has('near_zero_probability')) this.checkProbability(info, o.stageId === stageId ? o.probabilityOverride : undefined);
    }
    return true;
  }

  /** Audits deal `i` of a columns chunk, exactly as {@link deal} audits a deal object. */
  dealOfColumns(cols: DealColumns, i: number, groupKey: readonly string[] | undefined): boolean {
    const { asOfMs, codes } = this.settings;
    this.begin(cols.ids.at(i), groupKey);
    const summary = this.summary;
    this.walker.walkColumns(cols, i, asOfMs, summary);
    if (Number.isNaN(summary.firstMs)) return false;
    // A deal with an event by asOf has a stage (its implied first stage when no event sets
    // one), so the mutants `true` for `info !== undefined` below are equivalent.
    const info = summary.stage;
    if (info !== undefined && info.kind === WON && codes.has('won_without_funnel_history') && this.shortFunnel()) {
      this.checkWin(info, amountChangedAfter(cols, i, asOfMs) ?? currentAmount(cols, i));
    }
    if (info !== undefined && info.kind === OPEN && !summary.suspended) {
      const stageId = info.stage.id;
      const ev = cols.events;
      const begin = ev.start[i]!;
      const end = ev.start[i + 1]!;
      if (codes.has('close_date_pushed')) {
        this.pushes = 0;
        this.periods = 0;
        for (let e = begin; e < end; e++) {
          // Equivalent mutants of the seq `e - begin + 1`: countPush reads no seq.
          if (ev.type[e] === EV_CLOSE_DATE_CHANGED && ev.at[e]! <= asOfMs) this.countPush(closeDateChangeAt(cols, e, e - begin + 1));
        }
        this.checkPushes(stageId);
      }
      const changed = closeDayChangedAfter(cols, i, asOfMs);
      this.checkCloseDay(Number.isNaN(changed) ? cols.closeDay[i]! : changed, stageId);
      this.stall?.dealOfColumns(cols, i, summary, groupKey);
      if (codes.has('near_zero_probability')) {
        const col = cols.probabilityOverride;
        const code = col === undefined ? NO_CODE : col[i]!;
        const sameStage = cols.stageIds[cols.stage[i]!] === stageId;
        // Equivalent mutant: `true` for `code !== NO_CODE` (no probability sits at NO_CODE: the lookup gives undefined too).
        this.checkProbability(info, sameStage && code !== NO_CODE ? cols.probabilities[code] : undefined);
      }
    }
    return true;
  }

  /** Every finding, in a deterministic order whatever the input order: by deal id, then check order, then time. */
  finish(): AuditFinding[] {
    const { locale } = this.settings;
    const out: AuditFinding[] = this.findings.map((r) => {
      const base = makeIssue(r.code, r.params as never, { locale, stageId: r.stageId });
      return {
        ...base,
        opportunityId: r.opportunityId,
        ...(Number.isNaN(r.at) ? {} : { at: new Date(r.at) }),
        ...(r.groupKey === undefined ? {} : { groupKey: r.groupKey }),
      } as AuditFinding;
    });
    if (this.stall !== undefined) {
      for (const v of this.stall.finish()) {
        const params = { stageId: v.stageId, stageName: v.stageName, days: round2(v.days), threshold: round2(v.thresholdDays), clock: v.clock, rule: v.rule };
        const base = makeIssue('stalled', params, { locale, stageId: v.stageId });
        out.push({ ...base, opportunityId: v.opportunityId, ...(v.groupKey === undefined ? {} : { groupKey: v.groupKey }) });
      }
    }
    const rank = new Map<string, number>(AUDIT_CODES.map((c, i) => [c, i]));
    // A stable sort: a deal's findings of one check at one instant keep their ledger order.
    // The last key is a safeguard: a deal's findings of one check are made in ledger order,
    // hence in time order, so its mutants are equivalent.
    return out.sort(
      (a, b) =>
        (a.opportunityId < b.opportunityId ? -1 : a.opportunityId > b.opportunityId ? 1 : 0) ||
        rank.get(a.code)! - rank.get(b.code)! ||
        (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0),
    );
  }

  /** The unrendered findings as plain data (copies). */
  findingsState(): AuditPipelinePartial['findings'] {
    return this.findings.map((r) => ({
      code: r.code,
      params: { ...r.params },
      stageId: r.stageId,
      opportunityId: r.opportunityId,
      at: Number.isNaN(r.at) ? null : r.at,
      groupKey: r.groupKey === undefined ? null : [...r.groupKey],
    }));
  }

  /** The state of the `stalled` check, or null when it does not run. */
  stallState(): StallPartialState | null {
    return this.stall === undefined ? null : this.stall.state();
  }

  /** Folds in the state of another scan with the same settings (checked by the caller). */
  mergeState(findings: AuditPipelinePartial['findings'], stalled: StallPartialState | null): void {
    for (const f of findings) {
      this.findings.push({
        code: f.code,
        params: { ...f.params },
        stageId: f.stageId,
        opportunityId: f.opportunityId as OpportunityId,
        at: f.at ?? Number.NaN,
        groupKey: f.groupKey === null ? undefined : [...f.groupKey],
      });
    }
    // Equivalent mutants: `if (true)` and `this.stall.mergeState` (shards with the same
    // settings both run the stalled check or both do not: stalled is null exactly when stall is undefined).
    if (stalled !== null) this.stall?.mergeState(stalled);
  }

  private issue<C extends AuditCode>(code: C, params: ParamsOf<C>, stageId: string, at?: number): void {
    this.findings.push({
      code,
      params: params as unknown as Readonly<Record<string, string | number>>,
      stageId,
      opportunityId: this.currentId,
      at: at ?? Number.NaN,
      groupKey: this.groupKey,
    });
  }

  /** One stay of the deal being walked: time in the funnel, skips and regressions. */
  private stay(stageIndex: number, enteredMs: number, leftMs: number, outcome: number, toStageId: string | undefined, toIndex: number, suspendedMs: number): void {
    const { asOfMs, codes } = this.settings;
    // Equivalent mutants: `if (true)` (a skipped stay lasts 0 ms) and `false` for
    // `outcome === STILL_OPEN` (funnelMs is read only for won deals, which have no stay still open).
    if (outcome !== SKIPPED) this.funnelMs += (outcome === STILL_OPEN ? asOfMs : leftMs) - enteredMs;
    if (outcome === WON_FROM) this.wonMs = leftMs;
    const from = this.index.open[stageIndex]!;
    if (outcome === ADVANCED && toIndex > stageIndex + 1 && codes.has('stage_skipped')) {
      const to = this.index.open[toIndex]!;
      this.issue('stage_skipped', { from: from.id, to: to.id, count: toIndex - stageIndex - 1, fromName: from.name, toName: to.name }, from.id, leftMs);
    } else if (outcome === REGRESSED && codes.has('regressed')) {
      const to = this.index.byId.get(toStageId!)!.stage;
      this.issue('regressed', { from: from.id, to: to.id, fromName: from.name, toName: to.name }, from.id, leftMs);
    }
    this.stall?.stay(stageIndex, enteredMs, leftMs, outcome, suspendedMs);
  }

  /** Whether the deal just walked spent less than `minFunnelDays` in open stages. */
  private shortFunnel(): boolean {
    return this.funnelMs / MS_PER_DAY < this.settings.minFunnelDays;
  }

  /** `won_without_funnel_history`, for a won deal with a short funnel and its amount as of `asOf`. */
  private checkWin(info: StageInfo, amount: Money): void {
    const { big, rates } = this.settings;
    const days = this.funnelMs / MS_PER_DAY;
    if (big === undefined || amountIn(amount, this.index.pipeline.currency, rates).gte(big)) {
      const params = { amount: amount.amount.toFixed(), currency: amount.currency, days: round2(days), stageName: info.stage.name };
      this.issue('won_without_funnel_history', params, info.stage.id, !Number.isNaN(this.wonMs) ? this.wonMs : this.summary.createdMs);
    }
  }

  /** Counts one ledger event (up to `asOf`) toward `close_date_pushed`: a push to a later date, and the period boundaries it crossed. */
  private countPush(e: OpportunityEvent): void {
    if (e.type === 'close_date_changed' && e.from !== null && e.to !== null && e.to > e.from) {
      const { unit, fiscalYearStartMonth } = this.settings;
      this.pushes++;
      this.periods += periodIndex(e.to, unit, fiscalYearStartMonth) - periodIndex(e.from, unit, fiscalYearStartMonth);
    }
  }

  /** `close_date_pushed`, from the pushes counted. */
  private checkPushes(stageId: string): void {
    const { pushes, periods } = this;
    if (pushes >= this.settings.minPushes || periods > 0) this.issue('close_date_pushed', { pushes, periods, period: this.settings.unit }, stageId);
  }

  /** `missing_close_date` and `close_date_overdue`, from the close date as of `asOf`. */
  private checkCloseDate(closeDate: PlainDate | undefined, stageId: string): void {
    const { codes, today, overdueDays } = this.settings;
    if (closeDate === undefined) {
      if (codes.has('missing_close_date')) this.issue('missing_close_date', {}, stageId);
    } else if (codes.has('close_date_overdue')) {
      const days = calendarDaysBetween(closeDate, today);
      if (days > overdueDays) this.issue('close_date_overdue', { closeDate, days }, stageId);
    }
  }

  /** {@link checkCloseDate} for a close date given as a day number (no date made unless reported). */
  private checkCloseDay(day: number, stageId: string): void {
    const { codes, overdueDays } = this.settings;
    if (day === NO_DAY) {
      if (codes.has('missing_close_date')) this.issue('missing_close_date', {}, stageId);
    } else if (codes.has('close_date_overdue')) {
      const days = this.todayDay - day;
      if (days > overdueDays) this.issue('close_date_overdue', { closeDate: dayToPlainDate(day), days }, stageId);
    }
  }

  /** `near_zero_probability`, from the deal's override when it stands in that stage now. */
  private checkProbability(info: StageInfo, override: Decimal | undefined): void {
    const p: Decimal = openProbability(info.stage, override);
    if (p.lt(this.settings.nearZero)) this.issue('near_zero_probability', { probability: p.toFixed() }, info.stage.id);
  }
}

/** A running number of the period containing a date: consecutive periods differ by 1. */
function periodIndex(date: PlainDate, unit: PeriodUnit, fyStart: number): number {
  const p = plainDateParts(date)!;
  const months = p.year * 12 + p.month - 1;
  switch (unit) {
    case 'month':
      return months;
    case 'quarter':
      return Math.floor(months / 3);
    case 'year':
      return p.year;
    case 'fiscal_quarter':
      return Math.floor((months - (fyStart - 1)) / 3);
    default:
      return Math.floor((months - (fyStart - 1)) / 12);
  }
}

function report(findings: readonly AuditFinding[], deals: number): AuditReport {
  const counts = Object.fromEntries(AUDIT_CODES.map((c) => [c, 0])) as Record<AuditCode, number>;
  for (const f of findings) counts[f.code]++;
  return { deals, findings, counts };
}
