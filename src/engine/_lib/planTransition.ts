import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { formatIssue } from '../../i18n/formatIssue.js';
import type { FunnelIssue } from '../../i18n/params.js';
import type { OpportunityEvent, OpportunityEventDraft } from '../../model/events.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { Pipeline } from '../../model/pipeline.js';
import { pipelineIndex, type PipelineIndex, type StageInfo } from '../../model/pipelineIndex.js';
import type { KeyTaskId } from '../../model/ids.js';
import type { KeyTask, Stage } from '../../model/stage.js';
import type { TransitionCommand } from '../types.js';
import { checkTime, eventBase, findGuard, issue, shown, without, type EngineContext } from './context.js';
import { checkGates } from './taskIssues.js';

type MoveKind = 'advance' | 'skip' | 'regress';

/** What an allowed command does, decided by the plan and carried out by `applyPlan`. */
export type Effect =
  | { readonly kind: 'stage'; readonly to: Stage; readonly move: MoveKind; readonly reason: string | undefined }
  | { readonly kind: 'win'; readonly stage: Stage }
  | { readonly kind: 'lose'; readonly stage: Stage; readonly reason: string; readonly competitor: string | undefined }
  | { readonly kind: 'suspend'; readonly reason: string | undefined }
  | { readonly kind: 'resume' }
  | {
      readonly kind: 'reopen';
      readonly stage: Stage;
      /** The reason given, recorded on the `reopened` event. */
      readonly reason: string | undefined;
      /** The move from the reopened stage, when `reopen { to }` names another one. */
      readonly thenMove: { readonly to: Stage; readonly move: MoveKind; readonly reason: string | undefined } | undefined;
    };

/** The verdict on a command: every issue, and the effect when there is none. */
export interface Plan {
  readonly issues: FunnelIssue[];
  readonly effect: Effect | undefined;
}

const COMMAND_TYPES = new Set(['advance', 'move', 'win', 'lose', 'suspend', 'resume', 'reopen']);

/** A command with plain-string stage ids (what every typed command is at run time). */
type Command = TransitionCommand<string>;

/** A string that is not blank, trimmed; undefined otherwise. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  return t.length === 0 ? undefined : t;
}

/**
 * Checks the command's shape at the boundary: an object with a known `type` and
 * fields of the right types. Every problem is an `invalid_command` issue with a path.
 */
export function validateCommand(command: unknown, ctx: EngineContext): FunnelIssue[] {
  if (typeof command !== 'object' || command === null) {
    return [issue(ctx, 'invalid_command', { reason: because('command_not_object') }, { path: [] })];
  }
  const c = command as Record<string, unknown>;
  const type = c['type'];
  if (typeof type !== 'string' || !COMMAND_TYPES.has(type)) {
    return [
      issue(ctx, 'invalid_command', { reason: because('unknown_command_type', { type: shown(type) }), type: shown(type) }, { path: ['type'] }),
    ];
  }
  const issues: FunnelIssue[] = [];
  switch (type) {
    case 'move':
      stageField(c, type, 'to', true, ctx, issues);
      textField(c, type, 'reason', ctx, issues);
      break;
    case 'win':
      stageField(c, type, 'stage', false, ctx, issues);
      break;
    case 'lose':
      stageField(c, type, 'stage', false, ctx, issues);
      textField(c, type, 'reason', ctx, issues);
      textField(c, type, 'competitor', ctx, issues);
      break;
    case 'suspend':
      textField(c, type, 'reason', ctx, issues);
      break;
    case 'reopen':
      stageField(c, type, 'to', false, ctx, issues);
      textField(c, type, 'reason', ctx, issues);
      break;
    default:
      break;
  }
  return issues;
}

// Module-level helpers rather than closures: the hot path allocates nothing it does not need.
function stageField(c: Record<string, unknown>, type: string, name: string, required: boolean, ctx: EngineContext, issues: FunnelIssue[]): void {
  const v = c[name];
  if (v === undefined && !required) return;
  if (typeof v !== 'string' || v.length === 0) {
    issues.push(issue(ctx, 'invalid_command', { reason: because('command_field_stage', { field: name, type }), field: name }, { path: [name] }));
  }
}

