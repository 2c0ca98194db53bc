import { toDecimal } from '../_lib/decimal.js';
import { oneOfOption, ratioOption, wholeNumberOption } from '../_lib/options.js';
import { toRatio } from '../_lib/toRatio.js';
import type { AnalyticsOptions } from '../analytics/analyticsOptions.js';
import { findStalled, type StallClock, type StallThreshold } from '../analytics/findStalled.js';
import { stageFlow, type StageFlowOptions, type StageFlowTable } from '../analytics/stageFlow.js';
import { winLoss } from '../analytics/winLoss.js';
import { because } from '../i18n/because.js';
import { LOCALES, type IssueCode, type Locale } from '../i18n/codes.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { makeIssue } from '../i18n/makeIssue.js';
import type { FunnelIssue, ParamsOf } from '../i18n/params.js';
import { amountIn } from '../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal, type DecimalLike } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { GroupAccumulator, groupKeyFn, type GroupOptions, type Grouped } from '../model/groupBy.js';
import type { OpportunityId, PipelineId, StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { pipelineIndex, type PipelineIndex } from '../model/pipelineIndex.js';
import { toInstant, type InstantInput } from '../time/instant.js';
import { formatPlainDate, plainDateParts } from '../time/plainDate.js';
import { checkZone, plainDateOf } from '../time/zone.js';
import { eventsAt, opportunityAfter, replaySettings } from '../model/opportunityAsOf.js';
import { requiredPipeline } from './requiredPipeline.js';
import { checkDeal, checkDealIterable } from '../model/dealArguments.js';

/**
 * The codes of {@link pipelineHealth} findings (病症诊断), in the order the checks run.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { HEALTH_CODES } from 'sales-funnel';
 * HEALTH_CODES[0]; //=> 'too_few_open_deals'
 * ```
 */
export const HEALTH_CODES = [
  'too_few_open_deals',
  'thin_top_of_funnel',
  'stage_short_of_required',
  'stage_loss_rate_high',
  'close_gap',
  'deal_size_band_empty',
  'stalled_undecided',
  'stalled_losing_to_competitor',
  'stalled_blocked_by_customer',
] as const satisfies readonly IssueCode[];

/** One health finding code. See {@link HEALTH_CODES}. */
export type HealthCode = (typeof HEALTH_CODES)[number];

/**
 * One finding of {@link pipelineHealth}: a {@link FunnelIssue} typed by its code (its
 * `message` in the locale asked for; {@link formatIssue} renders it in the other), with
 * the stage it is about (`stageId`) and, for a stalled deal, the deal.
 */
export type HealthFinding = FunnelIssue<HealthCode> & {
  /** The stalled deal, for the three `stalled_*` codes. */
  readonly opportunityId?: OpportunityId;
  /** The group the finding belongs to (one element per `groupBy` key), when `groupBy` was given. */
  readonly groupKey?: readonly string[];
};

/** The findings of one group of deals (or of all of them), with a count per code. */
export interface HealthReport {
  /** Open deals in follow-up at `asOf` (not suspended). */
  readonly openDeals: number;
  /** The findings, in the order of {@link HEALTH_CODES}; within a code, by stage, month, band, or most overdue first. */
  readonly findings: readonly HealthFinding[];
  /** Number of findings per code (0 for codes not found or not checked). */
  readonly counts: Readonly<Record<HealthCode, number>>;
}

/** One open stage's conversion rate, as the reverse-funnel check used it. */
export interface HealthStageConversion {
  /** The open stage. */
  readonly stageId: StageId;
  /** Share of the deals leaving the stage that went on (to the next stage, or won from the last); null when none left it. */
  readonly conversion: number | null;
}

/**
 * The result of {@link pipelineHealth}: the report over every deal (`total`) and per
 * group, plus what the reverse-funnel check used.
 */
export interface PipelineHealth extends Grouped<HealthReport> {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** The instant the funnel was judged at. */
  readonly asOf: Date;
  /** Currency of the amounts compared (the pipeline's). */
  readonly currency: CurrencyCode;
  /** The conversions per open stage (given in `stageConversions`, else measured), in funnel order. */
  readonly stageConversions: readonly HealthStageConversion[];
  /** The average won deal used by the reverse funnel (given, else measured); null when unknown. */
  readonly averageDealSize: Money | null;
}

/**
 * A deal-size band for {@link PipelineHealthOptions.sizeBands}: deals whose amount (as
 * of `asOf`, in the pipeline currency) is at least `min` and below `max`.
 */
export interface HealthSizeBand {
  /** The band's name, shown in the finding (`'小单'`, `'large'`). */
  readonly label: string;
  /**
   * Lower bound, inclusive (a decimal string, a number or a Decimal).
   *
   * @defaultValue no lower bound
   */
  readonly min?: DecimalLike;
  /**
   * Upper bound, exclusive.
   *
   * @defaultValue no upper bound
   */
  readonly max?: DecimalLike;
}

/**
 * The sales target of the reverse-funnel check: one amount for the whole (`total`), or
 * a function giving each group's target (called with the group key, and with
 * `undefined` for the total); `undefined` skips the check for that report.
 */
export type HealthTarget = Money | ((groupKey: readonly string[] | undefined) => Money | undefined);

/**
 * Options for {@link pipelineHealth}. The grouping options are those of the analytics
 * (`'period'` is the period of the deal's creation).
 */
export interface PipelineHealthOptions extends AnalyticsOptions {
  /**
   * The instant to judge at (a `Date` or an ISO 8601 string with offset); ledger events
   * after it are ignored. Required: the library never reads the clock.
   */
  readonly asOf: InstantInput;
  /**
   * Message locale.
   *
   * @defaultValue `'en'`
   */
  readonly locale?: Locale;
  /**
   * `too_few_open_deals` below this many open deals in follow-up (the source's rule of
   * thumb: fewer than 15).
   *
   * @defaultValue 15
   */
  readonly minOpenDeals?: number;
  /**
   * `thin_top_of_funnel` when the first open stage holds less than this share of the open deals.
   *
   * @defaultValue 0.25
   */
  readonly minTopShare?: number;
  /**
   * The sales target for `stage_short_of_required` (see {@link HealthTarget}).
   *
   * @defaultValue none: the check is skipped
   */
  readonly target?: HealthTarget;
  /**
   * The average won deal for the reverse funnel.
   *
   * @defaultValue the average amount at closing of the deals won from `from` to `asOf` (the check is skipped when none was won)
   */
  readonly averageDealSize?: Money;
  /**
   * Each open stage's conversion rate for the reverse funnel, by stage id, in [0, 1]
   * (every open stage needs one).
   *
   * @defaultValue measured: per open stage, the stage entries from `from` to `asOf` that went on ÷ those that left it (advanced, lost or regressed; a jump past the stage counts as going on)
   */
  readonly stageConversions?: Readonly<Record<string, DecimalLike>>;
  /**
   * Start of the history the measured rates read (loss rates, conversions, average deal):
   * stage entries and wins from this instant on.
   *
   * @defaultValue no lower bound
   */
  readonly from?: InstantInput;
  /**
   * `stage_loss_rate_high` above this loss rate (lost ÷ entries that left the stage).
   *
   * @defaultValue 0.5
   */
  readonly maxLossRate?: number;
  /**
   * The loss-rate check needs at least this many entries to have left the stage.
   *
   * @defaultValue 5
   */
  readonly minStageExits?: number;
  /**
   * Months looked at for `close_gap`, starting with the month of `asOf` (on the wall
   * clock of `timeZone` / `offsetMinutes`).
   *
   * @defaultValue 6
   */
  readonly monthsAhead?: number;
  /**
   * A month with at least this many expected closes is crowded; `close_gap` reports the
   * empty months right after it.
   *
   * @defaultValue 3
   */
  readonly crowdedMonth?: number;
  /**
   * Deal-size bands for `deal_size_band_empty`.
   *
   * @defaultValue none: the check is skipped
   */
  readonly sizeBands?: readonly HealthSizeBand[];
  /**
   * The stall clock for the `stalled_*` hints (see {@link findStalled}).
   *
   * @defaultValue findStalled's default
   */
  readonly stallClock?: StallClock;
  /**
   * The stall threshold for the `stalled_*` hints (see {@link findStalled}).
   *
   * @defaultValue `'stage'` (each stage's `stallAfterDays`)
   */
  readonly stallThreshold?: StallThreshold;
  /** Rates for deals in another currency than the pipeline's (and for a target or average in another). */
  readonly rates?: ExchangeRates;
}

const SEP = '\u001f';

/** What the scan keeps per group. */
interface GroupScan {
  open: number;
  readonly byStage: number[];
  readonly byMonth: number[];
  readonly byBand: number[];
}

interface Band {
  readonly label: string;
  readonly min: Decimal | undefined;
  readonly max: Decimal | undefined;
}

interface Settings {
  readonly asOfMs: number;
  readonly locale: Locale;
  readonly minOpenDeals: number;
  readonly minTopShare: number;
  readonly maxLossRate: number;
  readonly minStageExits: number;
  readonly months: readonly string[];
  readonly crowdedMonth: number;
  readonly bands: readonly Band[] | undefined;
  readonly target: ((key: readonly string[] | undefined) => Money | undefined) | undefined;
}

function decimalIn(value: unknown, option: string): Decimal {
  try {
    return toDecimal(value as DecimalLike, option);
  } catch {
    throw new FunnelError('invalid_option', { option, reason: because('must_be_decimal_like') });
  }
}

function readBands(value: unknown): Band[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new FunnelError('invalid_option', { option: 'sizeBands', reason: because('must_be_array') });
  return value.map((b: unknown, i): Band => {
    const at = `sizeBands[${i}]`;
    if (typeof b !== 'object' || b === null) throw new FunnelError('invalid_option', { option: at, reason: because('must_be_object') });
    const { label, min, max } = b as { label?: unknown; min?: unknown; max?: unknown };
    if (typeof label !== 'string' || label.length === 0) throw new FunnelError('invalid_option', { option: `${at}.label`, reason: because('must_be_non_empty_string') });
    const lo = min === undefined ? undefined : decimalIn(min, `${at}.min`);
    const hi = max === undefined ? undefined : decimalIn(max, `${at}.max`);
    if (lo !== undefined && hi !== undefined && !hi.gt(lo)) throw new FunnelError('invalid_option', { option: `${at}.max`, reason: because('max_before_min') });
    return { label, min: lo, max: hi };
  });
}

/** The month keys `YYYY-MM` from the month of `asOf` on. */
function monthsFrom(asOf: Date, options: PipelineHealthOptions, count: number): string[] {
  const parts = plainDateParts(plainDateOf(asOf, options))!;
  // Stryker disable next-line ArrayDeclaration: equivalent; a stray first key matches no close date, so it counts 0 and starts no gap
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const m = parts.month - 1 + i;
    const year = parts.year + Math.floor(m / 12);
    // `YYYY-MM`: the month part of a plain date, as the close dates are matched by.
    out.push(formatPlainDate(year, (m % 12) + 1, 1).slice(0, 7));
  }
  return out;
}

