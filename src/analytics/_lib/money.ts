import { FunnelError } from '../../i18n/FunnelError.js';
import { convert, type ExchangeRates } from '../../money/convert.js';
import type { CurrencyCode } from '../../money/currency.js';
import type { Decimal } from '../../money/decimal.js';
import type { Money } from '../../money/money.js';
import { toDecimal } from '../../_lib/decimal.js';

/** The amount of `m` in `currency`: as is, converted with `rates`, or `currency_mismatch`. */
export function amountIn(m: Money, currency: CurrencyCode, rates: ExchangeRates | undefined): Decimal {
  if (m.currency === currency) return toDecimal(m.amount);
  if (rates === undefined) throw new FunnelError('currency_mismatch', { left: currency, right: m.currency });
  return convert(m, currency, rates).amount;
}
