import { isIterableObject } from '../../_lib/isIterableObject.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { Decimal } from '../../money/decimal.js';
import type { SqlDialect } from '../dialect.js';
import type { SqlRow } from '../types.js';

/**
 * Refuses a rule the dialect cannot express.
 *
 * @throws FunnelError `sql_not_expressible { dialect, rule }`, always.
 */
export function notExpressible(dialect: SqlDialect, rule: string): never {
  throw new FunnelError('sql_not_expressible', { dialect: dialect.name, rule });
}

/** The rows of a query's result, by their `part` column. */
export function partsOf(rows: Iterable<SqlRow>): Map<string, SqlRow[]> {
  if (!isIterableObject(rows)) {
    throw new FunnelError('invalid_argument', { name: 'rows', reason: because('must_be_array') });
  }
  const parts = new Map<string, SqlRow[]>();
  for (const row of rows) {
    if (typeof row !== 'object' || row === null || typeof row['part'] !== 'string') {
      throw new FunnelError('invalid_argument', { name: 'rows', reason: because('sql_not_our_rows') });
    }
    const part = row['part'];
    const list = parts.get(part);
    if (list === undefined) parts.set(part, [row]);
    else list.push(row);
  }
  return parts;
}

/**
 * Throws the error the in-process function throws on the same books, from the
 * diagnostic rows of a query (`unknown_stage`, `currency_mismatch`).
 */
export function throwDiagnostics(parts: ReadonlyMap<string, readonly SqlRow[]>, pipelineId: string, currency: string): void {
  const unknown = parts.get('unknown_stage')?.[0];
  if (unknown !== undefined) throw new FunnelError('unknown_stage', { stageId: text(unknown['diag']), pipelineId });
  const foreign = parts.get('currency')?.[0];
  if (foreign !== undefined) throw new FunnelError('currency_mismatch', { left: currency, right: text(foreign['diag']) });
}

/** A count or an epoch-millisecond value, as drivers return them (number, bigint or digits). */
export function int(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  if (value === null || value === undefined) return 0;
  return Number(String(value));
}

/** A floating-point value (a day count); NULL stays null. */
export function real(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : Number(String(value));
}

/** An exact decimal, as drivers return `numeric` / `DECIMAL` (text, or a value whose `toString` is its digits); NULL is 0. */
export function dec(value: unknown): Decimal {
  if (value === null || value === undefined) return new Decimal(0);
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new FunnelError('invalid_argument', { name: 'rows', reason: because('sql_decimal_as_number') });
  }
  return new Decimal(String(value));
}

/** A text column. */
export function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** The group key columns `k0 … k(n−1)` of a row. */
export function keyOf(row: SqlRow, n: number): string[] {
  const key: string[] = [];
  for (let i = 0; i < n; i++) key.push(text(row[`k${i}`]));
  return key;
}

/**
 * Accumulators per group key from decoded rows: the in-process functions' own
 * accumulator, so the groups come sorted by `compareGroupKeys` as theirs do.
 */
export { GroupAccumulator as Groups } from '../../model/groupBy.js';

/** Refuses exchange rates: decimal.js converts to 40 significant digits, which no SQL engine reproduces. */
export function refuseRates(rates: unknown): void {
  if (rates !== undefined) throw new FunnelError('invalid_option', { option: 'rates', reason: because('sql_no_rates') });
}

