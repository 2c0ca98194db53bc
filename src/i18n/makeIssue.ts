import type { IssueCode, Locale } from './codes.js';
import type { FunnelIssue, ParamsOf } from './params.js';
import { renderIssue } from './_lib/renderIssue.js';

/** Options of {@link makeIssue}. */
export interface MakeIssueOptions {
  /**
   * Locale of the message.
   * @defaultValue `'en'`
   */
  readonly locale?: Locale;
  /** Path to the offending field. */
  readonly path?: ReadonlyArray<string | number>;
  /** Stage the issue is about. */
  readonly stageId?: string;
  /** Key task the issue is about. */
  readonly taskId?: string;
}

/**
 * Builds a {@link FunnelIssue} with its message rendered in `locale`. Typed by the code:
 * `makeIssue('key_task_incomplete', params)` needs that code's params and returns a
 * `FunnelIssue<'key_task_incomplete'>`.
 *
 * @param code - The issue code.
 * @param params - Structured values (see `IssueParamsByCode`).
 * @param options - Locale, path, stage and task ids.
 * @returns The issue.
 * @throws Never: missing params leave their placeholders visible in the message.
 *
 * @example
 * ```ts
 * import { makeIssue } from 'sales-funnel';
 * makeIssue('unknown_task', { taskId: 'x' }, { taskId: 'x' }).message; //=> 'Unknown key task "x".'
 * const guardIssue = makeIssue(
 *   'guard_failed',
 *   { guard: 'creditApproved', title: '信用审核', detail: { en: 'over the credit limit', 'zh-CN': '超出信用额度' } },
 *   { locale: 'zh-CN' },
 * );
 * guardIssue.message; //=> '关键任务“信用审核”未通过检查（creditApproved）：超出信用额度。'
 * ```
 *
 * @category Messages
 */
export function makeIssue<C extends IssueCode>(code: C, params: ParamsOf<C>, options: MakeIssueOptions = {}): FunnelIssue<C> {
  const opts: MakeIssueOptions = typeof options === 'object' && options !== null ? options : {};
  const issue = {
    code,
    params: (typeof params === 'object' && params !== null ? params : {}) as ParamsOf<C>,
    message: renderIssue(code, params, opts.locale ?? 'en'),
    ...(opts.path !== undefined ? { path: opts.path } : {}),
    ...(opts.stageId !== undefined ? { stageId: opts.stageId } : {}),
    ...(opts.taskId !== undefined ? { taskId: opts.taskId } : {}),
  };
  return issue as unknown as FunnelIssue<C>;
}
