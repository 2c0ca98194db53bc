import type { FunnelIssue } from '../../i18n/formatIssue.js';
import type { OpportunityEvent } from '../../model/events.js';
import type { StageId } from '../../model/ids.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { Pipeline } from '../../model/pipeline.js';
import type { Stage } from '../../model/stage.js';
import type { TransitionCommand } from '../transition.js';
import { checkTime, eventBase, issue, without, type EngineContext } from './context.js';
import { pipelineIndex, type PipelineIndex, type StageEntry } from './pipelineIndex.js';
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
      readonly then: { readonly to: Stage; readonly move: MoveKind; readonly reason: string | undefined } | undefined;
    };

/** The verdict on a command: every issue, and the effect when there is none. */
export interface Plan {
  readonly issues: FunnelIssue[];
  readonly effect: Effect | undefined;
  readonly index: PipelineIndex | undefined;
}

const COMMAND_TYPES = new Set(['advance', 'move', 'win', 'lose', 'suspend', 'resume', 'reopen']);

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
    return [issue(ctx, 'invalid_command', { reason: 'a command must be an object with a "type"' }, { path: [] })];
  }
  const c = command as Record<string, unknown>;
  const type = c['type'];
  if (typeof type !== 'string' || !COMMAND_TYPES.has(type)) {
    return [
      issue(ctx, 'invalid_command', { reason: `unknown command type "${String(type)}"; expected advance, move, win, lose, suspend, resume or reopen`, type: String(type) }, { path: ['type'] }),
    ];
  }
  const issues: FunnelIssue[] = [];
  const stageField = (name: string, required: boolean) => {
    const v = c[name];
    if (v === undefined && !required) return;
    if (typeof v !== 'string' || v.length === 0) {
      issues.push(issue(ctx, 'invalid_command', { reason: `"${name}" of a ${type} command must be a stage id`, field: name }, { path: [name] }));
    }
  };
  const textField = (name: string) => {
    const v = c[name];
    if (v !== undefined && typeof v !== 'string') {
      issues.push(issue(ctx, 'invalid_command', { reason: `"${name}" of a ${type} command must be a string`, field: name }, { path: [name] }));
    }
  };
  switch (type) {
    case 'move':
      stageField('to', true);
      textField('reason');
      break;
    case 'win':
      stageField('stage', false);
      break;
    case 'lose':
      stageField('stage', false);
      textField('reason');
      textField('competitor');
      break;
    case 'suspend':
      textField('reason');
      break;
    case 'reopen':
      stageField('to', false);
      textField('reason');
      break;
    default:
      break;
  }
  return issues;
}

/** The open stage the deal stood in most recently, by the ledger (open index), if any. */
export function lastOpenIndex(opportunity: Opportunity, index: PipelineIndex): number | undefined {
  const history = opportunity.history;
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i] as OpportunityEvent;
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

/**
 * Decides a command: all the issues that refuse it (nothing changes), or the effect.
 * Rules, in the order their issues are listed: command shape; pipeline and current
 * stage; time; closed and suspended states; the target; skip and backward policies;
 * the key-task gates.
 */
