import { toDecimal } from '../../_lib/decimal.js';
import { toRatio } from '../../_lib/toRatio.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import type { Reason } from '../../i18n/params.js';
import type { Decimal, DecimalLike } from '../../money/decimal.js';
import { toInstant, type InstantInput } from '../../time/instant.js';

/**
 * The epoch ms of a required instant option.
 *
 * @throws FunnelError `invalid_option` when it is missing (or the options are) or is not an instant.
 */
export function requiredInstantMs(
  options: { readonly asOf?: InstantInput } | undefined,
  why: 'asof_for_snapshot' | 'asof_for_judging' | 'asof_for_open_deals' | 'asof_for_open_stays',
): number {
  const value = options?.asOf;
  if (value === undefined) throw new FunnelError('invalid_option', { option: 'asOf', reason: because(why) });
  return toInstant(value, 'asOf').getTime();
}

/**
 * Why toDecimal or toRatio refused a value: the reason of their FunnelError (they throw
 * no other kind with a value of theirs), or "not a decimal" for what a hostile value
 * threw itself (a Proxy whose traps throw, say).
 */
function reasonOf(e: unknown): Reason {
  return e instanceof FunnelError ? (e.params as { readonly reason: Reason }).reason : because('not_a_decimal');
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