function settingsOf(options: PipelineHealthOptions): Settings {
  if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
  if (options.asOf === undefined) throw new FunnelError('invalid_option', { option: 'asOf', reason: because('asof_for_judging') });
  const asOf = toInstant(options.asOf, 'asOf');
  checkZone(options);
  const target = options.target;
  if (target !== undefined && typeof target !== 'function' && (typeof target !== 'object' || target === null || !('amount' in target) || typeof target.currency !== 'string')) {
    throw new FunnelError('invalid_option', { option: 'target', reason: because('expected_money') });
  }
  const monthsAhead = wholeNumberOption(options.monthsAhead ?? 6, 'monthsAhead', { min: 1, max: 120 });
  return {
    asOfMs: asOf.getTime(),
    locale: oneOfOption(options.locale ?? 'en', 'locale', LOCALES),
    minOpenDeals: wholeNumberOption(options.minOpenDeals ?? 15, 'minOpenDeals'),
    minTopShare: ratioOption(options.minTopShare ?? 0.25, 'minTopShare'),
    maxLossRate: ratioOption(options.maxLossRate ?? 0.5, 'maxLossRate'),
    minStageExits: wholeNumberOption(options.minStageExits ?? 5, 'minStageExits', { min: 1 }),
    months: monthsFrom(asOf, options, monthsAhead),
    crowdedMonth: wholeNumberOption(options.crowdedMonth ?? 3, 'crowdedMonth', { min: 1 }),
    bands: readBands(options.sizeBands),
    target:
      target === undefined
        ? undefined
        : typeof target === 'function'
          ? target
          : (key) => (key === undefined ? target : undefined),
  };
}

