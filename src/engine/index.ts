// Public exports of the engine area; re-exported by src/index.ts.
export type { EngineChangeOptions, EngineResult, GuardContext, KeyTaskGuard, KeyTaskGuards, TransitionCommand } from './types.js';
export { transition, type TransitionOptions, type TransitionResult } from './transition.js';
export { evaluateTransition, type EvaluateTransitionOptions } from './evaluateTransition.js';
export { nextSteps, type NextStep, type NextSteps, type NextStepsOptions } from './nextSteps.js';
export { completeTask, type CompleteTaskOptions } from './completeTask.js';
export { reopenTask, type ReopenTaskOptions } from './reopenTask.js';
export { transferOwnership, type TransferOwnershipOptions } from './transferOwnership.js';
export { setSplits, type SetSplitsOptions, type SplitInput } from './setSplits.js';
export { updateAmount, type UpdateAmountOptions } from './updateAmount.js';
export { updateCloseDate, type UpdateCloseDateOptions } from './updateCloseDate.js';
export { logActivity, type LogActivityOptions } from './logActivity.js';
export type { ActivityInput } from '../model/activityInput.js';
export { setProbabilityOverride, type SetProbabilityOverrideOptions } from './setProbabilityOverride.js';
export { setForecastCategory, type SetForecastCategoryOptions } from './setForecastCategory.js';