function textField(c: Record<string, unknown>, type: string, name: string, ctx: EngineContext, issues: FunnelIssue[]): void {
  const v = c[name];
  if (v !== undefined && typeof v !== 'string') {
    issues.push(issue(ctx, 'invalid_command', { reason: because('command_field_string', { field: name, type }), field: name }, { path: [name] }));
  }
}

/** The open stage the deal stood in most recently, by the ledger (open index), if any. */
export function lastOpenIndex(opportunity: Opportunity, index: PipelineIndex): number | undefined {
  const history = opportunity.history;
  for (let i = history.length - 1; i >= 0; i--) {
    const e: OpportunityEvent = history[i]!;
    const stageId = e.type === 'stage_changed' ? e.to : e.type === 'created' || e.type === 'reopened' ? e.stageId : undefined;
    if (stageId === undefined) continue;
    const entry = index.byId.get(stageId);
    if (entry !== undefined && entry.openIndex >= 0) return entry.openIndex;
  }
  return undefined;
}

function statusMatchesStage(status: string, stage: Stage): boolean {
  return status === 'open' || status === 'suspended' ? stage.kind === 'open' : status === stage.kind;
}

/** What the rules of one call share. */
interface Scope {
  readonly opportunity: Opportunity;
  readonly pipeline: Pipeline;
  readonly index: PipelineIndex;
  readonly ctx: EngineContext;
  readonly issues: FunnelIssue[];
  readonly current: StageInfo;
}

function suspendedIssue(sc: Scope): void {
  if (sc.opportunity.status === 'suspended') {
    sc.issues.push(issue(sc.ctx, 'opportunity_suspended', { stageId: sc.current.stage.id, stageName: sc.current.stage.name }, { stageId: sc.current.stage.id }));
  }
}

/** Checks a move between open stages under the pipeline's skip and backward policies and the gates. */
function checkMove(sc: Scope, from: number, to: number, reason: string | undefined): MoveKind {
  const { opportunity, pipeline, index, ctx, issues } = sc;
  const fromStage = index.open[from]!;
  const toStage = index.open[to]!;
  if (to > from) {
    if (to === from + 1) {
      checkGates(opportunity, pipeline, index, from, from, ctx, issues);
      return 'advance';
    }
    if ((pipeline.policy?.skip ?? 'gates') === 'forbid') {
      issues.push(issue(ctx, 'stage_skip_forbidden', { from: fromStage.id, to: toStage.id, fromName: fromStage.name, toName: toStage.name }, { stageId: toStage.id }));
    } else {
      checkGates(opportunity, pipeline, index, from, to - 1, ctx, issues);
    }
    return 'skip';
  }
  // Stryker disable next-line StringLiteral: the default is only compared with 'forbid' and 'reason', so any other word means allow
  const backward = pipeline.policy?.backward ?? 'allow';
  const params = { from: fromStage.id, to: toStage.id, fromName: fromStage.name, toName: toStage.name };
  if (backward === 'forbid') issues.push(issue(ctx, 'backward_move_forbidden', params, { stageId: toStage.id }));
  else if (backward === 'reason' && reason === undefined) {
    issues.push(issue(ctx, 'reason_required', { command: 'move back', ...params }, { stageId: toStage.id, path: ['reason'] }));
  }
  return 'regress';
}

/** Resolves a stage id named by the command, pushing `unknown_stage` when the pipeline lacks it. */
function target(sc: Scope, id: string, field: string): StageInfo | undefined {
  const entry = sc.index.byId.get(id);
  if (entry === undefined) sc.issues.push(issue(sc.ctx, 'unknown_stage', { stageId: id, pipelineId: sc.pipeline.id }, { path: [field], stageId: id }));
  return entry;
}

/** Resolves the optional won/lost stage of `win`/`lose`, checking its kind. */
function closingStage(sc: Scope, named: string | undefined, kind: 'won' | 'lost'): Stage | undefined {
  if (named === undefined) return kind === 'won' ? sc.index.firstWon : sc.index.firstLost;
  const stage = target(sc, named, 'stage')?.stage;
  if (stage !== undefined && stage.kind !== kind) {
    sc.issues.push(
      issue(sc.ctx, kind === 'won' ? 'stage_not_won' : 'stage_not_lost', { stageId: stage.id, stageName: stage.name, kind: stage.kind }, { path: ['stage'], stageId: stage.id }),
    );
  }
  return stage;
}

