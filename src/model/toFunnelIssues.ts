import * as z from 'zod';
import { ISSUE_CODES, type IssueCode, type Locale } from '../i18n/codes.js';
import { makeIssue, type FunnelIssue } from '../i18n/formatIssue.js';

const KNOWN = new Set<string>(ISSUE_CODES);

/**
 * Turns a `ZodError` from any `parse*` function into {@link FunnelIssue}s with messages
 * in the requested locale. Cross-field issues keep their stable code and params;
 * structural issues (a missing field, a wrong type) become `invalid_schema` with zod's
 * own message and code in `params`.
 *
 * @param error - The error thrown by `parse*` or returned by `safeParse*`.
 * @param locale - Message locale, default `'en'`.
 * @returns One issue per zod issue, with its path.
 *
 * @category Model
 * @example
 * ```ts
 * import { safeParsePipeline, toFunnelIssues } from 'sales-funnel';
 * const r = safeParsePipeline({ id: 'p', name: 'P', currency: 'CNY', stages: [{ id: 'a', name: 'A', kind: 'open', probability: 1 }] });
 * if (!r.success) toFunnelIssues(r.error, 'zh-CN').map((i) => i.code); //=> ['no_won_stage', 'no_lost_stage']
 * ```
 */
export function toFunnelIssues(error: z.ZodError, locale: Locale = 'en'): FunnelIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const raw = (issue as { params?: Record<string, unknown> }).params;
    const code = raw !== undefined && typeof raw['code'] === 'string' && KNOWN.has(raw['code']) ? (raw['code'] as IssueCode) : undefined;
    if (code !== undefined && raw !== undefined) {
      const params: Record<string, string | number | boolean | null> = {};
      for (const [k, v] of Object.entries(raw)) {
        if (k !== 'code' && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null)) params[k] = v;
      }
      return makeIssue(code, params, { locale, path });
    }
    const params = { zodCode: issue.code, message: issue.message, path: path.join('.') };
    const message = locale === 'en' ? issue.message : `${zhMessage(issue)}（${path.join('.') || '根'}）`;
    return { code: 'invalid_schema' as const, path, params, message };
  });
}

const zhLocale = z.locales.zhCN();

/** zod's own Chinese message for a structural issue, without changing zod's global config. */
function zhMessage(issue: z.core.$ZodIssue): string {
  // The final issue no longer carries the input, so say only what was expected.
  if (issue.code === 'invalid_type') return `无效输入：期望 ${issue.expected}`;
  const text = zhLocale.localeError(issue as unknown as z.core.$ZodRawIssue);
  const msg = typeof text === 'string' ? text : text?.message;
  return msg ?? issue.message;
}
