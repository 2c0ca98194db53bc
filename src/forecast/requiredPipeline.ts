import { toDecimal } from '../_lib/decimal.js';
import { oneOfOption } from '../_lib/options.js';
import { toRatio } from '../_lib/toRatio.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { amountIn } from '../money/amountIn.js';
import type { ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal, type DecimalLike } from '../money/decimal.js';
import type { Money } from '../money/money.js';

/**
 * How {@link requiredPipeline} rounds: `'ceil_each_stage'` (default) rounds the deals
 * needed up to a whole deal at every stage, from the wins upwards, so the plan never
 * counts on a fraction of a deal; `'exact'` keeps exact decimals (`12.5` deals).
 */
export type RequiredPipelineRounding = 'ceil_each_stage' | 'exact';

/**
 * What every form of {@link RequiredPipelineInput} has: the stages and how to round.
 */
export interface RequiredPipelineCommonInput {
  /**
   * The funnel's stages from the top down, each with its conversion rate: the share of
   * the deals entering the stage that reach the next one (for the last stage, that
   * are won), in [0, 1].
   */
  readonly stageConversions: ReadonlyArray<{ readonly stage: string; readonly conversion: DecimalLike }>;
  /**
   * Rounding.
   *
   * @defaultValue `'ceil_each_stage'`
   */
  readonly rounding?: RequiredPipelineRounding;
  /** Rates when the deal sizes are in another currency than the target (or `currency`). */
  readonly rates?: ExchangeRates;
}

/**
 * The reverse funnel from one average deal size: wins = target ÷ average deal size.
 */
export interface RequiredPipelineAverageInput extends RequiredPipelineCommonInput {
  /** The sales target (销售目标) for the period. */
  readonly target: Money;
  /** The average value of a won deal. */
  readonly averageDealSize: Money;
  /** Not with `averageDealSize`. */
  readonly mix?: undefined;
}

/**
 * One band of a deal-size mix given as a plan of wins: "28 small deals at 5 万".
 */
export interface RequiredPipelineWinsBand {
  /**
   * The band's name.
   *
   * @defaultValue its position, `'1'`, `'2'`, …
   */
  readonly name?: string;
  /** The average value of a won deal in the band. */
  readonly averageDealSize: Money;
  /** Deals to win in the band (≥ 0). */
  readonly wins: DecimalLike;
}

/**
 * One band of a deal-size mix given as a share of the wins: "56.5 % of our wins are
 * small deals at 5 万" (the `share` of {@link DealSizeMixBand}).
 */
export interface RequiredPipelineShareBand {
  /**
   * The band's name.
   *
   * @defaultValue its position, `'1'`, `'2'`, …
   */
  readonly name?: string;
  /** The average value of a won deal in the band. */
  readonly averageDealSize: Money;
  /** The band's share of the wins, by count (≥ 0). Shares are taken relative to their sum, so counts (61 / 30 / 12 / 5) work as well as fractions. */
  readonly share: DecimalLike;
}

/** One band of a deal-size mix: a plan of wins, or a share of the wins. */
export type RequiredPipelineMixBand = RequiredPipelineWinsBand | RequiredPipelineShareBand;

/**
 * The reverse funnel from a deal-size mix (订单金额结构) instead of one average deal size.
 * Either every band gives `wins` (the plan itself; no `target`) or every band gives a
 * `share` (with a `target` that the shares split).
 */
export interface RequiredPipelineMixInput extends RequiredPipelineCommonInput {
  /** The bands, with their average deal sizes and wins or shares. */
  readonly mix: readonly RequiredPipelineMixBand[];
  /** The sales target: required with shares, not allowed with wins. */
  readonly target?: Money;
  /** Not with `mix`. */
  readonly averageDealSize?: undefined;
  /**
   * Currency of the result.
   *
   * @defaultValue the target's, else the first band's average deal size's
   */
  readonly currency?: CurrencyCode;
}

/**
 * Input of {@link requiredPipeline}: a target and one average deal size, or a deal-size mix.
 */
export type RequiredPipelineInput = RequiredPipelineAverageInput | RequiredPipelineMixInput;

/**
 * One band of the mix in {@link RequiredPipeline}.
 */
export interface RequiredPipelineMixRow {
  /** The band's name. */
  readonly name: string;
  /** Its average deal size, in the result currency. */
  readonly averageDealSize: Money;
  /** Its share of the wins, by count (1 = 100 %); `null` when there are no wins at all. */
  readonly share: number | null;
  /** Deals to win in the band; `null` when the wins are. */
  readonly wins: Decimal | null;
  /** Their value, wins × average deal size; `null` with `wins`. */
  readonly amount: Money | null;
}

