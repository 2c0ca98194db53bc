// Public exports of the analytics area; re-exported by src/index.ts.
export type { AnalyticsOptions } from './analyticsOptions.js';
export { stageVisits, type StageVisit, type StageVisitOutcome, type StageVisitsOptions } from './stageVisits.js';
export {
  conversionTimes,
  conversionTimesAccumulator,
  type ConversionTimesAccumulator,
  type ConversionTimesPartial,
  type ConversionTimesOptions,
  type ConversionTimes,
  type KaplanMeierCurve,
  type KaplanMeierPoint,
  type StageConversionTime,
} from './conversionTimes.js';
export {
  competingRisks,
  competingRisksAccumulator,
  type CompetingRisksAccumulator,
  type CompetingRisksPartial,
  type CompetingRisksCurve,
  type CompetingRisksOptions,
  type CompetingRisksOrigin,
  type CompetingRisksPoint,
  type CompetingRisks,
} from './competingRisks.js';
export {
  stageFlow, stageFlowAccumulator, type StageFlow, type StageFlowAccumulator, type StageFlowOptions, type StageFlowPartial, type StageFlowRow, type StageFlowTable,
} from './stageFlow.js';
export { mergeStageFlow } from './mergeStageFlow.js';
export {
  funnelSnapshot, funnelSnapshotAccumulator, type FunnelSnapshot, type FunnelSnapshotAccumulator, type FunnelSnapshotOptions, type FunnelSnapshotPartial,
  type FunnelSnapshotRow, type FunnelSnapshotTable,
} from './funnelSnapshot.js';
export {
  cohortFunnel, cohortFunnelAccumulator, type CohortFunnel, type CohortFunnelAccumulator, type CohortFunnelOptions, type CohortFunnelPartial,
  type CohortFunnelRow, type CohortFunnelTable,
} from './cohortFunnel.js';
export {
  findStalled,
  findStalledAccumulator,
  type FindStalledAccumulator,
  type FindStalledOptions,
  type FindStalledPartial,
  type StallPartialState,
  type StallClock,
  type StalledDeal,
  type StalledDeals,
  type StallRule,
  type StallThreshold,
} from './findStalled.js';
export {
  AUDIT_CODES,
  auditPipeline,
  auditPipelineAccumulator,
  type AuditPipelineAccumulator,
  type AuditPipelinePartial,
  type AuditCode,
  type AuditFinding,
  type AuditPipelineOptions,
  type AuditReport,
  type PipelineAudit,
} from './auditPipeline.js';
export {
  dealSizeMix,
  dealSizeMixAccumulator,
  type DealSizeMixAccumulator,
  type DealSizeMixPartial,
  type DealSizeBand,
  type DealSizeMix,
  type DealSizeMixBand,
  type DealSizeMixLeftOut,
  type DealSizeMixOptions,
  type DealSizeMixStatus,
} from './dealSizeMix.js';
export {
  winLoss,
  winLossAccumulator,
  type WinLoss,
  type WinLossAccumulator,
  type WinLossFigures,
  type WinLossOptions,
  type WinLossPartial,
  type WinLossRow,
  type WinLossStageRow,
  type WinLossTally,
} from './winLoss.js';
export {
  campaignEffectiveness,
  type Campaign,
  type CampaignDealFigures,
  type CampaignEffectiveness,
  type CampaignEffectivenessOptions,
  type CampaignFigures,
  type CampaignRow,
  type UnknownCampaignRow,
} from './campaignEffectiveness.js';
