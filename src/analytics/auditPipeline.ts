import { toDecimal } from '../_lib/decimal.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { AUDIT_CODES, type Locale } from '../i18n/codes.js';
import { makeIssue, type FunnelIssue } from '../i18n/formatIssue.js';
import type { ExchangeRates } from '../money/convert.js';
import type { Decimal, DecimalLike } from '../money/decimal.js';
import type { OpportunityId, PipelineId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { calendarDaysBetween } from '../time/addDays.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
import type { PeriodUnit } from '../time/periodOf.js';
import { plainDateParts, type PlainDate } from '../time/plainDate.js';
import { plainDateOf } from '../time/zone.js';
import { amountAt, closeDateAt } from './_lib/fieldsAt.js';
import { amountIn } from './_lib/money.js';
import { instantMs } from './_lib/options.js';
import { OPEN, WON, pipelineIndex } from './_lib/pipelineIndex.js';
import { checkNumberOption, pipelineFilter, segmenter, sortedMap } from './_lib/segments.js';
import { checkStallOptions, StallScanner } from './_lib/stall.js';
import { ADVANCED, REGRESSED, SKIPPED, STILL_OPEN, WON_FROM, newSummary, LedgerWalker } from './_lib/walkLedger.js';
import type { StallClock, StallThreshold } from './findStalled.js';
import type { AnalyticsOptions, Segmented } from './segmented.js';

export { AUDIT_CODES } from '../i18n/codes.js';

/**
 * One audit finding code.
 *
 * @example
 * ```ts
 * import type { AuditCode } from 'sales-funnel';
 * const c: AuditCode = 'close_date_pushed';
 * ```
 */
export type AuditCode = (typeof AUDIT_CODES)[number];

/**
 * One audit finding: a {@link FunnelIssue} about one deal.
 *
 * @example
 * ```ts
 * import type { AuditFinding } from 'sales-funnel';
 * const line = (f: AuditFinding) => `${f.opportunityId}: ${f.message}`;
 * ```
 */
export interface AuditFinding extends FunnelIssue {
  /** The finding's code. */
  readonly code: AuditCode;
  /** The deal it is about. */
  readonly opportunityId: OpportunityId;
  /** When it happened, for findings about one ledger event (a skip, a regression, the win). */
  readonly at?: Date;
  /** The deal's segment, when `segmentBy` was given. */
  readonly segment?: string;
}

/**
 * The findings of one group of deals, with a count per code.
 *
 * @example
 * ```ts
 * import type { AuditReport } from 'sales-funnel';
 * const pushed = (r: AuditReport) => r.counts.close_date_pushed;
 * ```
 */
export interface AuditReport {
  /** Deals audited. */
  readonly deals: number;
  /** The findings, by deal id, then in the order of the checks (ledger order within a check). */
  readonly findings: readonly AuditFinding[];
  /** Number of findings per code (0 for codes not found or not checked). */
  readonly counts: Readonly<Record<AuditCode, number>>;
}

/**
 * The result of {@link auditPipeline}.
 *
 * @example
 * ```ts
 * import type { PipelineAudit } from 'sales-funnel';
 * const total = (a: PipelineAudit) => a.overall.findings.length;
 * ```
 */
export interface PipelineAudit extends Segmented<AuditReport> {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** The instant the deals were judged at. */
  readonly asOf: Date;
}

/**
 * Options for {@link auditPipeline}; every threshold has a documented default.
 *
 * @example
 * ```ts
 * import type { AuditPipelineOptions } from 'sales-funnel';
 * const o: AuditPipelineOptions = { asOf: new Date('2026-03-31T16:00:00Z'), bigDealAmount: '1000000', locale: 'zh-CN' };
 * ```
 */
export interface AuditPipelineOptions extends AnalyticsOptions {
  /** The instant to judge at (required; ledger events after it are ignored). */
  readonly asOf: Date;
  /** Which checks to run. Default: all of {@link AUDIT_CODES}. */
  readonly codes?: readonly AuditCode[];
  /** Message locale. Default `'en'`. */
  readonly locale?: Locale;
  /** `won_without_funnel_history` only for won deals of at least this amount, in the pipeline currency. Default: every won deal. */
  readonly bigDealAmount?: DecimalLike;
  /** `won_without_funnel_history` when the deal spent less than this many days in open stages before its win. Default 1. */
  readonly minFunnelDays?: number;
  /** Rates to compare amounts in other currencies with `bigDealAmount`. */
  readonly rates?: ExchangeRates;
  /** `close_date_pushed` from this many pushes (any push into a later period counts at once). Default 2. */
  readonly minPushes?: number;
  /** The period for "periods crossed" by pushes. Default `'quarter'`. */
  readonly period?: PeriodUnit;
  /** First month of the fiscal year, for fiscal periods. Default 1. */
  readonly fiscalYearStartMonth?: number;
  /** `close_date_overdue` when the close date is more than this many days before `asOf`'s date. Default 0. */
  readonly overdueDays?: number;
  /** `near_zero_probability` below this probability (exclusive). Default `'0.05'`. */
  readonly nearZeroProbability?: DecimalLike;
  /** Stall clock for `stalled`. Default `'stage_entry'`. See {@link findStalled}. */
  readonly stallClock?: StallClock;
  /** Stall threshold for `stalled`. Default `'stage'`. See {@link findStalled}. */
  readonly stallThreshold?: StallThreshold;
}

function periodIndex(date: PlainDate, unit: PeriodUnit, fyStart: number): number {
  const p = plainDateParts(date) as { year: number; month: number };
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

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Audits a pipeline's deals for the problems that make funnel numbers fiction
 * (漏斗体检), each finding with a stable code, the deal's id and a message in `en` or
 * `zh-CN`:
 *
 * - `won_without_funnel_history` — a deal won by `asOf` that spent less than
 *   `minFunnelDays` (default 1) in the open stages before winning, i.e. a (big, from
 *   `bigDealAmount`) deal hidden from the funnel until it was signed. Params `amount`, `days`.
 * - `stage_skipped` — each jump forward over open stages (params `from`, `to`, `count`).
 * - `regressed` — each move back (params `from`, `to`).
 * - `close_date_pushed` — the expected close date was moved later `pushes` times, crossing
 *   `periods` period boundaries in all (quarters by default); reported from `minPushes`
 *   (default 2) pushes, or at once when a push crossed into a later period.
 * - `close_date_overdue` — the close date (as of `asOf`) is more than `overdueDays` days
 *   before `asOf`'s calendar date (at `offsetMinutes`, default UTC). Params `closeDate`, `days`.
 * - `missing_close_date` — no expected close date.
 * - `stalled` — as {@link findStalled} with `stallClock` / `stallThreshold`. Params
 *   `stageId`, `days`, `threshold`, `clock`, `rule`.
 * - `near_zero_probability` — probability (override, else stage) below
 *   `nearZeroProbability` (default 0.05).
 *
 * The first three look at every deal's ledger up to `asOf`; the last five at deals open
 * at `asOf` and not suspended (中止 deals are paused on purpose). Close dates and amounts
 * are reconstructed as of `asOf` from the ledger.
 *
 * Reads the input once; the result grows with the findings.
 *
 * @param opportunities - The deals (any iterable; read once; not modified).
 * @param pipeline - Their pipeline.
 * @param options - `asOf` (required), checks, thresholds, locale, segmentation.
 * @returns The findings and counts, overall and per segment.
 * @throws {@link FunnelError} `invalid_option` for a missing or invalid `asOf` or a bad
 *   threshold or code; `currency_mismatch` when `bigDealAmount` meets another currency
 *   without `rates`; `pipeline_mismatch` / `unknown_stage` as for {@link stageFlow}.
 *
 * @example
 * ```ts
 * import { auditPipeline, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const audit = auditPipeline(deals, pipeline, { asOf: new Date('2026-03-31T16:00:00Z'), locale: 'zh-CN' });
 * for (const f of audit.overall.findings) console.log(f.opportunityId, f.code, f.message);
 * ```
 */
export function auditPipeline(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: AuditPipelineOptions): PipelineAudit {
  if (options === undefined || options.asOf === undefined) throw new FunnelError('invalid_option', { option: 'asOf', reason: 'is required' });
  const asOfMs = instantMs(options.asOf, 'asOf', NaN);
  const index = pipelineIndex(pipeline);
  const keyOf = segmenter(options);
  const belongs = pipelineFilter(pipeline, options);
  const locale = options.locale ?? 'en';
  if (locale !== 'en' && locale !== 'zh-CN') throw new FunnelError('invalid_option', { option: 'locale', reason: "must be 'en' or 'zh-CN'" });
  const codes = new Set<AuditCode>(options.codes ?? AUDIT_CODES);
  for (const c of codes) if (!(AUDIT_CODES as readonly string[]).includes(c)) throw new FunnelError('invalid_option', { option: 'codes', reason: `unknown code ${String(c)}` });
  const big = options.bigDealAmount === undefined ? undefined : toDecimal(options.bigDealAmount, 'bigDealAmount');
  const minFunnelDays = checkNumberOption(options.minFunnelDays ?? 1, 'minFunnelDays', 0);
  const minPushes = checkNumberOption(options.minPushes ?? 2, 'minPushes', 1);
  const unit = options.period ?? 'quarter';
  if (!['month', 'quarter', 'year', 'fiscal_quarter', 'fiscal_year'].includes(unit)) throw new FunnelError('invalid_option', { option: 'period', reason: 'unknown period unit' });
  const fyStart = options.fiscalYearStartMonth ?? 1;
  if (!Number.isInteger(fyStart) || fyStart < 1 || fyStart > 12) throw new FunnelError('invalid_option', { option: 'fiscalYearStartMonth', reason: 'must be a whole number from 1 to 12' });
  const overdueDays = checkNumberOption(options.overdueDays ?? 0, 'overdueDays', 0);
  const nearZero = toDecimal(options.nearZeroProbability ?? '0.05', 'nearZeroProbability');
  const { clock, threshold } = checkStallOptions(options.stallClock, options.stallThreshold);
  const today = plainDateOf(new Date(asOfMs), options.offsetMinutes === undefined ? {} : { offsetMinutes: options.offsetMinutes });
  const scanner = codes.has('stalled') ? new StallScanner(index, asOfMs, clock, threshold) : undefined;

  const findings: AuditFinding[] = [];
  const dealsPerSegment = new Map<string, number>();
  let deals = 0;

  let current: Opportunity | undefined;
  let segment: string | undefined;
  let funnelMs = 0;
  let wonMs = NaN;
  const issue = (o: Opportunity, code: AuditCode, params: Record<string, string | number>, stageId?: string, at?: number): void => {
    const base = makeIssue(code, params, { locale, ...(stageId === undefined ? {} : { stageId }) });
    findings.push({ ...base, code, opportunityId: o.id, ...(at === undefined ? {} : { at: new Date(at) }), ...(segment === undefined ? {} : { segment }) });
  };
  const sink = (stageIndex: number, enteredMs: number, leftMs: number, outcome: number, toStageId: string | undefined, toIndex: number, suspendedMs: number): void => {
    const o = current as Opportunity;
    if (outcome !== SKIPPED) funnelMs += (outcome === STILL_OPEN ? asOfMs : leftMs) - enteredMs;
    if (outcome === WON_FROM) wonMs = leftMs;
    const from = index.openIds[stageIndex] as string;
    if (outcome === ADVANCED && toIndex > stageIndex + 1 && codes.has('stage_skipped')) {
      issue(o, 'stage_skipped', { from, to: toStageId as string, count: toIndex - stageIndex - 1 }, from, leftMs);
    } else if (outcome === REGRESSED && codes.has('regressed')) {
      issue(o, 'regressed', { from, to: toStageId as string }, from, leftMs);
    }
    scanner?.stay(stageIndex, enteredMs, leftMs, outcome, suspendedMs);
  };
  const summary = newSummary();
  const walker = new LedgerWalker(index, sink);

  for (const o of opportunities) {
    if (!belongs(o)) continue;
    current = o;
    funnelMs = 0;
    wonMs = NaN;
    segment = keyOf === undefined ? undefined : keyOf(o);
    walker.walk(o, asOfMs, summary);
    if (summary.firstMs !== summary.firstMs) continue; // no event by asOf: the deal did not exist yet
    deals++;
    const key = segment;
    if (key !== undefined) dealsPerSegment.set(key, (dealsPerSegment.get(key) ?? 0) + 1);
    const info = summary.stage;
    if (info !== undefined && info.kind === WON && codes.has('won_without_funnel_history')) {
      const amount = amountAt(o, asOfMs);
      const days = funnelMs / MS_PER_DAY;
      if (days < minFunnelDays && (big === undefined || amountIn(amount, pipeline.currency, options.rates).gte(big))) {
        issue(o, 'won_without_funnel_history', { amount: `${amount.amount.toFixed()} ${amount.currency}`, days: round2(days) }, info.stage.id, wonMs === wonMs ? wonMs : summary.createdMs);
      }
    }
    if (info === undefined || info.kind !== OPEN || summary.suspended) continue;
    const stageId = info.stage.id as string;
    if (codes.has('close_date_pushed')) {
      let pushes = 0;
      let periods = 0;
      for (const e of o.history) {
        if (e.at.getTime() > asOfMs) continue;
        if (e.type === 'close_date_changed' && e.from !== null && e.to !== null && e.to > e.from) {
          pushes++;
          periods += periodIndex(e.to, unit, fyStart) - periodIndex(e.from, unit, fyStart);
        }
      }
      if (pushes >= minPushes || periods > 0) issue(o, 'close_date_pushed', { pushes, periods }, stageId);
    }
    const closeDate = closeDateAt(o, asOfMs);
    if (closeDate === undefined) {
      if (codes.has('missing_close_date')) issue(o, 'missing_close_date', {}, stageId);
    } else if (codes.has('close_date_overdue')) {
      const days = calendarDaysBetween(closeDate, today);
      if (days > overdueDays) issue(o, 'close_date_overdue', { closeDate, days }, stageId);
    }
    scanner?.deal(o, summary, key);
    if (codes.has('near_zero_probability')) {
      const p: Decimal = o.probabilityOverride !== undefined && o.stageId === info.stage.id ? o.probabilityOverride : info.stage.probability;
      if (p.lt(nearZero)) issue(o, 'near_zero_probability', { probability: p.toFixed() }, stageId);
    }
  }
  if (scanner !== undefined) {
    for (const v of scanner.finish()) {
      const base = makeIssue('stalled', { stageId: v.stageId, days: round2(v.days), threshold: round2(v.thresholdDays), clock: v.clock, rule: v.rule }, { locale, stageId: v.stageId });
      findings.push({ ...base, code: 'stalled', opportunityId: v.opportunityId, ...(v.segment === undefined ? {} : { segment: v.segment }) });
    }
  }

  // Deterministic order whatever the input order: by deal id, then check order, then time.
  const rank = new Map<string, number>(AUDIT_CODES.map((c, i) => [c, i]));
  findings.sort(
    (a, b) =>
      (a.opportunityId < b.opportunityId ? -1 : a.opportunityId > b.opportunityId ? 1 : 0) ||
      (rank.get(a.code) as number) - (rank.get(b.code) as number) ||
      (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0),
  );
  const report = (list: readonly AuditFinding[], n: number): AuditReport => {
    const counts = Object.fromEntries(AUDIT_CODES.map((c) => [c, 0])) as Record<AuditCode, number>;
    for (const f of list) counts[f.code]++;
    return { deals: n, findings: list, counts };
  };
  const bySegment = new Map<string, AuditFinding[]>();
  for (const k of dealsPerSegment.keys()) bySegment.set(k, []);
  for (const f of findings) if (f.segment !== undefined) bySegment.get(f.segment)!.push(f);
  return {
    pipelineId: pipeline.id,
    asOf: new Date(asOfMs),
    overall: report(findings, deals),
    segments: sortedMap(bySegment, (list, k) => report(list, dealsPerSegment.get(k) as number)),
  };
}
