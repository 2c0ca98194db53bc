import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { formatIssue } from '../../i18n/formatIssue.js';
import type { FunnelIssue } from '../../i18n/params.js';
import type { BuyingRole } from '../../model/buyingRole.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { Pipeline } from '../../model/pipeline.js';
import type { PipelineIndex, TaskEntry } from '../../model/pipelineIndex.js';
import { findGuard, issue, type EngineContext } from './context.js';
import { describeRule, fieldRuleHolds, readField } from './fieldRule.js';

/** Whether a manual task is marked done (own keys only: a task id may be any string). */
export function isMarkedDone(opportunity: Opportunity, taskId: string): boolean {
  return Object.hasOwn(opportunity.completedTasks, taskId);
}

/**
 * Checks one key task against the opportunity. Returns true when it is satisfied;
 * otherwise pushes the issues saying why onto `out` and returns false.
 *
 * - manual: marked in `completedTasks` → else `key_task_incomplete`
 * - field: the rule holds on the opportunity's data → else `key_task_incomplete`
 * - guard: the registered guard passes → else its issues (their messages rendered in
 *   the context's locale), `guard_failed` for a plain `false`, or `guard_missing` when
 *   no guard of that name is registered
 * - contact_met: see {@link contactMet} → else `contact_not_met`, or
 *   `contact_check_needs_customer` without the `customer` option, or
 *   `customer_mismatch` (once per list) for another customer than the deal's
 */
export function checkTask(opportunity: Opportunity, pipeline: Pipeline, entry: TaskEntry, ctx: EngineContext, out: FunnelIssue[]): boolean {
  const { task, stage } = entry;
  const check = task.check;
  const where = { stageId: stage.id, taskId: task.id };
  if (check.kind === 'manual') {
    if (isMarkedDone(opportunity, task.id)) return true;
    out.push(issue(ctx, 'key_task_incomplete', { title: task.title, stageName: stage.name, stageId: stage.id, taskId: task.id, check: 'manual' }, where));
    return false;
  }
  if (check.kind === 'field') {
    // Stryker disable next-line ArrayDeclaration: pipelineIndex gives every field task its fieldPath, so the fallback is never read
    if (fieldRuleHolds(readField(opportunity, entry.fieldPath ?? [check.field]), check.rule)) return true;
    out.push(
      issue(ctx, 'key_task_incomplete', { title: task.title, stageName: stage.name, stageId: stage.id, taskId: task.id, check: 'field', field: check.field, rule: describeRule(check.rule) }, where),
    );
    return false;
  }
  if (check.kind === 'contact_met') return checkContactMet(opportunity, entry, check.role, ctx, out);
  const guard = findGuard(ctx, check.name);
  if (guard === undefined) {
    out.push(issue(ctx, 'guard_missing', { guard: check.name, title: task.title, stageName: stage.name, stageId: stage.id, taskId: task.id }, where));
    return false;
  }
  const verdict = guard(opportunity, { pipeline, stage, task, at: ctx.at, locale: ctx.locale });
  if (verdict === true) return true;
  if (verdict === false) {
    out.push(issue(ctx, 'guard_failed', { guard: check.name, title: task.title, stageName: stage.name, stageId: stage.id, taskId: task.id }, where));
    return false;
  }
  if (!Array.isArray(verdict)) {
    throw new FunnelError('invalid_option', { option: `guards.${check.name}`, reason: because('guard_result_shape') });
  }
  if (verdict.length === 0) return true;
  for (const found of verdict as readonly FunnelIssue[]) {
    if (typeof found !== 'object' || found === null) {
      throw new FunnelError('invalid_option', { option: `guards.${check.name}`, reason: because('guard_issue_shape') });
    }
    // The guard may have written its messages in any locale: render them in the caller's.
    out.push({ ...found, message: formatIssue(found, ctx.locale), stageId: found.stageId ?? stage.id, taskId: found.taskId ?? task.id });
  }
  return false;
}

/**
 * Whether an activity with a contact of buying role `role` has been logged on the deal:
 * an `activity_logged` event of its ledger, or of its customer's ledger naming the deal
 * (`opportunityId`, at or before `at` when given), whose `contactId` is a contact of the
 * customer with that role.
 */
export function contactMet(opportunity: Opportunity, customer: NonNullable<EngineContext['customer']>, role: BuyingRole, at: Date | undefined): boolean {
  const ids = new Set<string>();
  for (const c of customer.contacts) if (c.role === role) ids.add(c.id);
  if (ids.size === 0) return false;
  for (const e of opportunity.history) if (e.type === 'activity_logged' && e.contactId !== undefined && ids.has(e.contactId)) return true;
  const limit = at === undefined ? Infinity : at.getTime();
  // Stryker disable next-line ArrayDeclaration: parsed customers always have a history; any stand-in item has no `type`, so it is never an activity
  for (const e of customer.history ?? []) {
    if (e.type === 'activity_logged' && e.opportunityId === opportunity.id && e.contactId !== undefined && ids.has(e.contactId) && e.at.getTime() <= limit) return true;
  }
  return false;
}

function checkContactMet(opportunity: Opportunity, entry: TaskEntry, role: BuyingRole, ctx: EngineContext, out: FunnelIssue[]): boolean {
  const { task, stage } = entry;
  const where = { stageId: stage.id, taskId: task.id };
  const params = { title: task.title, stageName: stage.name, stageId: stage.id, taskId: task.id, role };
  const customer = ctx.customer;
  if (customer === undefined) {
    out.push(issue(ctx, 'contact_check_needs_customer', { ...params, customerId: opportunity.customerId }, where));
    return false;
  }
  if (customer.id !== opportunity.customerId) {
    if (!out.some((i) => i.code === 'customer_mismatch')) {
      out.push(issue(ctx, 'customer_mismatch', { expected: opportunity.customerId, actual: customer.id }, { path: ['customer', 'id'] }));
    }
    return false;
  }
  if (contactMet(opportunity, customer, role, ctx.at)) return true;
  let contacts = 0;
  for (const c of customer.contacts) if (c.role === role) contacts++;
  out.push(issue(ctx, 'contact_not_met', { ...params, customerId: customer.id, customerName: customer.name, contacts }, where));
  return false;
}

/**
 * Pushes the issues of every unmet required key task of the open stages
 * `fromOpen`..`toOpen` (inclusive) onto `out` (nothing when all are met).
 */
export function checkGates(
  opportunity: Opportunity,
  pipeline: Pipeline,
  index: PipelineIndex,
  fromOpen: number,
  toOpen: number,
  ctx: EngineContext,
  out: FunnelIssue[],
): void {
  for (let s = fromOpen; s <= toOpen; s++) {
    const required = index.required[s]!;
    if (index.allManual[s] === true) {
      // Fast path: membership tests only; issues are built only for what is missing.
      const done = opportunity.completedTasks;
      for (let i = 0; i < required.length; i++) {
        const entry = required[i]!;
        if (!Object.hasOwn(done, entry.task.id)) checkTask(opportunity, pipeline, entry, ctx, out);
      }
    } else {
      for (const entry of required) checkTask(opportunity, pipeline, entry, ctx, out);
    }
  }
}