export function planTransition(opportunity: Opportunity, pipeline: Pipeline, command: TransitionCommand, ctx: EngineContext): Plan {
  const invalid = validateCommand(command, ctx);
  if (invalid.length > 0) return { issues: invalid, effect: undefined, index: undefined };
  const index = pipelineIndex(pipeline);
  const issues: FunnelIssue[] = [];
  if (opportunity.pipelineId !== pipeline.id) {
    issues.push(issue(ctx, 'pipeline_mismatch', { expected: pipeline.id, actual: opportunity.pipelineId }, { path: ['pipelineId'] }));
    return { issues, effect: undefined, index };
  }
  const current = index.byId.get(opportunity.stageId);
  if (current === undefined) {
    issues.push(issue(ctx, 'stage_not_in_pipeline', { stageId: opportunity.stageId, pipelineId: pipeline.id }, { path: ['stageId'], stageId: opportunity.stageId }));
    return { issues, effect: undefined, index };
  }
  if (!statusMatchesStage(opportunity.status, current.stage)) {
    issues.push(
      issue(ctx, 'status_stage_mismatch', { status: String(opportunity.status), stageKind: current.stage.kind, stageId: current.stage.id }, { path: ['status'], stageId: current.stage.id }),
    );
    return { issues, effect: undefined, index };
  }
  checkTime(opportunity, ctx, issues);

  const status = opportunity.status;
  const closed = status === 'won' || status === 'lost';
  const here = { stageId: current.stage.id };
  if (closed && command.type !== 'reopen') {
    issues.push(issue(ctx, 'opportunity_closed', { status, stageId: current.stage.id, stageName: current.stage.name }, here));
    return { issues, effect: undefined, index };
  }
  const suspendedIssue = () => {
    if (status === 'suspended') issues.push(issue(ctx, 'opportunity_suspended', { stageId: current.stage.id, stageName: current.stage.name }, here));
  };
  const policy = pipeline.policy;

  /** Checks a move between open stages under the pipeline's policies and gates. */
  const checkMove = (from: number, to: number, reason: string | undefined): MoveKind => {
    const fromStage = index.open[from] as Stage;
    const toStage = index.open[to] as Stage;
    const params = { from: fromStage.id, to: toStage.id, fromName: fromStage.name, toName: toStage.name };
    if (to > from) {
      if (to === from + 1) {
        checkGates(opportunity, pipeline, index, from, from, ctx, issues);
        return 'advance';
      }
      if ((policy?.skip ?? 'gates') === 'forbid') {
        issues.push(issue(ctx, 'stage_skip_forbidden', params, { stageId: toStage.id }));
      } else {
        checkGates(opportunity, pipeline, index, from, to - 1, ctx, issues);
      }
      return 'skip';
    }
    const backward = policy?.backward ?? 'allow';
    if (backward === 'forbid') issues.push(issue(ctx, 'backward_move_forbidden', params, { stageId: toStage.id }));
    else if (backward === 'reason' && reason === undefined) {
      issues.push(issue(ctx, 'reason_required', { command: 'move back', ...params }, { stageId: toStage.id, path: ['reason'] }));
    }
    return 'regress';
  };

  /** Resolves a stage id named by the command, pushing `unknown_stage` when it is not in the pipeline. */
  const target = (id: string, field: string): StageEntry | undefined => {
    const entry = index.byId.get(id);
    if (entry === undefined) issues.push(issue(ctx, 'unknown_stage', { stageId: id, pipelineId: pipeline.id }, { path: [field], stageId: id }));
    return entry;
  };

  let effect: Effect | undefined;
  const from = current.openIndex;
  switch (command.type) {
    case 'advance': {
      suspendedIssue();
      const next = index.open[from + 1];
      if (next === undefined) {
        issues.push(issue(ctx, 'no_next_stage', { stageId: current.stage.id, stageName: current.stage.name }, here));
      } else {
        checkGates(opportunity, pipeline, index, from, from, ctx, issues);
        effect = { kind: 'stage', to: next, move: 'advance', reason: undefined };
      }
      break;
    }
    case 'move': {
      suspendedIssue();
      const to = target(command.to, 'to');
      if (to === undefined) break;
      if (to.openIndex < 0) {
        issues.push(issue(ctx, 'stage_not_open', { stageId: to.stage.id, stageName: to.stage.name, kind: to.stage.kind }, { path: ['to'], stageId: to.stage.id }));
      } else if (to.openIndex === from) {
        issues.push(issue(ctx, 'already_in_stage', { stageId: to.stage.id, stageName: to.stage.name }, { path: ['to'], stageId: to.stage.id }));
      } else {
        const reason = text(command.reason);
        effect = { kind: 'stage', to: to.stage, move: checkMove(from, to.openIndex, reason), reason };
      }
      break;
    }
    case 'win': {
      suspendedIssue();
      let stage: Stage | undefined = index.firstWon;
      if (command.stage !== undefined) {
        stage = target(command.stage, 'stage')?.stage;
        if (stage !== undefined && stage.kind !== 'won') {
          issues.push(issue(ctx, 'stage_not_won', { stageId: stage.id, stageName: stage.name, kind: stage.kind }, { path: ['stage'], stageId: stage.id }));
        }
      }
      // Winning leaves the current stage and passes every later open stage: all their gates apply.
      checkGates(opportunity, pipeline, index, from, index.open.length - 1, ctx, issues);
      if (stage !== undefined) effect = { kind: 'win', stage };
      break;
    }
    case 'lose': {
      suspendedIssue();
      let stage: Stage | undefined = index.firstLost;
      if (command.stage !== undefined) {
        stage = target(command.stage, 'stage')?.stage;
        if (stage !== undefined && stage.kind !== 'lost') {
          issues.push(issue(ctx, 'stage_not_lost', { stageId: stage.id, stageName: stage.name, kind: stage.kind }, { path: ['stage'], stageId: stage.id }));
        }
      }
      const reason = text(command.reason);
      if (reason === undefined) issues.push(issue(ctx, 'reason_required', { command: 'lose' }, { path: ['reason'], stageId: current.stage.id }));
      if (stage !== undefined && reason !== undefined) effect = { kind: 'lose', stage, reason, competitor: text(command.competitor) };
      break;
    }
    case 'suspend':
      suspendedIssue();
      effect = { kind: 'suspend', reason: text(command.reason) };
      break;
    case 'resume':
      if (status !== 'suspended') issues.push(issue(ctx, 'opportunity_not_suspended', { status, stageId: current.stage.id }, here));
      effect = { kind: 'resume' };
      break;
    case 'reopen': {
      if (!closed) {
        issues.push(issue(ctx, 'opportunity_not_closed', { status, stageId: current.stage.id }, here));
        break;
      }
      // Back into the open stage the deal last stood in; a deal whose ledger never shows
      // one starts again at the top of the funnel. Reopening elsewhere is a move from
      // there, under the same policies and gates, so reopen can never jump a gate.
      const last = lastOpenIndex(opportunity, index) ?? 0;
      const stage = index.open[last] as Stage;
      if (command.to === undefined) {
        effect = { kind: 'reopen', stage, then: undefined };
        break;
      }
      const to = target(command.to, 'to');
      if (to === undefined) break;
      if (to.openIndex < 0) {
        issues.push(issue(ctx, 'stage_not_open', { stageId: to.stage.id, stageName: to.stage.name, kind: to.stage.kind }, { path: ['to'], stageId: to.stage.id }));
      } else if (to.openIndex === last) {
        effect = { kind: 'reopen', stage, then: undefined };
      } else {
        const reason = text(command.reason);
        effect = { kind: 'reopen', stage, then: { to: to.stage, move: checkMove(last, to.openIndex, reason), reason } };
      }
      break;
    }
  }
  return { issues, effect: issues.length === 0 ? effect : undefined, index };
}

/** Carries out an allowed plan: the new opportunity (a new object) and the appended events. */
export function applyPlan(
  opportunity: Opportunity,
  pipeline: Pipeline,
  effect: Effect,
  ctx: EngineContext,
): { opportunity: Opportunity; events: OpportunityEvent[] } {
  const events: OpportunityEvent[] = [];
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
      events.push({ type: 'reopened', ...eventBase(ctx), stageId: effect.stage.id as StageId });
      let stageId = effect.stage.id;
      if (effect.then !== undefined) {
        events.push({
          type: 'stage_changed',
          ...eventBase(ctx),
          from: effect.stage.id,
          to: effect.then.to.id,
          kind: effect.then.move,
          ...(effect.then.reason === undefined ? {} : { reason: effect.then.reason }),
        });
        stageId = effect.then.to.id;
      }
      const base = without(opportunity, 'closedAt', 'lossReason', 'competitor');
      next = { ...(reset ? without(base, 'probabilityOverride') : base), stageId, status: 'open' };
      break;
    }
  }
  return { opportunity: { ...next, history: [...opportunity.history, ...events] }, events };
}
