import { minorUnitDigits, type CurrencyCode } from '../../money/currency.js';
import { Decimal } from '../../money/decimal.js';

/**
 * Rounds exact parts (amounts of one currency) to whole minor units so that they add up
 * exactly to their exact sum rounded half-even (`roundToMinor`): the largest-remainder
 * rule of `allocate`, applied to the parts themselves. Each part is first rounded down
 * to the minor unit; the minor units the rounded total still needs (from 0 to the number
 * of parts) then go one each to the parts with the largest remainders, ties to the
 * earlier part. So every part is its exact value rounded down or up (within one minor
 * unit of it), and Σ parts = total to the last minor unit — where rounding each part
 * half-even on its own can miss the total by up to half a minor unit per part (three
 * parts of 2.857142… round to 2.86 each, 8.58, while their sum 8.571428… rounds to 8.57).
 * Negative parts are rounded the same way (down is toward −∞).
 *
 * @param parts - Exact amounts.
 * @param currency - Their currency (its minor unit).
 * @returns The rounded parts, in order, and their total.
 */
export function roundPartsToMinor(parts: readonly Decimal[], currency: CurrencyCode): { readonly parts: Decimal[]; readonly total: Decimal } {
  const digits = minorUnitDigits(currency);
  const scaled = parts.map((p) => p.times(new Decimal(10).pow(digits)));
  const floors = scaled.map((s) => s.floor());
  const floorSum = floors.reduce((a, f) => a.plus(f), new Decimal(0));
  const rests = scaled.map((s, i) => s.minus(floors[i]!));
  const restSum = rests.reduce((a, r) => a.plus(r), new Decimal(0));
  // The exact sum rounded half-even: floorSum + restSum with restSum in [0, n), so the
  // units still needed are in [0, n].
  const total = floorSum.plus(restSum).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
  let left = total.minus(floorSum).toNumber();
  // Largest remainder first; the sort is stable, so ties keep the parts' order.
  const order = rests.map((rest, i) => ({ i, rest })).sort((a, b) => b.rest.comparedTo(a.rest));
  const units = [...floors];
  for (const { i } of order) {
    if (left <= 0) break;
    units[i] = units[i]!.plus(1);
    left--;
  }
  const unscale = (u: Decimal) => u.div(new Decimal(10).pow(digits));
  return { parts: units.map(unscale), total: unscale(total) };
}
