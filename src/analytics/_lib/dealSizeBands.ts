import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { amountIn } from '../../money/amountIn.js';
import type { ExchangeRates } from '../../money/convert.js';
import type { CurrencyCode } from '../../money/currency.js';
import type { Decimal } from '../../money/decimal.js';
import type { Money } from '../../money/money.js';

/**
 * A deal-size band (金额区间): the deals whose amount is at least `min` and below `max`
 * (half-open, `[min, max)`). A missing bound is open: no `min` means no lower bound, no
 * `max` no upper bound.
 */
export interface DealSizeBand {
  /**
   * The band's name, unique in the list.
   *
   * @defaultValue the bounds, `'< 100000'`, `'100000–500000'`, `'≥ 500000'` (`'all'` without bounds)
   */
  readonly name?: string;
  /**
   * Smallest amount in the band (inclusive).
   *
   * @defaultValue no lower bound
   */
  readonly min?: Money;
  /**
   * Amount where the band ends (exclusive).
   *
   * @defaultValue no upper bound
   */
  readonly max?: Money;
}

/** A checked band, its bounds in the result currency. */
export interface ParsedBand {
  readonly name: string;
  readonly min: Decimal | undefined;
  readonly max: Decimal | undefined;
  readonly minMoney: Money | null;
  readonly maxMoney: Money | null;
}

function badBands(name: string, reason: ReturnType<typeof because>): never {
  throw new FunnelError('invalid_argument', { name, reason });
}

function isMoney(value: unknown): value is Money {
  return typeof value === 'object' && value !== null && 'amount' in value && 'currency' in value;
}

/**
 * Checks a band list (non-empty; bands that are objects with money bounds and
 * non-empty names; `min < max`; listed from small to large without overlap; unique
 * names) and converts its bounds into the result currency: `currency`, else the
 * currency of the first bound.
 *
 * @throws FunnelError `invalid_argument` naming `bands` or the offending band;
 *   `invalid_option` `currency` when there is neither `currency` nor a bound.
 */
export function parseBands(
  bands: readonly DealSizeBand[],
  currency: CurrencyCode | undefined,
  rates: ExchangeRates | undefined,
): { readonly currency: CurrencyCode; readonly bands: ParsedBand[] } {
  if (!Array.isArray(bands)) badBands('bands', because('must_be_array'));
  if (bands.length === 0) badBands('bands', because('must_not_be_empty'));
  let found = currency;
  bands.forEach((b: DealSizeBand, i) => {
    if (typeof b !== 'object' || b === null) badBands(`bands[${i}]`, because('must_be_object'));
    for (const key of ['min', 'max'] as const) {
      const m = b[key];
      if (m === undefined) continue;
      if (!isMoney(m)) badBands(`bands[${i}].${key}`, because('must_be_object'));
      found ??= m.currency;
    }
    if (b.name !== undefined && (typeof b.name !== 'string' || b.name === '')) badBands(`bands[${i}].name`, because('must_be_non_empty_string'));
  });
  if (found === undefined) throw new FunnelError('invalid_option', { option: 'currency', reason: because('bands_need_currency') });
  const cur = found;
  const names = new Set<string>();
  const out: ParsedBand[] = [];
  bands.forEach((b: DealSizeBand, i) => {
    const min = b.min === undefined ? undefined : amountIn(b.min, cur, rates);
    const max = b.max === undefined ? undefined : amountIn(b.max, cur, rates);
    if (min !== undefined && max !== undefined && !min.lt(max)) {
      badBands(`bands[${i}]`, because('band_min_not_below_max', { index: i, min: min.toString(), max: max.toString() }));
    }
    const before = out[i - 1];
    if (before !== undefined && (before.max === undefined || min === undefined || min.lt(before.max))) {
      badBands(`bands[${i}]`, because('bands_out_of_order', { index: i }));
    }
    const name = b.name ?? defaultName(min, max);
    if (names.has(name)) badBands(`bands[${i}].name`, because('listed_twice', { key: name }));
    names.add(name);
    out.push({
      name,
      min,
      max,
      minMoney: min === undefined ? null : { amount: min, currency: cur },
      maxMoney: max === undefined ? null : { amount: max, currency: cur },
    });
  });
  return { currency: cur, bands: out };
}

function defaultName(min: Decimal | undefined, max: Decimal | undefined): string {
  if (min === undefined) return max === undefined ? 'all' : `< ${max.toString()}`;
  return max === undefined ? `≥ ${min.toString()}` : `${min.toString()}–${max.toString()}`;
}

/**
 * The index of the band holding `amount`, or -1 when it falls outside every band. Bands
 * are sorted and disjoint, so a binary search finds the last band starting at or below it.
 */
export function bandOf(bands: readonly ParsedBand[], amount: Decimal): number {
  let lo = 0;
  let hi = bands.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const min = bands[mid]!.min;
    if (min === undefined || min.lte(amount)) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return -1;
  const max = bands[found]!.max;
  return max === undefined || amount.lt(max) ? found : -1;
}
