import { toDecimal } from '../../_lib/decimal.js';
import { toRatio } from '../../_lib/toRatio.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import type { Decimal, DecimalLike } from '../../money/decimal.js';
import { toInstant, type InstantInput } from '../../time/instant.js';

/**
 * The epoch ms of a required instant option.
 *
 * @throws FunnelError `invalid_option` when it is missing (or the options are) or is not an instant.
 */
export function requiredInstantMs(options: { readonly asOf?: InstantInput } | undefined, why: string): number {
  const value = options?.asOf;
  if (value === undefined) throw new FunnelError('invalid_option', { option: 'asOf', reason: `is required: ${why}` });
  return toInstant(value, 'asOf').getTime();
}

function reasonOf(e: unknown): string {
  if (e instanceof FunnelError) {
    const reason = (e.params as { readonly reason?: unknown }).reason;
    if (typeof reason === 'string') return reason;
  }
  return 'is not a decimal number';
}

/**
 * A decimal option (an amount threshold): a decimal string, a number or a Decimal.
 *
 * @throws FunnelError `invalid_option` for anything else.
 */
export function decimalOption(value: DecimalLike, option: string): Decimal {
  try {
    return toDecimal(value, option);
  } catch (e) {
    throw new FunnelError('invalid_option', { option, reason: reasonOf(e) });
  }
}

/**
 * A probability option, in the forms every probability input of the library takes (a
 * decimal string, a number, a Decimal), from 0 to 1.
 *
 * @throws FunnelError `invalid_option` for anything else.
 */
export function probabilityOption(value: DecimalLike, option: string): Decimal {
  try {
    return toRatio(value, option, 'unit');
  } catch (e) {
    throw new FunnelError('invalid_option', { option, reason: reasonOf(e) });
  }
}
