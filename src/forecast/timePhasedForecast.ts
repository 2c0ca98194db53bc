import { oneOfOption } from '../_lib/options.js';
import { nonNegativeNumber, toRatio } from '../_lib/toRatio.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { amountIn } from '../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal, type DecimalLike } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { addDays, addMonths } from '../time/addDays.js';
import { toPlainDate, type CalendarDateInput } from '../time/calendarDate.js';
import { periodBounds, periodOf, type PeriodKey, type PeriodOptions } from '../time/periodOf.js';
import type { PlainDate } from '../time/plainDate.js';

/**
 * One stage of the input of {@link timePhasedForecast}, listed from the top of the
 * funnel down.
 */
export interface TimePhasedStage {
  /** The stage. */
  readonly stage: string;
  /** Amount now in the stage (unweighted). */
  readonly amount: Money;
  /** Share of the stage's deals that reach the next stage (for the last stage: that are won), in [0, 1] (a decimal string, number or Decimal). */
  readonly conversion: DecimalLike;
  /** Average time from this stage to the next (for the last: to the close), in `timeUnit`, ≥ 0. */
  readonly duration: number;
}

/** Options for {@link timePhasedForecast}. */
export interface TimePhasedForecastOptions {
  /** The first day of the forecast (a calendar date, `'YYYY-MM-DD'`): the amounts are measured then, and arrivals count from it. */
  readonly startDate: CalendarDateInput;
  /**
   * Unit of every `duration`: `'month'` or `'day'`.
   *
   * @defaultValue `'month'`
   */
  readonly timeUnit?: 'month' | 'day';
  /**
   * Periods the arrivals are grouped into.
   *
   * @defaultValue `{ unit: 'month' }`
   */
  readonly period?: PeriodOptions;
  /**
   * Currency of the result.
   *
   * @defaultValue the first stage's currency
   */
  readonly currency?: CurrencyCode;
  /** Rates for stages in other currencies. */
  readonly rates?: ExchangeRates;
}

/** One stage's expected wins in {@link TimePhasedForecast}. */
export interface TimePhasedStageResult {
  /** The stage. */
  readonly stage: string;
  /** Amount now in the stage. */
  readonly amount: Money;
  /** Probability of winning from this stage: the product of its and every later stage's conversion (computed exactly, reported as a number). */
  readonly winProbability: number;
  /** amount × win probability. */
  readonly expectedWon: Money;
  /** Time until the wins arrive: the sum of this and every later stage's duration, in `timeUnit`. */
  readonly after: number;
  /** The arrival date. */
  readonly arrives: PlainDate;
  /** The period of the arrival date. */
  readonly period: PeriodKey;
}

/** One future period of {@link TimePhasedForecast}. */
export interface TimePhasedPeriod {
  /** The period key. */
  readonly period: PeriodKey;
  /** First day of the period. */
  readonly start: PlainDate;
  /** Last day of the period. */
  readonly end: PlainDate;
  /** Expected wins arriving in the period. */
  readonly expectedWon: Money;
  /** The stages whose wins arrive in it, top down. */
  readonly stages: readonly string[];
}

/** Result of {@link timePhasedForecast}. */
export interface TimePhasedForecast {
  /** Currency of every amount. */
  readonly currency: CurrencyCode;
  /** Per stage, top down, as given. */
  readonly stages: readonly TimePhasedStageResult[];
  /** Periods with arrivals, in time order (periods without arrivals are left out). */
  readonly periods: readonly TimePhasedPeriod[];
  /** Σ expected wins over every stage (= Σ periods). */
  readonly total: Money;
}

/** Days in an average Gregorian month (365.2425 / 12), for fractional months. */
const DAYS_PER_MONTH = 30.436875;

/**
 * Time-phased forecast (分期预测): when the amounts now in each stage are expected to
 * turn into wins, from the stage conversion rates and stage cycle times.
 *
 * For stage i (stages listed top down), the expected wins are amount_i × Π_{j ≥ i}
 * conversion_j (the deals must pass every remaining stage), arriving after
 * Σ_{j ≥ i} duration_j (the time to pass them). Arrival dates count from `startDate`: whole
 * months with calendar arithmetic (`addMonths`), a fractional remainder of a month as
 * 30.436875 days per month rounded to whole days; durations in days are rounded to
 * whole days. Amounts are exact; round at presentation.
 *
 * Worked example (project sales, from the course material): potential → bid 2 months
 * at 50 %, bid → negotiation 1 month at 80 %, negotiation → contract 1 month at 90 %;
 * now 50 万 potential, 25 万 bid, 20 万 negotiation. Expected wins: 50 × 0.5 × 0.8 ×
 * 0.9 = 18 万 in 4 months, 25 × 0.8 × 0.9 = 18 万 in 2 months, 20 × 0.9 = 18 万 in 1
 * month: 54 万 in all.
 *
 * @param stages - The stages top down: amount now, conversion, duration.
 * @param options - `startDate` (required), time unit, periods, currency.
 * @returns Expected wins per stage and per future period, and their total.
 * @throws {@link FunnelError} `invalid_argument` for a conversion outside [0, 1] or a
 *   negative duration; `invalid_option` for a bad `startDate`, `timeUnit` or period;
 *   `currency_mismatch` for mixed currencies without rates; `invalid_argument` for no
 *   stages and no currency.
 *   Also `invalid_option` (`rates`) for rates that are not an object with a `rates` object.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { money, timePhasedForecast } from 'sales-funnel';
 * const f = timePhasedForecast(
 *   [
 *     { stage: '潜在客户跟踪', amount: money('500000', 'CNY'), conversion: '0.5', duration: 2 },
 *     { stage: '项目投标', amount: money('250000', 'CNY'), conversion: '0.8', duration: 1 },
 *     { stage: '商务洽谈', amount: money('200000', 'CNY'), conversion: '0.9', duration: 1 },
 *   ],
 *   { startDate: '2026-01-15' },
 * );
 * f.periods.map((p) => [p.period, p.expectedWon.amount.toString()]);
 * //=> [['2026-02', '180000'], ['2026-03', '180000'], ['2026-05', '180000']]
 * f.total.amount.toString(); //=> '540000'
 * ```
 */
