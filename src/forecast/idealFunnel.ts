import { oneOfOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { Reason } from '../i18n/params.js';
import { cohortFunnel, type CohortFunnelTable } from '../analytics/cohortFunnel.js';
import { dealSizeMix, type DealSizeBand, type DealSizeMix } from '../analytics/dealSizeMix.js';
import { amountIn } from '../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import type { PipelineId, StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { assertSamePipeline, pipelineIndex } from '../model/pipelineIndex.js';
import { toInstant, type InstantInput } from '../time/instant.js';
import { requiredPipeline, type RequiredPipeline, type RequiredPipelineMixRow, type RequiredPipelineRounding } from './requiredPipeline.js';
import { checkDeal, checkDealIterable } from '../model/dealArguments.js';
import { dealsAsOf } from './_lib/dealsAsOf.js';

/**
 * Options for {@link idealFunnel}.
 */
export interface IdealFunnelOptions {
  /** Start of the last period (inclusive; a `Date` or an ISO 8601 string with offset): the history the rates and the mix are measured on. Required. */
  readonly from: InstantInput;
  /** End of the last period (exclusive). Required. */
  readonly to: InstantInput;
  /** The target (销售目标) for the period to plan. Required. */
  readonly target: Money;
  /**
   * Deal-size bands (from small to large) to plan with the history's mix: each band's
   * share of the wins and its average win. Without them, one average win.
   *
   * @defaultValue none: one average deal size
   */
  readonly mix?: readonly DealSizeBand[];
  /**
   * Rounding of the reverse funnel (see {@link requiredPipeline}).
   *
   * @defaultValue `'ceil_each_stage'`
   */
  readonly rounding?: RequiredPipelineRounding;
  /**
   * Read the ledgers as of this instant: events after it are ignored, by the rates and by
   * the deal sizes alike (a deal won after it is not a win; a win counts at its amount
   * then), and deals created after it are left out.
   *
   * @defaultValue the whole ledgers
   */
  readonly asOf?: InstantInput;
  /** Rates for deals and the target in other currencies than the pipeline's. */
  readonly rates?: ExchangeRates;
  /**
   * A deal of another pipeline: `'error'` throws `pipeline_mismatch`; `'ignore'` skips it.
   *
   * @defaultValue `'error'`
   */
  readonly otherPipelines?: 'error' | 'ignore';
}

/**
 * One open stage of an {@link IdealFunnel}.
 */
export interface IdealFunnelStage {
  /** The open stage. */
  readonly stageId: StageId;
  /** Its position among the pipeline's open stages (0-based). */
  readonly stageIndex: number;
  /** Last period's cohort deals that reached the stage (see {@link cohortFunnel}). */
  readonly reached: number;
  /** Last period's conversion from this stage to the next (to won for the last); `null` when no deal reached it. */
  readonly conversion: number | null;
  /** Deals that must enter the stage to reach the target; `null` when a conversion at or below it is 0 or unknown, or there is no average win. */
  readonly deals: Decimal | null;
  /** Their value, deals × the average win; `null` with `deals`. */
  readonly amount: Money | null;
}

/**
 * Result of {@link idealFunnel}.
 */
export interface IdealFunnel {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** Currency of every amount (the pipeline's). */
  readonly currency: CurrencyCode;
  /** Start of the history period. */
  readonly from: Date;
  /** End of the history period. */
  readonly to: Date;
  /** The target, in the pipeline currency. */
  readonly target: Money;
  /** Deals to win; `null` without an average win. */
  readonly wins: Decimal | null;
  /** The average win planned with: the history's, overall or through the mix; `null` when the history has no wins. */
  readonly averageDealSize: Money | null;
  /** Per open stage, top down: last period's reach and conversion, and the deals needed now. */
  readonly stages: readonly IdealFunnelStage[];
  /** Last period's cohort: deals created in `[from, to)` and what became of them. */
  readonly history: CohortFunnelTable;
  /** The history's wins closed in `[from, to)` by band (one band `'all'` without `mix`), outside and undated ones reported. */
  readonly wonMix: DealSizeMix;
  /** The mix planned with, per band: share of the wins, average, wins; `null` without `mix`. */
  readonly mix: readonly RequiredPipelineMixRow[] | null;
}

/** {@link dealSizeMix}, a bad band named as the option it came from (`mix[1]`, not `bands[1]`). */
function wonDealSizeMix(...args: Parameters<typeof dealSizeMix>): DealSizeMix {
  try {
    return dealSizeMix(...args);
  } catch (e) {
    if (e instanceof FunnelError && e.code === 'invalid_argument') {
      const { name, reason } = e.params as { name: string; reason: Reason };
      if (name.startsWith('bands')) throw new FunnelError('invalid_argument', { name: `mix${name.slice('bands'.length)}`, reason });
    }
    throw e;
  }
}

/**
 * The ideal funnel (理想漏斗): from last period's actual funnel, the pipeline each stage
 * needs now to reach this period's target — the reverse funnel ({@link requiredPipeline})
 * run on the rates and deal sizes the history shows.
 *
 * - **Rates**: the cohort of deals created in `[from, to)` ({@link cohortFunnel}, reached-
 *   any-stage semantics); a stage's conversion is the cohort's reach of the next stage ÷
 *   its reach of this one, the last stage's is won ÷ its reach. Deals of the cohort still
 *   open count as not (yet) converted, so pick a period whose deals are mostly decided.
 * - **Deal size**: the deals won and closed in `[from, to)` ({@link dealSizeMix}; with
 *   `asOf`, as they stood then: won by `asOf`, at their amounts then). Without
 *   `mix`, their average amount; with `mix` (deal-size bands), each band's share of the
 *   wins and its average win, planned as a mix of shares (wins shared out over the
 *   bands by largest remainder). At the history's own mix the average win is the
 *   overall average of the wins in the bands, so the totals are those of one average
 *   deal size: the mix adds how many wins of each size the plan takes (to plan another
 *   mix, give it to {@link requiredPipeline}). A band without wins has share 0; wins
 *   outside every band are left out of the mix and reported in `wonMix.outside`.
 * - **Needs**: wins = target ÷ average win, then bottom up ÷ each stage's conversion,
 *   rounded up at each stage by default. A conversion that is 0 or unknown (no deal
 *   reached the stage) makes that stage and every stage above it `null`; no wins in the
 *   history makes every stage `null`.
 *
 * @param historyDeals - The deals (any iterable; read once; not modified).
 * @param pipeline - Their pipeline: the open stages and the currency.
 * @param options - The history period `from` / `to`, the `target`, `mix` bands, rounding, `asOf`, rates.
 * @returns The deals (and their value) each stage needs, with the rates and mix they come from.
 * @throws {@link FunnelError} `invalid_option` for a missing or bad `from`, `to` or
 *   `target`, `from` after `to`, a bad `rounding` or `otherPipelines`;
 *   `invalid_argument` for bad `mix` bands (see {@link dealSizeMix});
 *   `pipeline_mismatch` for a deal of another pipeline; `currency_mismatch` for amounts
 *   in other currencies without `rates`.
 *   Also `invalid_argument` for `historyDeals` that is not an iterable of opportunities, or
 *   an item of it that is not an opportunity (named `historyDeals[i]`); `invalid_argument`
 *   (`pipeline`) for a value that is not a pipeline; `invalid_option` (`rates`) for rates
 *   that are not an object with a `rates` object.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { idealFunnel, money, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const plan = idealFunnel(deals, pipeline, {
 *   from: '2025-01-01T00:00:00+08:00',
 *   to: '2026-01-01T00:00:00+08:00',
 *   target: money('10000000', 'CNY'), // 1000 万 this year
 *   mix: [{ name: '小单', max: money('100000', 'CNY') }, { name: '中单', min: money('100000', 'CNY'), max: money('500000', 'CNY') }, { name: '大单', min: money('500000', 'CNY') }],
 * });
 * for (const s of plan.stages) console.log(s.stageId, s.conversion, s.deals?.toString());
 * ```
 */
export function idealFunnel(historyDeals: Iterable<Opportunity>, pipeline: Pipeline, options: IdealFunnelOptions): IdealFunnel {
  if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'from', reason: because('is_required') });
  for (const key of ['from', 'to', 'target'] as const) {
    if (options[key] === undefined) throw new FunnelError('invalid_option', { option: key, reason: because('is_required') });
  }
  const from = toInstant(options.from, 'from');
  const to = toInstant(options.to, 'to');
  if (from.getTime() > to.getTime()) throw new FunnelError('invalid_option', { option: 'from', reason: because('from_after_to') });
  const given = options.target;
  if (typeof given !== 'object' || given === null || !('amount' in given)) throw new FunnelError('invalid_option', { option: 'target', reason: because('must_be_object') });
  const otherPipelines = oneOfOption(options.otherPipelines ?? 'error', 'otherPipelines', ['error', 'ignore'] as const);
  const asOf = options.asOf === undefined ? undefined : toInstant(options.asOf, 'asOf');
  const currency = pipelineIndex(pipeline).pipeline.currency;
  const target: Money = { amount: amountIn(given, currency, ratesOption(options.rates)), currency };

  const deals: Opportunity[] = [];
  checkDealIterable(historyDeals, 'historyDeals');
  let i = 0;
  for (const o of historyDeals) {
    checkDeal(o, i++, 'historyDeals');
    if (otherPipelines === 'ignore' && o.pipelineId !== pipeline.id) continue;
    assertSamePipeline(o, pipeline);
    deals.push(o);
  }
  const cohort = cohortFunnel(deals, pipeline, { from, to, ...(asOf === undefined ? {} : { asOf }) }).total;
  // Without a mix: one band without bounds, which dealSizeMix names 'all'.
  const bands: readonly DealSizeBand[] = options.mix ?? [{}];
  // The wins as the deals stood at asOf: won by then, at their amounts then.
  const won = asOf === undefined ? deals : [...dealsAsOf(deals, pipeline, asOf.getTime())];
  const wonMix = wonDealSizeMix(won, bands, { from, to, status: 'won', currency, ...(options.rates === undefined ? {} : { rates: options.rates }) });

  // conversion of stage k = reach(k + 1) / reach(k); the last stage's = won / reach(last)
  const rows = cohort.stages;
  const conversions = rows.map((r, k): Decimal | null => {
    const next = k + 1 < rows.length ? rows[k + 1]!.reached : cohort.won;
    return r.reached === 0 ? null : new Decimal(next).div(r.reached);
  });
  const stageConversions = rows.map((r, k) => ({ stage: r.stageId as string, conversion: conversions[k] ?? new Decimal(0) }));
  // The target and the averages are in the pipeline's currency already: requiredPipeline needs no rates.
  const common = { stageConversions, ...(options.rounding === undefined ? {} : { rounding: options.rounding }) };

  let plan: RequiredPipeline | undefined;
  if (options.mix === undefined) {
    const average = wonMix.total.average;
    if (average !== null) plan = requiredPipeline({ target, averageDealSize: average, ...common });
  } else if (wonMix.total.count > 0) {
    const mix = wonMix.bands.map((b) => ({ name: b.name, averageDealSize: b.average ?? { amount: new Decimal(0), currency }, share: b.count }));
    plan = requiredPipeline({ target, mix, currency, ...common });
  }
  // Without wins in the history: the stages through requiredPipeline with no average win (all null).
  const planned = plan ?? requiredPipeline({ target, averageDealSize: { amount: new Decimal(0), currency }, ...common });

  return {
    pipelineId: pipeline.id,
    currency,
    from,
    to,
    target,
    wins: planned.wins,
    averageDealSize: plan === undefined ? null : planned.averageDealSize,
    stages: rows.map((r, k) => {
      const s = planned.stages[k]!;
      return {
        stageId: r.stageId,
        stageIndex: k,
        reached: r.reached,
        conversion: conversions[k] === null ? null : s.conversion,
        deals: s.deals,
        amount: s.amount,
      };
    }),
    history: cohort,
    wonMix,
    mix: plan === undefined ? null : planned.mix,
  };
}
