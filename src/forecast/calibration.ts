import { wholeNumberOption } from '../_lib/options.js';
import { toRatio } from '../_lib/toRatio.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { DecimalLike } from '../money/decimal.js';

/**
 * Options for {@link calibration}.
 */
export interface CalibrationOptions {
  /**
   * Number of equal-width probability buckets on [0, 1], from 1 to 10 000.
   *
   * @defaultValue 10
   */
  readonly bins?: number;
}

/**
 * One probability bucket of a reliability table.
 */
export interface CalibrationBin {
  /** Lower edge (included). */
  readonly lower: number;
  /** Upper edge (excluded, except 1 in the last bucket). */
  readonly upper: number;
  /** Forecasts in the bucket. */
  readonly count: number;
  /** Mean forecast probability in the bucket; `null` when empty. */
  readonly meanPredicted: number | null;
  /** Share of the bucket's forecasts whose event happened (won / count); `null` when empty. */
  readonly observedFrequency: number | null;
}

/**
 * Brier score of probability forecasts with its decomposition and reliability table.
 * For N forecasts the parts satisfy, up to floating-point rounding,
 * `brier = reliability − resolution + uncertainty + withinBinVariance − withinBinCovariance`.
 */
export interface Calibration {
  /** Number of forecasts. */
  readonly count: number;
  /** Mean outcome ō: the share of events that happened (the base rate); `null` for none. */
  readonly baseRate: number | null;
  /** Brier score (1/N)·Σ(pᵢ − oᵢ)²: 0 is perfect, lower is better; `null` for none. */
  readonly brier: number | null;
  /** Reliability (1/N)·Σₖ nₖ(p̄ₖ − ōₖ)²: how far bucket forecasts are from bucket frequencies; lower is better. */
  readonly reliability: number | null;
  /** Resolution (1/N)·Σₖ nₖ(ōₖ − ō)²: how much bucket frequencies differ from the base rate; higher is better. */
  readonly resolution: number | null;
  /** Uncertainty ō(1 − ō): the Brier score of always forecasting the base rate. */
  readonly uncertainty: number | null;
  /** Within-bucket variance of the forecasts (1/N)·Σₖ Σᵢ∈ₖ (pᵢ − p̄ₖ)²; 0 when each bucket's forecasts are equal. */
  readonly withinBinVariance: number | null;
  /** Within-bucket covariance (2/N)·Σₖ Σᵢ∈ₖ (oᵢ − ōₖ)(pᵢ − p̄ₖ); 0 when each bucket's forecasts are equal. */
  readonly withinBinCovariance: number | null;
  /** Brier skill score against the base rate, 1 − brier / uncertainty; `null` when uncertainty is 0 or there is no data. */
  readonly skillScore: number | null;
  /** The reliability table, one entry per bucket, lowest first. */
  readonly bins: readonly CalibrationBin[];
}

/**
 * How well probability forecasts — such as stage win probabilities (赢率) — match what
 * happened: the Brier score with its Murphy decomposition into reliability,
 * resolution and uncertainty, and a reliability table by probability bucket.
 *
 * Forecasts are grouped into `bins` equal-width buckets [k/bins, (k+1)/bins) (the last
 * one includes 1). Murphy's identity brier = reliability − resolution + uncertainty
 * holds exactly only when the forecasts within each bucket are equal; in general two
 * within-bucket terms complete it (Stephenson, Coelho & Jolliffe, 2008):
 * brier = reliability − resolution + uncertainty + withinBinVariance − withinBinCovariance.
 * Every term is a mean over the N forecasts; with no forecasts every figure is `null`.
 *
 * @param predictions - Forecast probabilities in [0, 1] (decimal strings, numbers or Decimals, as every probability input; not modified).
 * @param outcomes - What happened, aligned with `predictions`: 1/`true` for the event (won), 0/`false` otherwise.
 * @param options - Number of buckets.
 * @returns The score, its parts and the reliability table.
 * @throws {@link FunnelError} `invalid_argument` for lists of different lengths, a
 *   probability outside [0, 1] or an outcome other than 0, 1, true, false;
 *   `invalid_option` for a bad `bins`.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { calibration } from 'sales-funnel';
 * const c = calibration([0.8, 0.8, 0.2, 0.2], [1, 0, 0, 0], { bins: 5 });
 * c.brier; // (0.04 + 0.64 + 0.04 + 0.04) / 4 = 0.19
 * c.reliability; // buckets 0.2 (freq 0) and 0.8 (freq 0.5): (2·0.04 + 2·0.09) / 4 = 0.065
 * c.resolution; // base rate 0.25: (2·0.0625 + 2·0.0625) / 4 = 0.0625
 * c.uncertainty; // 0.25 · 0.75 = 0.1875
 * ```
 */
