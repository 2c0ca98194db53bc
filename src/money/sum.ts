import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { convert, type ExchangeRates } from './convert.js';
import type { CurrencyCode } from './currency.js';
import { Decimal } from './decimal.js';
import type { Money } from './money.js';
import { toDecimal } from '../_lib/decimal.js';

/**
 * Options for {@link sum}.
 *
 * @example
 * ```ts
 * import type { SumOptions } from 'sales-funnel';
 * const o: SumOptions = { currency: 'CNY', rates: { base: 'CNY', rates: { USD: '7.1' } } };
 * ```
 */
export interface SumOptions {
  /** Currency of the result; required for an empty list, defaults to the first amount's. */
  readonly currency?: CurrencyCode;
  /** Rates used to convert amounts in other currencies; without it they are an error. */
  readonly rates?: ExchangeRates;
}

/**
 * Adds up amounts exactly.
 *
 * @param amounts - Any iterable of money values (read once).
 * @param options - Result currency and optional rates.
 * @returns The total.
 * @throws {@link FunnelError} `currency_mismatch` for mixed currencies without rates;
 *   `invalid_argument` for an empty list without a currency.
 *
 * @example
 * ```ts
 * import { sum, money } from 'sales-funnel';
 * sum([money('1', 'CNY'), money('2.5', 'CNY')]).amount.toString(); //=> '3.5'
 * sum([], { currency: 'CNY' }).amount.toString(); //=> '0'
 * ```
 *
 * @category Money
 */
export function sum(amounts: Iterable<Money>, options: SumOptions = {}): Money {
  let currency = options.currency;
  let total = new Decimal(0);
  for (const m of amounts) {
    currency ??= m.currency;
    if (m.currency !== currency) {
      if (options.rates === undefined) throw new FunnelError('currency_mismatch', { left: currency, right: m.currency });
      total = total.plus(convert(m, currency, options.rates).amount);
    } else {
      total = total.plus(toDecimal(m.amount));
    }
  }
  if (currency === undefined) {
    throw new FunnelError('invalid_argument', { name: 'amounts', reason: because('empty_list_needs_currency') });
  }
  return { amount: total, currency };
}
