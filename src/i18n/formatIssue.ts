import type { IssueCode, Locale } from './codes.js';
import type { IssueParams } from './params.js';
import { renderIssue } from './_lib/renderIssue.js';

// Where these lived in 0.1; kept so imports from this module keep working.
export { formatMessage } from './formatMessage.js';
export { makeIssue, type MakeIssueOptions } from './makeIssue.js';
export type { FunnelIssue, IssueParams } from './params.js';

/**
 * Re-renders an issue's message in another locale (the code and params carry all the
 * information; the message is only a view of them). Takes any stored issue, typed or
 * read back from JSON.
 *
 * @param issue - Any issue produced by this library (its `code` and `params`).
 * @param locale - Target locale, `'en'` (default) or `'zh-CN'`.
 * @returns The message in that locale.
 * @throws Never: missing params leave their placeholders visible.
 *
 * @example
 * ```ts
 * import { formatIssue } from 'sales-funnel';
 * const issue = { code: 'reason_required', params: { command: 'lose' }, message: '' } as const;
 * formatIssue(issue, 'en'); //=> 'A reason is required to lose.'
 * formatIssue(issue, 'zh-CN'); //=> '输单需要填写原因。'
 * ```
 *
 * @category Messages
 */
export function formatIssue(issue: { readonly code: IssueCode; readonly params: IssueParams }, locale: Locale = 'en'): string {
  return renderIssue(issue?.code, issue?.params, locale);
}