/** The grouping and zone fields of the options, to hand on to the analytics. */
function groupingOptions(options: PipelineHealthOptions): GroupOptions & Pick<AnalyticsOptions, 'otherPipelines'> {
  const { groupBy, customers, teams, period, timeZone, offsetMinutes, otherPipelines } = options;
  // Equivalent mutants: `false` on any spread below keeps the field as `undefined`, which the analytics read as absent.
  return {
    ...(groupBy === undefined ? {} : { groupBy }),
    ...(customers === undefined ? {} : { customers }),
    ...(teams === undefined ? {} : { teams }),
    ...(period === undefined ? {} : { period }),
    ...(timeZone === undefined ? {} : { timeZone }),
    ...(offsetMinutes === undefined ? {} : { offsetMinutes }),
    ...(otherPipelines === undefined ? {} : { otherPipelines }),
  };
}

/** A stage's conversion as reported, and as handed to the reverse funnel (null: unknown). */
interface Conversion extends HealthStageConversion {
  readonly exact: Decimal | null;
}

/**
 * Conversions: given (every open stage), else measured from the stage flow of every deal
 * read. A measured rate (advanced ÷ left, a fraction) goes to the reverse funnel rounded
 * up in its 15th decimal, so that dividing by it never lifts a whole number of deals
 * just above itself (6 wins ÷ 2/7 is 21 deals, not 21.000…1 rounded up to 22).
 */
