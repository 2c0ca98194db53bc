import type { KeyTaskId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { checkManualTask, commit } from './_lib/change.js';
import { eventBase } from './_lib/context.js';
import type { EngineChangeOptions, EngineResult } from './types.js';

/**
 * Options for {@link completeTask}: when, by whom, and the locale of issue messages.
 *
 * @example
 * ```ts
 * import type { CompleteTaskOptions } from 'sales-funnel';
 * const options: CompleteTaskOptions = { at: new Date('2026-03-02T01:00:00Z'), by: 'rep-zhang' };
 * ```
 */
export type CompleteTaskOptions = EngineChangeOptions;

/**
 * Marks a manual key task (关键任务) done: records `{ at, by? }` in `completedTasks`
 * and appends a `task_completed` event. A task of any stage may be completed ahead of
 * time. Field tasks are satisfied by the deal's data and guard tasks by their
 * registered guard, so neither can be marked by hand (`task_not_manual`).
 *
 * Refusals (all listed at once): `pipeline_mismatch`, `time_went_backwards`,
 * `opportunity_closed` (won and lost deals are frozen; reopen first), `unknown_task`,
 * `task_not_manual`, `task_already_completed`.
 *
 * @param opportunity - The deal.
 * @param pipeline - Its pipeline.
 * @param taskId - The key task's id.
 * @param options - `at` (required), `by`, `locale`.
 * @returns `{ ok: true, opportunity, events }` or `{ ok: false, issues }`.
 * @throws {@link FunnelError} `invalid_option` for a missing or invalid `at`, an empty `by` or an unknown locale.
 *
 * @example
 * ```ts
 * import { completeTask, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deal: Opportunity;
 * declare const pipeline: Pipeline;
 * const r = completeTask(deal, pipeline, 'visit', { at: new Date('2026-03-02T01:00:00Z'), by: 'rep-zhang' });
 * if (r.ok) r.events[0]?.type; //=> 'task_completed'
 * ```
 */
export function completeTask(opportunity: Opportunity, pipeline: Pipeline, taskId: string, options: CompleteTaskOptions): EngineResult {
  const checked = checkManualTask(opportunity, pipeline, taskId, options, false);
  if (!checked.ok) return checked;
  const { task, ctx } = checked;
  const base = eventBase(ctx);
  const record = ctx.by === undefined ? { at: new Date(base.at.getTime()) } : { at: new Date(base.at.getTime()), by: ctx.by };
  const id = task.id as KeyTaskId;
  return commit({ ...opportunity, completedTasks: { ...opportunity.completedTasks, [id]: record } }, opportunity, [{ type: 'task_completed', ...base, taskId: id }]);
}
