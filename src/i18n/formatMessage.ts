import type { IssueCode, Locale } from './codes.js';
import type { ParamsOf } from './params.js';
import { renderIssue } from './_lib/renderIssue.js';

/**
 * Renders the message for `code` in `locale` from its params, with
 * {@link renderTemplate}: numbers, money, day counts and enum words are formatted for
 * the locale. `params` is typed by the code when the code is a literal; with a code
 * only known as `IssueCode` any params are accepted.
 *
 * Never throws: a missing param leaves its placeholder visible (`{stageId}`).
 *
 * @param code - The issue or error code.
 * @param params - Values for the placeholders.
 * @param locale - `'en'` (default) or `'zh-CN'`.
 * @returns The rendered message.
 * @throws Never.
 *
 * @example
 * ```ts
 * import { formatMessage } from 'sales-funnel';
 * formatMessage('unknown_stage', { stageId: 'demo' }, 'en'); //=> 'Unknown stage "demo".'
 * formatMessage('unknown_stage', { stageId: 'demo' }, 'zh-CN'); //=> '未知阶段“demo”。'
 * formatMessage('opportunity_closed', { status: 'won', stageId: 'won' }, 'zh-CN'); //=> '商机已赢单，请先重新打开。'
 * ```
 *
 * @category Messages
 */
export function formatMessage<C extends IssueCode>(code: C, params: ParamsOf<C>, locale: Locale = 'en'): string {
  return renderIssue(code, params, locale);
}
