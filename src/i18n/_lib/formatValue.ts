import type { Locale } from '../codes.js';
import type { LocalizedText } from '../params.js';
import { vocabularyWord, type VocabularyName } from './vocabulary.js';

/** `1234567` → `1,234,567` (both supported locales group digits by three with `,`). */
export function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number for reading in `locale`, with at most `maxFraction` decimals (grouped; non-finite as is). */
export function formatNumber(n: number, locale: Locale, maxFraction = 6): string {
  if (!Number.isFinite(n)) return String(n);
  const key = `${locale}|${maxFraction}`;
  let f = numberFormats.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: maxFraction, useGrouping: true });
    numberFormats.set(key, f);
  }
  const text = f.format(n);
  return text === '-0' ? '0' : text;
}

/** Whether `value` is a {@link LocalizedText} (an object with a string `en`). */
export function isLocalizedText(value: unknown): value is LocalizedText {
  return typeof value === 'object' && value !== null && typeof (value as { en?: unknown }).en === 'string';
}

/** The text of any value for `locale`: numbers grouped, localized text picked, booleans as words. Never throws. */
export function textOf(value: unknown, locale: Locale): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, locale);
  if (typeof value === 'boolean') return vocabularyWord(locale, 'boolean', String(value)) ?? String(value);
  if (typeof value === 'bigint') return groupDigits(value.toString());
  if (isLocalizedText(value)) {
    const own = (value as Readonly<Record<string, unknown>>)[locale];
    return typeof own === 'string' ? own : value.en;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  try {
    if (Array.isArray(value)) return value.map((v) => textOf(v, locale)).join(', ');
    // A Decimal (or anything else with an exact plain rendering).
    const toFixed = (value as { toFixed?: unknown }).toFixed;
    if (typeof toFixed === 'function') return String(toFixed.call(value));
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A plain decimal string's sign, integer and fraction digits, or undefined for anything else. */
function decimalParts(text: string): { negative: boolean; int: string; frac: string } | undefined {
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text.trim()) ?? /^([+-]?)()\.(\d+)$/.exec(text.trim());
  if (m === null) return undefined;
  const int = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const frac = m[3] ?? '';
  const zero = /^0*$/.test(int) && /^0*$/.test(frac);
  return { negative: m[1] === '-' && !zero, int, frac };
}

const minorDigitsCache = new Map<string, number>();

/** The minor-unit digits of a currency (2 when the runtime does not know it). */
function minorDigits(currency: string): number {
  let d = minorDigitsCache.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    minorDigitsCache.set(currency, d);
  }
  return d;
}

const zhCurrencyNames = new Map<string, string>();

/** The Chinese unit name of a currency: 元 for CNY, 美元, 欧元, ...; the code itself when unknown. */
function zhCurrencyUnit(currency: string): string {
  if (currency === 'CNY') return '元';
  let name = zhCurrencyNames.get(currency);
  if (name === undefined) {
    try {
      name = new Intl.DisplayNames(['zh-CN'], { type: 'currency', fallback: 'code' }).of(currency) ?? currency;
    } catch {
      name = currency;
    }
    zhCurrencyNames.set(currency, name);
  }
  return name;
}

/**
 * Money for a message: the exact amount with the currency's minor-unit digits (more when
 * the amount has them; never rounded) and digits grouped by three, then the unit:
 * `1,000,000.00 CNY` in English, `1,000,000.00 元` / `2,500.00 美元` in Chinese.
 */
export function formatMoneyText(amount: unknown, currency: unknown, locale: Locale): string {
  const code = typeof currency === 'string' && currency.trim() !== '' ? currency.trim().toUpperCase() : undefined;
  const raw = typeof amount === 'number' ? String(amount) : textOf(amount, locale);
  const parts = decimalParts(raw);
  let number: string;
  if (parts === undefined) {
    number = raw;
  } else {
    const minor = code === undefined ? 0 : minorDigits(code);
    const frac = parts.frac.replace(/0+$/, '').padEnd(minor, '0');
    number = `${parts.negative ? '-' : ''}${groupDigits(parts.int)}${frac === '' ? '' : `.${frac}`}`;
  }
  if (code === undefined) return number;
  return `${number} ${locale === 'zh-CN' ? zhCurrencyUnit(code) : code}`;
}

