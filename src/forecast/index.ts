// Public exports of the forecast area; re-exported by src/index.ts.
export { dealProbability } from '../model/dealProbability.js';
export {
  weightedForecast,
  weightedForecastAccumulator,
  type ExcludedDeals,
  type ForecastClassPartial,
  type ForecastSumPartial,
  type ForecastSumsPartial,
  type ForecastTargetPartial,
  type ForecastTally,
  type UnforecastableDeals,
  type WeightedForecast,
  type WeightedForecastAccumulator,
  type WeightedForecastFigures,
  type WeightedForecastOptions,
  type WeightedForecastPartial,
} from './weightedForecast.js';
export {
  forecastCategories,
  forecastCategoriesAccumulator,
  type ForecastCategories,
  type ForecastCategoriesAccumulator,
  type ForecastCategoriesOptions,
  type ForecastCategoriesPartial,
  type ForecastCategoryFigures,
  type ForecastRollups,
  type UnforecastableCategories,
} from './forecastCategories.js';
export {
  rollup,
  type OrgHierarchy,
  type Rollup,
  type RollupGroup,
  type RollupInput,
  type RollupOptions,
  type RollupSource,
  type RollupTotals,
} from './rollup.js';
export { quotaFromPipeline, type QuotaFigures, type QuotaFromPipeline, type QuotaFromPipelineOptions } from './quotaFromPipeline.js';
export {
  pipelineCoverage,
  type PipelineCoverage,
  type PipelineCoverageInput,
  type PipelineCoverageOptions,
} from './pipelineCoverage.js';
export {
  requiredPipeline,
  type RequiredPipeline,
  type RequiredPipelineAverageInput,
  type RequiredPipelineCommonInput,
  type RequiredPipelineInput,
  type RequiredPipelineMixBand,
  type RequiredPipelineMixInput,
  type RequiredPipelineMixRow,
  type RequiredPipelineRounding,
  type RequiredPipelineShareBand,
  type RequiredPipelineStage,
  type RequiredPipelineWinsBand,
} from './requiredPipeline.js';
export { salesVelocity, type SalesVelocity, type SalesVelocityInput, type SalesVelocityOptions } from './salesVelocity.js';
export { salesVelocityInputs, type SalesVelocityInputs, type SalesVelocityInputsOptions } from './salesVelocityInputs.js';
export {
  timePhasedForecast,
  type TimePhasedForecast,
  type TimePhasedForecastOptions,
  type TimePhasedPeriod,
  type TimePhasedStage,
  type TimePhasedStageResult,
} from './timePhasedForecast.js';
export {
  forecastDistribution,
  type ExactForecastDistribution,
  type ForecastBudgetReport,
  type ForecastDeal,
  type ForecastDistribution,
  type ForecastDistributionBase,
  type ForecastDistributionFor,
  type ForecastDistributionMethod,
  type ForecastDistributionOptions,
  type ForecastQuantile,
  type MonteCarloForecastDistribution,
  type NormalForecastDistribution,
} from './forecastDistribution.js';
export {
  estimateTransitionModel,
  type EstimateTransitionModelOptions,
  type TransitionModel,
  type TransitionModelState,
} from './estimateTransitionModel.js';
export {
  winProbabilities,
  type StageOutlook,
  type StageOutlookGap,
  type TransitionChain,
  type WinProbabilities,
} from './winProbabilities.js';
export { calibration, type Calibration, type CalibrationBin, type CalibrationOptions } from './calibration.js';
export {
  backtestStageProbabilities,
  type BacktestStageProbabilitiesOptions,
  type StageBacktest,
  type StageProbabilityBacktest,
} from './backtestStageProbabilities.js';
export {
  HEALTH_CODES,
  pipelineHealth,
  type HealthCode,
  type HealthFinding,
  type HealthReport,
  type HealthSizeBand,
  type HealthStageConversion,
  type HealthTarget,
  type PipelineHealth,
  type PipelineHealthOptions,
} from './pipelineHealth.js';
export { idealFunnel, type IdealFunnel, type IdealFunnelOptions, type IdealFunnelStage } from './idealFunnel.js';
export {
  forecastMovement,
  forecastMovementAccumulator,
  type ForecastMovement,
  type ForecastMovementAccumulator,
  type ForecastMovementPartial,
  type ForecastMovementFigures,
  type ForecastMovementKind,
  type ForecastMovementMeasure,
  type ForecastMovementOptions,
  type ForecastMovementRow,
} from './forecastMovement.js';
export {
  timePhasedForecastFromDeals,
  type TimePhasedForecastFromDeals,
  type TimePhasedForecastFromDealsOptions,
  type TimePhasedInput,
} from './timePhasedForecastFromDeals.js';