function conversionsOf(index: PipelineIndex, options: PipelineHealthOptions, measured: () => StageFlowTable): Conversion[] {
  const given = options.stageConversions;
  if (given !== undefined) {
    if (typeof given !== 'object' || given === null) throw new FunnelError('invalid_option', { option: 'stageConversions', reason: because('must_be_object') });
    return index.openIds.map((id) => {
      const option = `stageConversions.${id}`;
      if (!Object.hasOwn(given, id)) throw new FunnelError('invalid_option', { option, reason: because('is_required') });
      let c: Decimal;
      try {
        c = toRatio(given[id]!, option, 'unit');
      } catch {
        throw new FunnelError('invalid_option', { option, reason: because('not_in_unit_interval') });
      }
      return { stageId: id, conversion: c.toNumber(), exact: c };
    });
  }
  return measured().stages.map((r) => {
    const left = r.advanced + r.lost + r.regressed;
    if (left === 0) return { stageId: r.stageId, conversion: null, exact: null };
    return { stageId: r.stageId, conversion: r.advanced / left, exact: new Decimal(r.advanced).div(left).toDecimalPlaces(15, Decimal.ROUND_UP) };
  });
}

/**
 * Where the funnel is sick (病症诊断): checks a pipeline's deals as of `asOf`, in total
 * and per group (per rep with `groupBy: ['owner']`), and reports each symptom as a
 * finding with a stable code, params, and a message in `en` or `zh-CN`:
 *
 * - `too_few_open_deals` — fewer than `minOpenDeals` (default 15, the source's rule of
 *   thumb) open deals in follow-up (suspended deals 中止 are not followed up). Params
 *   `count`, `minimum`.
 * - `thin_top_of_funnel` — the first open stage holds less than `minTopShare` (default
 *   25 %) of the open deals: few deals at first contact says more marketing is needed.
 *   Params `count`, `open`, `share`, `minShare`, the stage. Needs two open stages and an open deal.
 * - `stage_short_of_required` — per open stage, the reverse funnel ({@link requiredPipeline},
 *   rounding up at each stage) for `target` needs more deals than the stage holds.
 *   Params `required`, `actual`, `shortfall`, the stage. Skipped without a target, an
 *   average won deal (`averageDealSize`, else measured) or a conversion for every stage
 *   (`stageConversions`, else measured).
 * - `stage_loss_rate_high` — an open stage loses more than `maxLossRate` (default 50 %) of
 *   the entries that left it since `from` (lost ÷ advanced + lost + regressed; entries
 *   still there are not counted), from `minStageExits` (default 5) exits: a high loss at
 *   the quote stage says the price needs a look. Params `lost`, `left`, `lossRate`,
 *   `threshold`, the stage.
 * - `close_gap` — over the `monthsAhead` months from `asOf`'s month (default 6), a month
 *   with at least `crowdedMonth` (default 3) open deals expected to close, followed by
 *   months with none: revenue comes in waves. Params `crowdedMonth`, `crowdedCount`,
 *   `from`, `to` (months `YYYY-MM`), `months`.
 * - `deal_size_band_empty` — a band of `sizeBands` holds no open deal ("only big deals,
 *   no small ones"). Params `band`, `min`, `max`, `currency`. Needs an open deal.
 * - `stalled_undecided` / `stalled_losing_to_competitor` / `stalled_blocked_by_customer` —
 *   each deal {@link findStalled} reports (clock `stallClock`, threshold `stallThreshold`),
 *   with the source's hint from its stage's probability: below 37.5 % (around 25 %) the
 *   customer may still be undecided or the rep out of touch; below 62.5 % (around 50 %) a
 *   competitor may be winning it; from 62.5 % (75 % or more) something blocks it inside the
 *   customer (budget, approval). Params `probability` (the stage's), `days`, the stage;
 *   the finding names the deal.
 *
 * Open deals, their stages, amounts and close dates are read as they stood at `asOf`
 * (replayed from the ledger); amounts in the pipeline currency (others through `rates`).
 * The measured rates (conversions, average deal) come from every deal read, not per
 * group: one rep's few deals make no rate. Loss rates are per group.
 *
 * The deals are read into an array once (several analyses read them).
 *
 * @param opportunities - The deals (any iterable; not modified).
 * @param pipeline - Their pipeline.
 * @param options - `asOf` (required), locale, thresholds, target, bands, grouping.
 * @returns The findings in total and per group, and the rates the reverse funnel used.
 * @throws {@link FunnelError} `invalid_option` for a missing `asOf` or one that is not an
 *   instant, a bad threshold, band, target or conversion, or a bad grouping key, period
 *   or zone; `currency_mismatch` for an amount in another currency without `rates`;
 *   `pipeline_mismatch` for a deal of another pipeline (unless `otherPipelines: 'ignore'`);
 *   `unknown_stage` for a ledger naming a stage the pipeline does not have.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities,
 *   or an item of it that is not an opportunity (named `opportunities[i]`);
 *   `invalid_argument` (`pipeline`) for a value that is not a pipeline; `invalid_option`
 *   (`rates`) for rates that are not an object with a `rates` object.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { money, pipelineHealth, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const health = pipelineHealth(deals, pipeline, {
 *   asOf: '2026-04-30T18:00:00+08:00',
 *   groupBy: ['owner'],
 *   locale: 'zh-CN',
 *   sizeBands: [{ label: '小单', max: '100000' }, { label: '大单', min: '100000' }],
 *   target: (owner) => (owner === undefined ? money('5000000', 'CNY') : money('1000000', 'CNY')),
 * });
 * for (const g of health.groups) for (const f of g.value.findings) console.log(g.key[0], f.code, f.message);
 * ```
 */
