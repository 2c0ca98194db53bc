import { toDecimal } from '../_lib/decimal.js';
import { minorUnitDigits, type CurrencyCode } from './currency.js';
import type { Decimal, DecimalLike } from './decimal.js';

/**
 * An exact amount of one currency. A plain readonly value: functions such as
 * {@link add} return new values and never change their arguments.
 *
 * @example
 * ```ts
 * import { money, type Money } from 'sales-funnel';
 * const m: Money = money('1000000.00', 'CNY');
 * m.amount.toFixed(2); //=> '1000000.00'
 * ```
 */
export interface Money {
  /** The exact amount (may carry more digits than the minor unit until rounded). */
  readonly amount: Decimal;
  /** ISO 4217 currency code. */
  readonly currency: CurrencyCode;
}

/**
 * Creates a {@link Money}.
 *
 * @param value - A decimal string (`"1000000.00"`), a finite number with at most 15
 *   significant digits, or a Decimal.
 * @param currency - A known ISO 4217 code.
 * @returns The money value.
 * @throws {@link FunnelError} `invalid_amount` for non-finite or inexact numbers and
 *   malformed strings; `unknown_currency` for unknown codes.
 *
 * @example
 * ```ts
 * import { money } from 'sales-funnel';
 * money('250000', 'CNY').amount.toString(); //=> '250000'
 * money(0.1 + 0.2, 'CNY'); // throws FunnelError('invalid_amount')
 * ```
 *
 * @category Money
 */
export function money(value: DecimalLike, currency: CurrencyCode): Money {
  minorUnitDigits(currency);
  return { amount: toDecimal(value, 'amount'), currency };
}
