// Argument and option checks shared by qualifyMAN, scoreCustomers, classifyABCD and
// reclassify (the qualification and classification part of the customers area).
import { toDecimal } from '../../_lib/decimal.js';
import { listArgument } from '../../_lib/listArgument.js';
import { oneOfOption } from '../../_lib/options.js';
import { because } from '../../i18n/because.js';
import { LOCALES, type Locale } from '../../i18n/codes.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import type { Customer } from '../../model/customer.js';
import { minorUnitDigits } from '../../money/currency.js';
import type { Money } from '../../money/money.js';
import { toInstant, type InstantInput } from '../../time/instant.js';

/** The priorities a customer can have, from the highest down. */
export const PRIORITIES = ['high', 'medium', 'low'] as const;

/** A bad positional argument. */
export function badArgument(name: string, reason: Parameters<typeof because>[0], params?: Parameters<typeof because>[1]): never {
  throw new FunnelError('invalid_argument', { name, reason: because(reason, params) });
}


/** Checks that every customer is an object with an id; returns them. */
export function customersArgument(value: Iterable<Customer>, name = 'customers'): readonly Customer[] {
  const list = listArgument(value, name);
  list.forEach((c, i) => {
    if (typeof c !== 'object' || c === null) badArgument(`${name}[${i}]`, 'must_be_object');
    if (typeof c.id !== 'string' || c.id === '') badArgument(`${name}[${i}].id`, 'must_be_non_empty_string');
  });
  return list;
}

/** The `locale` option, English by default. */
export function localeOption(value: unknown): Locale {
  return oneOfOption(value ?? 'en', 'locale', LOCALES);
}

/** A required `asOf` option (the instant the books are read at). */
export function requiredAsOf(value: InstantInput | undefined): Date {
  if (value === undefined) throw new FunnelError('invalid_option', { option: 'asOf', reason: because('asof_for_classes') });
  return toInstant(value, 'asOf');
}

/** A money option: an object with a known currency and a non-negative decimal amount. */
export function moneyOption(value: unknown, option: string): Money {
  if (typeof value !== 'object' || value === null || !('amount' in value) || !('currency' in value) || typeof value.currency !== 'string') {
    throw new FunnelError('invalid_option', { option, reason: because('expected_money') });
  }
  const currency = value.currency;
  try {
    minorUnitDigits(currency);
  } catch {
    throw new FunnelError('invalid_option', { option: `${option}.currency`, reason: because('unknown_currency_code', { value: currency.slice(0, 40) }) });
  }
  let amount: Money['amount'];
  try {
    amount = toDecimal(value.amount as never, `${option}.amount`);
  } catch {
    throw new FunnelError('invalid_option', { option: `${option}.amount`, reason: because('must_be_decimal_amount') });
  }
  if (amount.isNegative() && !amount.isZero()) throw new FunnelError('invalid_option', { option: `${option}.amount`, reason: because('must_not_be_negative') });
  return { amount, currency };
}
