import type { KeyTaskId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { checkManualTask, commit } from './_lib/change.js';
import { eventBase } from './_lib/context.js';
import type { EngineChangeOptions, EngineResult } from './types.js';

/**
 * Options for {@link completeTask}: when, by whom, the locale of issue messages, and
 * the optimistic-locking and idempotency fields of {@link EngineChangeOptions}.
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
 * `task_not_manual`, `task_already_completed`; before them, `version_conflict` alone
 * (or a replay) as described under {@link EngineChangeOptions}. With a pipeline declared
 * by {@link definePipeline}, `taskId` is checked at compile time too.
 *
 * @param opportunity - The deal.
 * @param pipeline - Its pipeline.
 * @param taskId - The key task's id.
 * @param options - `at` (required), `by`, `locale`, `expectedVersion`, `idempotencyKey`.
 * @returns `{ ok: true, opportunity, events, replayed }` or `{ ok: false, issues }`.
 * @throws {@link FunnelError} `invalid_option` for a missing or invalid `at`, an empty
 *   `by`, an unknown locale, or a malformed `expectedVersion` or `idempotencyKey`;
 *   `invalid_argument` (`pipeline`) for a value that is not a pipeline.
 * @category Engine
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
export function completeTask<T extends string = string>(
  opportunity: Opportunity,
  pipeline: Pipeline<string, T>,
  taskId: NoInfer<T>,
  options: CompleteTaskOptions,
): EngineResult {
  const checked = checkManualTask(opportunity, pipeline, taskId, options, false);
  if (!checked.ok) return checked.result;
  const { task, ctx } = checked;
  const base = eventBase(ctx);
  const record = ctx.by === undefined ? { at: new Date(base.at.getTime()) } : { at: new Date(base.at.getTime()), by: ctx.by };
  const id = task.id as KeyTaskId;
  // A computed key defines an own property, so even a task id like "__proto__" stays data.
  const completedTasks = { ...opportunity.completedTasks, [id]: record };
  return commit({ ...opportunity, completedTasks }, opportunity, [{ type: 'task_completed', ...base, taskId: id }], ctx);
}
