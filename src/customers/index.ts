// Public exports of the customers area (the pool 公海, follow-up, qualification and
// classification); re-exported by src/index.ts.
// ---- exports: pool ----
export { parsePoolRules, poolRulesSchema, customerPoolSchema, type CustomerPool, type PoolRuleName, type PoolRules } from './parsePoolRules.js';
export { poolStatus, type PoolCustomerStatus, type PoolOwnerStatus, type PoolStatus, type PoolStatusOptions } from './poolStatus.js';
export { applyPoolRules, type ApplyPoolRulesOptions, type PoolReclaim } from './applyPoolRules.js';
export { evaluateClaim, type EvaluateClaimOptions } from './evaluateClaim.js';
export { claimCustomer, type ClaimCustomerOptions } from './claimCustomer.js';
export { releaseCustomer, type ReleaseCustomerOptions } from './releaseCustomer.js';
export { assignCustomer, type AssignCustomerOptions } from './assignCustomer.js';
export type { CustomerChangeOptions, CustomerChangeResult } from './customerChange.js';
// ---- exports: activity ----
export { logCustomerActivity, type CustomerActivityInput, type LogCustomerActivityOptions } from './logCustomerActivity.js';
export {
  followUpDue,
  type FollowUpCadence,
  type FollowUpDue,
  type FollowUpDueOptions,
  type FollowUpDueRow,
  type FollowUpStatus,
  type LastActivity,
} from './followUpDue.js';
export { activitySummary, type ActivityStats, type ActivitySummary, type ActivitySummaryOptions } from './activitySummary.js';
export type { CustomerGroupKey, CustomerGroupOptions } from './customerGrouping.js';
// ---- exports: qualify ----
export { qualifyMAN, MAN_CLASSES, type BilingualText, type ManAnswers, type ManClass, type ManClassCode, type ManFactor, type ManQualification } from './qualifyMAN.js';
export {
  scorecardSchema,
  scorecardCriterionSchema,
  scorecardTierSchema,
  scorecardCheckSchema,
  scorecardRuleSchema,
  parseScorecard,
  safeParseScorecard,
  type Scorecard,
  type ScorecardJson,
  type ScorecardCriterion,
  type ScorecardTier,
  type ScorecardCheck,
  type ScorecardRule,
} from './scorecard.js';
export {
  scoreCustomers,
  type CustomerScore,
  type MatchedCriterion,
  type ScoreCustomersOptions,
  type ScoreCustomersResult,
  type ScoredTier,
  type ScorecardGuard,
  type ScorecardGuardContext,
  type ScorecardGuards,
} from './scoreCustomers.js';
export {
  classifyABCD,
  type AbcdClass,
  type AbcdValue,
  type ClassifyABCDOptions,
  type ClassifyABCDResult,
  type CustomerABCD,
  type UnclassifiedCustomer,
} from './classifyABCD.js';
export { reclassify, type CustomerPriority, type PriorityProposal, type ReclassifyOptions, type ReclassifyResult } from './reclassify.js';
