import type { Locale } from '../i18n/codes.js';
import type { FunnelIssue } from '../i18n/formatIssue.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { readOptions } from './_lib/context.js';
import { planTransition } from './_lib/planTransition.js';
import type { TransitionCommand } from './transition.js';
import type { KeyTaskGuards } from './types.js';

/**
 * Options for {@link evaluateTransition}. Without `at` the time rule is not checked
 * (and guards see `at: undefined`); pass the `at` you will pass to
 * {@link transition} to get exactly its verdict.
 *
 * @example
 * ```ts
 * import type { EvaluateTransitionOptions } from 'sales-funnel';
 * const options: EvaluateTransitionOptions = { at: new Date('2026-03-02T01:00:00Z'), locale: 'en' };
 * ```
 */
export interface EvaluateTransitionOptions {
  /** When the change would happen. */
  readonly at?: Date;
  /** Named predicates for key tasks checked by `{ kind: 'guard', name }`. */
  readonly guards?: KeyTaskGuards;
  /** Locale of the messages: `'en'` (default) or `'zh-CN'`. */
  readonly locale?: Locale;
}

/**
 * The dry run of {@link transition}: every issue that would refuse the command, or an
 * empty array when it is allowed. Nothing is changed. With the same `at`, guards and
 * locale, `evaluateTransition(...)` is empty exactly when `transition(...)` succeeds,
 * and lists the same issues otherwise. Use it to enable or disable buttons in a UI.
 *
 * @param opportunity - The deal.
 * @param pipeline - Its pipeline.
 * @param command - The command to check.
 * @param options - `at`, `guards`, `locale`.
 * @returns All issues; empty means allowed.
 * @throws {@link FunnelError} `invalid_option` for an invalid `at`, unknown locale or
 *   malformed guard; `invalid_argument` for a pipeline without open, won and lost stages.
 *
 * @example
 * ```ts
 * import { evaluateTransition, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deal: Opportunity;
 * declare const pipeline: Pipeline;
 * const canWin = evaluateTransition(deal, pipeline, { type: 'win' }).length === 0;
 * ```
 */
export function evaluateTransition(
  opportunity: Opportunity,
  pipeline: Pipeline,
  command: TransitionCommand,
  options: EvaluateTransitionOptions = {},
): FunnelIssue[] {
  return planTransition(opportunity, pipeline, command, readOptions(options, false)).issues;
}
