// Public exports of the analytics area; re-exported by src/index.ts.
export type { AnalyticsOptions } from './analyticsOptions.js';
export { stageVisits, type StageVisit, type StageVisitOutcome, type StageVisitsOptions } from './stageVisits.js';
export {
  conversionTimes,
  type ConversionTimesOptions,
  type ConversionTimes,
  type KaplanMeierCurve,
  type KaplanMeierPoint,
  type StageConversionTime,
} from './conversionTimes.js';
export {
  competingRisks,
  type CompetingRisksCurve,
  type CompetingRisksOptions,
  type CompetingRisksOrigin,
  type CompetingRisksPoint,
  type CompetingRisks,
} from './competingRisks.js';
export { stageFlow, type StageFlow, type StageFlowOptions, type StageFlowRow, type StageFlowTable } from './stageFlow.js';
export { mergeStageFlow } from './mergeStageFlow.js';
export { funnelSnapshot, type FunnelSnapshot, type FunnelSnapshotOptions, type FunnelSnapshotRow, type FunnelSnapshotTable } from './funnelSnapshot.js';
export { cohortFunnel, type CohortFunnel, type CohortFunnelOptions, type CohortFunnelRow, type CohortFunnelTable } from './cohortFunnel.js';
export {
  findStalled,
  type FindStalledOptions,
  type StallClock,
  type StalledDeal,
  type StalledDeals,
  type StallRule,
  type StallThreshold,
} from './findStalled.js';
export {
  AUDIT_CODES,
  auditPipeline,
  type AuditCode,
  type AuditFinding,
  type AuditPipelineOptions,
  type AuditReport,
  type PipelineAudit,
} from './auditPipeline.js';
export {
  dealSizeMix,
  type DealSizeBand,
  type DealSizeMix,
  type DealSizeMixBand,
  type DealSizeMixLeftOut,
  type DealSizeMixOptions,
  type DealSizeMixStatus,
} from './dealSizeMix.js';
export { winLoss, type WinLoss, type WinLossFigures, type WinLossOptions, type WinLossRow, type WinLossStageRow, type WinLossTally } from './winLoss.js';
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
