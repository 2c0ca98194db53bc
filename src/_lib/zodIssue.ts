import type * as z from 'zod';
import type { IssueCode } from '../i18n/codes.js';
import { formatMessage } from '../i18n/formatMessage.js';
import type { ParamsOf } from '../i18n/params.js';

/** The context object zod passes to `superRefine` callbacks. */
export type RefineCtx = z.core.$RefinementCtx;

/**
 * Adds a custom zod issue that carries one of our stable codes in `params.code`, so a
 * ZodError can be turned back into {@link FunnelIssue}s without parsing messages.
 */
export function addCodedIssue<C extends IssueCode>(
  ctx: RefineCtx,
  code: C,
  params: ParamsOf<C>,
  path: ReadonlyArray<string | number>,
): void {
  ctx.addIssue({
    code: 'custom',
    message: formatMessage(code, params, 'en'),
    path: [...path],
    params: { ...params, code },
  });
}
