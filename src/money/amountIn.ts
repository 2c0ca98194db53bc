import { toDecimal } from '../_lib/decimal.js';
import { printable } from '../_lib/printable.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { convert, type ExchangeRates } from './convert.js';
import type { CurrencyCode } from './currency.js';
import type { Decimal } from './decimal.js';
import type { Money } from './money.js';

/**
 * The amount of `m` in a result's currency: as it is when the currencies agree,
 * converted with `rates` when they are given, and otherwise a `currency_mismatch` error.
 * Every function that adds up deals (forecasts, analytics, planning) reads amounts
 * through this one rule.
 *
 * @param m - The money to read.
 * @param currency - The result's currency.
 * @param rates - Exchange rates, when amounts may mix currencies.
 * @returns The amount in `currency` (exact; no rounding).
 * @throws {@link FunnelError} `invalid_amount` (`expected_money`) when `m` is not an
 *   object with a string `currency`; `currency_mismatch` when the currencies differ and
 *   no rates are given; `missing_rate` when the table lacks a currency;
 *   `invalid_argument` (`rates`) when `rates` is not shaped as exchange rates.
 *
 * @category Money
 * @example
 * ```ts
 * import { amountIn, money } from 'sales-funnel';
 * amountIn(money('100', 'USD'), 'CNY', { base: 'CNY', rates: { USD: '7.10' } }).toFixed(2); //=> '710.00'
 * amountIn(money('100', 'CNY'), 'CNY').toFixed(2); //=> '100.00'
 * ```
 */
export function amountIn(m: Money, currency: CurrencyCode, rates?: ExchangeRates): Decimal {
  // A value without a string currency is no Money: refused here, rather than reported as a
  // currency mismatch with nothing to show for the other currency.
  if (typeof m !== 'object' || m === null || typeof m.currency !== 'string') {
    throw new FunnelError('invalid_amount', { value: typeof m === 'object' && m !== null ? 'an object' : printable(m), reason: because('expected_money') });
  }
  if (m.currency === currency) return toDecimal(m.amount);
  if (rates === undefined) throw new FunnelError('currency_mismatch', { left: currency, right: m.currency });
  return convert(m, currency, rates).amount;
}
