import { toDecimal } from '../_lib/decimal.js';
import { because } from '../i18n/because.js';
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
 * The arithmetic is exact integer arithmetic (any number of digits: a 40-digit total
 * split three ways still adds up to the last minor unit), so the shares always add up
 * to the total.
 *
 * @param total - The amount to split; must already be in whole minor units.
 * @param weights - Non-negative weights, at least one positive.
 * @returns One share per weight, in the same order.
 * @throws {@link FunnelError} `invalid_weights` for an empty list, negative or all-zero
 *   weights; `invalid_amount` when the total has digits below the minor unit, a weight
 *   given as text or number lies outside `DECIMAL_LIMITS`, or a Decimal is beyond 10¹⁰⁰⁰.
 *
 * @category Money
 * @example
 * ```ts
 * import { allocate, money } from 'sales-funnel';
 * allocate(money('100', 'CNY'), [1, 1, 1]).map((m) => m.amount.toFixed(2));
 * //=> ['33.34', '33.33', '33.33']
 * ```
 */
export function allocate(total: Money, weights: ReadonlyArray<DecimalLike>): Money[] {
  const digits = minorUnitDigits(total.currency);
  if (weights.length === 0) throw new FunnelError('invalid_weights', { reason: because('list_empty') });
  const w = weights.map((x, i) => bounded(toDecimal(x, `weights[${i}]`), `weights[${i}]`));
  w.forEach((x, i) => {
    if (x.isNegative() && !x.isZero()) throw new FunnelError('invalid_weights', { reason: because('named_is_negative', { name: `weights[${i}]` }) });
  });
  if (w.every((x) => x.isZero())) throw new FunnelError('invalid_weights', { reason: because('all_weights_zero') });

  const amount = bounded(toDecimal(total.amount), 'total');
  if (amount.decimalPlaces() > digits) {
    throw new FunnelError('invalid_amount', {
      value: amount.toString(),
      reason: because('total_not_in_minor_units', { currency: total.currency }),
    });
  }
  // Exact integer arithmetic (BigInt) over the whole accepted range: the total in minor
  // units, the weights scaled to integers by their longest fraction.
  const units = BigInt(amount.abs().toFixed(digits).replace('.', ''));
  const places = Math.max(...w.map((x) => x.decimalPlaces()));
  const scaled = w.map((x) => BigInt(x.toFixed(places).replace('.', '')));
  const wsum = scaled.reduce((a, b) => a + b, 0n);

  const shares: bigint[] = [];
  const order: { index: number; remainder: bigint; weight: bigint }[] = [];
  let given = 0n;
  scaled.forEach((weight, index) => {
    const product = units * weight;
    const floor = product / wsum; // non-negative operands: truncation is the floor
    shares.push(floor);
    given += floor;
    order.push({ index, remainder: product % wsum, weight });
  });
  const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
  // Largest remainder first, then the larger weight; equal remainders and weights keep the
  // index order (`order` is built in index order and Array#sort is stable).
  order.sort((a, b) => cmp(b.remainder, a.remainder) || cmp(b.weight, a.weight));
  let left = units - given; // fewer than weights.length units
  for (const entry of order) {
    if (left <= 0n) break;
    shares[entry.index] = shares[entry.index]! + 1n;
    left -= 1n;
  }
  const negative = amount.isNegative();
  return shares.map((u) => ({
    amount: u === 0n ? new Decimal(0) : new Decimal(`${negative ? '-' : ''}${u}e-${digits}`),
    currency: total.currency,
  }));
}

/** Integer arithmetic on a Decimal of 10¹⁰⁰⁰ or 10⁻¹⁰⁰¹ would exhaust memory: refuse it. */
const MAX_EXPONENT = 1000;

function bounded(d: Decimal, name: string): Decimal {
  // (A zero has exponent 0 and no decimal places, whatever it was written as.)
  if (d.e >= MAX_EXPONENT || d.decimalPlaces() > MAX_EXPONENT) {
    throw new FunnelError('invalid_amount', { value: d.toExponential(3), reason: because('named_out_of_range', { name }) });
  }
  return d;
}
