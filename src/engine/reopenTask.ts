import type { KeyTaskId } from '../model/ids.js';
import type { CompletedTask, Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { checkManualTask, commit } from './_lib/change.js';
import { eventBase } from './_lib/context.js';
import type { EngineChangeOptions, EngineResult } from './types.js';

/**
 * Options for {@link reopenTask}: when, by whom, the locale of issue messages, and the
 * optimistic-locking and idempotency fields of {@link EngineChangeOptions}.
 */
export type ReopenTaskOptions = EngineChangeOptions;

/**
 * Marks a done manual key task (关键任务) as not done again (the customer withdrew the
 * budget, the quote must be redone): removes it from `completedTasks` and appends a
 * `task_reopened` event. The deal stays in its stage; the task gates the next forward
 * move again.
 *
 * Refusals (all listed at once): `pipeline_mismatch`, `time_went_backwards`,
 * `opportunity_closed`, `unknown_task`, `task_not_manual`, `task_not_completed`; before
 * them, `version_conflict` alone (or a replay) as described under
 * {@link EngineChangeOptions}. With a pipeline declared by {@link definePipeline},
 * `taskId` is checked at compile time too.
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
 * import { reopenTask, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deal: Opportunity;
 * declare const pipeline: Pipeline;
 * const r = reopenTask(deal, pipeline, 'budget', { at: new Date('2026-03-05T01:00:00Z') });
 * if (r.ok) r.events[0]?.type; //=> 'task_reopened'
 * ```
 */
export function reopenTask<T extends string = string>(
  opportunity: Opportunity,
  pipeline: Pipeline<string, T>,
  taskId: NoInfer<T>,
  options: ReopenTaskOptions,
): EngineResult {
  const checked = checkManualTask(opportunity, pipeline, taskId, options, true);
  if (!checked.ok) return checked.result;
  const { task, ctx } = checked;
  const id = task.id as KeyTaskId;
  // fromEntries defines own properties, so even a task id like "__proto__" stays data.
  const completedTasks = Object.fromEntries(Object.entries(opportunity.completedTasks).filter(([key]) => key !== id)) as Record<KeyTaskId, CompletedTask>;
  return commit({ ...opportunity, completedTasks }, opportunity, [{ type: 'task_reopened', ...eventBase(ctx), taskId: id }], ctx);
}
