import type { IssueParams, Reason } from './params.js';
import { REASONS, type ReasonCode } from './reasons.js';
import { renderTemplate } from './renderTemplate.js';

/**
 * The reason a value is refused, by its code in {@link REASONS}, rendered in every
 * supported locale: what the library puts in the `reason` of `invalid_option`,
 * `invalid_argument`, `invalid_amount`, `invalid_weights` and `invalid_command` (and in
 * the `what` of `limit_exceeded`), so that the message reads in the reader's language
 * and a program can branch on `reason.code`.
 *
 * @param code - The reason's code.
 * @param params - Values for the placeholders of its texts.
 * @returns The reason: its code, its params (when there are any) and its text per locale.
 * @throws Never: a missing param leaves its placeholder visible.
 *
 * @example
 * ```ts
 * import { because, FunnelError } from 'sales-funnel';
 * const e = new FunnelError('invalid_option', { option: 'groupBy', reason: because('listed_twice', { key: 'owner' }) });
 * e.message; //=> 'Invalid option "groupBy": "owner" is listed twice.'
 * e.localizedMessage('zh-CN'); //=> '选项“groupBy”无效：“owner”重复出现。'
 * e.params.reason.code; //=> 'listed_twice'
 * ```
 *
 * @category Messages
 */
export function because(code: ReasonCode, params?: IssueParams): Reason {
  const templates = REASONS[code];
  const given = params !== undefined && Object.keys(params).length > 0 ? params : undefined;
  return {
    code,
    ...(given === undefined ? {} : { params: given }),
    en: renderTemplate(templates.en, given, 'en'),
    'zh-CN': renderTemplate(templates['zh-CN'], given, 'zh-CN'),
  };
}
