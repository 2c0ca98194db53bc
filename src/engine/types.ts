import type { Locale } from '../i18n/codes.js';
import type { FunnelIssue } from '../i18n/formatIssue.js';
import type { OpportunityEvent } from '../model/events.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import type { KeyTask, Stage } from '../model/stage.js';

/**
 * What a guard is told besides the opportunity: the pipeline, the stage and key task
 * (关键任务) it is checking, the time of the change (absent in a dry run without `at`),
 * and the locale its issues should be written in.
 *
 * @example
 * ```ts
 * import type { GuardContext } from 'sales-funnel';
 * const describe = (c: GuardContext) => `${c.stage.name} / ${c.task.title}`;
 * ```
 */
export interface GuardContext {
  /** The pipeline being enforced. */
  readonly pipeline: Pipeline;
  /** The stage whose key task is being checked. */
  readonly stage: Stage;
  /** The key task whose `check` names this guard. */
  readonly task: KeyTask;
  /** When the change would happen; `undefined` when the caller evaluates without a time. */
  readonly at: Date | undefined;
  /** Locale for any issue the guard returns. */
  readonly locale: Locale;
}

/**
 * A named predicate registered by the caller for key tasks whose check is
 * `{ kind: 'guard', name }`. Unlike a yes/no guard, it may say *why*: return issues
 * (an empty array means pass) or a boolean (`false` becomes one `guard_failed` issue).
 * Guards must be pure; the engine may call them more than once per evaluation.
 *
 * @example
 * ```ts
 * import { makeIssue, type KeyTaskGuard } from 'sales-funnel';
 * const creditApproved: KeyTaskGuard = (deal, { locale }) =>
 *   deal.attributes['creditLimit'] === undefined
 *     ? [makeIssue('guard_failed', { guard: 'creditApproved', title: 'Credit check', detail: ': no credit limit on file' }, { locale })]
 *     : [];
 * ```
 */
export type KeyTaskGuard = (opportunity: Opportunity, context: GuardContext) => readonly FunnelIssue[] | boolean;

/**
 * The guards a caller registers with the engine, by name.
 *
 * @example
 * ```ts
 * import type { KeyTaskGuards } from 'sales-funnel';
 * const guards: KeyTaskGuards = { contractSigned: (deal) => deal.attributes['contractNo'] !== undefined };
 * ```
 */
export type KeyTaskGuards = Readonly<Record<string, KeyTaskGuard>>;

/**
 * Options shared by every engine function that changes an opportunity.
 *
 * @example
 * ```ts
 * import type { EngineChangeOptions } from 'sales-funnel';
 * const options: EngineChangeOptions = { at: new Date('2026-03-02T09:00:00+08:00'), by: 'rep-zhang', locale: 'zh-CN' };
 * ```
 */
export interface EngineChangeOptions {
  /** When the change happens; must not be earlier than the last ledger event. */
  readonly at: Date;
  /** Who makes the change (recorded on the events). */
  readonly by?: string;
  /** Locale of the issue messages: `'en'` (default) or `'zh-CN'`. */
  readonly locale?: Locale;
}

/**
 * The result of every engine function that changes an opportunity: the new
 * opportunity and the events appended to its ledger, or every issue that refused the
 * change. The input opportunity is never modified.
 *
 * @example
 * ```ts
 * import type { EngineResult } from 'sales-funnel';
 * declare const r: EngineResult;
 * if (r.ok) r.opportunity.history.length;
 * else r.issues.map((i) => i.message);
 * ```
 */
export type EngineResult =
  | { readonly ok: true; readonly opportunity: Opportunity; readonly events: readonly OpportunityEvent[] }
  | { readonly ok: false; readonly issues: readonly FunnelIssue[] };
