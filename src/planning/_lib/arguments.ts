// Argument checks shared by attainment and allocateQuota (lists: src/_lib/listArgument.ts;
// the options object: optionsObject in src/_lib/options.ts): a bad argument is a
// FunnelError('invalid_argument', { name, reason }) naming where it is, never a TypeError
// from deep inside.
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import type { Money } from '../../money/money.js';

/** An item of a list argument that must be an object; `invalid_argument` naming `name` otherwise. */
export function objectArgument<T>(value: T, name: string): T & object {
  if (typeof value !== 'object' || value === null) throw new FunnelError('invalid_argument', { name, reason: because('must_be_object') });
  return value;
}

/**
 * A Money argument: an object with a string `currency` and an `amount` (whose form the
 * money functions check when they read it); `invalid_argument` naming `name` otherwise.
 */
export function moneyArgument(value: unknown, name: string): Money {
  if (typeof value !== 'object' || value === null || !('amount' in value) || typeof (value as { currency?: unknown }).currency !== 'string') {
    throw new FunnelError('invalid_argument', { name, reason: because('expected_money') });
  }
  return value as Money;
}
