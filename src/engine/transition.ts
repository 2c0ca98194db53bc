import type { Customer } from '../model/customer.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { commit, replayOrConflict } from './_lib/change.js';
import { readOptions } from './_lib/context.js';
import { applyPlan, planTransition } from './_lib/planTransition.js';
import type { EngineChangeOptions, EngineResult, KeyTaskGuards, TransitionCommand } from './types.js';

/**
 * Options for {@link transition}: when, by whom, the guards for `guard` key tasks, the
 * locale of the issue messages, and the optimistic-locking and idempotency fields of
 * {@link EngineChangeOptions}.
 */
export interface TransitionOptions extends EngineChangeOptions {
  /** Named predicates for key tasks checked by `{ kind: 'guard', name }`, and for the pipeline's `resumeGuard`. */
  readonly guards?: KeyTaskGuards;
  /**
   * The deal's customer (its contacts and ledger), for key tasks checked by
   * `{ kind: 'contact_met', role }`; without it such a task is unmet
   * (`contact_check_needs_customer`).
   */
  readonly customer?: Customer;
}

/**
 * The result of {@link transition}: `{ ok: true, opportunity, events, replayed }` or
 * `{ ok: false, issues }` listing every unmet requirement.
 */
export type TransitionResult = EngineResult;

/**
 * Applies a stage command to an opportunity (商机), enforcing the pipeline's key tasks
 * (关键任务) and policies. Pure: the input is never modified; on success the result is
 * a new opportunity whose ledger has the new events appended, and those events.
 *
 * Rules:
 * - Leaving a stage forward needs every required key task of that stage; a skip
 *   (policy `skip: 'gates'`) also needs those of every skipped stage; `skip: 'forbid'`
 *   refuses skips outright (`stage_skip_forbidden`).
 * - `win` needs every required task from the current stage up to and including the
 *   last open stage; it moves the deal into a won stage (赢单), sets `closedAt` and drops
 *   the probability and forecast-category overrides (a won deal counts 1). `lose`
 *   (输单) needs a non-empty reason (`reason_required`) and records the competitor;
 *   when the pipeline lists its `lossReasons`, the reason must be one of them
 *   (`unknown_loss_reason`, whose params list the allowed reasons).
 *   The skip policy governs `move`, not `win`: the gates already cover every stage passed.
 * - Backward moves follow policy `backward`: `allow`, `reason` (a reason must be
 *   given) or `forbid` (`backward_move_forbidden`).
 * - Closed deals refuse everything but `reopen` (`opportunity_closed`); suspended
 *   deals (中止) refuse stage moves, `win` and `lose` until `resume`
 *   (`opportunity_suspended`).
 * - `reopen` follows policy `reopen`: `allow` (default), `reason` (a reason must be
 *   given: `reason_required`; it is recorded on the `reopened` event) or `forbid`
 *   (closing is final, 终止: `reopen_forbidden`), for won and lost deals alike.
 * - `resume` needs the pipeline's `resumeGuard`, when it names one, to pass: the guard
 *   is looked up in `guards` and called like a key task's guard, with
 *   `purpose: 'resume'` (`resume_guard_missing`, `resume_guard_failed`, or the issues
 *   it returns).
 * - On any stage change, policy `probabilityOnStageChange: 'reset'` drops the deal's
 *   probability override; `keep` keeps it.
 * - `at` must not be earlier than the last ledger event (`time_went_backwards`).
 * - Unknown stage ids, a deal of another pipeline, a malformed command: coded issues
 *   (`unknown_stage`, `pipeline_mismatch`, `stage_not_in_pipeline`, `invalid_command`).
 * - Before all of these: a command whose `idempotencyKey` the ledger already holds is
 *   replayed (`replayed: true`, nothing appended), and an `expectedVersion` other than
 *   the ledger length gives the single issue `version_conflict` (see
 *   {@link EngineChangeOptions}).
 *
 * With a pipeline declared by {@link definePipeline}, the stage ids of `command` are
 * checked at compile time too.
 *
 * Every refusal lists all unmet requirements at once; each issue has a `code`,
 * `stageId`/`taskId` where it concerns one, `params`, and a `message` in the locale.
 * Events: `stage_changed { from, to, kind: advance | skip | regress, reason? }`,
 * `won { stageId }`, `lost { stageId, reason, competitor? }`, `suspended { reason? }`,
 * `resumed`, `reopened { stageId, reason? }` (followed by a `stage_changed` when `to` differs
 * from the stage the deal last stood in). Each carries its `seq` (position in the
 * ledger), `at`, `by` when given, and the idempotency key as `id` when given.
 *
 * @param opportunity - The deal, as it is now.
 * @param pipeline - Its pipeline (indexes are cached per pipeline object, so reuse it).
 * @param command - What to do.
 * @param options - `at` (required), `by`, `guards`, `locale`, `expectedVersion`, `idempotencyKey`.
 * @returns `{ ok: true, opportunity, events, replayed }` or `{ ok: false, issues }`.
 * @throws {@link FunnelError} `invalid_option` for a missing or invalid `at` (not a
 *   valid Date or ISO 8601 string with offset in the years 0001–9999), an empty `by`, an
 *   unknown locale, an `expectedVersion` that is not a whole number ≥ 0, an empty or
 *   overlong `idempotencyKey`, or a guard that is not a function or returns something
 *   other than a boolean or an array of issues; `invalid_argument` for a pipeline
 *   without open, won and lost stages. Errors thrown by a guard propagate.
 * @category Engine
 *
 * @example
 * ```ts
 * import { parsePipeline, parseOpportunity, transition } from 'sales-funnel';
 * const pipeline = parsePipeline({
 *   id: 'p', name: 'Direct', currency: 'CNY',
 *   stages: [
 *     { id: 'lead', name: '线索', kind: 'open', probability: 0.1, keyTasks: [{ id: 'visit', title: '首次拜访' }] },
 *     { id: 'quote', name: '报价洽谈', kind: 'open', probability: 0.5 },
 *     { id: 'won', name: '赢单', kind: 'won', probability: 1 },
 *     { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
 *   ],
 * });
 * const deal = parseOpportunity({
 *   id: 'o1', customerId: 'c1', pipelineId: 'p', name: 'ERP', ownerId: 'rep-zhang',
 *   amount: { amount: '1000000', currency: 'CNY' }, stageId: 'lead',
 *   history: [{ type: 'created', at: '2026-03-01T09:00:00+08:00', stageId: 'lead' }],
 * });
 * const r = transition(deal, pipeline, { type: 'advance' }, { at: '2026-03-02T09:00:00+08:00', locale: 'zh-CN' });
 * if (!r.ok) r.issues[0]?.message; //=> '阶段“线索”的关键任务“首次拜访”尚未完成。'
 * ```
 */
export function transition<S extends string = string>(
  opportunity: Opportunity,
  pipeline: Pipeline<S>,
  command: TransitionCommand<NoInfer<S>>,
  options: TransitionOptions,
): TransitionResult {
  const ctx = readOptions(options, true);
  const early = replayOrConflict(opportunity, ctx);
  if (early !== undefined) return early;
  const plan = planTransition(opportunity, pipeline, command, ctx);
  if (plan.effect === undefined) return { ok: false, issues: plan.issues };
  const { opportunity: next, events } = applyPlan(opportunity, pipeline, plan.effect, ctx);
  return commit(next, opportunity, events, ctx);
}
