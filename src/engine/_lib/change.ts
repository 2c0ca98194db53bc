import type { FunnelIssue } from '../../i18n/formatIssue.js';
import type { OpportunityEvent } from '../../model/events.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { Pipeline } from '../../model/pipeline.js';
import type { EngineResult } from '../types.js';
import { checkTime, issue, type EngineContext } from './context.js';

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
