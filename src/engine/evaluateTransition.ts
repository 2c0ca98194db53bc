import type { Locale } from '../i18n/codes.js';
import type { FunnelIssue } from '../i18n/params.js';
import type { Customer } from '../model/customer.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import type { InstantInput } from '../time/instant.js';
import { replayOrConflict } from './_lib/change.js';
import { readOptions } from './_lib/context.js';
import { planTransition } from './_lib/planTransition.js';
import type { KeyTaskGuards, TransitionCommand } from './types.js';

/**
 * Options for {@link evaluateTransition}. Without `at` the time rule is not checked
 * (and guards see `at: undefined`); pass the options you will pass to
 * {@link transition} to get exactly its verdict.
 */
export interface EvaluateTransitionOptions {
  /** When the change would happen: a `Date` or an ISO 8601 string with offset. */
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
  /** The ledger length the caller read; a different one gives `version_conflict`, as in {@link transition}. */
  readonly expectedVersion?: number;
  /** The key the command would carry; when the ledger already holds it, the command would be replayed (no issues). */
  readonly idempotencyKey?: string;
}

/**
 * The dry run of {@link transition}: every issue that would refuse the command, or an
 * empty array when it is allowed. Nothing is changed. With the same `at`, guards,
 * locale, `expectedVersion` and `idempotencyKey`, `evaluateTransition(...)` is empty
 * exactly when `transition(...)` succeeds, and lists the same issues otherwise. Use it
 * to enable or disable buttons in a UI.
 *
 * @param opportunity - The deal.
 * @param pipeline - Its pipeline.
 * @param command - The command to check.
 * @param options - `at`, `guards`, `customer`, `locale`, `expectedVersion`, `idempotencyKey`.
 * @returns All issues; empty means allowed.
 * @throws {@link FunnelError} `invalid_option` for an invalid `at`, unknown locale,
 *   malformed guard, `expectedVersion` or `idempotencyKey`; `invalid_argument` for a
 *   pipeline without open, won and lost stages.
 * @category Engine
 *
 * @example
 * ```ts
 * import { evaluateTransition, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deal: Opportunity;
 * declare const pipeline: Pipeline;
 * const canWin = evaluateTransition(deal, pipeline, { type: 'win' }).length === 0;
 * ```
 */
export function evaluateTransition<S extends string = string>(
  opportunity: Opportunity,
  pipeline: Pipeline<S>,
  command: TransitionCommand<NoInfer<S>>,
  options: EvaluateTransitionOptions = {},
): FunnelIssue[] {
  const ctx = readOptions(options, false);
  const early = replayOrConflict(opportunity, ctx);
  if (early !== undefined) return early.ok ? [] : [...early.issues];
  return planTransition(opportunity, pipeline, command, ctx).issues;
}
