// Number formatting of the pages. Amounts are shown exactly (the library's Decimals, never
// rounded through floating point): two decimals with thousands separators, `.00` dropped.
import type { Decimal } from 'sales-funnel';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** An exact amount for reading: `1234567.5` → `1,234,567.50`, `300000` → `300,000`. */
export function amountText(amount: Decimal): string {
  const fixed = amount.toFixed(2);
  const negative = fixed.startsWith('-');
  const [whole = '0', cents = '00'] = fixed.replace('-', '').split('.');
  return `${negative ? '-' : ''}${groupThousands(whole)}${cents === '00' ? '' : `.${cents}`}`;
}

/** Money for reading: `CNY 1,234,567.50`. */
export function moneyText(amount: Decimal, currency: string): string {
  return `${currency} ${amountText(amount)}`;
}

/** A probability as a percentage with `digits` decimals: `0.31672` → `31.67%`. */
export function percentText(p: number, digits = 2): string {
  return `${(p * 100).toFixed(digits)}%`;
}

/** A compact axis label: `1200000` → `1.2M` (en) or `120万` (zh-CN). */
export function compactText(n: number, lang: string): string {
  return new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}
