import type { IssueCode } from './codes.js';
import { FunnelError } from './FunnelError.js';

/**
 * Whether `value` is a {@link FunnelError}, and one of the given codes when codes are
 * given. Narrows its `params` to that code's params type.
 *
 * @param value - Anything caught.
 * @param codes - The codes to accept; any code when none are given.
 * @returns `true` for a `FunnelError` with one of `codes`.
 *
 * @example
 * ```ts
 * import { FunnelError, isFunnelError } from 'sales-funnel';
 * const caught: unknown = new FunnelError('hierarchy_cycle', { path: 'a → b → a' });
 * if (isFunnelError(caught, 'hierarchy_cycle')) caught.params.path; //=> 'a → b → a'
 * isFunnelError(caught, 'currency_mismatch'); //=> false
 * ```
 *
 * @category Messages
 */
export function isFunnelError<C extends IssueCode = IssueCode>(value: unknown, ...codes: readonly C[]): value is FunnelError<C> {
  return value instanceof FunnelError && (codes.length === 0 || (codes as readonly IssueCode[]).includes(value.code));
}
