import { toDecimal } from '../_lib/decimal.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { minorUnitDigits } from './currency.js';
import { Decimal, type DecimalLike } from './decimal.js';
import type { Money } from './money.js';

/**
 * Splits a total into shares proportional to `weights`, in whole minor units, so that
 * the shares add up to the total exactly (largest-remainder method).
 *
 * Each share is the floor of its exact quota `total × wᵢ / Σw`, plus one minor unit for
 * the shares with the largest remainders until the total is reached. Ties between equal
 * remainders go to the larger weight, then to the earlier index, so the share a weight
 * receives does not depend on where it stands in the list. Every share is within one
 * minor unit of its exact quota; a zero weight gets zero. A negative total is split
 * like its absolute value and negated.
 *
 * @param total - The amount to split; must already be in whole minor units.
 * @param weights - Non-negative weights, at least one positive.
 * @returns One share per weight, in the same order.
 * @throws {@link FunnelError} `invalid_weights` for an empty list, negative or all-zero
 *   weights; `invalid_amount` when the total has digits below the minor unit.
 *
 * @example
 * ```ts
 * import { allocate, money } from 'sales-funnel';
 * allocate(money('100', 'CNY'), [1, 1, 1]).map((m) => m.amount.toFixed(2));
 * //=> ['33.34', '33.33', '33.33']
 * ```
 */
export function allocate(total: Money, weights: ReadonlyArray<DecimalLike>): Money[] {
  const digits = minorUnitDigits(total.currency);
  if (weights.length === 0) throw new FunnelError('invalid_weights', { reason: 'the list is empty' });
  const w = weights.map((x, i) => toDecimal(x, `weights[${i}]`));
  w.forEach((x, i) => {
    if (x.isNegative() && !x.isZero()) throw new FunnelError('invalid_weights', { reason: `weights[${i}] is negative` });
  });
  const wsum = w.reduce((a, b) => a.plus(b), new Decimal(0));
  if (wsum.isZero()) throw new FunnelError('invalid_weights', { reason: 'all weights are zero' });

  const amount = toDecimal(total.amount);
  const units = amount.abs().times(new Decimal(10).pow(digits));
  if (!units.isInteger()) {
    throw new FunnelError('invalid_amount', {
      value: amount.toString(),
      reason: `the total must be in whole minor units of ${total.currency}; round it first`,
    });
  }
  const sign = amount.isNegative() ? -1 : 1;

  const floors: Decimal[] = [];
  const order: { index: number; remainder: Decimal; weight: Decimal }[] = [];
  let given = new Decimal(0);
  w.forEach((weight, index) => {
    const quota = units.times(weight).div(wsum);
    const floor = quota.floor();
    floors.push(floor);
    given = given.plus(floor);
    order.push({ index, remainder: quota.minus(floor), weight });
  });
  order.sort((a, b) => b.remainder.comparedTo(a.remainder) || b.weight.comparedTo(a.weight) || a.index - b.index);
  let left = units.minus(given).toNumber();
  for (const entry of order) {
    if (left <= 0) break;
    floors[entry.index] = (floors[entry.index] as Decimal).plus(1);
    left -= 1;
  }
  const scale = new Decimal(10).pow(digits);
  return floors.map((f) => ({ amount: sign < 0 && !f.isZero() ? f.div(scale).neg() : f.div(scale), currency: total.currency }));
}
