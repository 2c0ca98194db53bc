/**
 * Numeric core of the time-to-event statistics (转化时间, competing risks), on rows of
 * counts by time (built by `survivalSamples.ts`): the Kaplan–Meier estimator with Greenwood standard errors, the
 * Aalen–Johansen estimator of cumulative incidence for competing causes, and type-7
 * quantiles of a tally. Plain JS numbers: these are statistics, not money.
 *
 * Conventions (shared by every estimator here):
 *
 * - Times are finite numbers ≥ 0 (days, in the callers).
 * - Right censoring. An observation censored at `t` is still at risk at `t`: at a time
 *   with both events and censorings, the events are taken to happen first (the usual
 *   convention of Kaplan & Meier 1958 and of R's `survival`, SAS, Stata).
 * - Memory grows with the number of distinct times, not with the number of
 *   observations: ties collapse into one row of counts. Callers that bin times (round
 *   them up to a grid) bound it by the span of times over the bin width.
 * - No NaN, ever: an empty tally gives an empty curve and a `null` median; a standard
 *   error that does not exist (the curve has reached 0) is `null`.
 */

/** Counts at one distinct time. `events[k]` counts cause `k` (0-based). */
export interface TallyRow {
  readonly time: number;
  readonly events: readonly number[];
  readonly censored: number;
}

/**
 * Rounds a time up to the next multiple of `resolution` (a time already on the grid
 * stays), so that an event at 2.3 days with `resolution` 1 counts at day 3: "within the
 * third day". At a bin's end, the binned curve is the exact curve of data moved to the
 * ends of their bins. `undefined` resolution leaves the time as it is.
 */
export function binTime(time: number, resolution: number | undefined): number {
  if (resolution === undefined) return time;
  const k = Math.ceil(time / resolution - 1e-9);
  // Multiply a whole bin number back, so equal bins give bit-identical keys.
  return Math.max(0, k) * resolution;
}

/** One step of a Kaplan–Meier curve. */
export interface KaplanMeierStep {
  /** The distinct observed time. */
  readonly time: number;
  /** nᵢ: observations with time ≥ this time (censorings at it included). */
  readonly atRisk: number;
  /** dᵢ: events at this time. */
  readonly events: number;
  /** Censorings at this time. */
  readonly censored: number;
  /** Ŝ(t) = Π_{tⱼ ≤ t} (1 − dⱼ/nⱼ). */
  readonly survival: number;
  /** Greenwood: Ŝ(t)·√(Σ_{tⱼ ≤ t} dⱼ/(nⱼ(nⱼ−dⱼ))); `null` once Ŝ has reached 0. */
  readonly standardError: number | null;
}

/** A Kaplan–Meier estimate. */
export interface KaplanMeierEstimate {
  /** One step per distinct time (events or censorings), increasing. */
  readonly steps: KaplanMeierStep[];
  /** Smallest time with Ŝ(t) ≤ 0.5 (within {@link SURVIVAL_TOLERANCE}); `null` if the curve never gets there. */
  readonly median: number | null;
}

/**
 * How far above ½ a floating-point Ŝ may be and still count as ½ for the median:
 * √ε ≈ 1.5e-8, the tolerance of R's `survival` package (`quantile.survfit`,
 * `tolerance = sqrt(.Machine$double.eps)`). Ŝ is a product of floating factors, so a
 * curve that is exactly ½ in exact arithmetic (24 stays, none censored: Ŝ(12) = 12/24)
 * can come out as 0.5000000000000001; comparing without a tolerance moved the median
 * one event late. The price, shared with R: a curve whose exact value lies above ½ by
 * less than the tolerance (it takes thousands of stays to get that close) counts as
 * having reached ½.
 */
