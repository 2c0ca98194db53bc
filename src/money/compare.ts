import { assertSameCurrency } from './_lib/assertSameCurrency.js';
import { toDecimal } from '../_lib/decimal.js';
import type { Money } from './money.js';

/**
 * Compares two amounts of the same currency.
 *
 * @param a - First amount.
 * @param b - Second amount, same currency.
 * @returns `-1` when `a < b`, `0` when equal, `1` when `a > b`.
 * @throws {@link FunnelError} `currency_mismatch` when the currencies differ.
 *
 * @example
 * ```ts
 * import { compare, money } from 'sales-funnel';
 * compare(money('1.0', 'CNY'), money('1', 'CNY')); //=> 0
 * ```
 *
 * @category Money
 */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return toDecimal(a.amount).comparedTo(toDecimal(b.amount)) as -1 | 0 | 1;
}
