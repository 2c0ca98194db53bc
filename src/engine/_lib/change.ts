import type { FunnelIssue } from '../../i18n/params.js';
import { appendEvents, type OpportunityEvent, type OpportunityEventDraft } from '../../model/events.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { Pipeline } from '../../model/pipeline.js';
import { pipelineIndex } from '../../model/pipelineIndex.js';
import type { KeyTask } from '../../model/stage.js';
import type { EngineResult } from '../types.js';
import { checkTime, issue, readOptions, shown, type EngineContext, type RawEngineOptions } from './context.js';
import { isMarkedDone } from './taskIssues.js';

/**
 * The id the `k`-th event (0-based) appended by a command with idempotency key `key`
 * carries: the key itself for the first, `key#2`, `key#3`, … for the others (ids are
 * unique within a ledger).
 */
export function eventIdFor(key: string, k: number): string {
  return k === 0 ? key : `${key}#${k + 1}`;
}

/**
 * The events a command with idempotency key `key` appended earlier, oldest first, or
 * undefined when the ledger holds none: the event whose id is the key and those right
 * after it with ids `key#2`, `key#3`, ….
 */
export function recordedEvents(history: readonly OpportunityEvent[], key: string): OpportunityEvent[] | undefined {
  for (let i = 0; i < history.length; i++) {
    if (history[i]!.id !== key) continue;
    const events = [history[i]!];
    for (let j = i + 1; j < history.length && history[j]!.id === eventIdFor(key, j - i); j++) events.push(history[j]!);
    return events;
  }
  return undefined;
}

/**
 * The checks every command makes before any other, in this order:
 *
 * 1. Idempotency: when the ledger already holds events carrying the command's key, the
 *    command was applied before; the result is those events and the opportunity as it
 *    is (`replayed: true`), whatever the version or time now.
 * 2. Optimistic locking: when `expectedVersion` is given and differs from the ledger
 *    length, the caller decided on a state that has since changed: the only issue is
 *    `version_conflict` (no other rule is checked against a state the caller has not seen).
 *
 * Returns undefined when the command should be decided as usual.
 */
export function replayOrConflict(opportunity: Opportunity, ctx: EngineContext): EngineResult | undefined {
  if (ctx.idempotencyKey !== undefined) {
    const events = recordedEvents(opportunity.history, ctx.idempotencyKey);
    if (events !== undefined) return { ok: true, opportunity: { ...opportunity, history: [...opportunity.history] }, events, replayed: true };
  }
  const actual = opportunity.history.length;
  if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== actual) {
    return { ok: false, issues: [issue(ctx, 'version_conflict', { expected: ctx.expectedVersion, actual }, { path: ['expectedVersion'] })] };
  }
  return undefined;
}

/**
 * The checks every changing function shares, pushed onto `issues`: same pipeline (when
 * one is given), `at` not before the ledger's last event, and, unless `allowClosed`,
 * a deal that is not closed. Returns false when nothing else can be checked.
 */
export function precheck(
  opportunity: Opportunity,
  pipeline: Pipeline | undefined,
  ctx: EngineContext,
  issues: FunnelIssue[],
  allowClosed = false,
): boolean {
  // A value that is not a pipeline is a programmer error: thrown, not reported as an issue.
  if (pipeline !== undefined) pipelineIndex(pipeline);
  if (pipeline !== undefined && opportunity.pipelineId !== pipeline.id) {
    issues.push(issue(ctx, 'pipeline_mismatch', { expected: pipeline.id, actual: opportunity.pipelineId }, { path: ['pipelineId'] }));
    return false;
  }
  checkTime(opportunity, ctx, issues);
  if (!allowClosed && (opportunity.status === 'won' || opportunity.status === 'lost')) {
    issues.push(issue(ctx, 'opportunity_closed', { status: opportunity.status, stageId: opportunity.stageId }, { stageId: opportunity.stageId }));
  }
  return true;
}

/**
 * A successful result: `next` with the drafts appended to `previous`'s ledger, each
 * stamped with its `seq` (and, under an idempotency key, its id).
 */
export function commit(next: Opportunity, previous: Opportunity, drafts: readonly OpportunityEventDraft[], ctx: EngineContext): EngineResult {
  const key = ctx.idempotencyKey;
  const stamped = key === undefined ? drafts : drafts.map((d, k) => ({ ...d, id: eventIdFor(key, k) }));
  const history = appendEvents(previous.history, stamped);
  return { ok: true, opportunity: { ...next, history }, events: history.slice(previous.history.length), replayed: false };
}

/**
 * The checks of marking a manual key task done (`wantDone: false`, it must not be done
 * yet) or not done (`wantDone: true`, it must be done now): replay and version, the
 * shared prechecks, a known task, a manual check. Returns the task and context, the
 * replayed result, or the issues.
 */
export function checkManualTask(
  opportunity: Opportunity,
  pipeline: Pipeline,
  taskId: string,
  options: RawEngineOptions | undefined,
  wantDone: boolean,
): { readonly ok: true; readonly task: KeyTask; readonly ctx: EngineContext } | { readonly ok: false; readonly result: EngineResult } {
  const ctx = readOptions(options, true);
  const early = replayOrConflict(opportunity, ctx);
  if (early !== undefined) return { ok: false, result: early };
  const issues: FunnelIssue[] = [];
  if (!precheck(opportunity, pipeline, ctx, issues)) return { ok: false, result: { ok: false, issues } };
  const entry = typeof taskId === 'string' ? pipelineIndex(pipeline).tasks.get(taskId) : undefined;
  if (entry === undefined) {
    issues.push(issue(ctx, 'unknown_task', { taskId: shown(taskId), pipelineId: pipeline.id }, { path: ['taskId'], taskId: shown(taskId) }));
    return { ok: false, result: { ok: false, issues } };
  }
  const { task, stage } = entry;
  const where = { stageId: stage.id, taskId: task.id };
  const params = { taskId: task.id, title: task.title, stageId: stage.id, stageName: stage.name };
  if (task.check.kind !== 'manual') issues.push(issue(ctx, 'task_not_manual', { ...params, kind: task.check.kind }, where));
  else if (isMarkedDone(opportunity, task.id) !== wantDone) {
    issues.push(issue(ctx, wantDone ? 'task_not_completed' : 'task_already_completed', params, where));
  }
  return issues.length > 0 ? { ok: false, result: { ok: false, issues } } : { ok: true, task, ctx };
}
