import { toDecimal } from '../_lib/decimal.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { minorUnitDigits, type CurrencyCode } from './currency.js';
import { Decimal, type DecimalLike } from './decimal.js';
import type { Money } from './money.js';

/**
 * An exchange-rate table against one base currency: `rates[c]` is the value of one
 * unit of `c` in `base` (with `base: 'CNY'`, `rates: { USD: '7.10' }` means
 * 1 USD = 7.10 CNY). The base itself is implicitly 1.
 *
 * @example
 * ```ts
 * import type { ExchangeRates } from 'sales-funnel';
 * const rates: ExchangeRates = { base: 'CNY', rates: { USD: '7.10', EUR: '7.80' } };
 * ```
 */
export interface ExchangeRates {
  /** The currency every rate is quoted in. */
  readonly base: CurrencyCode;
  /** Value of one unit of each currency, in `base`. */
  readonly rates: Readonly<Record<CurrencyCode, DecimalLike>>;
}

/**
 * Whether `rates` has the shape of {@link ExchangeRates} (an object with a `rates`
 * object); the base and each rate are checked where they are read.
 */
function ratesShaped(rates: unknown): boolean {
  if (typeof rates !== 'object' || rates === null) return false;
  const table = (rates as { rates?: unknown }).rates;
  return typeof table === 'object' && table !== null;
}

/**
 * The `rates` option of a function that converts amounts: `undefined`, or an object
 * shaped as {@link ExchangeRates}. Call it where the options are read, so that a bad
 * value is refused as the option it is, whether or not a conversion is ever needed.
 *
 * @throws FunnelError `invalid_option` (`rates`, `must_be_object`).
 * @internal
 */
export function ratesOption(rates: unknown): ExchangeRates | undefined {
  if (rates === undefined) return undefined;
  if (!ratesShaped(rates)) throw new FunnelError('invalid_option', { option: 'rates', reason: because('must_be_object') });
  return rates as ExchangeRates;
}

function rateOf(rates: ExchangeRates, currency: CurrencyCode, other: CurrencyCode): Decimal {
  if (currency === rates.base) return new Decimal(1);
  if (!Object.hasOwn(rates.rates, currency)) {
    throw new FunnelError('missing_rate', { from: currency, to: other });
  }
  const rate = toDecimal(rates.rates[currency] as DecimalLike, `rate ${currency}`);
  if (rate.lte(0)) throw new FunnelError('invalid_amount', { value: rate.toString(), reason: because('rate_not_positive', { currency }) });
  return rate;
}

/**
 * Converts an amount into another currency through a rate table. Exact to 40
 * significant digits; not rounded.
 *
 * @param m - The amount.
 * @param to - Target currency.
 * @param rates - Rates against a common base.
 * @returns The amount in `to`.
 * @throws {@link FunnelError} `missing_rate` when a currency has no rate; `unknown_currency` for unknown codes;
 *   `invalid_argument` (`rates`) when a conversion is needed and `rates` is not an object with a `rates` object.
 *
 * @example
 * ```ts
 * import { convert, money } from 'sales-funnel';
 * const rates = { base: 'CNY', rates: { USD: '7.10' } };
 * convert(money('100', 'USD'), 'CNY', rates).amount.toString(); //=> '710'
 * ```
 *
 * @category Money
 */
export function convert(m: Money, to: CurrencyCode, rates: ExchangeRates): Money {
  minorUnitDigits(to);
  if (m.currency === to) return { amount: toDecimal(m.amount), currency: to };
  if (!ratesShaped(rates)) throw new FunnelError('invalid_argument', { name: 'rates', reason: because('must_be_object') });
  const amount = toDecimal(m.amount).times(rateOf(rates, m.currency, to)).div(rateOf(rates, to, m.currency));
  return { amount, currency: to };
}