export function pipelineHealth(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: PipelineHealthOptions): PipelineHealth {
  const settings = settingsOf(options);
  const index = pipelineIndex(pipeline);
  const replay = replaySettings(pipeline);
  checkDealIterable(opportunities, 'opportunities');
  const list = Array.isArray(opportunities) ? (opportunities as readonly Opportunity[]) : [...opportunities];
  const grouping = groupingOptions(options);
  const groupBy = grouping.groupBy ?? [];
  // Equivalent mutant: `false` (groupKeyFn refuses a groupBy that is not an array the same way).
  if (!Array.isArray(groupBy)) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('must_be_group_keys') });
  // Equivalent mutant: `false` (ungrouped, the scan's one group is never reported).
  const keyOf = groupBy.length === 0 ? undefined : groupKeyFn(groupBy, grouping);
  const mode = oneOfOption(options.otherPipelines ?? 'error', 'otherPipelines', ['error', 'ignore']);
  const currency = pipeline.currency;
  const rates = ratesOption(options.rates);
  const asOf = new Date(settings.asOfMs);
  const from = options.from;
  // Equivalent mutants: `false` on this spread and on the `otherPipelines` spreads below keeps an `undefined` field, read as absent.
  const history: Pick<StageFlowOptions, 'asOf' | 'from'> = { asOf, ...(from === undefined ? {} : { from }) };

  // 1. The deals as they stood at asOf, per group.
  const monthIndex = new Map(settings.months.map((m, i) => [m, i]));
  const newScan = (): GroupScan => ({
    open: 0,
    byStage: index.open.map(() => 0),
    byMonth: settings.months.map(() => 0),
    // Stryker disable next-line ArrayDeclaration: equivalent; without bands no band is read
    byBand: (settings.bands ?? []).map(() => 0),
  });
  const total = newScan();
  const groups = new GroupAccumulator(newScan);
  for (let i = 0; i < list.length; i++) {
    const o = list[i];
    checkDeal(o, i, 'opportunities');
    if (o.pipelineId !== pipeline.id) {
      // Equivalent mutant: `true` (the deal is then refused by stageFlow below, with the same pipeline_mismatch).
      if (mode === 'ignore') continue;
      throw new FunnelError('pipeline_mismatch', { expected: pipeline.id, actual: o.pipelineId });
    }
    const then = opportunityAfter(o, eventsAt(o.history, settings.asOfMs), replay);
    if (then === undefined) continue;
    const state = { status: then.status, stageId: then.stageId, amount: then.amount, closeDate: then.expectedCloseDate };
    const scans = keyOf === undefined ? [total] : [total, groups.get(keyOf(o))];
    if (state.status !== 'open') continue;
    const info = index.byId.get(state.stageId);
    if (info === undefined) throw new FunnelError('unknown_stage', { stageId: state.stageId, pipelineId: pipeline.id });
    if (info.openIndex < 0) continue;
    const month = state.closeDate === undefined ? undefined : monthIndex.get(state.closeDate.slice(0, 7));
    const amount = settings.bands === undefined ? undefined : amountIn(state.amount, currency, rates);
    for (const s of scans) {
      s.open++;
      s.byStage[info.openIndex]!++;
      // Equivalent mutant: `true` (byMonth[undefined] is a stray property no month reads).
      if (month !== undefined) s.byMonth[month]!++;
      if (amount !== undefined) {
        settings.bands!.forEach((b, i) => {
          // Stryker disable next-line UpdateOperator: equivalent; only whether a band's count is 0 is read
          if ((b.min === undefined || amount.gte(b.min)) && (b.max === undefined || amount.lt(b.max))) s.byBand[i]!++;
        });
      }
    }
  }

  // 2. Loss rates per group (stays in the stage only), conversions and the average won deal over every deal.
  const lossFlow = stageFlow(list, pipeline, { ...grouping, ...history, skipped: 'excluded' });
  const lossTables = new Map<string, StageFlowTable>(lossFlow.groups.map((g) => [g.key.join(SEP), g.value]));
  const conversions = conversionsOf(index, options, () => stageFlow(list, pipeline, { ...history, skipped: 'passed', ...(options.otherPipelines === undefined ? {} : { otherPipelines: options.otherPipelines }) }).total);
  let averageDealSize: Money | null = null;
  const needAverage = settings.target !== undefined;
  if (options.averageDealSize !== undefined) {
    averageDealSize = { amount: amountIn(options.averageDealSize, currency, rates), currency };
  } else if (needAverage) {
    const won = winLoss(list, pipeline, { ...history, ...(rates === undefined ? {} : { rates }), ...(options.otherPipelines === undefined ? {} : { otherPipelines: options.otherPipelines }) }).total.won;
    averageDealSize = won.count === 0 ? null : { amount: won.amount.amount.div(won.count), currency };
  }

  // 3. Stalled deals, with their hints.
  const stalled = findStalled(list, pipeline, {
    ...grouping,
    asOf,
    ...(options.stallClock === undefined ? {} : { clock: options.stallClock }),
    // Equivalent mutants: `false` on the spread above and below keeps an `undefined` field, which findStalled reads as absent.
    ...(options.stallThreshold === undefined ? {} : { threshold: options.stallThreshold }),
  });
  const stalledByGroup = new Map<string, HealthFinding[]>();
  const stalledTotal: HealthFinding[] = [];
  for (const d of stalled.total) {
    const stage = index.open[d.stageIndex]!;
    const p = stage.probability;
    const code: HealthCode = p.lt('0.375') ? 'stalled_undecided' : p.lt('0.625') ? 'stalled_losing_to_competitor' : 'stalled_blocked_by_customer';
    const params = { stageId: stage.id, stageName: stage.name, probability: p.toString(), days: Math.round(d.days * 100) / 100 };
    const issue = makeIssue(code, params, { locale: settings.locale, stageId: stage.id });
    stalledTotal.push({ ...issue, opportunityId: d.opportunityId });
    if (d.groupKey !== undefined) {
      const k = d.groupKey.join(SEP);
      const bucket = stalledByGroup.get(k) ?? [];
      stalledByGroup.set(k, bucket);
      bucket.push({ ...issue, opportunityId: d.opportunityId, groupKey: d.groupKey });
    }
  }

  const report = (scan: GroupScan, key: readonly string[] | undefined): HealthReport => {
    const findings: HealthFinding[] = [];
    const push = <C extends HealthCode>(code: C, params: ParamsOf<C>, stageId?: string) => {
      const issue = makeIssue(code, params, { locale: settings.locale, ...(stageId === undefined ? {} : { stageId }) }) as HealthFinding;
      findings.push(key === undefined ? issue : { ...issue, groupKey: key });
    };
    if (scan.open < settings.minOpenDeals) push('too_few_open_deals', { count: scan.open, minimum: settings.minOpenDeals });
    const top = index.open[0]!;
    // Equivalent mutants on this guard: with no open deal the share is NaN, and with one open stage it is 1; neither is below a share in [0, 1].
    if (index.open.length > 1 && scan.open > 0) {
      const share = scan.byStage[0]! / scan.open;
      if (share < settings.minTopShare) {
        push('thin_top_of_funnel', { stageId: top.id, stageName: top.name, count: scan.byStage[0]!, open: scan.open, share, minShare: settings.minTopShare }, top.id);
      }
    }
    const target = settings.target?.(key);
    if (target !== undefined && averageDealSize !== null && conversions.every((c) => c.exact !== null)) {
      const plan = requiredPipeline({
        target,
        averageDealSize,
        stageConversions: conversions.map((c) => ({ stage: c.stageId, conversion: c.exact! })),
        ...(rates === undefined ? {} : { rates }),
      });
      plan.stages.forEach((s, i) => {
        if (s.deals === null) return;
        const required = s.deals.toNumber();
        const actual = scan.byStage[i]!;
        const stage = index.open[i]!;
        if (actual < required) push('stage_short_of_required', { stageId: stage.id, stageName: stage.name, required, actual, shortfall: required - actual }, stage.id);
      });
    }
    const flow = key === undefined ? lossFlow.total : lossTables.get(key.join(SEP));
    // Stryker disable next-line ArrayDeclaration: equivalent; a stray entry's counts are undefined, which no comparison passes
    for (const r of flow?.stages ?? []) {
      const left = r.advanced + r.lost + r.regressed;
      if (left < settings.minStageExits) continue;
      const lossRate = r.lost / left;
      if (lossRate > settings.maxLossRate) {
        const stage = index.open[r.stageIndex]!;
        push('stage_loss_rate_high', { stageId: stage.id, stageName: stage.name, lost: r.lost, left, lossRate, threshold: settings.maxLossRate }, stage.id);
      }
    }
    const months = settings.months;
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: equivalent; past the second-last month there is no next month (undefined is not 0), so no gap starts
    for (let i = 0; i < months.length - 1; i++) {
      const crowded = scan.byMonth[i]!;
      if (crowded < settings.crowdedMonth || scan.byMonth[i + 1]! !== 0) continue;
      let j = i + 1;
      // Equivalent mutants: `true` and `<=` for the bound (past the last month the count is undefined, not 0).
      while (j < months.length && scan.byMonth[j] === 0) j++;
      push('close_gap', { crowdedMonth: months[i]!, crowdedCount: crowded, from: months[i + 1]!, to: months[j - 1]!, months: j - i - 1 });
      i = j - 1;
    }
    if (settings.bands !== undefined && scan.open > 0) {
      settings.bands.forEach((b, i) => {
        if (scan.byBand[i] !== 0) return;
        push('deal_size_band_empty', { band: b.label, min: b.min?.toString() ?? null, max: b.max?.toString() ?? null, currency });
      });
    }
    findings.push(...(key === undefined ? stalledTotal : (stalledByGroup.get(key.join(SEP)) ?? [])));
    const counts = Object.fromEntries(HEALTH_CODES.map((c) => [c, 0])) as Record<HealthCode, number>;
    for (const f of findings) counts[f.code]++;
    return { openDeals: scan.open, findings, counts };
  };

  return {
    pipelineId: pipeline.id,
    asOf,
    currency,
    stageConversions: conversions.map(({ stageId, conversion }) => ({ stageId, conversion })),
    averageDealSize,
    ...groups.grouped(groupBy, total, report),
  };
}
