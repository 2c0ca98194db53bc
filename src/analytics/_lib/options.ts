import { FunnelError } from '../../i18n/FunnelError.js';

/** The epoch ms of an optional instant option; `fallback` when absent. Throws `invalid_option` for an invalid Date. */
export function instantMs(value: Date | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const t = value instanceof Date ? value.getTime() : NaN;
  if (!Number.isFinite(t)) throw new FunnelError('invalid_option', { option, reason: 'must be a valid Date' });
  return t;
}