/**
 * One stage of {@link RequiredPipeline}.
 */
export interface RequiredPipelineStage {
  /** The stage. */
  readonly stage: string;
  /** Its conversion rate to the next stage (to won for the last). */
  readonly conversion: number;
  /** Deals that must enter the stage; `null` when a conversion at or below it is 0. */
  readonly deals: Decimal | null;
  /** Those deals' value, deals × the average deal size (of the mix); `null` with `deals`. */
  readonly amount: Money | null;
}

/**
 * Result of {@link requiredPipeline}.
 */
export interface RequiredPipeline {
  /** Currency of every amount (the target's, or the mix's `currency`). */
  readonly currency: CurrencyCode;
  /** The rounding used. */
  readonly rounding: RequiredPipelineRounding;
  /** Deals to win: target ÷ average deal size, or the mix's wins; `null` when the average deal size is 0. */
  readonly wins: Decimal | null;
  /**
   * The average value of a win: the one given, or the mix's (Σ wins × average ÷ Σ wins, or
   * Σ share × average ÷ Σ share); `null` for a mix without wins.
   */
  readonly averageDealSize: Money | null;
  /** The mix's bands, in the order given; `null` for the single-average form. */
  readonly mix: readonly RequiredPipelineMixRow[] | null;
  /** The stages, top down, as given. */
  readonly stages: readonly RequiredPipelineStage[];
}

/**
 * The reverse funnel (倒推漏斗): how many deals each stage needs to reach a target.
 *
 * Deals to win = target ÷ average deal size. Then, bottom up, the deals that must
 * enter a stage = the deals needed at the next stage (the wins, for the last stage) ÷
 * the stage's conversion rate. With `rounding: 'ceil_each_stage'` (default) every
 * figure, the wins included, is rounded up to a whole deal before it is divided again,
 * so each stage's number is a plan of whole deals; `'exact'` keeps exact decimals
 * (useful for comparing with the actual funnel). A conversion of 0 makes that stage and
 * every stage above it `null` (no number of deals is enough); an average deal size of
 * 0 makes everything `null`.
 *
 * **Deal-size mix.** Instead of one `averageDealSize`, `mix` lists deal-size bands, each
 * with its average deal size and either
 *
 * - `wins`: the plan itself (28 small, 7 medium, 2 large, 1 very large = 38 wins); no
 *   `target`. With `'ceil_each_stage'` each band's wins are rounded up. The wins are
 *   Σ wins, their average value Σ wins × average ÷ Σ wins; or
 * - `share`: the share of the wins in the band, by count (as {@link dealSizeMix}
 *   measures it; taken relative to the sum of the shares), with a `target`. The
 *   average value of a win is Σ share × average ÷ Σ share, the wins target ÷ that
 *   (rounded up), and they are shared out over the bands by share — with
 *   `'ceil_each_stage'` in whole deals by largest remainder (ties to the earlier band),
 *   so the bands' wins add up to the wins.
 *
 * The stages then need wins ÷ conversions as above, and a stage's `amount` is its deals
 * × the mix's average value of a win. A mix of one band is the single-average form.
 *
 * @param input - Target and average deal size, or a deal-size mix; conversions top down; rounding.
 * @returns Deals to win and deals (and their value) per stage, and the mix's bands.
 * @throws {@link FunnelError} `invalid_argument` for a negative target, average deal
 *   size, wins or share, a conversion outside [0, 1], an empty mix, a mix mixing wins and
 *   shares, shares adding up to 0, a `target` with wins or none with shares, both or
 *   neither of `averageDealSize` and `mix`; `invalid_option` for an unknown rounding;
 *   `currency_mismatch` for different currencies without rates.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { money, requiredPipeline } from 'sales-funnel';
 * const r = requiredPipeline({
 *   target: money('1000000', 'CNY'), // 100 万
 *   averageDealSize: money('100000', 'CNY'), // 10 万 → 10 wins
 *   stageConversions: [
 *     { stage: 'lead', conversion: '0.5' },
 *     { stage: 'qualify', conversion: '0.5' },
 *     { stage: 'proposal', conversion: '0.8' },
 *   ],
 * });
 * r.stages.map((s) => s.deals?.toString()); //=> ['52', '26', '13'] (10 / 0.8 = 12.5 → 13; 13 / 0.5 = 26; 26 / 0.5 = 52)
 *
 * // A plan of wins per deal-size band: 28 + 7 + 2 + 1 = 38 wins.
 * const plan = requiredPipeline({
 *   mix: [
 *     { name: '小单', averageDealSize: money('50000', 'CNY'), wins: 28 },
 *     { name: '中单', averageDealSize: money('200000', 'CNY'), wins: 7 },
 *     { name: '大单', averageDealSize: money('800000', 'CNY'), wins: 2 },
 *     { name: '特大单', averageDealSize: money('2000000', 'CNY'), wins: 1 },
 *   ],
 *   stageConversions: [
 *     { stage: 'top', conversion: '0.25' },
 *     { stage: 'middle', conversion: '0.5' },
 *     { stage: 'bottom', conversion: '0.75' },
 *   ],
 * });
 * plan.stages.map((s) => s.deals?.toString()); //=> ['408', '102', '51'] (38 / 0.75 → 51; / 0.5 = 102; / 0.25 = 408)
 * ```
 */
