// An exact running sum of money amounts for the column paths: whole minor units in a
// double while the sum stays a safe integer (no allocation per deal), the rest in a
// decimal.
import { Decimal } from '../../money/decimal.js';
import { minorToDecimal } from '../../model/columnsAsOf.js';

/** A running sum: `amount` + `minor` minor units (an exact integer below 2^53). */
export interface ExactSum {
  minor: number;
  amount: Decimal;
}

/** An empty sum. */
export function newExactSum(): ExactSum {
  return { minor: 0, amount: new Decimal(0) };
}

/**
 * Adds `amount` when given, else `minor` whole minor units (an exact integer below
 * 2^53; `scale` = 10^minor digits of the sum's currency).
 */
export function addExact(sum: ExactSum, amount: Decimal | undefined, minor: number, scale: number): void {
  if (amount !== undefined) {
    sum.amount = sum.amount.plus(amount);
    return;
  }
  const s = sum.minor + minor;
  if (Number.isSafeInteger(s)) {
    sum.minor = s;
  } else {
    // Past ±(2^53 − 1), where a double may have rounded: fold the running sum into the
    // decimal and start again. (Folding more often would only cost time.)
    sum.amount = sum.amount.plus(minorToDecimal(sum.minor, scale));
    sum.minor = minor;
  }
}

/** Adds another sum. */
export function addExactSum(into: ExactSum, from: ExactSum, scale: number): void {
  into.amount = into.amount.plus(from.amount);
  addExact(into, undefined, from.minor, scale);
}

/** The sum's exact value. */
export function exactValue(sum: ExactSum, scale: number): Decimal {
  // Stryker disable next-line ConditionalExpression: adding 0 minor units gives the same value; the branch only saves a Decimal
  return sum.minor === 0 ? sum.amount : sum.amount.plus(minorToDecimal(sum.minor, scale));
}
