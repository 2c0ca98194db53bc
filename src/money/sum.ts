import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { convert, ratesOption, type ExchangeRates } from './convert.js';
import type { CurrencyCode } from './currency.js';
import { Decimal } from './decimal.js';
import type { Money } from './money.js';
import { toDecimal } from '../_lib/decimal.js';
import { isIterableObject } from '../_lib/isIterableObject.js';

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
 *   `invalid_argument` for an empty list without a currency, `amounts` that is not
 *   iterable (`amounts`, reason `must_be_array`) or an item that is not a Money value
 *   (`amounts[i]`, reason `expected_money`); `invalid_option` for options that are not an
 *   object, or `rates` that is not an exchange-rate table.
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
  if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
  const rates = ratesOption(options.rates);
  if (!isIterableObject(amounts)) {
    throw new FunnelError('invalid_argument', { name: 'amounts', reason: because('must_be_array') });
  }
  let currency = options.currency;
  let total = new Decimal(0);
  let i = 0;
  for (const m of amounts) {
    if (typeof m !== 'object' || m === null || typeof m.currency !== 'string') {
      throw new FunnelError('invalid_argument', { name: `amounts[${i}]`, reason: because('expected_money') });
    }
    i++;
    currency ??= m.currency;
    if (m.currency !== currency) {
      if (rates === undefined) throw new FunnelError('currency_mismatch', { left: currency, right: m.currency });
      total = total.plus(convert(m, currency, rates).amount);
    } else {
      total = total.plus(toDecimal(m.amount));
    }
  }
  if (currency === undefined) {
    throw new FunnelError('invalid_argument', { name: 'amounts', reason: because('empty_list_needs_currency') });
  }
  return { amount: total, currency };
}
