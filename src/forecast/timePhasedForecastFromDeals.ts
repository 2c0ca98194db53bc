import { oneOfOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { cohortFunnel } from '../analytics/cohortFunnel.js';
import { conversionTimes } from '../analytics/conversionTimes.js';
import { funnelSnapshot } from '../analytics/funnelSnapshot.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { createdAt } from '../model/createdAt.js';
import type { StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { assertSamePipeline, pipelineIndex } from '../model/pipelineIndex.js';
import { instantMs, toInstant, type InstantInput } from '../time/instant.js';
import type { PeriodOptions } from '../time/periodOf.js';
import type { PlainDate } from '../time/plainDate.js';
import { checkZone, plainDateOf, zoneFields, type ZoneOptions } from '../time/zone.js';
import { roundPartsToMinor } from './_lib/roundParts.js';
import { timePhasedForecast, type TimePhasedForecast, type TimePhasedPeriod, type TimePhasedStage, type TimePhasedStageResult } from './timePhasedForecast.js';
import { checkDeal, checkDealIterable } from '../model/dealArguments.js';

/**
 * Options for {@link timePhasedForecastFromDeals}.
 */
export interface TimePhasedForecastFromDealsOptions extends ZoneOptions {
  /**
   * The instant the forecast starts from (a `Date` or an ISO 8601 string with offset):
   * the amounts standing in each stage then, and the ledgers read to it. Its calendar
   * date (on the wall clock of `timeZone` / `offsetMinutes`, UTC by default) is the
   * forecast's start date. Required.
   */
  readonly asOf: InstantInput;
  /**
   * Start of the history the rates and durations are learned from: deals created at or
   * after it.
   *
   * @defaultValue no lower bound
   */
  readonly from?: InstantInput;
  /**
   * End of that history, exclusive.
   *
   * @defaultValue no upper bound (every deal created by `asOf`)
   */
  readonly to?: InstantInput;
  /**
   * Which statistic of the completed stays is a stage's duration: their `'mean'` (the
   * material's average time) or `'median'`.
   *
   * @defaultValue `'mean'`
   */
  readonly duration?: 'mean' | 'median';
  /**
   * Periods the arrivals are grouped into.
   *
   * @defaultValue `{ unit: 'month' }`
   */
  readonly period?: PeriodOptions;
  /** Rates for deals in other currencies than the pipeline's. */
  readonly rates?: ExchangeRates;
  /**
   * A deal of another pipeline: `'error'` throws `pipeline_mismatch`; `'ignore'` skips it.
   *
   * @defaultValue `'error'`
   */
  readonly otherPipelines?: 'error' | 'ignore';
}

/**
 * What the deals gave for one open stage of {@link TimePhasedForecastFromDeals}.
 */
export interface TimePhasedInput {
  /** The open stage. */
  readonly stageId: StageId;
  /** Its position among the pipeline's open stages (0-based). */
  readonly stageIndex: number;
  /** Amount standing in the stage at `asOf` (open, not suspended deals; see {@link funnelSnapshot}). */
  readonly amount: Money;
  /** The history's conversion to the next stage (to won for the last), from the cohort funnel; `null` when no deal of the history reached the stage. */
  readonly conversion: number | null;
  /** The history's time in the stage before moving on, in days (mean or median of the completed stays, see {@link conversionTimes}); `null` without completed stays. */
  readonly durationDays: number | null;
  /** Whether the stage is in the forecast: its own and every later stage's conversion and duration are known. */
  readonly forecast: boolean;
}

/**
 * Result of {@link timePhasedForecastFromDeals}: the {@link TimePhasedForecast} of the
 * forecastable stages (durations in days, stages named by id), with the inputs learned
 * from the deals, and every expected-won amount in whole minor units (fen for CNY).
 */
export interface TimePhasedForecastFromDeals extends TimePhasedForecast {
  /**
   * Per forecast stage, top down. `expectedWon` is amount × win probability rounded to
   * the currency's minor unit by the largest-remainder rule (see
   * {@link timePhasedForecastFromDeals}): within one minor unit of the exact product, and
   * the stages add up to `total` exactly.
   */
  readonly stages: readonly TimePhasedStageResult[];
  /** Periods with arrivals, in time order: each `expectedWon` is the exact sum of its stages' rounded figures. */
  readonly periods: readonly TimePhasedPeriod[];
  /** Σ of the exact expected wins, rounded half-even to the minor unit: = Σ stages = Σ periods, exactly. */
  readonly total: Money;
  /** The instant the amounts were read at. */
  readonly asOf: Date;
  /** The forecast's start date: `asOf` on the chosen calendar. */
  readonly startDate: PlainDate;
  /** One entry per open stage, top down: amount, conversion and duration. */
  readonly inputs: readonly TimePhasedInput[];
  /** Stages left out of the forecast for want of a conversion or duration at or below them, and the amount standing in them. */
  readonly unforecastable: { readonly stageIds: readonly StageId[]; readonly amount: Money };
}

/**
 * The time-phased forecast (分期预测) with every input taken from the deals instead of
 * hand-entered: the amount standing in each open stage at `asOf` ({@link funnelSnapshot}),
 * each stage's conversion rate from the history's cohort ({@link cohortFunnel}: reach of
 * the next stage ÷ reach of this one, won ÷ reach for the last) and each stage's duration
 * from the history's completed stays ({@link conversionTimes}: mean by default, or
 * median), then {@link timePhasedForecast} with durations in days from the calendar date
 * of `asOf`.
 *
 * The history is the deals created in `[from, to)` (every deal without a window), read
 * as of `asOf`; its open deals count as not (yet) converted. A stage whose conversion or
 * duration is unknown — no deal of the history reached it, or none moved on from it —
 * cannot be forecast, nor can any stage above it (its deals must pass through it): they
 * are left out and listed in `unforecastable` with the amount standing in them, never
 * counted as 0.
 *
 * **Rounding**: learned conversions are quotients of counts (2 won of 7 reached is
 * 2/7), so the exact expected wins run to 40 significant digits; they are rounded once,
 * as the other forecasts are at presentation. The `total` is the exact sum rounded
 * half-even to the currency's minor unit ({@link roundToMinor}). Rounding each stage
 * half-even on its own could miss that total (three stages of 2.857142… round to 2.86
 * each, 8.58, while their sum 8.571428… rounds to 8.57), so the stages share it out by
 * the largest-remainder rule of {@link allocate} applied to their exact figures: each
 * is rounded down to the minor unit, and the minor units the total still needs go one
 * each to the stages with the largest remainders (ties to the higher stage) — 2.86,
 * 2.86, 2.85 in that case. Each stage is within one minor unit of its exact figure, the
 * stages add up to `total` exactly, and each period is the sum of its stages.
 * `winProbability` stays the exact product (as a number), `inputs` and
 * `unforecastable.amount` are not rounded.
 *
 * @param opportunities - The deals (any iterable; read once; not modified).
 * @param pipeline - Their pipeline.
 * @param options - `asOf` (required), history window, duration statistic, periods, zone, rates.
 * @returns Expected wins per stage and per period in whole minor units (adding up to the
 *   total exactly), with the inputs learned from the deals.
 * @throws {@link FunnelError} `invalid_option` for a missing or bad `asOf`, a bad window
 *   (`from` after `to`), `duration`, zone, period or `otherPipelines`;
 *   `pipeline_mismatch` for a deal of another pipeline; `currency_mismatch` for amounts
 *   in other currencies without `rates`.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities,
 *   or an item of it that is not an opportunity (named `opportunities[i]`);
 *   `invalid_argument` (`pipeline`) for a value that is not a pipeline; `invalid_option`
 *   (`rates`) for rates that are not an object with a `rates` object.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { timePhasedForecastFromDeals, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const f = timePhasedForecastFromDeals(deals, pipeline, {
 *   asOf: '2026-01-15T00:00:00+08:00',
 *   from: '2025-01-01T00:00:00+08:00', // learn from last year's deals
 *   to: '2026-01-01T00:00:00+08:00',
 *   timeZone: 'Asia/Shanghai',
 * });
 * for (const p of f.periods) console.log(p.period, p.expectedWon.amount.toFixed(2)); // whole fen
 * ```
 */
export function timePhasedForecastFromDeals(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: TimePhasedForecastFromDealsOptions): TimePhasedForecastFromDeals {
  if (typeof options !== 'object' || options === null || options.asOf === undefined) {
    throw new FunnelError('invalid_option', { option: 'asOf', reason: because('is_required') });
  }
  const asOf = toInstant(options.asOf, 'asOf');
  const fromMs = instantMs(options.from, 'from', Number.NEGATIVE_INFINITY);
  const toMs = instantMs(options.to, 'to', Number.POSITIVE_INFINITY);
  if (fromMs > toMs) throw new FunnelError('invalid_option', { option: 'from', reason: because('from_after_to') });
  const statistic = oneOfOption(options.duration ?? 'mean', 'duration', ['mean', 'median'] as const);
  const otherPipelines = oneOfOption(options.otherPipelines ?? 'error', 'otherPipelines', ['error', 'ignore'] as const);
  checkZone(options);
  const zone = zoneFields(options);
  const startDate = plainDateOf(asOf, zone);
  const currency = pipelineIndex(pipeline).pipeline.currency;
  const checkedRates = ratesOption(options.rates);
  const rates = checkedRates === undefined ? {} : { rates: checkedRates };

  const deals: Opportunity[] = [];
  const history: Opportunity[] = [];
  checkDealIterable(opportunities, 'opportunities');
  let i = 0;
  for (const o of opportunities) {
    checkDeal(o, i++, 'opportunities');
    if (otherPipelines === 'ignore' && o.pipelineId !== pipeline.id) continue;
    assertSamePipeline(o, pipeline);
    deals.push(o);
    const created = createdAt(o)?.getTime();
    if (created !== undefined && created >= fromMs && created < toMs) history.push(o);
  }

  const snapshot = funnelSnapshot(deals, pipeline, { asOf, ...rates }).total.stages;
  const cohort = cohortFunnel(history, pipeline, { asOf }).total;
  const times = conversionTimes(history, pipeline, { asOf }).total;

  const reached = cohort.stages.map((r) => r.reached);
  const conversions = reached.map((r, k): Decimal | null => (r === 0 ? null : new Decimal(k + 1 < reached.length ? reached[k + 1]! : cohort.won).div(r)));
  const durations = times.map((t) => (statistic === 'mean' ? t.meanDays : t.medianDays));
  let lowestUnknown = -1;
  conversions.forEach((c, k) => {
    if (c === null || durations[k] === null) lowestUnknown = k;
  });

  const inputs: TimePhasedInput[] = snapshot.map((s, k) => ({
    stageId: s.stageId,
    stageIndex: k,
    amount: s.amount,
    conversion: conversions[k] === null ? null : conversions[k]!.toNumber(),
    durationDays: durations[k] ?? null,
    forecast: k > lowestUnknown,
  }));
  const stages: TimePhasedStage[] = inputs
    .filter((s) => s.forecast)
    .map((s) => ({ stage: s.stageId, amount: s.amount, conversion: conversions[s.stageIndex]!, duration: s.durationDays! }));
  const exact = timePhasedForecast(stages, { startDate, timeUnit: 'day', currency, ...(options.period === undefined ? {} : { period: { ...zone, ...options.period } }) });
  const rounded = roundPartsToMinor(
    exact.stages.map((s) => s.expectedWon.amount),
    currency,
  );
  const forecastStages = exact.stages.map((s, i): TimePhasedStageResult => ({ ...s, expectedWon: { amount: rounded.parts[i]!, currency } }));
  const periods = exact.periods.map((p): TimePhasedPeriod => ({
    ...p,
    expectedWon: { amount: forecastStages.reduce((d, s) => (s.period === p.period ? d.plus(s.expectedWon.amount) : d), new Decimal(0)), currency },
  }));
  const left = inputs.filter((s) => !s.forecast);
  return {
    currency: exact.currency,
    stages: forecastStages,
    periods,
    total: { amount: rounded.total, currency },
    asOf,
    startDate,
    inputs,
    unforecastable: { stageIds: left.map((s) => s.stageId), amount: { amount: left.reduce((d, s) => d.plus(s.amount.amount), new Decimal(0)), currency } },
  };
}
