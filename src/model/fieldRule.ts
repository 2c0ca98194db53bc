// Field rules (`present`, `equals`, `one_of`, exact comparisons) read against a record:
// the engine's `field` key tasks read them on an opportunity, `scoreCustomers`' field
// criteria on a customer. Internal: not exported from the package.
import { Decimal } from '../money/decimal.js';
import type { FieldRule } from './stage.js';

const DECIMAL_STRING = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a dotted path from a record (an opportunity, a customer), following own
 * properties only (so a path can never reach a prototype); `undefined` when any step is
 * missing.
 */
export function readField(root: unknown, path: readonly string[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function isMoneyLike(v: object): v is { amount: Decimal; currency: string } {
  return Object.hasOwn(v, 'amount') && Object.hasOwn(v, 'currency') && Decimal.isDecimal((v as { amount: unknown }).amount);
}

/** The exact decimal a field holds (Decimal, Money's amount, finite number, decimal string), if any. */
function asDecimal(v: unknown): Decimal | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? new Decimal(v) : undefined;
  if (typeof v === 'string') return DECIMAL_STRING.test(v.trim()) ? new Decimal(v.trim()) : undefined;
  if (typeof v === 'object' && v !== null) {
    if (Decimal.isDecimal(v)) return (v as Decimal).isFinite() ? new Decimal(v as Decimal) : undefined;
    if (isMoneyLike(v)) return asDecimal(v.amount);
  }
  return undefined;
}

/** Whether the value counts as numeric (a number, Decimal or Money), as opposed to text. */
function isNumeric(v: unknown): boolean {
  return typeof v === 'number' || (typeof v === 'object' && v !== null && (Decimal.isDecimal(v) || isMoneyLike(v)));
}

function equalsScalar(v: unknown, expected: string | number | boolean): boolean {
  if (typeof expected === 'boolean' || typeof v === 'boolean') return v === expected;
  // Numbers, Decimals and Money compare as exact decimals; two strings compare as text.
  if (isNumeric(v) || typeof expected === 'number') {
    const a = asDecimal(v);
    const b = asDecimal(expected);
    return a !== undefined && b !== undefined && a.eq(b);
  }
  if (v instanceof Date) return v.toISOString() === expected;
  return v === expected;
}

/**
 * Whether `value` satisfies a field rule: `present` (not undefined, null, `""` or an
 * empty array), `equals` / `one_of`, or an exact decimal comparison.
 */
export function fieldRuleHolds(value: unknown, rule: FieldRule): boolean {
  switch (rule.op) {
    case 'present':
      return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
    case 'equals':
      return equalsScalar(value, rule.value);
    case 'one_of':
      return rule.values.some((expected) => equalsScalar(value, expected));
    default: {
      const actual = asDecimal(value);
      if (actual === undefined) return false;
      const c = actual.comparedTo(new Decimal(rule.value));
      return rule.op === 'gte' ? c >= 0 : rule.op === 'gt' ? c > 0 : rule.op === 'lte' ? c <= 0 : c < 0;
    }
  }
}

/** A short, locale-neutral rendering of a rule for issue params (`>= 100000`, `present`). */
export function describeRule(rule: FieldRule): string {
  switch (rule.op) {
    case 'present':
      return 'present';
    case 'equals':
      return `= ${String(rule.value)}`;
    case 'one_of':
      return `∈ {${rule.values.map(String).join(', ')}}`;
    default: {
      const sign = rule.op === 'gte' ? '>=' : rule.op === 'gt' ? '>' : rule.op === 'lte' ? '<=' : '<';
      return `${sign} ${new Decimal(rule.value).toFixed()}`;
    }
  }
}
