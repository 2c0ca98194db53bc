import type { IssueCode, Locale } from './codes.js';
import { messagesEn } from './en.js';
import { messagesZhCN } from './zhCN.js';

/**
 * Values that fill a message template. Kept to JSON-friendly scalars so issues serialize.
 *
 * @example
 * ```ts
 * import type { IssueParams } from 'sales-funnel';
 * const params: IssueParams = { stageId: 'qualify', count: 2 };
 * ```
 */
export type IssueParams = Readonly<Record<string, string | number | boolean | null>>;

/**
 * One problem, shared by validation, the engine and the analytics audit: a stable
 * `code`, the `path` to the offending field when there is one, structured `params`,
 * and a `message` rendered in the requested locale.
 *
 * @example
 * ```ts
 * import type { FunnelIssue } from 'sales-funnel';
 * const issue: FunnelIssue = {
 *   code: 'reason_required',
 *   params: { command: 'lose' },
 *   message: 'A reason is required to lose.',
 * };
 * ```
 */
export interface FunnelIssue {
  /** Stable snake_case code. */
  readonly code: IssueCode;
  /** Path to the offending field, when the issue is about one field. */
  readonly path?: ReadonlyArray<string | number>;
  /** Structured values the message was made from. */
  readonly params: IssueParams;
  /** Human-readable message in the requested locale. */
  readonly message: string;
  /** Stage the issue is about, when there is one. */
  readonly stageId?: string;
  /** Key task the issue is about, when there is one. */
  readonly taskId?: string;
}

const CATALOGS: Readonly<Record<Locale, Readonly<Record<IssueCode, string>>>> = {
  en: messagesEn,
  'zh-CN': messagesZhCN,
};

/**
 * Renders the message for `code` in `locale`, filling `{name}` placeholders from
 * `params`. A placeholder without a value is left as it is, so a missing parameter is
 * visible rather than silently blank.
 *
 * @param code - The issue or error code.
 * @param params - Values for the placeholders.
 * @param locale - `'en'` (default) or `'zh-CN'`.
 * @returns The rendered message.
 *
 * @example
 * ```ts
 * import { formatMessage } from 'sales-funnel';
 * formatMessage('unknown_stage', { stageId: 'demo' }, 'en'); //=> 'Unknown stage "demo".'
 * formatMessage('unknown_stage', { stageId: 'demo' }, 'zh-CN'); //=> '未知阶段“demo”。'
 * ```
 */
export function formatMessage(code: IssueCode, params: IssueParams = {}, locale: Locale = 'en'): string {
  const catalog = CATALOGS[locale] ?? messagesEn;
  const template = catalog[code];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name];
    return value === null || value === undefined ? '' : String(value);
  });
}

/**
 * Re-renders an issue's message in another locale (the code and params carry all the
 * information; the message is only a view of them).
 *
 * @param issue - Any issue produced by this library.
 * @param locale - Target locale.
 * @returns The message in that locale.
 *
 * @example
 * ```ts
 * import { formatIssue } from 'sales-funnel';
 * const issue = { code: 'reason_required', params: { command: 'lose' }, message: '' } as const;
 * formatIssue(issue, 'en'); //=> 'A reason is required to lose.'
 * ```
 */
export function formatIssue(issue: Pick<FunnelIssue, 'code' | 'params'>, locale: Locale = 'en'): string {
  return formatMessage(issue.code, issue.params, locale);
}

/**
 * Builds a {@link FunnelIssue} with its message rendered in `locale`.
 *
 * @param code - The issue code.
 * @param params - Structured values.
 * @param options - Locale, path, stage and task ids.
 * @returns The issue.
 *
 * @example
 * ```ts
 * import { makeIssue } from 'sales-funnel';
 * makeIssue('unknown_task', { taskId: 'x' }, { taskId: 'x' }).message; //=> 'Unknown key task "x".'
 * ```
 */
export function makeIssue(
  code: IssueCode,
  params: IssueParams = {},
  options: {
    readonly locale?: Locale;
    readonly path?: ReadonlyArray<string | number>;
    readonly stageId?: string;
    readonly taskId?: string;
  } = {},
): FunnelIssue {
  return {
    code,
    params,
    message: formatMessage(code, params, options.locale ?? 'en'),
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.stageId !== undefined ? { stageId: options.stageId } : {}),
    ...(options.taskId !== undefined ? { taskId: options.taskId } : {}),
  };
}
