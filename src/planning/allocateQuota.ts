import { because } from '../i18n/because.js';
import { toDecimal } from '../_lib/decimal.js';
import { optionsObject } from '../_lib/options.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { allocate } from '../money/allocate.js';
import { minorUnitDigits } from '../money/currency.js';
import { Decimal, type DecimalLike } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { moneyArgument, objectArgument } from './_lib/arguments.js';

/**
 * One recipient of a quota (定额/指标): a rep or a territory, with its weight.
 */
export interface QuotaWeight {
  /** Unique id of the rep or territory. */
  readonly id: string;
  /** Its weight, usually the weighted pipeline (加权预测); ≥ 0. */
  readonly weight: DecimalLike;
  /**
   * A multiplier on the weight, e.g. > 1 for developed regions; ≥ 0.
   * @defaultValue 1
   */
  readonly factor?: DecimalLike;
  /** The least quota it may receive (same currency as the target). */
  readonly floor?: Money;
  /** The most quota it may receive (same currency as the target). */
  readonly cap?: Money;
}

/**
 * Options for {@link allocateQuota}.
 */
export interface AllocateQuotaOptions {
  /**
   * Quotas are whole multiples of this amount (a decimal string, number or Decimal,
   * > 0, a whole number of minor units). The target, floors and caps must be multiples
   * of it too.
   * @defaultValue the currency's minor unit (one fen for CNY)
   */
  readonly step?: DecimalLike;
}

/**
 * One recipient's quota.
 */
export interface QuotaShare {
  /** The recipient. */
  readonly id: string;
  /** Its quota, a whole number of steps. */
  readonly quota: Money;
  /** The effective weight, `weight × factor`. */
  readonly weight: Decimal;
  /** The share before rounding to whole steps (exact to 40 significant digits). */
  readonly exact: Decimal;
  /** `'floor'` or `'cap'` when that limit decided the share, else null. */
  readonly limitedBy: 'floor' | 'cap' | null;
}

/**
 * A target split into quotas.
 */
export interface QuotaAllocation {
  /** One share per recipient, in input order. */
  readonly shares: readonly QuotaShare[];
  /** The sum of the quotas: always exactly the target. */
  readonly total: Money;
}

interface Prepared {
  readonly id: string;
  readonly e: Decimal;
  readonly floor: Decimal;
  readonly cap: Decimal | undefined;
}

/** The `step` option as a positive Decimal (`invalid_option` otherwise). */
function stepOption(value: DecimalLike): Decimal {
  let step: Decimal;
  try {
    // Stryker disable next-line StringLiteral: the name only reaches toDecimal's error, which the catch below replaces
    step = toDecimal(value, 'step');
  } catch {
    throw new FunnelError('invalid_option', { option: 'step', reason: because('must_be_decimal_amount') });
  }
  if (!step.gt(0)) throw new FunnelError('invalid_option', { option: 'step', reason: because('more_than', { min: 0 }) });
  return step;
}

/** a/b < c/d for b, d > 0, without division. */
const lessFrac = (a: Decimal, b: Decimal, c: Decimal, d: Decimal): boolean => a.times(d).lt(c.times(b));

/**
 * Splits a company target into quotas (定额/指标) in proportion to weights, exact to the
 * minor unit (or to a coarser `step`), with optional floors and caps.
 *
 * Each recipient's effective weight is `weight × factor`: the weighted pipeline of its
 * territory (the seed's 100 万 × 25 % = 25 万), times a regional factor where developed
 * regions carry higher quotas. Without limits the share is `target × eᵢ / Σe`. With
 * limits it is `clamp(λ × eᵢ, floorᵢ, capᵢ)` for the one level λ at which the shares add up
 * to the target (water-filling, solved exactly at the breakpoints floor/e and cap/e). The
 * shares between their limits are then rounded to whole steps by the largest-remainder
 * method ({@link allocate}; equal remainders go to the larger weight, then the smaller id),
 * so the quotas add up to the target exactly and each is within one step of its exact share
 * and inside its limits. A recipient with zero weight gets its floor (or nothing). The
 * result does not depend on the order of `weights`.
 *
 * @param target - The amount to split, ≥ 0, a whole number of steps.
 * @param weights - The recipients (ids unique; at least one).
 * @param options - The rounding step.
 * @returns The quotas, in input order, and their total (= the target).
 * @throws {@link FunnelError} `invalid_weights` for an empty list, negative weights or
 *   factors, or all-zero weights with no floors; `invalid_argument` for `weights` that is
 *   not an array, a weight that is not an object, a target, floor or cap that is not a Money
 *   value (`name` says which), duplicate ids, a floor above its cap, or limits that cannot add up to the target (Σ floors > target, or
 *   Σ caps < target); `currency_mismatch` for limits in another currency; `invalid_amount`
 *   for amounts that are not whole steps; `invalid_option` for a `step` that is not a
 *   positive whole number of minor units, or options that are not an object.
 * @category Planning
 *
 * @example
 * ```ts
 * import { allocateQuota, money } from 'sales-funnel';
 * const q = allocateQuota(money('1000000', 'CNY'), [
 *   { id: 'east', weight: '600000' },
 *   { id: 'west', weight: '300000', factor: 2 }, // a developed region counts double
 *   { id: 'north', weight: '100000', floor: money('200000', 'CNY') },
 * ]);
 * q.shares.map((s) => s.quota.amount.toFixed(2)); //=> ['400000.00', '400000.00', '200000.00']
 * ```
 */
