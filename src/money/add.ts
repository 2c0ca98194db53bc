import { assertSameCurrency } from './_lib/assertSameCurrency.js';
import { toDecimal } from '../_lib/decimal.js';
import type { Money } from './money.js';

/**
 * Adds two amounts of the same currency.
 *
 * @param a - First amount.
 * @param b - Second amount, same currency.
 * @returns `a + b`.
 * @throws {@link FunnelError} `currency_mismatch` when the currencies differ (use {@link convert} first).
 *
 * @example
 * ```ts
 * import { add, money } from 'sales-funnel';
 * add(money('0.1', 'CNY'), money('0.2', 'CNY')).amount.toString(); //=> '0.3'
 * ```
 *
 * @category Money
 */
export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: toDecimal(a.amount).plus(toDecimal(b.amount)), currency: a.currency };
}
