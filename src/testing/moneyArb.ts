import fc from 'fast-check';
import { FunnelError } from '../i18n/FunnelError.js';
import { minorUnitDigits, type CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';

/**
 * Constraints for {@link decimalArb}.
 *
 * @example
 * ```ts
 * import type { DecimalConstraints } from 'sales-funnel/testing';
 * const c: DecimalConstraints = { min: 0, max: 1, scale: 4 };
 * ```
 */
export interface DecimalConstraints {
  /** Smallest value (inclusive). Default 0. */
  readonly min?: number;
  /** Largest value (inclusive). Default 1 000 000. */
  readonly max?: number;
  /** Digits after the decimal point. Default 2. */
  readonly scale?: number;
}

function checkRange(min: number, max: number, scale: number): void {
  if (!Number.isSafeInteger(scale) || scale < 0 || scale > 8) {
    throw new FunnelError('invalid_option', { option: 'scale', reason: 'must be a whole number from 0 to 8' });
  }
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
    throw new FunnelError('invalid_option', { option: 'min/max', reason: 'need finite min <= max' });
  }
  const f = 10 ** scale;
  if (!Number.isSafeInteger(Math.round(max * f)) || !Number.isSafeInteger(Math.round(min * f))) {
    throw new FunnelError('invalid_option', { option: 'min/max', reason: 'too large for the scale' });
  }
}

/**
 * Decimals in `[min, max]` with exactly `scale` digits after the point (generated as
 * whole numbers of 10^−scale, so no binary rounding is involved).
 *
 * @param constraints - Range and scale.
 * @returns An arbitrary of Decimals.
 * @throws {@link sales-funnel!FunnelError} `invalid_option` when the constraints are impossible.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { decimalArb } from 'sales-funnel/testing';
 * fc.assert(fc.property(decimalArb({ min: 0, max: 10 }), (d) => d.gte(0) && d.lte(10)));
 * ```
 */
export function decimalArb(constraints: DecimalConstraints = {}): fc.Arbitrary<Decimal> {
  const { min = 0, max = 1_000_000, scale = 2 } = constraints;
  checkRange(min, max, scale);
  const f = 10 ** scale;
  return fc
    .integer({ min: Math.ceil(min * f), max: Math.floor(max * f) })
    .map((n) => new Decimal(n).div(new Decimal(10).pow(scale)));
}

/**
 * Probabilities in [0, 1] with up to `scale` digits (default 2: 0.00, 0.01, … 1.00).
 *
 * @param constraints - `scale` and optional `min`/`max` within [0, 1].
 * @returns An arbitrary of Decimal probabilities.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { probabilityArb } from 'sales-funnel/testing';
 * fc.assert(fc.property(probabilityArb(), (p) => p.gte(0) && p.lte(1)));
 * ```
 */
export function probabilityArb(constraints: DecimalConstraints = {}): fc.Arbitrary<Decimal> {
  const { min = 0, max = 1, scale = 2 } = constraints;
  if (min < 0 || max > 1) throw new FunnelError('invalid_option', { option: 'min/max', reason: 'probabilities lie in [0, 1]' });
  return decimalArb({ min, max, scale });
}

/**
 * Constraints for {@link moneyArb}.
 *
 * @example
 * ```ts
 * import type { MoneyConstraints } from 'sales-funnel/testing';
 * const c: MoneyConstraints = { currencies: ['CNY', 'JPY'], max: 5_000_000 };
 * ```
 */
export interface MoneyConstraints {
  /** Currencies to draw from. Default `['CNY']`. */
  readonly currencies?: readonly CurrencyCode[];
  /** Smallest amount. Default 0. */
  readonly min?: number;
  /** Largest amount. Default 10 000 000. */
  readonly max?: number;
}

/**
 * Money values in whole minor units of their currency (CNY to the fen, JPY to the yen).
 *
 * @param constraints - Currencies and range.
 * @returns An arbitrary of {@link Money}.
 * @throws {@link sales-funnel!FunnelError} for an empty currency list or an impossible range.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { moneyArb } from 'sales-funnel/testing';
 * fc.assert(fc.property(moneyArb({ currencies: ['JPY'] }), (m) => m.amount.isInteger()));
 * ```
 */
export function moneyArb(constraints: MoneyConstraints = {}): fc.Arbitrary<Money> {
  const { currencies = ['CNY'], min = 0, max = 10_000_000 } = constraints;
  if (currencies.length === 0) throw new FunnelError('invalid_option', { option: 'currencies', reason: 'must not be empty' });
  const arbs = currencies.map((currency) =>
    decimalArb({ min, max, scale: minorUnitDigits(currency) }).map((amount): Money => ({ amount, currency })),
  );
  return fc.oneof(...arbs);
}
