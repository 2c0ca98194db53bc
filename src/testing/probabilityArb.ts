import type fc from 'fast-check';
import { ratioOption } from '../_lib/options.js';
import type { Decimal } from '../money/decimal.js';
import { decimalArb, type DecimalConstraints } from './decimalArb.js';

/**
 * Probabilities in [0, 1] with up to `scale` digits (by default 0.00, 0.01, … 1.00).
 *
 * @param constraints - `scale` and optional `min`/`max` within [0, 1].
 * @returns An arbitrary of Decimal probabilities.
 * @throws {@link sales-funnel!FunnelError} `invalid_option { option }` at once for a
 *   `min` or `max` outside [0, 1], or `max` below `min`.
 *
 * @category Testing
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { probabilityArb } from 'sales-funnel/testing';
 * fc.assert(fc.property(probabilityArb(), (p) => p.gte(0) && p.lte(1)));
 * ```
 */
export function probabilityArb(constraints: DecimalConstraints = {}): fc.Arbitrary<Decimal> {
  const min = ratioOption(constraints.min ?? 0, 'min');
  const max = ratioOption(constraints.max ?? 1, 'max', { min });
  return decimalArb({ min, max, scale: constraints.scale ?? 2 });
}