export function allocateQuota(target: Money, weights: ReadonlyArray<QuotaWeight>, options: AllocateQuotaOptions = {}): QuotaAllocation {
  const { step: stepGiven } = optionsObject(options);
  const currency = moneyArgument(target, 'target').currency;
  const digits = minorUnitDigits(currency);
  const step = stepGiven === undefined ? new Decimal(10).pow(-digits) : stepOption(stepGiven);
  if (!step.div(new Decimal(10).pow(-digits)).isInteger()) {
    throw new FunnelError('invalid_option', { option: 'step', reason: because('step_in_minor_units', { currency }) });
  }
  const whole = (given: Money, name: string): Decimal => {
    const m = moneyArgument(given, name);
    if (m.currency !== currency) throw new FunnelError('currency_mismatch', { left: currency, right: m.currency });
    const a = toDecimal(m.amount, name);
    if (a.isNegative() && !a.isZero()) throw new FunnelError('invalid_amount', { value: a.toString(), reason: because('named_at_least', { name, min: 0 }) });
    if (!a.div(step).isInteger()) throw new FunnelError('invalid_amount', { value: a.toString(), reason: because('named_whole_multiple', { name, step: step.toString() }) });
    return a;
  };
  const T = whole(target, 'target');
  if (!Array.isArray(weights)) throw new FunnelError('invalid_argument', { name: 'weights', reason: because('must_be_array') });
  if (weights.length === 0) throw new FunnelError('invalid_weights', { reason: because('list_empty') });

  const seen = new Set<string>();
  const items: Prepared[] = weights.map((w, i) => {
    objectArgument(w, `weights[${i}]`);
    if (typeof w.id !== 'string' || w.id.length === 0) throw new FunnelError('invalid_argument', { name: `weights[${i}].id`, reason: because('must_be_non_empty_string') });
    if (seen.has(w.id)) throw new FunnelError('invalid_argument', { name: `weights[${i}].id`, reason: because('duplicate_id', { id: w.id }) });
    seen.add(w.id);
    const weight = toDecimal(w.weight, `weights[${i}].weight`);
    const factor = toDecimal(w.factor ?? 1, `weights[${i}].factor`);
    if (weight.isNegative() && !weight.isZero()) throw new FunnelError('invalid_weights', { reason: because('named_is_negative', { name: `weights[${i}].weight` }) });
    if (factor.isNegative() && !factor.isZero()) throw new FunnelError('invalid_weights', { reason: because('named_is_negative', { name: `weights[${i}].factor` }) });
    const floor = w.floor === undefined ? new Decimal(0) : whole(w.floor, `weights[${i}].floor`);
    const cap = w.cap === undefined ? undefined : whole(w.cap, `weights[${i}].cap`);
    if (cap !== undefined && floor.gt(cap)) throw new FunnelError('invalid_argument', { name: `weights[${i}]`, reason: because('floor_above_cap') });
    return { id: w.id, e: weight.times(factor).abs(), floor, cap };
  });

  const positive = items.filter((it) => it.e.gt(0));
  const floorSum = items.reduce((a, it) => a.plus(it.floor), new Decimal(0));
  if (positive.length === 0 && floorSum.isZero()) throw new FunnelError('invalid_weights', { reason: because('all_weights_zero') });
  if (floorSum.gt(T)) {
    throw new FunnelError('invalid_argument', { name: 'weights', reason: because('floors_above_target', { floors: floorSum.toString(), target: T.toString() }) });
  }
  // Before the caps: with every weight zero the floors are all there is to give, and that is
  // the reason to report (the caps check would see Σ floors as the caps).
  if (positive.length === 0 && !floorSum.eq(T)) {
    throw new FunnelError('invalid_argument', { name: 'weights', reason: because('zero_weights_floors_short') });
  }
  const uncapped = positive.some((it) => it.cap === undefined);
  const most = items.reduce((a, it) => a.plus(it.e.gt(0) ? (it.cap ?? new Decimal(0)) : it.floor), new Decimal(0));
  if (!uncapped && most.lt(T)) {
    throw new FunnelError('invalid_argument', { name: 'weights', reason: because('caps_below_target', { caps: most.toString(), target: T.toString() }) });
  }

  // Breakpoints λ = limit / e, as fractions [num, den].
  type Point = readonly [Decimal, Decimal];
  const points: Point[] = [];
  for (const it of positive) {
    points.push([it.floor, it.e]);
    if (it.cap !== undefined) points.push([it.cap, it.e]);
  }
  points.sort((a, b) => (lessFrac(a[0], a[1], b[0], b[1]) ? -1 : lessFrac(b[0], b[1], a[0], a[1]) ? 1 : 0));
  // g(λ)·den ≥ T·den at λ = num/den? (g is the total of the clamped shares.)
  const gAtMostT = ([num, den]: Point): boolean => {
    let g = new Decimal(0);
    for (const it of items) {
      // Stryker disable next-line BlockStatement: without the block a zero weight adds max(num·0, floor·den) = floor·den (floor ≤ cap) all the same
      if (!it.e.gt(0)) {
        g = g.plus(it.floor.times(den));
        continue;
      }
      let v = num.times(it.e);
      const f = it.floor.times(den);
      if (v.lt(f)) v = f;
      if (it.cap !== undefined && v.gt(it.cap.times(den))) v = it.cap.times(den);
      g = g.plus(v);
    }
    return g.lte(T.times(den));
  };
  // Last breakpoint at which the clamped total is still ≤ the target.
  let lo = 0;
  let hi = points.length - 1;
  // Stryker disable next-line UnaryOperator: never read as set: g at the lowest breakpoint is Σ floors ≤ target, so the search always sets k ≥ 0
  let k = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (gAtMostT(points[mid]!)) {
      k = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  const left = k >= 0 ? points[k]! : undefined;
  const right = k + 1 < points.length ? points[k + 1]! : undefined;
  // On the segment between `left` and `right`: capped if cap/e ≤ left, floored if floor/e ≥ right.
  const state = items.map((it): 'floor' | 'cap' | 'free' => {
    if (!it.e.gt(0)) return 'floor';
    if (it.cap !== undefined && left !== undefined && !lessFrac(left[0], left[1], it.cap, it.e)) return 'cap';
    if (right !== undefined && !lessFrac(it.floor, it.e, right[0], right[1])) return 'floor';
    return 'free';
  });
  let rest = T;
  let freeWeight = new Decimal(0);
  items.forEach((it, i) => {
    if (state[i] === 'cap') rest = rest.minus(it.cap!);
    else if (state[i] === 'floor') rest = rest.minus(it.floor);
    else freeWeight = freeWeight.plus(it.e);
  });
  // By id, so that equal remainders are broken by id, not by position in the input.
  const freeIdx = items
    .map((_, i) => i)
    .filter((i) => state[i] === 'free')
    .sort((a, b) => (items[a]!.id < items[b]!.id ? -1 : 1));
  const rounded = new Map<number, Decimal>();
  if (freeIdx.length > 0) {
    // Whole steps: allocate the remaining steps as a count in a currency without minor units.
    const steps = rest.div(step);
    const parts = allocate({ amount: steps, currency: 'JPY' }, freeIdx.map((i) => items[i]!.e));
    freeIdx.forEach((i, j) => rounded.set(i, parts[j]!.amount.times(step)));
  }

  const shares: QuotaShare[] = items.map((it, i) => {
    const s = state[i];
    const quota = s === 'cap' ? it.cap! : s === 'floor' ? it.floor : rounded.get(i)!;
    const exact = s === 'free' ? rest.times(it.e).div(freeWeight) : quota;
    const limitedBy = s === 'cap' ? 'cap' : s === 'floor' && it.floor.gt(0) ? 'floor' : null;
    return { id: it.id, quota: { amount: quota, currency }, weight: it.e, exact, limitedBy };
  });
  return { shares, total: { amount: T, currency } };
}
