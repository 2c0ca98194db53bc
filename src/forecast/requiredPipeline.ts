import { toDecimal } from '../_lib/decimal.js';
import { oneOfOption } from '../_lib/options.js';
import { toRatio } from '../_lib/toRatio.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { amountIn } from '../money/amountIn.js';
import type { ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import type { Decimal, DecimalLike } from '../money/decimal.js';
import type { Money } from '../money/money.js';

/**
 * How {@link requiredPipeline} rounds: `'ceil_each_stage'` (default) rounds the deals
 * needed up to a whole deal at every stage, from the wins upwards, so the plan never
 * counts on a fraction of a deal; `'exact'` keeps exact decimals (`12.5` deals).
 */
export type RequiredPipelineRounding = 'ceil_each_stage' | 'exact';

/**
 * Input of {@link requiredPipeline}.
 */
export interface RequiredPipelineInput {
  /** The sales target (销售目标) for the period. */
  readonly target: Money;
  /** The average value of a won deal. */
  readonly averageDealSize: Money;
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
  /** Rates when the average deal size is in another currency than the target. */
  readonly rates?: ExchangeRates;
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
  /** Those deals' value, deals × average deal size; `null` with `deals`. */
  readonly amount: Money | null;
}

/**
 * Result of {@link requiredPipeline}.
 */
export interface RequiredPipeline {
  /** Currency of every amount (the target's). */
  readonly currency: CurrencyCode;
  /** The rounding used. */
  readonly rounding: RequiredPipelineRounding;
  /** Deals to win, target ÷ average deal size; `null` when the average deal size is 0. */
  readonly wins: Decimal | null;
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
 * @param input - Target, average deal size, conversions top down, rounding.
 * @returns Deals to win and deals (and their value) per stage.
 * @throws {@link FunnelError} `invalid_argument` for a negative target or average deal
 *   size, or a conversion outside [0, 1]; `invalid_option` for an unknown rounding;
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
 * ```
 */
export function requiredPipeline(input: RequiredPipelineInput): RequiredPipeline {
  const rounding = oneOfOption(input.rounding ?? 'ceil_each_stage', 'rounding', ['ceil_each_stage', 'exact'] as const);
  const currency = input.target.currency;
  const target = toDecimal(input.target.amount, 'target');
  const avg = amountIn(input.averageDealSize, currency, input.rates);
  if (target.isNegative() && !target.isZero()) throw new FunnelError('invalid_argument', { name: 'target', reason: because('must_not_be_negative') });
  if (avg.isNegative() && !avg.isZero()) throw new FunnelError('invalid_argument', { name: 'averageDealSize', reason: because('must_not_be_negative') });
  const conversions = input.stageConversions.map((s, i) => ({ stage: s.stage, conversion: toRatio(s.conversion, `stageConversions[${i}].conversion`, 'unit') }));

  const round = (d: Decimal): Decimal => (rounding === 'ceil_each_stage' ? d.ceil() : d);
  const wins = avg.isZero() ? null : round(target.div(avg));
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
    stages: conversions.map((s, i) => {
      const d = deals[i] ?? null;
      return { stage: s.stage, conversion: s.conversion.toNumber(), deals: d, amount: d === null ? null : { amount: d.times(avg), currency } };
    }),
  };
}
