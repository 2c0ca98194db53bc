import type { FunnelIssue } from '../../i18n/formatIssue.js';
import type { KeyTask } from '../../model/stage.js';
import type { OpportunityEvent } from '../../model/events.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { Pipeline } from '../../model/pipeline.js';
import type { EngineResult } from '../types.js';
import { checkTime, issue, readOptions, type EngineContext } from './context.js';
import { pipelineIndex } from './pipelineIndex.js';
import { isMarkedDone } from './taskIssues.js';

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

/** A successful result: `next` with `events` appended to the ledger. */
export function commit(next: Opportunity, previous: Opportunity, events: OpportunityEvent[]): EngineResult {
  return { ok: true, opportunity: { ...next, history: events.length === 0 ? [...previous.history] : [...previous.history, ...events] }, events };
}

/**
 * The checks of marking a manual key task done (`wantDone: false`, it must not be done
 * yet) or not done (`wantDone: true`, it must be done now): the shared prechecks, a
 * known task, a manual check. Returns the task and context, or the issues.
 */
export function checkManualTask(
  opportunity: Opportunity,
  pipeline: Pipeline,
  taskId: string,
  options: Parameters<typeof readOptions>[0],
  wantDone: boolean,
): { readonly ok: true; readonly task: KeyTask; readonly ctx: EngineContext } | { readonly ok: false; readonly issues: FunnelIssue[] } {
  const ctx = readOptions(options, true);
  const issues: FunnelIssue[] = [];
  if (!precheck(opportunity, pipeline, ctx, issues)) return { ok: false, issues };
  const entry = typeof taskId === 'string' ? pipelineIndex(pipeline).tasks.get(taskId) : undefined;
  if (entry === undefined) {
    issues.push(issue(ctx, 'unknown_task', { taskId: String(taskId), pipelineId: pipeline.id }, { path: ['taskId'], taskId: String(taskId) }));
    return { ok: false, issues };
  }
  const { task, stage } = entry;
  const where = { stageId: stage.id, taskId: task.id };
  const params = { taskId: task.id, title: task.title, stageId: stage.id, stageName: stage.name };
  if (task.check.kind !== 'manual') issues.push(issue(ctx, 'task_not_manual', { ...params, kind: task.check.kind }, where));
  else if (isMarkedDone(opportunity, task.id) !== wantDone) {
    issues.push(issue(ctx, wantDone ? 'task_not_completed' : 'task_already_completed', params, where));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, task, ctx };
}
