import fc from 'fast-check';
import { numberOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { isCurrencyCode, minorUnitDigits, type CurrencyCode } from '../money/currency.js';
import type { Money } from '../money/money.js';
import { decimalArb } from './decimalArb.js';

/**
 * Constraints for {@link moneyArb}.
 *
 * @category Testing
 */
export interface MoneyConstraints {
  /**
   * Currencies to draw from (ISO 4217 codes the library knows).
   * @defaultValue `['CNY']`
   */
  readonly currencies?: readonly CurrencyCode[];
  /**
   * Smallest amount.
   * @defaultValue 0
   */
  readonly min?: number;
  /**
   * Largest amount.
   * @defaultValue 10 000 000
   */
  readonly max?: number;
}

/**
 * Money values in whole minor units of their currency (CNY to the fen, JPY to the yen).
 *
 * @param constraints - Currencies and range.
 * @returns An arbitrary of {@link sales-funnel!Money}.
 * @throws {@link sales-funnel!FunnelError} `invalid_option { option }` at once for an
 *   empty or unknown currency list or an impossible range.
 *
 * @category Testing
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { moneyArb } from 'sales-funnel/testing';
 * fc.assert(fc.property(moneyArb({ currencies: ['JPY'] }), (m) => m.amount.isInteger()));
 * ```
 */
export function moneyArb(constraints: MoneyConstraints = {}): fc.Arbitrary<Money> {
  const currencies = constraints.currencies ?? ['CNY'];
  if (!Array.isArray(currencies) || currencies.length === 0) {
    throw new FunnelError('invalid_option', { option: 'currencies', reason: because('currency_list') });
  }
  for (const c of currencies) {
    if (!isCurrencyCode(c)) throw new FunnelError('invalid_option', { option: 'currencies', reason: because('unknown_currency_code', { value: String(c) }) });
  }
  const min = numberOption(constraints.min ?? 0, 'min');
  const max = numberOption(constraints.max ?? 10_000_000, 'max', { min });
  const arbs = currencies.map((currency) =>
    decimalArb({ min, max, scale: minorUnitDigits(currency) }).map((amount): Money => ({ amount, currency })),
  );
  return fc.oneof(...arbs);
}