export function timePhasedForecast(stages: ReadonlyArray<TimePhasedStage>, options: TimePhasedForecastOptions): TimePhasedForecast {
  const settings = readOptions(stages, options);
  const parsed = readStages(stages, settings.currency, ratesOption(options.rates));
  const results = stageResults(parsed, settings);
  return byPeriod(results, settings);
}

interface Settings {
  readonly startDate: PlainDate;
  readonly timeUnit: 'month' | 'day';
  readonly period: PeriodOptions;
  readonly currency: CurrencyCode;
}

interface ParsedStage {
  readonly stage: string;
  readonly amount: Decimal;
  readonly conversion: Decimal;
  readonly duration: number;
}

function readOptions(stages: ReadonlyArray<TimePhasedStage>, options: TimePhasedForecastOptions): Settings {
  if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'startDate', reason: because('is_required') });
  const startDate = toPlainDate(options.startDate, 'startDate');
  const timeUnit = oneOfOption(options.timeUnit ?? 'month', 'timeUnit', ['month', 'day'] as const);
  const period: PeriodOptions = options.period ?? { unit: 'month' };
  periodOf(startDate, period); // a bad unit or fiscal month fails now
  const currency = options.currency ?? stages[0]?.amount.currency;
  if (currency === undefined) throw new FunnelError('invalid_argument', { name: 'stages', reason: because('no_stages_need_currency') });
  return { startDate, timeUnit, period, currency };
}

function readStages(stages: ReadonlyArray<TimePhasedStage>, currency: CurrencyCode, rates: ExchangeRates | undefined): ParsedStage[] {
  return stages.map((s, i) => ({
    stage: s.stage,
    amount: amountIn(s.amount, currency, rates),
    conversion: toRatio(s.conversion, `stages[${i}].conversion`, 'unit'),
    duration: nonNegativeNumber(s.duration, `stages[${i}].duration`),
  }));
}

/** The arrival date `after` time units from the start. */
function arrival(after: number, settings: Settings): PlainDate {
  if (settings.timeUnit === 'day') return addDays(settings.startDate, Math.round(after));
  const whole = Math.floor(after);
  return addDays(addMonths(settings.startDate, whole), Math.round((after - whole) * DAYS_PER_MONTH));
}

/** Each stage's win probability and arrival, bottom up (the product and sum of the stages below). */
function stageResults(parsed: readonly ParsedStage[], settings: Settings): TimePhasedStageResult[] {
  const { currency } = settings;
  // Stryker disable next-line ArrayDeclaration: equivalent; the loop sets every entry
  const results = new Array<TimePhasedStageResult>(parsed.length);
  let p = new Decimal(1);
  let after = 0;
  for (let i = parsed.length - 1; i >= 0; i--) {
    const s = parsed[i]!;
    p = p.times(s.conversion);
    after += s.duration;
    const arrives = arrival(after, settings);
    results[i] = {
      stage: s.stage,
      amount: { amount: s.amount, currency },
      winProbability: p.toNumber(),
      expectedWon: { amount: s.amount.times(p), currency },
      after,
      arrives,
      period: periodOf(arrives, settings.period),
    };
  }
  return results;
}

/** The arrivals grouped by period, in time order, and their total. */
function byPeriod(results: readonly TimePhasedStageResult[], settings: Settings): TimePhasedForecast {
  const { currency, period } = settings;
  const groups = new Map<PeriodKey, { arrives: PlainDate; amount: Decimal; stages: string[] }>();
  for (const r of results) {
    const e = groups.get(r.period) ?? { arrives: r.arrives, amount: new Decimal(0), stages: [] };
    e.amount = e.amount.plus(r.expectedWon.amount);
    e.stages.push(r.stage);
    // Equivalent mutants: any test here; `arrives` only orders the periods, which never overlap.
    if (r.arrives < e.arrives) e.arrives = r.arrives;
    groups.set(r.period, e);
  }
  let total = new Decimal(0);
  const periods = [...groups.entries()]
    .sort((a, b) => (a[1].arrives < b[1].arrives ? -1 : a[1].arrives > b[1].arrives ? 1 : 0))
    .map(([key, e]) => {
      total = total.plus(e.amount);
      const bounds = periodBounds(key, period);
      return { period: key, start: bounds.start, end: bounds.end, expectedWon: { amount: e.amount, currency }, stages: e.stages };
    });
  return { currency, stages: results, periods, total: { amount: total, currency } };
}