export function requiredPipeline(input: RequiredPipelineInput): RequiredPipeline {
  const rounding = oneOfOption(input.rounding ?? 'ceil_each_stage', 'rounding', ['ceil_each_stage', 'exact'] as const);
  const round = (d: Decimal): Decimal => (rounding === 'ceil_each_stage' ? d.ceil() : d);
  const conversions = input.stageConversions.map((s, i) => ({ stage: s.stage, conversion: toRatio(s.conversion, `stageConversions[${i}].conversion`, 'unit') }));
  const plan = input.mix === undefined ? singleAverage(input, round) : mixPlan(input, round, rounding === 'ceil_each_stage');
  const { currency, wins, value, per } = plan;
  const average = per.isZero() ? null : value.div(per);

  const deals: (Decimal | null)[] = new Array<Decimal | null>(conversions.length);
  let below = wins;
  for (let i = conversions.length - 1; i >= 0; i--) {
    const c = (conversions[i] as { conversion: Decimal }).conversion;
    below = below === null || c.isZero() ? null : round(below.div(c));
    deals[i] = below;
  }
  return {
    currency,
    rounding,
    wins,
    averageDealSize: average === null ? null : { amount: average, currency },
    mix: plan.mix,
    stages: conversions.map((s, i) => {
      const d = deals[i] ?? null;
      return { stage: s.stage, conversion: s.conversion.toNumber(), deals: d, amount: d === null ? null : { amount: average === null ? ZERO : d.times(value).div(per), currency } };
    }),
  };
}

const ZERO = new Decimal(0);
const ONE = new Decimal(1);

/** The wins, their average value (`value ÷ per`, divided last for exact stage amounts) and the bands, before the stages. */
interface Plan {
  readonly currency: CurrencyCode;
  readonly wins: Decimal | null;
  readonly value: Decimal;
  readonly per: Decimal;
  readonly mix: readonly RequiredPipelineMixRow[] | null;
}

function notNegative(value: Decimal, name: string): Decimal {
  if (value.isNegative() && !value.isZero()) throw new FunnelError('invalid_argument', { name, reason: because('must_not_be_negative') });
  return value;
}

function singleAverage(input: RequiredPipelineInput, round: (d: Decimal) => Decimal): Plan {
  if (input.averageDealSize === undefined) throw new FunnelError('invalid_argument', { name: 'averageDealSize', reason: because('mix_or_average_missing') });
  if (input.target === undefined) throw new FunnelError('invalid_argument', { name: 'target', reason: because('is_required') });
  const currency = input.target.currency;
  const target = notNegative(toDecimal(input.target.amount, 'target'), 'target');
  const avg = notNegative(amountIn(input.averageDealSize, currency, input.rates), 'averageDealSize');
  return { currency, wins: avg.isZero() ? null : round(target.div(avg)), value: avg, per: ONE, mix: null };
}

