import { openProbability } from '../model/dealProbability.js';
import { numberOption, oneOfOption, wholeNumberOption } from '../_lib/options.js';
import { AUDIT_CODES, LOCALES, type Locale } from '../i18n/codes.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { makeIssue } from '../i18n/makeIssue.js';
import type { FunnelIssue, ParamsOf } from '../i18n/params.js';
import { amountIn } from '../money/amountIn.js';
import type { ExchangeRates } from '../money/convert.js';
import type { Decimal, DecimalLike } from '../money/decimal.js';
import { GroupAccumulator, type Grouped } from '../model/groupBy.js';
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
import { checkStallOptions, StallScanner, type StallClock, type StallThreshold } from './_lib/stall.js';
import { ADVANCED, LedgerWalker, newSummary, REGRESSED, SKIPPED, STILL_OPEN, WON_FROM, type LedgerSummary } from './_lib/walkLedger.js';
import type { AnalyticsOptions } from './analyticsOptions.js';

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
 * Reads the input once; the result grows with the findings.
 *
 * @param opportunities - The deals (any iterable; read once; not modified).
 * @param pipeline - Their pipeline.
 * @param options - `asOf` (required), checks, thresholds, locale, grouping.
 * @returns The findings and counts, in total and per group.
 * @throws {@link FunnelError} `invalid_option` for a missing `asOf` or one that is not an
 *   instant, a bad threshold, code, period or zone; `currency_mismatch` when
 *   `bigDealAmount` meets another currency without `rates`; `pipeline_mismatch` /
 *   `unknown_stage` as for {@link stageFlow}.
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
export function auditPipeline(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: AuditPipelineOptions): PipelineAudit {
  const settings = auditSettings(options);
  const index = pipelineIndex(pipeline);
  const { groupBy, keyOf } = groupingOf(options);
  const belongs = pipelineFilter(pipeline, options);
  const scan = new AuditScan(index, settings);
  const deals = new GroupAccumulator(() => ({ n: 0 }));
  let audited = 0;
  for (const o of opportunities) {
    if (!belongs(o)) continue;
    const groupKey = keyOf === undefined ? undefined : keyOf(o);
    if (!scan.deal(o, groupKey)) continue; // no event by asOf: the deal did not exist yet
    audited++;
    if (groupKey !== undefined) deals.get(groupKey).n++;
  }
  const findings = scan.finish();

  const groups = new GroupAccumulator<AuditFinding[]>(() => []);
  for (const { key } of deals.sorted()) groups.get(key);
  for (const f of findings) if (f.groupKey !== undefined) groups.get(f.groupKey).push(f);
  return {
    pipelineId: pipeline.id,
    asOf: new Date(settings.asOfMs),
    ...groups.grouped<AuditReport>(groupBy, findings, (list, key) => report(list, key === undefined ? audited : deals.get(key).n)),
  };
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
    rates: options.rates,
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

/**
 * Runs the checks over one deal at a time (its ledger walk reports the skips, the
 * regressions and the time spent in the funnel), keeping the findings.
 */
class AuditScan {
  private readonly findings: AuditFinding[] = [];
  private readonly stall: StallScanner | undefined;
  private readonly walker: LedgerWalker;
  private readonly summary: LedgerSummary = newSummary();
  // The deal being walked.
  private current: Opportunity | undefined;
  private groupKey: readonly string[] | undefined;
  private funnelMs = 0;
  private wonMs = Number.NaN;

  constructor(
    private readonly index: PipelineIndex,
    private readonly settings: AuditSettings,
  ) {
    this.stall = settings.codes.has('stalled') ? new StallScanner(index, settings.asOfMs, settings.stallClock, settings.stallThreshold) : undefined;
    this.walker = new LedgerWalker(index, (stageIndex, enteredMs, leftMs, outcome, toStageId, toIndex, suspendedMs) =>
      this.stay(stageIndex, enteredMs, leftMs, outcome, toStageId, toIndex, suspendedMs),
    );
  }

  /** Audits one deal; false when it had no event by `asOf` (it did not exist yet). */
  deal(o: Opportunity, groupKey: readonly string[] | undefined): boolean {
    this.current = o;
    this.groupKey = groupKey;
    this.funnelMs = 0;
    this.wonMs = Number.NaN;
    const summary = this.summary;
    this.walker.walk(o, this.settings.asOfMs, summary);
    if (Number.isNaN(summary.firstMs)) return false;
    const info = summary.stage;
    if (info !== undefined && info.kind === WON) this.checkWin(o, info);
    if (info !== undefined && info.kind === OPEN && !summary.suspended) this.checkOpenDeal(o, info);
    return true;
  }

  /** Every finding, in a deterministic order whatever the input order: by deal id, then check order, then time. */
  finish(): AuditFinding[] {
    const { locale } = this.settings;
    if (this.stall !== undefined) {
      for (const v of this.stall.finish()) {
        const params = { stageId: v.stageId, stageName: v.stageName, days: round2(v.days), threshold: round2(v.thresholdDays), clock: v.clock, rule: v.rule };
        const base = makeIssue('stalled', params, { locale, stageId: v.stageId });
        this.findings.push({ ...base, opportunityId: v.opportunityId, ...(v.groupKey === undefined ? {} : { groupKey: v.groupKey }) });
      }
    }
    const rank = new Map<string, number>(AUDIT_CODES.map((c, i) => [c, i]));
    return this.findings.sort(
      (a, b) =>
        (a.opportunityId < b.opportunityId ? -1 : a.opportunityId > b.opportunityId ? 1 : 0) ||
        rank.get(a.code)! - rank.get(b.code)! ||
        (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0),
    );
  }

  private issue<C extends AuditCode>(code: C, params: ParamsOf<C>, stageId: string, at?: number): void {
    const o = this.current!;
    const base = makeIssue(code, params, { locale: this.settings.locale, stageId });
    const finding = {
      ...base,
      opportunityId: o.id,
      ...(at === undefined ? {} : { at: new Date(at) }),
      ...(this.groupKey === undefined ? {} : { groupKey: this.groupKey }),
    } as AuditFinding;
    this.findings.push(finding);
  }

  /** One stay of the deal being walked: time in the funnel, skips and regressions. */
  private stay(stageIndex: number, enteredMs: number, leftMs: number, outcome: number, toStageId: string | undefined, toIndex: number, suspendedMs: number): void {
    const { asOfMs, codes } = this.settings;
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

  /** `won_without_funnel_history`. */
  private checkWin(o: Opportunity, info: StageInfo): void {
    const { asOfMs, codes, minFunnelDays, big, rates } = this.settings;
    if (!codes.has('won_without_funnel_history')) return;
    const amount = amountAt(o, asOfMs);
    const days = this.funnelMs / MS_PER_DAY;
    if (days < minFunnelDays && (big === undefined || amountIn(amount, this.index.pipeline.currency, rates).gte(big))) {
      const params = { amount: amount.amount.toFixed(), currency: amount.currency, days: round2(days), stageName: info.stage.name };
      this.issue('won_without_funnel_history', params, info.stage.id, !Number.isNaN(this.wonMs) ? this.wonMs : this.summary.createdMs);
    }
  }

  /** The checks of a deal open and not suspended at `asOf`. */
  private checkOpenDeal(o: Opportunity, info: StageInfo): void {
    const { asOfMs, codes, today, overdueDays, nearZero } = this.settings;
    const stageId = info.stage.id;
    if (codes.has('close_date_pushed')) this.checkPushes(o, stageId);
    const closeDate = closeDateAt(o, asOfMs);
    if (closeDate === undefined) {
      if (codes.has('missing_close_date')) this.issue('missing_close_date', {}, stageId);
    } else if (codes.has('close_date_overdue')) {
      const days = calendarDaysBetween(closeDate, today);
      if (days > overdueDays) this.issue('close_date_overdue', { closeDate, days }, stageId);
    }
    this.stall?.deal(o, this.summary, this.groupKey);
    if (codes.has('near_zero_probability')) {
      const p: Decimal = openProbability(info.stage, o.stageId === stageId ? o.probabilityOverride : undefined);
      if (p.lt(nearZero)) this.issue('near_zero_probability', { probability: p.toFixed() }, stageId);
    }
  }

  /** `close_date_pushed`: pushes of the close date to a later date, and the period boundaries they crossed. */
  private checkPushes(o: Opportunity, stageId: string): void {
    const { asOfMs, minPushes, unit, fiscalYearStartMonth } = this.settings;
    let pushes = 0;
    let periods = 0;
    for (const e of o.history) {
      if (e.at.getTime() > asOfMs) continue;
      if (e.type === 'close_date_changed' && e.from !== null && e.to !== null && e.to > e.from) {
        pushes++;
        periods += periodIndex(e.to, unit, fiscalYearStartMonth) - periodIndex(e.from, unit, fiscalYearStartMonth);
      }
    }
    if (pushes >= minPushes || periods > 0) this.issue('close_date_pushed', { pushes, periods, period: unit }, stageId);
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
