import { Decimal } from '../index.js';

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

/**
 * Display width of a string in a terminal: East Asian wide and full-width characters
 * take two columns, everything else one.
 *
 * @param text - The string.
 * @returns Its width in columns.
 *
 * @category CLI
 * @example
 * ```ts
 * displayWidth('赢单 Won'); //=> 8
 * ```
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0x303e) ||
      (c >= 0x3041 && c <= 0x33ff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xa000 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}