/**
 * Money for reading at a glance: in Chinese, from 1 万 on, in 万 of the unit with one
 * decimal at most (`236.4 万元`, `500 万美元`), as a Chinese sales manager reads amounts;
 * below that, and in English, the exact amount of {@link formatMoneyText}.
 */
export function formatMoneyBriefText(amount: unknown, currency: unknown, locale: Locale): string {
  const exact = formatMoneyText(amount, currency, locale);
  if (locale !== 'zh-CN') return exact;
  const raw = typeof amount === 'number' ? String(amount) : textOf(amount, locale);
  const n = decimalParts(raw) === undefined ? NaN : Number(raw);
  if (!Number.isFinite(n) || Math.abs(n) < 10_000) return exact;
  const code = typeof currency === 'string' && currency.trim() !== '' ? currency.trim().toUpperCase() : undefined;
  return `${formatNumber(n / 10_000, locale, 1)} 万${code === undefined ? '' : zhCurrencyUnit(code)}`;
}

const RECORD_NOUNS_ZH: Readonly<Record<string, string>> = { opportunities: '商机', customers: '客户', pipelines: '销售漏斗' };

/**
 * A record of a book by its path (`opportunities.3`): as is in English; in Chinese the
 * collection's noun and the 1-based position (`第 4 个商机`). Other paths as they are.
 */
export function formatRecordText(value: unknown, locale: Locale): string {
  const text = textOf(value, locale);
  if (locale !== 'zh-CN') return text;
  const m = /^(opportunities|customers|pipelines)\.(\d+)$/.exec(text);
  return m === null ? text : `第 ${formatNumber(Number(m[2]) + 1, locale)} 个${RECORD_NOUNS_ZH[m[1]!]}`;
}

/**
 * A day count for a message, rounded for reading: whole days from 10 on, one decimal
 * below (trailing `.0` dropped), `<0.1` for a positive count that would round to 0.
 * English `1 day` / `2.5 days` / `<0.1 days`, Chinese `2.5 天` / `不到 0.1 天`.
 */
export function formatDaysText(value: unknown, locale: Locale): string | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return undefined;
  const abs = Math.abs(n);
  if (abs > 0 && abs < 0.05) return locale === 'zh-CN' ? '不到 0.1 天' : '<0.1 days';
  const shown = formatNumber(n, locale, abs < 10 ? 1 : 0);
  return locale === 'zh-CN' ? `${shown} 天` : `${shown} ${shown === '1' ? 'day' : 'days'}`;
}

/** A share in [0, 1] (number or decimal string) as a percentage with at most two decimals. */
export function formatPercentText(value: unknown, locale: Locale): string | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return undefined;
  return `${formatNumber(n * 100, locale, 2)}%`;
}

