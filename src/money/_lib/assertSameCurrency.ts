import { FunnelError } from '../../i18n/FunnelError.js';
import type { Money } from '../money.js';

/** Throws `currency_mismatch` unless both values share a currency. */
export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new FunnelError('currency_mismatch', { left: a.currency, right: b.currency });
  }
}
