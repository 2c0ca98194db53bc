import { toDecimal } from '../_lib/decimal.js';
import { nonNegativeNumber, toRatio } from '../_lib/toRatio.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { convert, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal, type DecimalLike } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { addDays, addMonths } from '../time/addDays.js';
import { periodBounds, periodOf, type PeriodKey, type PeriodOptions } from '../time/periodOf.js';
import { plainDate, type PlainDate } from '../time/plainDate.js';

/**
 * One stage of the input of {@link timePhasedForecast}, listed from the top of the
 * funnel down.
 *
 * @example
 * ```ts
 * import { money, type TimePhasedStage } from 'sales-funnel';
 * const bid: TimePhasedStage = { stage: '项目投标', amount: money('250000', 'CNY'), conversion: '0.8', duration: 1 };
 * ```
 */
export interface TimePhasedStage {
  /** The stage. */
  readonly stage: string;
  /** Amount now in the stage (unweighted). */
  readonly amount: Money;
  /** Share of the stage's deals that reach the next stage (for the last stage: that are won), in [0, 1]. */
  readonly conversion: DecimalLike;
  /** Average time from this stage to the next (for the last: to the close), in `timeUnit`, ≥ 0. */
  readonly duration: number;
}

/**
 * Options for {@link timePhasedForecast}.
 *
 * @example
 * ```ts
 * import { plainDate, type TimePhasedForecastOptions } from 'sales-funnel';
 * const o: TimePhasedForecastOptions = { asOf: plainDate('2026-01-15'), timeUnit: 'month', period: { unit: 'month' } };
 * ```
 */
export interface TimePhasedForecastOptions {
  /** The date the amounts are measured at; arrivals count from it. */
  readonly asOf: PlainDate;
  /** Unit of every `duration`: `'month'` (default) or `'day'`. */
  readonly timeUnit?: 'month' | 'day';
  /** Periods the arrivals are grouped into. Default `{ unit: 'month' }`. */
  readonly period?: PeriodOptions;
  /** Currency of the result. Default the first stage's. */
  readonly currency?: CurrencyCode;
  /** Rates for stages in other currencies. */
  readonly rates?: ExchangeRates;
}

/**
 * One stage's expected wins in {@link TimePhasedForecast}.
 *
 * @example
 * ```ts
 * import type { TimePhasedStageResult, TimePhasedForecast } from 'sales-funnel';
 * declare const f: TimePhasedForecast;
 * const s: TimePhasedStageResult | undefined = f.stages[0];
 * ```
 */
export interface TimePhasedStageResult {
  /** The stage. */
  readonly stage: string;
  /** Amount now in the stage. */
  readonly amount: Money;
  /** Probability of winning from this stage: the product of its and every later stage's conversion. */
  readonly winProbability: Decimal;
  /** amount × win probability. */
  readonly expectedWon: Money;
  /** Time until the wins arrive: the sum of this and every later stage's duration, in `timeUnit`. */
  readonly after: number;
  /** The arrival date. */
  readonly arrives: PlainDate;
  /** The period of the arrival date. */
  readonly period: PeriodKey;
}

/**
 * One future period of {@link TimePhasedForecast}.
 *
 * @example
 * ```ts
 * import type { TimePhasedPeriod, TimePhasedForecast } from 'sales-funnel';
 * declare const f: TimePhasedForecast;
 * const p: TimePhasedPeriod | undefined = f.periods[0];
 * ```
 */
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

/**
 * Result of {@link timePhasedForecast}.
 *
 * @example
 * ```ts
 * import type { TimePhasedForecast } from 'sales-funnel';
 * declare const f: TimePhasedForecast;
 * f.total.amount.toString();
 * ```
 */
