import { Decimal, type Locale } from '../index.js';

export { displayWidth } from './width.js';

/**
 * The text shown for a missing value or a rate with a zero denominator.
 *
 * @category CLI
 * @example
 * ```ts
 * formatPercent(null) === NONE; //=> true
 * ```
 */
export const NONE = '—';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Money for reading: rounded half-even to whole currency units (presentation only; the
 * JSON report keeps exact amounts) with thousands separators: `1,234,568`.
 *
 * @param amount - An exact amount.
 * @returns The formatted amount.
 *
 * @category CLI
 * @example
 * ```ts
 * formatMoney(new Decimal('1234567.5')); //=> '1,234,568'
 * ```
 */
export function formatMoney(amount: Decimal): string {
  const fixed = amount.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0);
  const negative = fixed.startsWith('-') && fixed !== '-0';
  const digits = fixed.replace('-', '');
  return `${negative ? '-' : ''}${groupThousands(digits)}`;
}

/**
 * Money in 万 (ten thousand), as a Chinese sales manager reads it: the amount ÷ 10,000
 * rounded half-even to one decimal, a trailing `.0` dropped, thousands separated, then
 * `万`: `83080000` → `8,308 万`, `18616000` → `1,861.6 万`. Zero is `0`; an amount that
 * is not zero but rounds to it is `<0.1 万`. Presentation only: the JSON report keeps
 * exact amounts.
 *
 * @param amount - An exact amount.
 * @returns The amount in 万.
 *
 * @category CLI
 * @example
 * ```ts
 * formatWan(new Decimal('83080000')); //=> '8,308 万'
 * formatWan(new Decimal('18616000')); //=> '1,861.6 万'
 * ```
 */
export function formatWan(amount: Decimal): string {
  if (amount.isZero()) return '0';
  const tenths = amount.div(10_000).toDecimalPlaces(1, Decimal.ROUND_HALF_EVEN);
  if (tenths.isZero()) return `${amount.isNegative() ? '>-0.1' : '<0.1'} 万`;
  const [int = '0', frac = '0'] = tenths.abs().toFixed(1).split('.');
  return `${tenths.isNegative() ? '-' : ''}${groupThousands(int)}${frac === '0' ? '' : `.${frac}`} 万`;
}

/**
 * Money for the report in `locale`: in 万 in Chinese ({@link formatWan}), whole units in
 * English ({@link formatMoney}).
 *
 * @param amount - An exact amount.
 * @param locale - `'en'` or `'zh-CN'`.
 * @returns The formatted amount.
 *
 * @category CLI
 * @example
 * ```ts
 * formatAmount(new Decimal('83080000'), 'zh-CN'); //=> '8,308 万'
 * formatAmount(new Decimal('83080000'), 'en'); //=> '83,080,000'
 * ```
 */
export function formatAmount(amount: Decimal, locale: Locale): string {
  return locale === 'zh-CN' ? formatWan(amount) : formatMoney(amount);
}

/**
 * The unit the report's amounts are shown in: in Chinese 万 of the currency's Chinese
 * name (`万元` for CNY, `万美元` for USD), in English the currency code.
 *
 * @param currency - An ISO 4217 code.
 * @param locale - `'en'` or `'zh-CN'`.
 * @returns The unit's name.
 *
 * @category CLI
 * @example
 * ```ts
 * amountUnit('CNY', 'zh-CN'); //=> '万元'
 * amountUnit('USD', 'zh-CN'); //=> '万美元'
 * amountUnit('USD', 'en'); //=> 'USD'
 * ```
 */
export function amountUnit(currency: string, locale: Locale): string {
  if (locale !== 'zh-CN') return currency;
  if (currency === 'CNY') return '万元';
  let name = currency;
  try {
    name = new Intl.DisplayNames(['zh-CN'], { type: 'currency', fallback: 'code' }).of(currency) ?? currency;
  } catch {
    // an unknown code stays as it is
  }
  return `万${name}`;
}

/**
 * A number of days counted as people count them: whole days, a day begun counting as a
 * day (`47.2` → `48`); `null` → `—`.
 *
 * @param days - Days, or `null`.
 * @returns The whole number of days.
 *
 * @category CLI
 * @example
 * ```ts
 * formatWholeDays(359.8); //=> '360'
 * formatWholeDays(50); //=> '50'
 * ```
 */
export function formatWholeDays(days: number | null | undefined): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return NONE;
  return groupThousands(String(Math.ceil(days - 1e-9)));
}

/**
 * A period key for reading: as it is in English (`2026-Q3`); in Chinese a quarter reads
 * `2026年第3季度`, a month `2026年3月`, a year `2026年`.
 *
 * @param key - A period key (`2026-Q3`, `2026-03`, `2026`).
 * @param locale - `'en'` or `'zh-CN'`.
 * @returns The period's name.
 *
 * @category CLI
 * @example
 * ```ts
 * formatPeriod('2026-Q3', 'zh-CN'); //=> '2026年第3季度'
 * ```
 */
export function formatPeriod(key: string, locale: Locale): string {
  if (locale !== 'zh-CN') return key;
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q !== null) return `${q[1]}年第${q[2]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m !== null) return `${m[1]}年${Number(m[2])}月`;
  return /^\d{4}$/.test(key) ? `${key}年` : key;
}

/**
 * A share in [0, 1] as a percentage with one decimal (`0.1234` → `12.3%`); `null` → `—`.
 *
 * @param share - The share, or `null` when its denominator was zero.
 * @returns The formatted percentage.
 *
 * @category CLI
 * @example
 * ```ts
 * formatPercent(0.1234); //=> '12.3%'
 * formatPercent(null); //=> '—'
 * ```
 */
export function formatPercent(share: number | Decimal | null | undefined): string {
  if (share === null || share === undefined) return NONE;
  const d = Decimal.isDecimal(share) ? share : Number.isFinite(share) ? new Decimal(share) : undefined;
  if (d === undefined) return NONE;
  return `${d.times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_EVEN).toFixed(1)}%`;
}

/**
 * A number of days with one decimal; `null` → `—`.
 *
 * @param days - Days, or `null`.
 * @returns The formatted number.
 *
 * @category CLI
 * @example
 * ```ts
 * formatDays(12.345); //=> '12.3'
 * ```
 */
export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return NONE;
  return groupThousands(new Decimal(days).toDecimalPlaces(1, Decimal.ROUND_HALF_EVEN).toFixed(1));
}

/**
 * A whole count with thousands separators.
 *
 * @param n - The count.
 * @returns The formatted count.
 *
 * @category CLI
 * @example
 * ```ts
 * formatCount(12345); //=> '12,345'
 * ```
 */
export function formatCount(n: number): string {
  return groupThousands(String(n));
}
