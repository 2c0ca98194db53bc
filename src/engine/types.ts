import type { Locale } from '../i18n/codes.js';
import type { FunnelIssue } from '../i18n/params.js';
import type { OpportunityEvent } from '../model/events.js';
import type { InstantInput } from '../time/instant.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import type { KeyTask, Stage } from '../model/stage.js';

/**
 * What a guard is told besides the opportunity: the pipeline, the stage and key task
 * (关键任务) it is checking, the time of the change (absent in a dry run without `at`),
 * and the locale its issues should be written in.
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
  /**
   * What the guard is asked about: `'resume'` for the pipeline's `resumeGuard`, asked
   * before a suspended deal (中止) resumes; absent (or `'key_task'`) for a key task whose
   * check names the guard. For a resume, `stage` is the deal's stage and `task` stands
   * for the resume itself: id `~resume`, a title naming it in the locale, check
   * `{ kind: 'guard', name }`.
   */
  readonly purpose?: 'key_task' | 'resume';
}

/**
 * A named predicate registered by the caller for key tasks whose check is
 * `{ kind: 'guard', name }`. Unlike a yes/no guard, it may say *why*: return issues
 * (an empty array means pass) or a boolean (`false` becomes one `guard_failed` issue).
 * Guards must be pure; the engine may call them more than once per evaluation.
 *
 * The engine renders the messages of the issues a guard returns in the caller's locale
 * (the code and params carry the meaning; a message is a view of them). Give the
 * `detail` of a `guard_failed` issue as `{ en, 'zh-CN' }` text so that it reads right in
 * either locale, also when {@link formatIssue} renders the issue again later; a plain
 * string detail is shown as it is in every locale.
 *
 * @example
 * ```ts
 * import { makeIssue, type KeyTaskGuard } from 'sales-funnel';
 * const creditApproved: KeyTaskGuard = (deal, { task, locale }) =>
 *   deal.attributes['creditLimit'] === undefined
 *     ? [makeIssue('guard_failed', { guard: 'creditApproved', title: task.title, detail: { en: 'no credit limit on file', 'zh-CN': '未登记信用额度' } }, { locale })]
 *     : [];
 * ```
 */
export type KeyTaskGuard = (opportunity: Opportunity, context: GuardContext) => readonly FunnelIssue[] | boolean;

/**
 * The guards a caller registers with the engine, by name.
 */
export type KeyTaskGuards = Readonly<Record<string, KeyTaskGuard>>;

/**
 * Options shared by every engine function that changes an opportunity.
 *
 * **Storing the ledger.** A CRM that keeps deals in a database reads a deal, decides,
 * and appends the new events. Two fields make that safe:
 *
 * - `expectedVersion`: the version (ledger length, `history.length`) the caller read.
 *   When the ledger has grown since, the command is refused with the single issue
 *   `version_conflict` (read the deal again and decide again). Leave it out to skip the
 *   check.
 * - `idempotencyKey`: a key naming this command (a request id, a UUID). The events the
 *   command appends carry it as their `id` (the first event the key itself, later ones
 *   `key#2`, `key#3`, …). When the ledger already holds events with that key, the
 *   command was applied before: it is not applied again, and the result is
 *   `{ ok: true, opportunity, events, replayed: true }` with the opportunity unchanged
 *   and the events it appended then, whatever `expectedVersion` and `at` say now. So a
 *   retry after a lost response is safe. The key is not compared with the command: one
 *   key, one command. A command that appended nothing (a no-op) leaves no trace, so it is
 *   decided again.
 *
 * The replay check comes first, then the version check, then every other rule.
 */
export interface EngineChangeOptions {
  /** When the change happens: a `Date` or an ISO 8601 string with offset; not earlier than the last ledger event. */
  readonly at: InstantInput;
  /** Who makes the change (recorded on the events). */
  readonly by?: string;
  /**
   * Locale of the issue messages: `'en'` or `'zh-CN'`.
   * @defaultValue `'en'`
   */
  readonly locale?: Locale;
  /** The ledger length the caller read; a different one gives `version_conflict`. Not checked when absent. */
  readonly expectedVersion?: number;
  /** A key naming this command, recorded as the `id` of the events it appends; a repeated key replays them. At most 190 characters. */
  readonly idempotencyKey?: string;
}

/**
 * The result of every engine function that changes an opportunity: the new
 * opportunity and the events appended to its ledger (each with its `seq`, and with the
 * idempotency key as `id` when one was given), or every issue that refused the change.
 * `replayed` is true when an earlier command with the same idempotency key had already
 * appended `events` (nothing new was appended). The input opportunity is never modified.
 */
export type EngineResult =
  | {
      readonly ok: true;
      readonly opportunity: Opportunity;
      readonly events: readonly OpportunityEvent[];
      /** True when the command's idempotency key was found in the ledger and nothing was appended. */
      readonly replayed: boolean;
    }
  | { readonly ok: false; readonly issues: readonly FunnelIssue[] };

/**
 * A stage command for {@link transition} and {@link evaluateTransition}.
 *
 * - `advance`: to the next open stage.
 * - `move { to, reason? }`: to any open stage; forward past stages is a skip, backward
 *   a regression (`reason` is recorded, and required under backward policy `reason`).
 * - `win { stage? }`: into the first won stage of the pipeline, or the named won stage.
 * - `lose { reason, competitor?, stage? }`: into the first (or the named) lost stage;
 *   the reason is required, the competitor who won is recorded when given.
 * - `suspend { reason? }` (中止) and `resume`.
 * - `reopen { to?, reason? }`: a closed deal back into the open stage it last stood
 *   in, or into `to` (a move from that stage, under the same policies and gates).
 *
 * `S` is the union of the pipeline's stage ids: plain `string` for a pipeline read at
 * run time (`parsePipeline`), the literal ids for one declared in code with
 * {@link definePipeline}, so that a misspelt stage id does not compile.
 *
 * @example
 * ```ts
 * import type { TransitionCommand } from 'sales-funnel';
 * const commands: TransitionCommand[] = [
 *   { type: 'advance' },
 *   { type: 'move', to: 'negotiation' },
 *   { type: 'lose', reason: '价格过高', competitor: 'Globex' },
 * ];
 * const typed: TransitionCommand<'lead' | 'quote'> = { type: 'move', to: 'quote' };
 * ```
 */
export type TransitionCommand<S extends string = string> =
  | { readonly type: 'advance' }
  | { readonly type: 'move'; readonly to: S; readonly reason?: string }
  | { readonly type: 'win'; readonly stage?: S }
  | { readonly type: 'lose'; readonly reason: string; readonly competitor?: string; readonly stage?: S }
  | { readonly type: 'suspend'; readonly reason?: string }
  | { readonly type: 'resume' }
  | { readonly type: 'reopen'; readonly to?: S; readonly reason?: string };
