import type { Locale } from './codes.js';
import type { IssueParams } from './params.js';
import { formatValue, isFormatName } from './_lib/formatValue.js';

/** `{name}`, `{name?}`, `{name:format}`, `{first|second}`, `{first|second?:format}`. */
const PLACEHOLDER = /\{([A-Za-z_]\w*(?:\|[A-Za-z_]\w*)*)(\?)?(?::([A-Za-z]\w*))?\}/g;

/**
 * Fills a message template: the one renderer behind issue messages, `FunnelError`
 * messages and the CLI's labels and messages.
 *
 * Placeholders:
 * - `{name}`: the param as text. Numbers are grouped (`10,000`), booleans are words
 *   (`yes` / `是`), a {@link LocalizedText} renders in `locale` (else its `en`).
 * - `{name:format}`: the param through a format:
 *   - `number`: a grouped number; `percent`: a share as `12.5%`;
 *   - `money`: an exact amount with its sibling `currency` param, `1,000,000.00 CNY` in
 *     English and `1,000,000.00 元` (`2,500.00 美元`) in Chinese, never rounded below
 *     the currency's minor unit;
 *   - `moneyBrief`: an amount for reading at a glance: in Chinese from 1 万 on in 万 of
 *     the unit with at most one decimal (`236.4 万元`, `500 万美元`), otherwise as `money`;
 *   - `record`: a record's path in a book, `opportunities.3` (in Chinese `第 4 个商机`);
 *   - `days`: a day count rounded for reading (one decimal below 10, whole days from
 *     10, `<0.1` for a positive count that would show as 0), `1 day` / `3 days` / `3 天`;
 *   - `stages`, `months`, `times`, `periods` (the unit is the sibling `period` param): counts with
 *     their unit, `2 stages` / `2 个阶段`, `3 times` / `3 次`, `1 month` / `1 个月`, `2 quarters` / `2 个季度`;
 *   - `instant`: an ISO instant as `2026-03-01 09:30:00 UTC`; `position`: a 0-based
 *     index shown 1-based; `detail`: appended text after `: ` / `：`;
 *   - `command`, `status`, `stageKind`, `checkKind`, `clock`, `periodUnit`, `field`,
 *     `priority`, `buyingRole`: an enum value through the locale's vocabulary (`lose` → `输单`,
 *     `won` → `赢单`, `lossReason` → `输单原因`, `high` → `高`).
 * - `{first|second}`: the first of the named params that is present.
 * - `{name?}` (also `{name?:format}`): an optional param, rendered empty when missing.
 *
 * A placeholder whose params are all missing stays as written (`{name}`, without its
 * format), so a missing value is visible, never a crash. Unknown formats render the
 * plain text.
 *
 * @param template - The template text.
 * @param params - Values by placeholder name.
 * @param locale - `'en'` (default) or `'zh-CN'`.
 * @returns The rendered text.
 * @throws Never: a missing or malformed param renders as its placeholder or its plain text.
 *
 * @example
 * ```ts
 * import { renderTemplate } from 'sales-funnel';
 * renderTemplate('{command:command}需要填写原因。', { command: 'lose' }, 'zh-CN'); //=> '输单需要填写原因。'
 * renderTemplate('已赢单（{amount:moneyBrief}）', { amount: '2364000', currency: 'CNY' }, 'zh-CN'); //=> '已赢单（236.4 万元）'
 * renderTemplate('Won {amount:money} in {days:days}.', { amount: '2364000', currency: 'CNY', days: 1 }); //=> 'Won 2,364,000.00 CNY in 1 day.'
 * renderTemplate('赢单 {amount:money}，停留 {days:days}。', { amount: '2364000', currency: 'CNY', days: 12.4 }, 'zh-CN'); //=> '赢单 2,364,000.00 元，停留 12 天。'
 * renderTemplate('Stage "{stageName|stageId}"', { stageId: 'qualify' }); //=> 'Stage "qualify"'
 * renderTemplate('Unknown stage "{stageId}".', {}); //=> 'Unknown stage "{stageId}".'
 * ```
 *
 * @category Messages
 */
export function renderTemplate(template: string, params: IssueParams = {}, locale: Locale = 'en'): string {
  const text = typeof template === 'string' ? template : String(template ?? '');
  const values: Readonly<Record<string, unknown>> = typeof params === 'object' && params !== null ? params : {};
  const loc: Locale = locale === 'zh-CN' ? 'zh-CN' : 'en';
  return text.replace(PLACEHOLDER, (whole, names: string, optional: string | undefined, format: string | undefined) => {
    for (const name of names.split('|')) {
      let value: unknown;
      try {
        if (!Object.hasOwn(values, name)) continue;
        value = values[name];
      } catch {
        continue;
      }
      if (value === undefined) continue;
      try {
        return formatValue(value, format !== undefined && isFormatName(format) ? format : undefined, values, loc);
      } catch {
        return whole;
      }
    }
    return optional === undefined ? `{${names}}` : '';
  });
}
