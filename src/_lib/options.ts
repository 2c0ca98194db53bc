import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { LocalizedText, Reason } from '../i18n/params.js';

/**
 * The option-checking kit: each checker returns the value when it is acceptable and
 * otherwise throws `FunnelError('invalid_option', { option, reason })`, the one code for
 * every bad option in the library. Time options are checked by `toInstant` /
 * `toPlainDate` in `src/time`, with the same code.
 */

function bad(option: string, reason: Reason): never {
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

/** The bounds in words: `>= 0 and <= 1` / `不小于 0 且不大于 1`. */
function rangeText(b: NumberBounds): LocalizedText {
  const parts = (words: readonly [string, string, string, string], and: string) => {
    const lo = b.min === undefined ? '' : `${b.minExclusive === true ? words[0] : words[1]} ${b.min}`;
    const hi = b.max === undefined ? '' : `${b.maxExclusive === true ? words[2] : words[3]} ${b.max}`;
    return [lo, hi].filter((x) => x !== '').join(and);
  };
  return { en: parts(['>', '>=', '<', '<='], ' and '), 'zh-CN': parts(['大于', '不小于', '小于', '不大于'], ' 且') };
}

/** A finite number within bounds. @internal */
export function numberOption(value: unknown, option: string, bounds: NumberBounds = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return bad(option, bounds.min === undefined && bounds.max === undefined ? because('must_be_finite_number') : because('finite_number_in_range', { range: rangeText(bounds) }));
  }
  const { min, max } = bounds;
  if (
    (min !== undefined && (bounds.minExclusive === true ? value <= min : value < min)) ||
    (max !== undefined && (bounds.maxExclusive === true ? value >= max : value > max))
  ) {
    return bad(option, because('in_range', { range: rangeText(bounds) }));
  }
  return value;
}

/** A whole number within bounds (default: ≥ 0). @internal */
export function wholeNumberOption(value: unknown, option: string, bounds: { readonly min?: number; readonly max?: number } = {}): number {
  const min = bounds.min ?? 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || (bounds.max !== undefined && value > bounds.max)) {
    return bad(
      option,
      bounds.max === undefined
        ? because('whole_number_at_least', { min: String(min) })
        : because('whole_number_between', { min: String(min), max: String(bounds.max) }),
    );
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
  return bad(option, because('one_of', { allowed: { en: allowed.map((a) => `'${a}'`).join(', '), 'zh-CN': allowed.map((a) => `“${a}”`).join('、') } }));
}

/** A boolean. @internal */
export function booleanOption(value: unknown, option: string): boolean {
  if (typeof value === 'boolean') return value;
  return bad(option, because('must_be_boolean'));
}

/** A function. @internal */
export function functionOption<F extends (...args: never[]) => unknown>(value: unknown, option: string): F {
  if (typeof value === 'function') return value as F;
  return bad(option, because('must_be_function'));
}

/**
 * An optional options object: `{}` when absent, the object itself when it is one;
 * `invalid_option` (option `options`) otherwise.
 */
export function optionsObject<T extends object>(options: T | undefined): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) bad('options', because('must_be_object'));
  return options;
}
