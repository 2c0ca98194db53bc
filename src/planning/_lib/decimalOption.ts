import { toRatio } from '../../_lib/toRatio.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { isFunnelError } from '../../i18n/isFunnelError.js';
import type { Decimal, DecimalLike } from '../../money/decimal.js';

/**
 * A decimal option (a probability, a ratio, a capacity factor) in any of the forms a
 * probability is accepted in everywhere: a decimal string, a number or a Decimal.
 * `range`: `'unit'` for [0, 1], `'non_negative'` for ≥ 0, `'positive'` for > 0.
 *
 * @throws {@link FunnelError} `invalid_option { option, reason }` for anything else.
 */
export function decimalOption(value: DecimalLike, option: string, range: 'unit' | 'non_negative' | 'positive'): Decimal {
  let d: Decimal;
  try {
    d = toRatio(value, option, range === 'positive' ? 'non_negative' : range);
  } catch (e) {
    // The same reason, as a bad option rather than a bad argument.
    if (isFunnelError(e, 'invalid_argument')) throw new FunnelError('invalid_option', { option, reason: e.params.reason });
    // Stryker disable next-line ConditionalExpression,StringLiteral,ObjectLiteral: never reached: toRatio throws only invalid_argument FunnelErrors (caught on the line above)
    if (e instanceof FunnelError) throw new FunnelError('invalid_option', { option, reason: because('must_be_decimal_number') });
    throw e;
  }
  if (range === 'positive' && d.isZero()) throw new FunnelError('invalid_option', { option, reason: because('more_than', { min: 0 }) });
  return d;
}
