import { toDecimal } from '../_lib/decimal.js';
import type { DecimalLike } from './decimal.js';
import type { Money } from './money.js';

/**
 * Multiplies an amount by a ratio (a probability, a share, a factor). The result is
 * exact to 40 significant digits and not rounded; round once at presentation with
 * {@link roundToMinor}.
 *
 * @param m - The amount.
 * @param ratio - Any finite decimal value.
 * @returns `m × ratio`, same currency.
 *
 * @example
 * ```ts
 * import { multiply, money } from 'sales-funnel';
 * multiply(money('1000000', 'CNY'), '0.25').amount.toString(); //=> '250000'
 * ```
 *
 * @category Money
 */
export function multiply(m: Money, ratio: DecimalLike): Money {
  return { amount: toDecimal(m.amount).times(toDecimal(ratio, 'ratio')), currency: m.currency };
}