export interface TimePhasedForecast {
  /** Currency of every amount. */
  readonly currency: CurrencyCode;
  /** Per stage, top down, as given. */
  readonly stages: readonly TimePhasedStageResult[];
  /** Periods with arrivals, in time order (periods without arrivals are left out). */
  readonly periods: readonly TimePhasedPeriod[];
  /** Σ expected wins. */
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
 * Σ_{j ≥ i} duration_j (the time to pass them). Arrival dates count from `asOf`: whole
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
 * @param options - `asOf` (required), time unit, periods, currency.
 * @returns Expected wins per stage and per future period, and their total.
 * @throws {@link FunnelError} `invalid_argument` for a conversion outside [0, 1] or a
 *   negative duration; `invalid_option` for a bad `timeUnit` or period; `invalid_plain_date`
 *   for a bad `asOf`; `currency_mismatch` for mixed currencies without rates;
 *   `invalid_argument` for no stages and no currency.
 *
 * @example
 * ```ts
 * import { money, plainDate, timePhasedForecast } from 'sales-funnel';
 * const f = timePhasedForecast(
 *   [
 *     { stage: '潜在客户跟踪', amount: money('500000', 'CNY'), conversion: '0.5', duration: 2 },
 *     { stage: '项目投标', amount: money('250000', 'CNY'), conversion: '0.8', duration: 1 },
 *     { stage: '商务洽谈', amount: money('200000', 'CNY'), conversion: '0.9', duration: 1 },
 *   ],
 *   { asOf: plainDate('2026-01-15') },
 * );
 * f.periods.map((p) => [p.period, p.expectedWon.amount.toString()]);
 * //=> [['2026-02', '180000'], ['2026-03', '180000'], ['2026-05', '180000']]
 * f.total.amount.toString(); //=> '540000'
 * ```
 */
export function timePhasedForecast(stages: ReadonlyArray<TimePhasedStage>, options: TimePhasedForecastOptions): TimePhasedForecast {
  const asOf = plainDate(options.asOf);
  const timeUnit = options.timeUnit ?? 'month';
  if (timeUnit !== 'month' && timeUnit !== 'day') {
    throw new FunnelError('invalid_option', { option: 'timeUnit', reason: `must be 'month' or 'day', not ${String(timeUnit)}` });
  }
  const period: PeriodOptions = options.period ?? { unit: 'month' };
  const currency = options.currency ?? stages[0]?.amount.currency;
  if (currency === undefined) throw new FunnelError('invalid_argument', { name: 'stages', reason: 'no stages: pass options.currency' });

  const parsed = stages.map((s, i) => {
    let m = s.amount;
    if (m.currency !== currency) {
      if (options.rates === undefined) throw new FunnelError('currency_mismatch', { left: currency, right: m.currency });
      m = convert(m, currency, options.rates);
    }
    return {
      stage: s.stage,
      amount: toDecimal(m.amount, `stages[${i}].amount`),
      conversion: toRatio(s.conversion, `stages[${i}].conversion`, 'unit'),
      duration: nonNegativeNumber(s.duration, `stages[${i}].duration`),
    };
  });

  const arrival = (after: number): PlainDate => {
    if (timeUnit === 'day') return addDays(asOf, Math.round(after));
    const whole = Math.floor(after);
    return addDays(addMonths(asOf, whole), Math.round((after - whole) * DAYS_PER_MONTH));
  };

  const results: TimePhasedStageResult[] = new Array<TimePhasedStageResult>(parsed.length);
  let p = new Decimal(1);
  let after = 0;
  for (let i = parsed.length - 1; i >= 0; i--) {
    const s = parsed[i] as (typeof parsed)[number];
    p = p.times(s.conversion);
    after += s.duration;
    const arrives = arrival(after);
    results[i] = {
      stage: s.stage,
      amount: { amount: s.amount, currency },
      winProbability: p,
      expectedWon: { amount: s.amount.times(p), currency },
      after,
      arrives,
      period: periodOf(arrives, period),
    };
  }

  const byPeriod = new Map<PeriodKey, { arrives: PlainDate; amount: Decimal; stages: string[] }>();
  let total = new Decimal(0);
  for (const r of results) {
    const e = byPeriod.get(r.period) ?? { arrives: r.arrives, amount: new Decimal(0), stages: [] };
    e.amount = e.amount.plus(r.expectedWon.amount);
    e.stages.push(r.stage);
    if (r.arrives < e.arrives) e.arrives = r.arrives;
    byPeriod.set(r.period, e);
  }
  const periods = [...byPeriod.entries()]
    .sort((a, b) => (a[1].arrives < b[1].arrives ? -1 : a[1].arrives > b[1].arrives ? 1 : 0))
    .map(([key, e]) => {
      total = total.plus(e.amount);
      const bounds = periodBounds(key, period);
      return { period: key, start: bounds.start, end: bounds.end, expectedWon: { amount: e.amount, currency }, stages: e.stages };
    });
  return { currency, stages: results, periods, total: { amount: total, currency } };
}