/** An ISO 8601 instant as `YYYY-MM-DD HH:mm:ss UTC` (milliseconds only when not zero). */
export function formatInstantText(value: unknown): string | undefined {
  const d = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (d === undefined || Number.isNaN(d.getTime())) return undefined;
  const iso = d.toISOString();
  const ms = iso.slice(19, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms === '.000' ? '' : ms} UTC`;
}

/** A guard's detail appended to its message: `': …'` / `'：…'`; text starting with punctuation as is (0.1 style). */
export function formatDetailText(value: unknown, locale: Locale): string {
  const text = textOf(value, locale);
  if (text.trim() === '') return '';
  if (/^[\s:：,，;；.。(（—–-]/.test(text)) return text;
  return locale === 'zh-CN' ? `：${text}` : `: ${text}`;
}

type Plural = { readonly one: string; readonly other: string };

/** Counted units: English singular/plural nouns, Chinese measure words. */
const UNITS: Readonly<Record<'stages' | 'times' | 'months', { readonly en: Plural; readonly 'zh-CN': string }>> = {
  stages: { en: { one: 'stage', other: 'stages' }, 'zh-CN': '个阶段' },
  months: { en: { one: 'month', other: 'months' }, 'zh-CN': '个月' },
  times: { en: { one: 'time', other: 'times' }, 'zh-CN': '次' },
};

const PERIOD_UNITS: Readonly<Record<string, { readonly en: Plural; readonly 'zh-CN': string }>> = {
  month: { en: { one: 'month', other: 'months' }, 'zh-CN': '个月' },
  quarter: { en: { one: 'quarter', other: 'quarters' }, 'zh-CN': '个季度' },
  year: { en: { one: 'year', other: 'years' }, 'zh-CN': '年' },
  fiscal_quarter: { en: { one: 'fiscal quarter', other: 'fiscal quarters' }, 'zh-CN': '个财季' },
  fiscal_year: { en: { one: 'fiscal year', other: 'fiscal years' }, 'zh-CN': '个财年' },
  period: { en: { one: 'period', other: 'periods' }, 'zh-CN': '个周期' },
};

function counted(value: unknown, unit: { readonly en: Plural; readonly 'zh-CN': string }, locale: Locale): string | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return undefined;
  const shown = formatNumber(n, locale);
  return locale === 'zh-CN' ? `${shown} ${unit['zh-CN']}` : `${shown} ${shown === '1' ? unit.en.one : unit.en.other}`;
}

/** What a `{name:format}` placeholder can ask for. */
export type FormatName =
  | 'number'
  | 'money'
  | 'moneyBrief'
  | 'record'
  | 'days'
  | 'percent'
  | 'instant'
  | 'position'
  | 'detail'
  | 'stages'
  | 'months'
  | 'times'
  | 'periods'
  | Exclude<VocabularyName, 'boolean'>;

const VOCABULARY_FORMATS = new Set<string>(['command', 'status', 'stageKind', 'checkKind', 'clock', 'periodUnit', 'field', 'priority', 'buyingRole']);

/** Whether `name` is a format the renderer knows. */
export function isFormatName(name: string): name is FormatName {
  return VOCABULARY_FORMATS.has(name) || ['number', 'money', 'moneyBrief', 'record', 'days', 'percent', 'instant', 'position', 'detail', 'stages', 'months', 'times', 'periods'].includes(name);
}

/**
 * Renders `value` with `format`, reading sibling params where the format needs one
 * (`money` reads `currency`, `periods` reads `period`). Falls back to the plain text
 * of the value when it does not fit the format. Never throws.
 */
export function formatValue(value: unknown, format: FormatName | undefined, params: Readonly<Record<string, unknown>>, locale: Locale): string {
  switch (format) {
    case undefined:
      return textOf(value, locale);
    case 'number': {
      const n = typeof value === 'number' ? value : Number(textOf(value, locale));
      return Number.isFinite(n) && textOf(value, locale).trim() !== '' ? formatNumber(n, locale) : textOf(value, locale);
    }
    case 'money':
      return formatMoneyText(value, params['currency'], locale);
    case 'moneyBrief':
      return formatMoneyBriefText(value, params['currency'], locale);
    case 'record':
      return formatRecordText(value, locale);
    case 'days':
      return formatDaysText(value, locale) ?? textOf(value, locale);
    case 'percent':
      return formatPercentText(value, locale) ?? textOf(value, locale);
    case 'instant':
      return formatInstantText(value) ?? textOf(value, locale);
    case 'position':
      return typeof value === 'number' && Number.isInteger(value) ? formatNumber(value + 1, locale) : textOf(value, locale);
    case 'detail':
      return formatDetailText(value, locale);
    case 'stages':
    case 'months':
    case 'times':
      return counted(value, UNITS[format], locale) ?? textOf(value, locale);
    case 'periods': {
      const unit = params['period'];
      const u = (typeof unit === 'string' && Object.hasOwn(PERIOD_UNITS, unit) ? PERIOD_UNITS[unit] : undefined) ?? PERIOD_UNITS['period']!;
      return counted(value, u, locale) ?? textOf(value, locale);
    }
    default: {
      const text = textOf(value, locale);
      return vocabularyWord(locale, format, text) ?? text;
    }
  }
}
