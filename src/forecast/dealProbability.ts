import { dealProbability as probabilityInStage, stageOfDeal, stagesById } from '../_lib/dealForecast.js';
import type { Decimal } from '../money/decimal.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';

/**
 * The probability (成交概率/赢率) every forecast in this library uses for a deal: won → 1,
 * lost → 0, suspended (中止) → `null` (left out of forecasts), otherwise the deal's
 * `probabilityOverride` if set, else its stage's default probability.
 *
 * @param opportunity - The deal.
 * @param pipeline - Its pipeline (supplies the stage default).
 * @returns The probability, or `null` for a suspended deal.
 * @throws {@link FunnelError} `pipeline_mismatch` for a deal of another pipeline, `unknown_stage` for a stage not in it.
 *
 * @example
 * ```ts
 * import { dealProbability, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deal: Opportunity;
 * declare const pipeline: Pipeline;
 * const p = dealProbability(deal, pipeline);
 * const weighted = p === null ? null : deal.amount.amount.times(p);
 * ```
 */
export function dealProbability(opportunity: Opportunity, pipeline: Pipeline): Decimal | null {
  return probabilityInStage(opportunity, stageOfDeal(opportunity, pipeline, stagesById(pipeline))) ?? null;
}