export const SURVIVAL_TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * Kaplan–Meier product-limit estimate from tally rows sorted by time (events of all
 * causes together). Ŝ(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ) over the distinct times, where nᵢ
 * counts the observations with time ≥ tᵢ; Greenwood's variance
 * Ŝ(t)² · Σ_{tᵢ ≤ t} dᵢ/(nᵢ(nᵢ − dᵢ)). The median is the smallest time with Ŝ ≤ 0.5,
 * compared with the tolerance {@link SURVIVAL_TOLERANCE} (as R's `survival` does). Where
 * Ŝ is exactly ½ over a stretch of time, R's `quantile.survfit` reports the midpoint of
 * that stretch and the next event time; this estimator keeps to its definition and
 * reports the stretch's start (1…24 days, none censored: 12, where R prints 12.5).
 */
export function kaplanMeier(rows: readonly TallyRow[]): KaplanMeierEstimate {
  let atRisk = 0;
  for (const r of rows) atRisk += r.censored + sum(r.events);
  const steps: KaplanMeierStep[] = [];
  let survival = 1;
  let greenwood = 0;
  let median: number | null = null;
  for (const r of rows) {
    const d = sum(r.events);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a row of censorings only (d = 0) multiplies Ŝ by 1 and adds 0 to Greenwood's sum, and cannot set the median, which Ŝ crosses only at an event
    if (d > 0) {
      // d = n only at the last time everyone left had the event: S drops to exactly 0
      // and the Greenwood term is infinite (no standard error).
      // Stryker disable next-line ConditionalExpression: with d = n, survival · (1 − n/n) is 0 too; the branch only says so
      survival = d === atRisk ? 0 : survival * (1 - d / atRisk);
      // Stryker disable next-line ConditionalExpression: with d = n, d / (n · 0) is Infinity too; the branch only says so
      greenwood = d === atRisk ? Infinity : greenwood + d / (atRisk * (atRisk - d));
      // Stryker disable next-line EqualityOperator: `<` differs only when Ŝ is exactly ½ + √ε, a float no product of these ratios lands on in practice
      if (median === null && survival <= 0.5 + SURVIVAL_TOLERANCE) median = r.time;
    }
    steps.push({
      time: r.time,
      atRisk,
      events: d,
      censored: r.censored,
      survival,
      standardError: greenwood === Infinity ? null : survival * Math.sqrt(greenwood),
    });
    atRisk -= d + r.censored;
  }
  return { steps, median };
}

/** One step of an Aalen–Johansen estimate. */
export interface CumulativeIncidenceStep {
  readonly time: number;
  /** nᵢ: observations with time ≥ this time. */
  readonly atRisk: number;
  /** d_{k,i}: events of each cause at this time. */
  readonly events: readonly number[];
  readonly censored: number;
  /** All-cause Kaplan–Meier Ŝ(t): nothing has happened yet. */
  readonly survival: number;
  /** CIF_k(t) = Σ_{tᵢ ≤ t} Ŝ(tᵢ−) · d_{k,i}/nᵢ, per cause. */
  readonly incidence: readonly number[];
}

/**
 * Aalen–Johansen estimate of the cumulative incidence of competing causes under right
 * censoring, from tally rows sorted by time: CIF_k(t) = Σ_{tᵢ ≤ t} Ŝ(tᵢ−) · d_{k,i}/nᵢ,
 * where Ŝ is the all-cause Kaplan–Meier curve and Ŝ(tᵢ−) its value just before tᵢ.
 * Σ_k CIF_k(t) + Ŝ(t) = 1 at every t (up to rounding).
 */
export function aalenJohansen(rows: readonly TallyRow[], causes: number): CumulativeIncidenceStep[] {
  let atRisk = 0;
  for (const r of rows) atRisk += r.censored + sum(r.events);
  const incidence = new Array<number>(causes).fill(0);
  const steps: CumulativeIncidenceStep[] = [];
  let survival = 1;
  for (const r of rows) {
    const d = sum(r.events);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a row of censorings only adds 0 to every incidence and multiplies Ŝ by 1
    if (d > 0) {
      // Stryker disable next-line EqualityOperator: events[causes] does not exist, so the extra turn adds 0
      for (let k = 0; k < causes; k++) {
        const dk = r.events[k] ?? 0;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: a cause without events adds 0
        if (dk > 0) incidence[k] = incidence[k]! + (survival * dk) / atRisk;
      }
      // Stryker disable next-line ConditionalExpression: with d = n, survival · (1 − n/n) is 0 too; the branch only says so
      survival = d === atRisk ? 0 : survival * (1 - d / atRisk);
    }
    // Stryker disable next-line MethodExpression: the rows have `causes` counts each, and are not changed afterwards, so the copy only keeps steps apart from them
    steps.push({ time: r.time, atRisk, events: r.events.slice(0, causes), censored: r.censored, survival, incidence: incidence.slice() });
    atRisk -= d + r.censored;
  }
  return steps;
}

/**
 * Type-7 quantile (linear interpolation between order statistics, the default of R
 * and of NumPy) of a multiset given as rows of (value, count) sorted by value: with
 * N values x₍₁₎ ≤ … ≤ x₍N₎ and h = (N − 1)·p, the result is
 * x₍⌊h⌋+1₎ + (h − ⌊h⌋)·(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎). The same as a type-7 quantile of the
 * expanded sorted array, without expanding it (memory stays with distinct values).
 * `null` for an empty multiset.
 */
export function quantileOfCounts(rows: ReadonlyArray<{ readonly value: number; readonly count: number }>, p: number): number | null {
  let n = 0;
  for (const r of rows) n += r.count;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  const a = orderStatistic(rows, lo);
  // At p = 1 there is no rank lo + 1: orderStatistic gives the largest value again, and frac is 0.
  const b = orderStatistic(rows, lo + 1);
  return a + frac * (b - a);
}

/** The value of 0-based rank `rank` in the multiset (the largest value for a rank past the end). */
function orderStatistic(rows: ReadonlyArray<{ readonly value: number; readonly count: number }>, rank: number): number {
  let seen = 0;
  for (const r of rows) {
    seen += r.count;
    if (rank < seen) return r.value;
  }
  return rows[rows.length - 1]!.value;
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
