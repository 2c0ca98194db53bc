import type { Locale } from '../i18n/codes.js';
import type { FunnelIssue } from '../i18n/params.js';
import type { BuyingRole } from '../model/buyingRole.js';
import type { Customer } from '../model/customer.js';
import type { Opportunity, OpportunityStatus } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { pipelineIndex } from '../model/pipelineIndex.js';
import type { KeyTaskCheck, Stage } from '../model/stage.js';
import type { InstantInput } from '../time/instant.js';
import { readOptions } from './_lib/context.js';
import { lastOpenIndex, planTransition } from './_lib/planTransition.js';
import { checkTask } from './_lib/taskIssues.js';
import type { KeyTaskGuards, TransitionCommand } from './types.js';

/**
 * Options for {@link nextSteps}.
 */
export interface NextStepsOptions {
  /** When the next move would happen (checked against the ledger, passed to guards): a `Date` or an ISO 8601 string with offset. */
  readonly at?: InstantInput;
  /** Named predicates for key tasks checked by `{ kind: 'guard', name }`. */
  readonly guards?: KeyTaskGuards;
  /**
   * The deal's customer (its contacts and ledger), for key tasks checked by
   * `{ kind: 'contact_met', role }`; without it such a task is unmet
   * (`contact_check_needs_customer`).
   */
  readonly customer?: Customer;
  /**
   * Locale of the messages: `'en'` or `'zh-CN'`.
   * @defaultValue `'en'`
   */
  readonly locale?: Locale;
}

/**
 * A key task (关键任务) that is not done yet, with what a UI needs to show it. `S` and
 * `T` are the pipeline's stage and task ids (see {@link Pipeline}).
 */
export interface NextStep<S extends string = string, T extends string = string> {
  /** The key task's id. */
  readonly taskId: T;
  /** Its title, as the pipeline names it. */
  readonly title: string;
  /** The stage it belongs to. */
  readonly stageId: S;
  /** That stage's name. */
  readonly stageName: string;
  /** Whether it gates the stage (optional tasks are listed but never block). */
  readonly required: boolean;
  /**
   * How it is satisfied: `manual` (mark it with `completeTask`), `field` (fill in the
   * data), `guard`, or `contact_met` (log an activity with a contact of `role`).
   */
  readonly check: KeyTaskCheck['kind'];
  /** For a `contact_met` task: the buying role still to be met (决策人, 技术选型人, …). */
  readonly role?: BuyingRole;
  /** Why it is not done, in the requested locale. */
  readonly issues: readonly FunnelIssue[];
}

/**
 * The answer to "what do I do now?" (现在我该干什么) for one deal. `command` can be
 * passed to {@link transition} as it is.
 */
export interface NextSteps<S extends string = string, T extends string = string> {
  /** The deal's status. */
  readonly status: OpportunityStatus;
  /** The stage the deal is in. */
  readonly stageId: string;
  /** That stage's name. */
  readonly stageName: string;
  /**
   * The move the deal is working toward: `advance` to the next open stage, `win` from
   * the last open stage, `resume` for a suspended deal, `reopen` for a closed one.
   */
  readonly command: TransitionCommand<S>;
  /** Where that move leads (the next open stage, the first won stage, the reopened stage). */
  readonly targetStageId: S | undefined;
  /** That stage's name. */
  readonly targetStageName: string | undefined;
  /** Required key tasks not yet done that stand between the deal and `targetStageId`, in pipeline order. */
  readonly blocking: readonly NextStep<S, T>[];
  /** Optional key tasks of the current stage not yet done. */
  readonly optional: readonly NextStep<S, T>[];
  /** Every issue that refuses `command` right now; empty means the move can be made. */
  readonly issues: readonly FunnelIssue[];
  /** `issues.length === 0`. */
  readonly ready: boolean;
}

/**
 * What stands between a deal and its next stage (现在我该干什么): the key tasks still to
 * do, with their titles, and the issues that would refuse the move now.
 *
 * For an open deal the move is `advance` (or `win` from the last open stage, whose
 * gates cover the current stage); `blocking` lists the unmet required tasks of the
 * current stage, `optional` the unmet optional ones. A suspended deal's move is
 * `resume`, but `blocking` still lists what its stage needs. A closed deal's move is
 * `reopen` and nothing blocks it.
 *
 * A `contact_met` step names the buying role still to be met (`role`), and its issue
 * (`contact_not_met`) says so in the locale; pass the deal's customer as `customer` so
 * that its contacts can be read.
 *
 * @param opportunity - The deal.
 * @param pipeline - Its pipeline.
 * @param options - `at`, `guards`, `customer`, `locale`.
 * @returns The next move, the tasks in its way, and its issues.
 * @throws {@link FunnelError} `invalid_option` for an invalid `at`, unknown locale or
 *   malformed guard; `invalid_argument` for a pipeline without open, won and lost stages.
 * @category Engine
 *
 * @example
 * ```ts
 * import { nextSteps, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deal: Opportunity;
 * declare const pipeline: Pipeline;
 * for (const step of nextSteps(deal, pipeline, { locale: 'zh-CN' }).blocking) console.log(`□ ${step.title}`);
 * ```
 */
export function nextSteps<S extends string = string, T extends string = string>(
  opportunity: Opportunity,
  pipeline: Pipeline<S, T>,
  options: NextStepsOptions = {},
): NextSteps<S, T> {
  const ctx = readOptions(options, false);
  const index = pipelineIndex(pipeline);
  const current = index.byId.get(opportunity.stageId);
  const closed = opportunity.status === 'won' || opportunity.status === 'lost';
  let command: TransitionCommand;
  let target: Stage | undefined;
  if (closed) {
    command = { type: 'reopen' };
    // Reopening goes back to the open stage the ledger last saw the deal in.
    target = index.open[lastOpenIndex(opportunity, index) ?? 0];
  } else if (opportunity.status === 'suspended') command = { type: 'resume' };
  else if (current !== undefined && current.openIndex >= 0 && current.openIndex + 1 < index.open.length) {
    command = { type: 'advance' };
    target = index.open[current.openIndex + 1];
  } else {
    command = { type: 'win' };
    target = index.firstWon;
  }

  const blocking: NextStep[] = [];
  const optional: NextStep[] = [];
  if (!closed && current !== undefined && current.openIndex >= 0 && opportunity.pipelineId === pipeline.id) {
    for (const task of current.stage.keyTasks) {
      const entry = index.tasks.get(task.id);
      if (entry === undefined || entry.task !== task) continue;
      const why: FunnelIssue[] = [];
      if (checkTask(opportunity, pipeline, entry, ctx, why)) continue;
      const step: NextStep = {
        taskId: task.id,
        title: task.title,
        stageId: current.stage.id,
        stageName: current.stage.name,
        required: task.required,
        check: task.check.kind,
        ...(task.check.kind === 'contact_met' ? { role: task.check.role } : {}),
        issues: why,
      };
      (task.required ? blocking : optional).push(step);
    }
  }
  const issues = planTransition(opportunity, pipeline, command, ctx).issues;
  // The ids come from the pipeline itself, so they are its S and T.
  return {
    status: opportunity.status,
    stageId: opportunity.stageId,
    stageName: current?.stage.name ?? opportunity.stageId,
    command: command as TransitionCommand<S>,
    targetStageId: target?.id as S | undefined,
    targetStageName: target?.name,
    blocking: blocking as NextStep<S, T>[],
    optional: optional as NextStep<S, T>[],
    issues,
    ready: issues.length === 0,
  };
}