export function calibration(
  predictions: readonly DecimalLike[],
  outcomes: ReadonlyArray<0 | 1 | boolean>,
  options: CalibrationOptions = {},
): Calibration {
  const bins = wholeNumberOption(options.bins ?? 10, 'bins', { min: 1, max: 10_000 });
  if (!Array.isArray(predictions) || !Array.isArray(outcomes)) {
    throw new FunnelError('invalid_argument', { name: 'predictions', reason: because('predictions_outcomes_arrays') });
  }
  if (predictions.length !== outcomes.length) {
    throw new FunnelError('invalid_argument', { name: 'outcomes', reason: because('outcomes_count', { outcomes: String(outcomes.length), predictions: String(predictions.length) }) });
  }
  const n = predictions.length;
  const p = predictions.map((v, i) => toRatio(v, `predictions[${i}]`, 'unit').toNumber());
  const o = outcomes.map((v, i) => {
    if (v === 1 || v === true) return 1;
    if (v === 0 || v === false) return 0;
    throw new FunnelError('invalid_argument', { name: `outcomes[${i}]`, reason: because('outcome_value') });
  });
  const binOf = (x: number) => {
    let k = Math.min(bins - 1, Math.floor(x * bins));
    if (k + 1 < bins && (k + 1) / bins <= x) k++; // x·bins rounded down just below an edge
    if (k / bins > x) k--; // x·bins rounded up onto an edge x lies below (never for k = 0: x ≥ 0)
    return k;
  };
  const count = new Array<number>(bins).fill(0);
  const sumP = new Array<number>(bins).fill(0);
  const sumO = new Array<number>(bins).fill(0);
  const member = p.map(binOf);
  member.forEach((k, i) => {
    count[k]! += 1;
    sumP[k]! += p[i]!;
    sumO[k]! += o[i]!;
  });
  const table: CalibrationBin[] = count.map((c, k) => ({
    lower: k / bins,
    upper: (k + 1) / bins,
    count: c,
    meanPredicted: c === 0 ? null : sumP[k]! / c,
    observedFrequency: c === 0 ? null : sumO[k]! / c,
  }));
  if (n === 0) {
    return { count: 0, baseRate: null, brier: null, reliability: null, resolution: null, uncertainty: null, withinBinVariance: null, withinBinCovariance: null, skillScore: null, bins: table };
  }
  const base = o.reduce<number>((a, b) => a + b, 0) / n;
  let brier = 0;
  let wbv = 0;
  let wbc = 0;
  p.forEach((pi, i) => {
    const oi = o[i]!;
    const bin = table[member[i]!] as CalibrationBin;
    const pk = bin.meanPredicted as number;
    const ok = bin.observedFrequency as number;
    const dp = pi - pk;
    brier += (pi - oi) ** 2;
    wbv += dp ** 2;
    // Within a bucket Σ(pᵢ − p̄ₖ) = 0, so Σ(oᵢ + ōₖ)(pᵢ − p̄ₖ) = Σ(oᵢ − ōₖ)(pᵢ − p̄ₖ):
    // Stryker disable next-line ArithmeticOperator: oi + ok gives the same sum (up to rounding)
    const dout = oi - ok;
    wbc += dout * dp;
  });
  let reliability = 0;
  let resolution = 0;
  for (const b of table) {
    if (b.count === 0) continue;
    reliability += b.count * ((b.meanPredicted as number) - (b.observedFrequency as number)) ** 2;
    resolution += b.count * ((b.observedFrequency as number) - base) ** 2;
  }
  const uncertainty = base * (1 - base);
  return {
    count: n,
    baseRate: base,
    brier: brier / n,
    reliability: reliability / n,
    resolution: resolution / n,
    uncertainty,
    withinBinVariance: wbv / n,
    withinBinCovariance: (2 * wbc) / n,
    skillScore: uncertainty === 0 ? null : 1 - brier / n / uncertainty,
    bins: table,
  };
}
