import { Decimal } from '../money/decimal.js';
import type { Opportunity } from './opportunity.js';
import type { Pipeline } from './pipeline.js';
import { assertSamePipeline, pipelineIndex, stageInfo } from './pipelineIndex.js';
import type { Stage } from './stage.js';

const ONE = new Decimal(1);
const ZERO = new Decimal(0);

/**
 * The precedence for an open deal in a stage: its override, if it has one for that
 * stage, beats the stage's default. Used by {@link probabilityInStage} and by the
 * analytics that read a deal as it stood at an earlier instant.
 *
 * @internal
 */
export function openProbability(stage: Stage, override: Decimal | undefined): Decimal {
  return override ?? stage.probability;
}

/**
 * The probability rule for a deal whose stage is already looked up: won → 1, lost → 0,
 * suspended → `null`, otherwise the override, else the stage's default. The one
 * implementation of the rule; {@link dealProbability} and every forecast call it.
 *
 * @param opportunity - The deal.
 * @param stage - The stage it stands in (not checked).
 * @returns The probability, or `null` for a suspended deal.
 * @internal
 */
export function probabilityInStage(opportunity: Opportunity, stage: Stage): Decimal | null {
  switch (opportunity.status) {
    case 'won':
      return ONE;
    case 'lost':
      return ZERO;
    case 'suspended':
      return null;
    default:
      return openProbability(stage, opportunity.probabilityOverride);
  }
}

/**
 * The probability (成交概率/赢率) every forecast in this library uses for a deal: won → 1,
 * lost → 0, suspended (中止) → `null` (left out of forecasts), otherwise the deal's
 * `probabilityOverride` if set, else its stage's default probability.
 *
 * @param opportunity - The deal.
 * @param pipeline - Its pipeline (supplies the stage default).
 * @returns The probability, or `null` for a suspended deal.
 * @throws {@link FunnelError} `pipeline_mismatch` for a deal of another pipeline, `unknown_stage` for a stage not in it.
 *   Also `invalid_argument` (`pipeline`) for a value that is not a pipeline, before
 *   anything is read from it.
 *
 * @category Forecast
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
  const index = pipelineIndex(pipeline);
  assertSamePipeline(opportunity, pipeline);
  return probabilityInStage(opportunity, stageInfo(index, opportunity.stageId).stage);
}
