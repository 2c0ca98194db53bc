// Argument checks shared by attainment and allocateQuota: a bad argument is a
// FunnelError('invalid_argument', { name, reason }) naming where it is, never a TypeError
// from deep inside.
import { isIterableObject } from '../../_lib/isIterableObject.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import type { Money } from '../../money/money.js';

/** The items of an iterable argument, as an array (read once); `invalid_argument` otherwise. */
export function listArgument<T>(value: Iterable<T>, name: string): readonly T[] {
  if (Array.isArray(value)) return value;
  if (isIterableObject(value)) {
    return [...value];
  }
  throw new FunnelError('invalid_argument', { name, reason: because('must_be_array') });
}

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

/** The options object itself (`{}` when absent); `invalid_option` when it is not an object. */
export function optionsArgument<T extends object>(options: T | undefined): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
  return options;
}
