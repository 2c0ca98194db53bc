import type { Locale } from '../codes.js';
import { messagesEn } from '../en.js';
import { renderTemplate } from '../renderTemplate.js';
import { messagesZhCN } from '../zhCN.js';
import { textOf } from './formatValue.js';

/**
 * The message of `code` in `locale`, for any input a JavaScript caller may pass: params
 * that are missing, `null` or not an object leave their placeholders visible; an unknown
 * code renders as itself with its params; an unknown locale falls back to English.
 * Never throws.
 */
export function renderIssue(code: unknown, params: unknown, locale: unknown): string {
  const loc: Locale = locale === 'zh-CN' ? 'zh-CN' : 'en';
  const values = (typeof params === 'object' && params !== null ? params : {}) as Readonly<Record<string, never>>;
  const catalog: Readonly<Record<string, string>> = loc === 'zh-CN' ? messagesZhCN : messagesEn;
  if (typeof code === 'string' && Object.hasOwn(catalog, code)) return renderTemplate(catalog[code]!, values, loc);
  let shown: string[];
  try {
    shown = Object.entries(values).map(([k, v]) => `${k}: ${textOf(v, loc)}`);
  } catch {
    shown = [];
  }
  return `${textOf(code, loc)}${shown.length > 0 ? ` (${shown.join(', ')})` : ''}`;
}
