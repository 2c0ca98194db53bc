import * as z from 'zod';
import { ISSUE_CODES, type IssueCode, type Locale } from '../i18n/codes.js';
import { makeIssue, type FunnelIssue } from '../i18n/formatIssue.js';
import type { LocalizedText, ParamValue } from '../i18n/params.js';

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
      const params: Record<string, ParamValue> = {};
      for (const [k, v] of Object.entries(raw)) {
        if (k !== 'code' && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null || isText(v))) params[k] = v;
      }
      return makeIssue(code, params, { locale, path });
    }
    // zod's message in every locale, so that `formatIssue(issue, 'zh-CN')` re-renders it.
    const zh = `${zhMessage(issue)}（${path.join('.') || '根'}）`;
    const params = { zodCode: issue.code, message: { en: issue.message, 'zh-CN': zh }, path: path.join('.') };
    return { code: 'invalid_schema' as const, path, params, message: locale === 'zh-CN' ? zh : issue.message };
  });
}

/** A localized text param (`{ en, 'zh-CN'? }`), such as an `invalid_amount` reason. */
function isText(v: unknown): v is LocalizedText {
  return typeof v === 'object' && v !== null && typeof (v as { en?: unknown }).en === 'string';
}

const zhLocale = z.locales.zhCN();

/** zod's type names in Chinese: its Chinese locale translates only `number`, `array` and `null`. */
const ZOD_TYPES_ZH: Readonly<Record<string, string>> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  bigint: '大整数',
  boolean: '布尔值',
  symbol: '符号',
  undefined: '未定义值',
  null: '空值',
  array: '数组',
  tuple: '数组',
  object: '对象',
  record: '对象',
  map: '映射',
  set: '集合',
  date: '日期',
  file: '文件',
  function: '函数',
  promise: '异步值',
  nan: '非数字',
  never: '不允许的值',
  value: '值',
};

const zhType = (name: unknown) => (typeof name === 'string' && Object.hasOwn(ZOD_TYPES_ZH, name) ? ZOD_TYPES_ZH[name]! : name);

/**
 * zod's own Chinese message for a structural issue (its `zh-CN` locale, without changing
 * zod's global config), with the type names zod leaves in English translated.
 */
function zhMessage(issue: z.core.$ZodIssue): string {
  // The final issue no longer carries the input, so say only what was expected.
  if (issue.code === 'invalid_type') return `无效输入：应为${zhType(issue.expected)}`;
  const named = { ...issue, ...('origin' in issue ? { origin: zhType(issue.origin) } : {}) };
  const text = zhLocale.localeError(named as unknown as z.core.$ZodRawIssue);
  const msg = typeof text === 'string' ? text : text?.message;
  return (msg ?? issue.message).replace(/\((key|value)\)/g, '');
}
