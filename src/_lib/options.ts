import { FunnelError } from '../i18n/FunnelError.js';

/**
 * The option-checking kit: each checker returns the value when it is acceptable and
 * otherwise throws `FunnelError('invalid_option', { option, reason })`, the one code for
 * every bad option in the library. Time options are checked by `toInstant` /
 * `toPlainDate` in `src/time`, with the same code.
 */

function bad(option: string, reason: string): never {
  throw new FunnelError('invalid_option', { option, reason });
}

/** Bounds for {@link numberOption}. @internal */
export interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
  /** The minimum itself is not allowed. */
  readonly minExclusive?: boolean;
  /** The maximum itself is not allowed. */
  readonly maxExclusive?: boolean;
}

function rangeText(b: NumberBounds): string {
  const lo = b.min === undefined ? '' : `${b.minExclusive === true ? '>' : '>='} ${b.min}`;
  const hi = b.max === undefined ? '' : `${b.maxExclusive === true ? '<' : '<='} ${b.max}`;
  return [lo, hi].filter((x) => x !== '').join(' and ');
}

/** A finite number within bounds. @internal */
export function numberOption(value: unknown, option: string, bounds: NumberBounds = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return bad(option, `must be a finite number${bounds.min === undefined && bounds.max === undefined ? '' : ` ${rangeText(bounds)}`}`);
  }
  const { min, max } = bounds;
  if (
    (min !== undefined && (bounds.minExclusive === true ? value <= min : value < min)) ||
    (max !== undefined && (bounds.maxExclusive === true ? value >= max : value > max))
  ) {
    return bad(option, `must be ${rangeText(bounds)}`);
  }
  return value;
}

/** A whole number within bounds (default: ≥ 0). @internal */
export function wholeNumberOption(value: unknown, option: string, bounds: { readonly min?: number; readonly max?: number } = {}): number {
  const min = bounds.min ?? 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || (bounds.max !== undefined && value > bounds.max)) {
    return bad(option, `must be a whole number >= ${min}${bounds.max === undefined ? '' : ` and <= ${bounds.max}`}`);
  }
  return value;
}

/** A number in [0, 1] (or a narrower range). @internal */
export function ratioOption(value: unknown, option: string, bounds: NumberBounds = {}): number {
  return numberOption(value, option, { min: 0, max: 1, ...bounds });
}

/** One of a list of allowed strings. @internal */
export function oneOfOption<T extends string>(value: unknown, option: string, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return bad(option, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
}

/** A boolean. @internal */
export function booleanOption(value: unknown, option: string): boolean {
  if (typeof value === 'boolean') return value;
  return bad(option, 'must be true or false');
}

/** A function. @internal */
export function functionOption<F extends (...args: never[]) => unknown>(value: unknown, option: string): F {
  if (typeof value === 'function') return value as F;
  return bad(option, 'must be a function');
}