/** Resolves the open stage a `move`/`reopen` targets, or pushes why it cannot be one. */
function openTarget(sc: Scope, id: string): StageInfo | undefined {
  const to = target(sc, id, 'to');
  if (to === undefined) return undefined;
  if (to.openIndex < 0) {
    sc.issues.push(issue(sc.ctx, 'stage_not_open', { stageId: to.stage.id, stageName: to.stage.name, kind: to.stage.kind }, { path: ['to'], stageId: to.stage.id }));
    return undefined;
  }
  return to;
}

/**
 * `unknown_loss_reason` when the pipeline lists its loss reasons and `reason` (trimmed)
 * is none of them (each compared trimmed, exactly).
 */
function checkLossReason(sc: Scope, reason: string): void {
  const allowed = sc.pipeline.lossReasons;
  if (allowed === undefined || allowed.some((r) => r.trim() === reason)) return;
  const list = allowed.map((r) => r.trim());
  sc.issues.push(
    issue(sc.ctx, 'unknown_loss_reason', { lossReason: reason, allowed: { en: list.join(', '), 'zh-CN': list.join('、') } }, { path: ['reason'], stageId: sc.current.stage.id }),
  );
}

/** The key task a resume guard is shown as (see `GuardContext.purpose`). */
function resumeTask(name: string, ctx: EngineContext): KeyTask {
  return { id: '~resume' as KeyTaskId, title: ctx.locale === 'zh-CN' ? '恢复商机' : 'resume the deal', required: true, check: { kind: 'guard', name } };
}

/**
 * The pipeline's `resumeGuard`, when it has one: the registered guard must pass
 * (`resume_guard_missing` when none has the name; `resume_guard_failed` for `false`;
 * the guard's own issues, rendered in the caller's locale, for a list).
 */
function checkResumeGuard(sc: Scope): void {
  const name = sc.pipeline.policy?.resumeGuard;
  if (name === undefined) return;
  const { ctx, current, issues } = sc;
  const stage = current.stage;
  const where = { stageId: stage.id };
  const guard = findGuard(ctx, name);
  if (guard === undefined) {
    issues.push(issue(ctx, 'resume_guard_missing', { guard: name, stageId: stage.id, stageName: stage.name }, where));
    return;
  }
  const verdict = guard(sc.opportunity, { pipeline: sc.pipeline, stage, task: resumeTask(name, ctx), at: ctx.at, locale: ctx.locale, purpose: 'resume' });
  if (verdict === true) return;
  if (verdict === false) {
    issues.push(issue(ctx, 'resume_guard_failed', { guard: name, stageId: stage.id, stageName: stage.name }, where));
    return;
  }
  if (!Array.isArray(verdict)) throw new FunnelError('invalid_option', { option: `guards.${name}`, reason: because('guard_result_shape') });
  for (const found of verdict as readonly FunnelIssue[]) {
    if (typeof found !== 'object' || found === null) {
      throw new FunnelError('invalid_option', { option: `guards.${name}`, reason: because('guard_issue_shape') });
    }
    issues.push({ ...found, message: formatIssue(found, ctx.locale), stageId: found.stageId ?? stage.id });
  }
}

/**
 * Decides a command: all the issues that refuse it (nothing changes), or the effect.
 * Rules, in the order their issues are listed: command shape; pipeline and current
 * stage; time; closed and suspended states; the reopen policy; the target; skip and
 * backward policies; the key-task gates; the loss-reason list; the resume guard.
 */
