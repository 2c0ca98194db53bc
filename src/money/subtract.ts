import { assertSameCurrency } from './_lib/assertSameCurrency.js';
import { toDecimal } from '../_lib/decimal.js';
import type { Money } from './money.js';

/**
 * Subtracts one amount from another of the same currency.
 *
 * @param a - Minuend.
 * @param b - Subtrahend, same currency.
 * @returns `a − b`.
 * @throws {@link FunnelError} `currency_mismatch` when the currencies differ.
 *
 * @example
 * ```ts
 * import { subtract, money } from 'sales-funnel';
 * subtract(money('100', 'CNY'), money('25.5', 'CNY')).amount.toString(); //=> '74.5'
 * ```
 *
 * @category Money
 */
export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: toDecimal(a.amount).minus(toDecimal(b.amount)), currency: a.currency };
}
