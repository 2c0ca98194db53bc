import { opportunityJson } from '../fixtures/pipelineJson.js';

/** A deal imported from a system that only records stage changes: no `created` event, no completed tasks. */
export const importedWithStageChangesOnly = {
  ...opportunityJson,
  completedTasks: {},
  history: [{ type: 'stage_changed', at: '2026-01-12T02:00:00Z', from: 'lead', to: 'qualify', kind: 'advance' }],
};
