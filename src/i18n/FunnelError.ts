import type { IssueCode, Locale } from './codes.js';
import type { ParamsOf } from './params.js';
import { renderIssue } from './_lib/renderIssue.js';

/**
 * A programmer error: the library was called in a way that can never succeed (mixed
 * currencies without rates, an unknown stage id passed to a function, negative
 * weights). Carries a stable `code` and structured `params`; the message is English,
 * {@link FunnelError.localizedMessage} renders it in another locale.
 *
 * `FunnelError<C>` types `params` by the code (`IssueParamsByCode[C]`); a plain
 * `FunnelError` has loosely typed params. Narrow with {@link isFunnelError}. The
 * constructor never throws, even with missing params (from JavaScript or `as any`):
 * their placeholders stay visible in the message.
 *
 * @example
 * ```ts
 * import { FunnelError, add, money } from 'sales-funnel';
 * try {
 *   add(money('1', 'CNY'), money('1', 'USD'));
 * } catch (e) {
 *   if (e instanceof FunnelError) e.code; //=> 'currency_mismatch'
 * }
 * new FunnelError('unknown_currency', { currency: 'RMB' }).localizedMessage('zh-CN');
 * //=> '未知币种“RMB”，请使用 ISO 4217 币种代码，如人民币为 CNY（不是 RMB）、美元为 USD。'
 * ```
 *
 * @category Messages
 */
export class FunnelError<C extends IssueCode = IssueCode> extends Error {
  /** Stable snake_case code. */
  readonly code: C;
  /** Structured values the message was made from. */
  readonly params: ParamsOf<C>;

  /**
   * @param code - The error code.
   * @param params - Structured values for the message (see `IssueParamsByCode`).
   */
  constructor(code: C, params: ParamsOf<C>) {
    super(renderIssue(code, params, 'en'));
    this.name = 'FunnelError';
    this.code = code;
    this.params = (typeof params === 'object' && params !== null ? params : {}) as ParamsOf<C>;
  }

  /**
   * The message in another locale.
   *
   * @param locale - `'en'` or `'zh-CN'`.
   * @returns The rendered message.
   */
  localizedMessage(locale: Locale): string {
    return renderIssue(this.code, this.params, locale);
  }
}
