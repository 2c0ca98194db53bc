import type { FunnelIssue } from '../i18n/formatIssue.js';
import type { KeyTaskId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { commit, precheck } from './_lib/change.js';
import { eventBase, issue, readOptions } from './_lib/context.js';
import { pipelineIndex } from './_lib/pipelineIndex.js';
import { isMarkedDone } from './_lib/taskIssues.js';
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
  const ctx = readOptions(options, true);
  const issues: FunnelIssue[] = [];
  if (!precheck(opportunity, pipeline, ctx, issues)) return { ok: false, issues };
  const entry = typeof taskId === 'string' ? pipelineIndex(pipeline).tasks.get(taskId) : undefined;
  if (entry === undefined) {
    issues.push(issue(ctx, 'unknown_task', { taskId: String(taskId), pipelineId: pipeline.id }, { path: ['taskId'], taskId: String(taskId) }));
  } else {
    const { task, stage } = entry;
    const where = { stageId: stage.id, taskId: task.id };
    const params = { taskId: task.id, title: task.title, stageId: stage.id, stageName: stage.name };
    if (task.check.kind !== 'manual') issues.push(issue(ctx, 'task_not_manual', { ...params, kind: task.check.kind }, where));
    else if (isMarkedDone(opportunity, task.id)) issues.push(issue(ctx, 'task_already_completed', params, where));
  }
  if (issues.length > 0 || entry === undefined) return { ok: false, issues };
  const base = eventBase(ctx);
  const record = ctx.by === undefined ? { at: new Date(base.at.getTime()) } : { at: new Date(base.at.getTime()), by: ctx.by };
  const id = entry.task.id as KeyTaskId;
  return commit({ ...opportunity, completedTasks: { ...opportunity.completedTasks, [id]: record } }, opportunity, [{ type: 'task_completed', ...base, taskId: id }]);
}
