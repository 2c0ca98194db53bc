// Public exports of the planning area; re-exported by src/index.ts.
export {
  balanceTerritories,
  type BalanceTerritoriesOptions,
  type TerritoryAssignment,
  type TerritoryLoad,
  type TerritoryMove,
  type TerritoryObjective,
  type TerritoryPlan,
  type TerritoryRep,
  type TerritorySearchReport,
  type TerritoryShare,
  type TerritoryUnit,
} from './balanceTerritories.js';
export {
  allocateQuota,
  type AllocateQuotaOptions,
  type QuotaAllocation,
  type QuotaShare,
  type QuotaWeight,
} from './allocateQuota.js';
export {
  attainment,
  type ActualLine,
  type AttainmentOptions,
  type AttainmentReport,
  type AttainmentRow,
  type QuotaLine,
} from './attainment.js';
export {
  attainmentFromDeals,
  type AttainmentCredit,
  type AttainmentFromDeals,
  type AttainmentFromDealsOptions,
} from './attainmentFromDeals.js';
export {
  planHandover,
  type HandoverAssignmentReason,
  type HandoverChannel,
  type HandoverOrderKey,
  type HandoverParkedDeal,
  type HandoverPlan,
  type HandoverSplitTransfer,
  type HandoverStep,
  type HandoverSuccessor,
  type HandoverSuccessorSummary,
  type HandoverTier,
  type PlanHandoverOptions,
} from './planHandover.js';
