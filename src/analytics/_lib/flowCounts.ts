// The stage-flow counters, the rate rule and the row builder live in the model layer,
// shared with the SQL decoder of `stageFlowSql`.
export { F_ADVANCED, F_ENTERED, F_LOST, F_REGRESSED, F_SKIPPED, F_STALLED, F_STILL, F_SUSPENDED, F_WON, FIELDS, flowRows } from '../../model/results/flowTable.js';
export { rate } from '../../model/results/rate.js';