function mixPlan(input: RequiredPipelineMixInput, round: (d: Decimal) => Decimal, whole: boolean): Plan {
  if (input.averageDealSize !== undefined) throw new FunnelError('invalid_argument', { name: 'averageDealSize', reason: because('mix_or_average') });
  const bands = input.mix;
  if (!Array.isArray(bands)) throw new FunnelError('invalid_argument', { name: 'mix', reason: because('must_be_array') });
  if (bands.length === 0) throw new FunnelError('invalid_argument', { name: 'mix', reason: because('must_not_be_empty') });
  const first: unknown = bands[0];
  const byWins = typeof first === 'object' && first !== null && (first as { wins?: unknown }).wins !== undefined;
  const currency = input.currency ?? input.target?.currency ?? (first as { averageDealSize?: Money } | null)?.averageDealSize?.currency ?? '';
  const parsed = bands.map((b: RequiredPipelineMixBand, i) => {
    if (typeof b !== 'object' || b === null) throw new FunnelError('invalid_argument', { name: `mix[${i}]`, reason: because('must_be_object') });
    const hasWins = 'wins' in b && b.wins !== undefined;
    const hasShare = 'share' in b && b.share !== undefined;
    if (hasWins === hasShare || hasWins !== byWins) throw new FunnelError('invalid_argument', { name: `mix[${i}]`, reason: because('mix_wins_and_shares', { index: i }) });
    const value = hasWins ? (b as RequiredPipelineWinsBand).wins : (b as RequiredPipelineShareBand).share;
    const field = hasWins ? 'wins' : 'share';
    if (typeof b.averageDealSize !== 'object' || b.averageDealSize === null) throw new FunnelError('invalid_argument', { name: `mix[${i}].averageDealSize`, reason: because('must_be_object') });
    if (b.name !== undefined && (typeof b.name !== 'string' || b.name === '')) throw new FunnelError('invalid_argument', { name: `mix[${i}].name`, reason: because('must_be_non_empty_string') });
    return {
      name: b.name ?? String(i + 1),
      average: notNegative(amountIn(b.averageDealSize, currency, input.rates), `mix[${i}].averageDealSize`),
      value: toRatio(value, `mix[${i}].${field}`, 'non_negative'),
    };
  });
  const money = (amount: Decimal): Money => ({ amount, currency });
  const row = (b: (typeof parsed)[number], share: number | null, wins: Decimal | null): RequiredPipelineMixRow => ({
    name: b.name,
    averageDealSize: money(b.average),
    share,
    wins,
    amount: wins === null ? null : money(wins.times(b.average)),
  });

  if (byWins) {
    if (input.target !== undefined) throw new FunnelError('invalid_argument', { name: 'target', reason: because('mix_target_with_wins') });
    const wins = parsed.map((b) => round(b.value));
    const total = wins.reduce((a, w) => a.plus(w), ZERO);
    const value = parsed.reduce((a, b, i) => a.plus(wins[i]!.times(b.average)), ZERO);
    return {
      currency,
      wins: total,
      value,
      per: total,
      mix: parsed.map((b, i) => row(b, total.isZero() ? null : wins[i]!.div(total).toNumber(), wins[i]!)),
    };
  }

  if (input.target === undefined) throw new FunnelError('invalid_argument', { name: 'target', reason: because('target_for_shares') });
  const target = notNegative(amountIn(input.target, currency, input.rates), 'target');
  const shareSum = parsed.reduce((a, b) => a.plus(b.value), ZERO);
  if (shareSum.isZero()) throw new FunnelError('invalid_argument', { name: 'mix', reason: because('mix_shares_all_zero') });
  const value = parsed.reduce((a, b) => a.plus(b.value.times(b.average)), ZERO);
  const wins = value.isZero() ? null : round(target.times(shareSum).div(value));
  const bandWins = wins === null ? null : shareOut(wins, parsed.map((b) => b.value), shareSum, whole);
  return {
    currency,
    wins,
    value,
    per: shareSum,
    mix: parsed.map((b, i) => row(b, b.value.div(shareSum).toNumber(), bandWins === null ? null : bandWins[i]!)),
  };
}

/**
 * Shares `wins` out by `shares`: exactly (wins × share ÷ Σ share), or in whole deals by
 * largest remainder (floors first, then one more deal to the largest remainders, ties to
 * the earlier band), so that the parts add up to `wins`.
 */
function shareOut(wins: Decimal, shares: readonly Decimal[], sum: Decimal, whole: boolean): Decimal[] {
  const exact = shares.map((s) => wins.times(s).div(sum));
  if (!whole) return exact;
  const floors = exact.map((e) => e.floor());
  let left = floors.reduce((a, f) => a.minus(f), wins).toNumber();
  const order = exact.map((e, i) => ({ i, rest: e.minus(floors[i]!) })).sort((a, b) => b.rest.comparedTo(a.rest) || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i]!.plus(1);
    left--;
  }
  return floors;
}
