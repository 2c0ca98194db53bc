import type { IssueCode, Locale } from './codes.js';
import { formatMessage, type IssueParams } from './formatIssue.js';

/**
 * A programmer error: the library was called in a way that can never succeed (mixed
 * currencies without rates, an unknown stage id passed to a function, negative
 * weights). Carries a stable `code` and structured `params`; the message is English,
 * {@link FunnelError.localizedMessage} renders it in another locale.
 *
 * @example
 * ```ts
 * import { FunnelError, add, money } from 'sales-funnel';
 * try {
 *   add(money('1', 'CNY'), money('1', 'USD'));
 * } catch (e) {
 *   if (e instanceof FunnelError) e.code; //=> 'currency_mismatch'
 * }
 * ```
 */
export class FunnelError extends Error {
  /** Stable snake_case code. */
  readonly code: IssueCode;
  /** Structured values the message was made from. */
  readonly params: IssueParams;

  /**
   * @param code - The error code.
   * @param params - Structured values for the message.
   */
  constructor(code: IssueCode, params: IssueParams = {}) {
    super(formatMessage(code, params, 'en'));
    this.name = 'FunnelError';
    this.code = code;
    this.params = params;
  }

  /**
   * The message in another locale.
   *
   * @param locale - `'en'` or `'zh-CN'`.
   * @returns The rendered message.
   */
  localizedMessage(locale: Locale): string {
    return formatMessage(this.code, this.params, locale);
  }
}
