import { toDecimal } from '../../_lib/decimal.js';
import { toRatio } from '../../_lib/toRatio.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { convert, type ExchangeRates } from '../../money/convert.js';
import { minorUnitDigits, type CurrencyCode } from '../../money/currency.js';
import { Decimal, type DecimalLike } from '../../money/decimal.js';
import type { Money } from '../../money/money.js';

/**
 * The first stages of `forecastDistribution`: read the deals into exact amounts and
 * probabilities (`readRevenueBook`), compute the exact moments (`revenueMoments`), and
 * move to integers in the amounts' smallest unit for the exact and Monte Carlo methods
 * (`revenueUnits`).
 */

/** One deal as `forecastDistribution` reads it (the shape of the public `ForecastDeal`). */
export interface RevenueDealInput {
  readonly amount: Money | DecimalLike;
  readonly probability: DecimalLike;
}

/** The deals, read once: exact amounts in one currency, and probabilities. */
export interface RevenueBook {
  /** The currency, when known (money amounts or the option). */
  readonly currency: CurrencyCode | undefined;
  readonly amounts: readonly Decimal[];
  readonly probabilities: readonly Decimal[];
}

/** The exact moments and range of the won revenue, and the smallest unit of the amounts. */
export interface RevenueMoments {
  readonly mean: Decimal;
  readonly variance: Decimal;
  readonly standardDeviation: Decimal;
  /** The deals with probability 1. */
  readonly minimum: Decimal;
  /** Every deal with probability above 0. */
  readonly maximum: Decimal;
  /** Decimal places of the smallest unit: the currency's minor unit, or finer when an amount needs it. */
  readonly scale: number;
}

/** The book in integers of the smallest unit, the certain deals folded into `offset`. */
export interface RevenueUnits {
  /** 10^scale: amounts × unit are integers. */
  readonly unit: Decimal;
  /** Σ of the deals won with probability 1, in units. */
  readonly offset: number;
  /** The uncertain deals (0 < p < 1, amount > 0), in units. */
  readonly amounts: readonly number[];
  /** Their probabilities, as doubles. */
  readonly probabilities: readonly number[];
  /** Their complements 1 − p, computed exactly in decimal and then rounded once to a double. */
  readonly complements: readonly number[];
}

export function isMoney(value: unknown): value is Money {
  return typeof value === 'object' && value !== null && 'currency' in value && 'amount' in value;
}

/**
 * Reads the deals once: amounts in one currency (converted ones rounded half-even to the
 * minor unit), never negative, and probabilities in [0, 1].
 */
export function readRevenueBook(deals: Iterable<RevenueDealInput>, currency: CurrencyCode | undefined, rates: ExchangeRates | undefined): RevenueBook {
  let cur = currency;
  const amounts: Decimal[] = [];
  const probabilities: Decimal[] = [];
  let index = 0;
  for (const deal of deals) {
    const name = `deals[${index}]`;
    if (typeof deal !== 'object' || deal === null) throw new FunnelError('invalid_argument', { name, reason: because('deal_shape') });
    let amount: Decimal;
    if (isMoney(deal.amount)) {
      const m = deal.amount;
      cur ??= m.currency;
      if (m.currency === cur) amount = toDecimal(m.amount, `${name}.amount`);
      else if (rates === undefined) throw new FunnelError('currency_mismatch', { left: cur, right: m.currency });
      else amount = convert(m, cur, rates).amount.toDecimalPlaces(minorUnitDigits(cur), Decimal.ROUND_HALF_EVEN);
    } else {
      amount = toDecimal(deal.amount, `${name}.amount`);
    }
    if (amount.isNegative()) throw new FunnelError('invalid_argument', { name: `${name}.amount`, reason: because('must_not_be_negative') });
    amounts.push(amount);
    probabilities.push(toRatio(deal.probability, `${name}.probability`, 'unit'));
    index++;
  }
  return { currency: cur, amounts, probabilities };
}

/** Mean Σ aᵢpᵢ, variance Σ aᵢ²pᵢ(1 − pᵢ), range and smallest unit, all exact. */
export function revenueMoments(book: RevenueBook): RevenueMoments {
  let mean = new Decimal(0);
  let variance = new Decimal(0);
  let minimum = new Decimal(0);
  let maximum = new Decimal(0);
  let scale = book.currency === undefined ? 0 : minorUnitDigits(book.currency);
  const one = new Decimal(1);
  for (let i = 0; i < book.amounts.length; i++) {
    const a = book.amounts[i]!;
    const p = book.probabilities[i]!;
    mean = mean.plus(a.times(p));
    variance = variance.plus(a.times(a).times(p).times(one.minus(p)));
    if (p.gt(0)) {
      maximum = maximum.plus(a);
      if (!a.isZero()) scale = Math.max(scale, a.decimalPlaces());
    }
    if (p.eq(1)) minimum = minimum.plus(a);
  }
  return { mean, variance, standardDeviation: variance.sqrt(), minimum, maximum, scale };
}

/**
 * The book in integers of the smallest unit.
 *
 * @throws FunnelError `limit_exceeded` when the total in units reaches 2⁵³.
 */
export function revenueUnits(book: RevenueBook, moments: RevenueMoments): RevenueUnits {
  const unit = new Decimal(10).pow(moments.scale);
  if (moments.maximum.times(unit).gt(Number.MAX_SAFE_INTEGER)) {
    throw new FunnelError('limit_exceeded', { what: because('total_in_units', { unit: new Decimal(1).div(unit).toString() }), limit: Number.MAX_SAFE_INTEGER });
  }
  const one = new Decimal(1);
  let offset = 0;
  const amounts: number[] = [];
  const probabilities: number[] = [];
  const complements: number[] = [];
  for (let i = 0; i < book.amounts.length; i++) {
    const p = book.probabilities[i]!;
    const a = book.amounts[i]!.times(unit).toNumber();
    if (p.isZero() || a === 0) continue;
    if (p.eq(1)) offset += a;
    else {
      amounts.push(a);
      probabilities.push(p.toNumber());
      complements.push(one.minus(p).toNumber());
    }
  }
  return { unit, offset, amounts, probabilities, complements };
}
