import { toDecimal } from '../_lib/decimal.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { minorUnitDigits } from './currency.js';
import type { Decimal as DecimalJs } from 'decimal.js';
import { Decimal } from './decimal.js';
import type { Money } from './money.js';

/**
 * A named rounding mode. `half_even` (banker's rounding) is the default everywhere.
 *
 * - `half_even`: to nearest, ties to the even digit (2.345 → 2.34, 2.355 → 2.36)
 * - `half_up`: to nearest, ties away from zero
 * - `half_down`: to nearest, ties toward zero
 * - `up` / `down`: away from / toward zero
 * - `ceil` / `floor`: toward +∞ / −∞
 *
 * @example
 * ```ts
 * import type { RoundingMode } from 'sales-funnel';
 * const mode: RoundingMode = 'half_up';
 * ```
 */
export type RoundingMode = 'half_even' | 'half_up' | 'half_down' | 'up' | 'down' | 'ceil' | 'floor';

const MODES: Readonly<Record<RoundingMode, DecimalJs.Rounding>> = {
  half_even: Decimal.ROUND_HALF_EVEN,
  half_up: Decimal.ROUND_HALF_UP,
  half_down: Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceil: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};

/** Maps a named rounding mode to decimal.js's constant. @internal */
export function roundingConstant(mode: RoundingMode): DecimalJs.Rounding {
  // Own keys only: `constructor` or `toString` must not reach the prototype.
  const r = typeof mode === 'string' && Object.hasOwn(MODES, mode) ? MODES[mode] : undefined;
  if (r === undefined) throw new FunnelError('invalid_option', { option: 'rounding', reason: because('unknown_rounding_mode', { mode: String(mode) }) });
  return r;
}

/**
 * Rounds an amount to its currency's minor unit (fen for CNY, yen for JPY).
 *
 * @param m - The amount.
 * @param mode - Rounding mode, default `'half_even'`.
 * @returns The rounded amount.
 * @throws {@link FunnelError} `invalid_option` for an unknown rounding mode.
 *
 * @category Money
 * @example
 * ```ts
 * import { roundToMinor, money } from 'sales-funnel';
 * roundToMinor(money('2.345', 'CNY')).amount.toFixed(2); //=> '2.34'
 * roundToMinor(money('2.345', 'CNY'), 'half_up').amount.toFixed(2); //=> '2.35'
 * roundToMinor(money('1234.5', 'JPY')).amount.toString(); //=> '1234'
 * ```
 */
export function roundToMinor(m: Money, mode: RoundingMode = 'half_even'): Money {
  const digits = minorUnitDigits(m.currency);
  return { amount: toDecimal(m.amount).toDecimalPlaces(digits, roundingConstant(mode)), currency: m.currency };
}