export function planTransition(opportunity: Opportunity, pipeline: Pipeline, command: Command, ctx: EngineContext): Plan {
  const invalid = validateCommand(command, ctx);
  if (invalid.length > 0) return { issues: invalid, effect: undefined };
  const index = pipelineIndex(pipeline);
  const issues: FunnelIssue[] = [];
  if (opportunity.pipelineId !== pipeline.id) {
    issues.push(issue(ctx, 'pipeline_mismatch', { expected: pipeline.id, actual: opportunity.pipelineId }, { path: ['pipelineId'] }));
    return { issues, effect: undefined };
  }
  const current = index.byId.get(opportunity.stageId);
  if (current === undefined) {
    issues.push(issue(ctx, 'stage_not_in_pipeline', { stageId: opportunity.stageId, pipelineId: pipeline.id }, { path: ['stageId'], stageId: opportunity.stageId }));
    return { issues, effect: undefined };
  }
  if (!statusMatchesStage(opportunity.status, current.stage)) {
    issues.push(
      issue(ctx, 'status_stage_mismatch', { status: shown(opportunity.status), stageKind: current.stage.kind, stageId: current.stage.id, stageName: current.stage.name }, { path: ['status'], stageId: current.stage.id }),
    );
    return { issues, effect: undefined };
  }
  checkTime(opportunity, ctx, issues);

  const status = opportunity.status;
  const closed = status === 'won' || status === 'lost';
  if (closed && command.type !== 'reopen') {
    issues.push(issue(ctx, 'opportunity_closed', { status, stageId: current.stage.id, stageName: current.stage.name }, { stageId: current.stage.id }));
    return { issues, effect: undefined };
  }
  const sc: Scope = { opportunity, pipeline, index, ctx, issues, current };
  let effect: Effect | undefined;
  const from = current.openIndex;
  switch (command.type) {
    case 'advance': {
      suspendedIssue(sc);
      const next = index.open[from + 1];
      if (next === undefined) {
        issues.push(issue(ctx, 'no_next_stage', { stageId: current.stage.id, stageName: current.stage.name }, { stageId: current.stage.id }));
      } else {
        checkGates(opportunity, pipeline, index, from, from, ctx, issues);
        effect = { kind: 'stage', to: next, move: 'advance', reason: undefined };
      }
      break;
    }
    case 'move': {
      suspendedIssue(sc);
      const to = openTarget(sc, command.to);
      if (to === undefined) break;
      if (to.openIndex === from) {
        issues.push(issue(ctx, 'already_in_stage', { stageId: to.stage.id, stageName: to.stage.name }, { path: ['to'], stageId: to.stage.id }));
      } else {
        const reason = text(command.reason);
        effect = { kind: 'stage', to: to.stage, move: checkMove(sc, from, to.openIndex, reason), reason };
      }
      break;
    }
    case 'win': {
      suspendedIssue(sc);
      const stage = closingStage(sc, command.stage, 'won');
      // Winning leaves the current stage and passes every later open stage: all their gates apply.
      checkGates(opportunity, pipeline, index, from, index.open.length - 1, ctx, issues);
      if (stage !== undefined) effect = { kind: 'win', stage };
      break;
    }
    case 'lose': {
      suspendedIssue(sc);
      const stage = closingStage(sc, command.stage, 'lost');
      const reason = text(command.reason);
      if (reason === undefined) issues.push(issue(ctx, 'reason_required', { command: 'lose' }, { path: ['reason'], stageId: current.stage.id }));
      else checkLossReason(sc, reason);
      if (stage !== undefined && reason !== undefined) effect = { kind: 'lose', stage, reason, competitor: text(command.competitor) };
      break;
    }
    case 'suspend':
      suspendedIssue(sc);
      effect = { kind: 'suspend', reason: text(command.reason) };
      break;
    case 'resume':
      if (status !== 'suspended') issues.push(issue(ctx, 'opportunity_not_suspended', { status, stageId: current.stage.id }, { stageId: current.stage.id }));
      else checkResumeGuard(sc);
      effect = { kind: 'resume' };
      break;
    case 'reopen': {
      if (!closed) {
        issues.push(issue(ctx, 'opportunity_not_closed', { status, stageId: current.stage.id }, { stageId: current.stage.id }));
        break;
      }
      // Stryker disable next-line StringLiteral: the default is only compared with 'forbid' and 'reason', so any other word means allow
      const reopenPolicy = pipeline.policy?.reopen ?? 'allow';
      if (reopenPolicy === 'forbid') {
        issues.push(issue(ctx, 'reopen_forbidden', { status, stageId: current.stage.id, stageName: current.stage.name }, { stageId: current.stage.id }));
        break;
      }
      const reopenReason = text(command.reason);
      if (reopenPolicy === 'reason' && reopenReason === undefined) {
        issues.push(issue(ctx, 'reason_required', { command: 'reopen' }, { path: ['reason'], stageId: current.stage.id }));
      }
      // Back into the open stage the deal last stood in; a deal whose ledger never shows
      // one starts again at the top of the funnel. Reopening elsewhere is a move from
      // there, under the same policies and gates, so reopen can never jump a gate.
      const last = lastOpenIndex(opportunity, index) ?? 0;
      const stage = index.open[last]!;
      if (command.to === undefined) {
        effect = { kind: 'reopen', stage, reason: reopenReason, thenMove: undefined };
        break;
      }
      const to = openTarget(sc, command.to);
      if (to === undefined) break;
      if (to.openIndex === last) {
        effect = { kind: 'reopen', stage, reason: reopenReason, thenMove: undefined };
      } else {
        effect = {
          kind: 'reopen',
          stage,
          reason: reopenReason,
          thenMove: { to: to.stage, move: checkMove(sc, last, to.openIndex, reopenReason), reason: reopenReason },
        };
      }
      break;
    }
  }
  return { issues, effect: issues.length === 0 ? effect : undefined };
}

