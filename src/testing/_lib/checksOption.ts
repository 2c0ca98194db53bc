import { oneOfOption } from '../../_lib/options.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';

const CHECKS = ['manual', 'field'] as const;

/** A non-empty list of key task check kinds. */
export function checksOption(value: unknown): ReadonlyArray<'manual' | 'field'> {
  if (!Array.isArray(value) || value.length === 0) {
    throw new FunnelError('invalid_option', { option: 'checks', reason: because('checks_list') });
  }
  return value.map((v) => oneOfOption(v, 'checks', CHECKS));
}
