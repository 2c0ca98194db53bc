import { FunnelError } from '../i18n/FunnelError.js';
import { Decimal } from '../money/decimal.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { stageForecastCategory, type ForecastCategory, type Stage } from '../model/stage.js';

const ONE = new Decimal(1);
const ZERO = new Decimal(0);

/** Stage lookup by id for one pipeline. */
export function stagesById(pipeline: Pipeline): ReadonlyMap<string, Stage> {
  return new Map(pipeline.stages.map((s) => [s.id as string, s]));
}

/**
 * The stage a deal stands in, checking that the deal belongs to the pipeline.
 * Throws `pipeline_mismatch` or `unknown_stage`: both are programmer errors (the wrong
 * pipeline was passed), never data to skip silently.
 */
export function stageOfDeal(o: Opportunity, pipeline: Pipeline, stages: ReadonlyMap<string, Stage>): Stage {
  if (o.pipelineId !== pipeline.id) {
    throw new FunnelError('pipeline_mismatch', { expected: pipeline.id, actual: o.pipelineId });
  }
  const stage = stages.get(o.stageId);
  if (stage === undefined) throw new FunnelError('unknown_stage', { stageId: o.stageId });
  return stage;
}

/**
 * The probability precedence used by every forecast: won → 1, lost → 0, suspended →
 * `undefined` (left out), otherwise the deal's override, else the stage's default.
 */
export function dealProbability(o: Opportunity, stage: Stage): Decimal | undefined {
  switch (o.status) {
    case 'won':
      return ONE;
    case 'lost':
      return ZERO;
    case 'suspended':
      return undefined;
    default:
      return o.probabilityOverride ?? stage.probability;
  }
}

/**
 * The forecast category of a deal: won → `closed`, lost → `omitted`, otherwise the
 * deal's override, else the stage's category (default by kind).
 */
export function dealCategory(o: Opportunity, stage: Stage): ForecastCategory {
  if (o.status === 'won') return 'closed';
  if (o.status === 'lost') return 'omitted';
  return o.forecastCategoryOverride ?? stageForecastCategory(stage);
}