/**
 * Carries out an allowed plan: the new opportunity (a new object, its ledger not yet
 * extended) and the events to append. Clearing the overrides (both on a close; the
 * probability on a stage change or reopening under `probabilityOnStageChange: 'reset'`)
 * writes no `probability_changed` / `forecast_category_changed` event: the ledger check
 * and the replays (`opportunityAsOf`) apply the same rule to the stage event itself.
 */
export function applyPlan(
  opportunity: Opportunity,
  pipeline: Pipeline,
  effect: Effect,
  ctx: EngineContext,
): { opportunity: Opportunity; events: OpportunityEventDraft[] } {
  const events: OpportunityEventDraft[] = [];
  const reset = (pipeline.policy?.probabilityOnStageChange ?? 'reset') === 'reset';
  let next: Opportunity;
  switch (effect.kind) {
    case 'stage': {
      events.push({
        type: 'stage_changed',
        ...eventBase(ctx),
        from: opportunity.stageId,
        to: effect.to.id,
        kind: effect.move,
        ...(effect.reason === undefined ? {} : { reason: effect.reason }),
      });
      next = { ...(reset ? without(opportunity, 'probabilityOverride') : opportunity), stageId: effect.to.id };
      break;
    }
    case 'win': {
      events.push({ type: 'won', ...eventBase(ctx), stageId: effect.stage.id });
      next = {
        // A closed deal's probability (1) and category come from its stage.
        ...without(opportunity, 'probabilityOverride', 'forecastCategoryOverride', 'lossReason', 'competitor'),
        stageId: effect.stage.id,
        status: 'won',
        closedAt: eventBase(ctx).at,
      };
      break;
    }
    case 'lose': {
      events.push({
        type: 'lost',
        ...eventBase(ctx),
        stageId: effect.stage.id,
        reason: effect.reason,
        ...(effect.competitor === undefined ? {} : { competitor: effect.competitor }),
      });
      next = {
        ...without(opportunity, 'probabilityOverride', 'forecastCategoryOverride', 'competitor'),
        stageId: effect.stage.id,
        status: 'lost',
        closedAt: eventBase(ctx).at,
        lossReason: effect.reason,
        ...(effect.competitor === undefined ? {} : { competitor: effect.competitor }),
      };
      break;
    }
    case 'suspend':
      events.push({ type: 'suspended', ...eventBase(ctx), ...(effect.reason === undefined ? {} : { reason: effect.reason }) });
      next = { ...opportunity, status: 'suspended' };
      break;
    case 'resume':
      events.push({ type: 'resumed', ...eventBase(ctx) });
      next = { ...opportunity, status: 'open' };
      break;
    case 'reopen': {
      events.push({ type: 'reopened', ...eventBase(ctx), stageId: effect.stage.id, ...(effect.reason === undefined ? {} : { reason: effect.reason }) });
      let stageId = effect.stage.id;
      if (effect.thenMove !== undefined) {
        events.push({
          type: 'stage_changed',
          ...eventBase(ctx),
          from: effect.stage.id,
          to: effect.thenMove.to.id,
          kind: effect.thenMove.move,
          ...(effect.thenMove.reason === undefined ? {} : { reason: effect.thenMove.reason }),
        });
        stageId = effect.thenMove.to.id;
      }
      const base = without(opportunity, 'closedAt', 'lossReason', 'competitor');
      next = { ...(reset ? without(base, 'probabilityOverride') : base), stageId, status: 'open' };
      break;
    }
  }
  return { opportunity: next, events };
}
