import type * as z from 'zod';
import { safeParseCustomer, type Customer } from '../customer.js';
import { checkRowArgument, failure, present, readJsonColumn, setIfPresent, type Issues } from './_lib/rowKit.js';
import type { CustomerRowInput } from './types.js';

/**
 * Like {@link customerFromRow} but returns a result instead of throwing a `ZodError`.
 *
 * @param row - A customer row as the driver returned it.
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 * @throws {@link FunnelError} `invalid_argument` when `row` is not an object.
 *
 * @category Storage
 * @example
 * ```ts
 * import { safeCustomerFromRow } from 'sales-funnel';
 * safeCustomerFromRow({ id: 'c-1', name: 'Acme', tags: '["vip"', attributes: '{}' }).success; //=> false
 * ```
 */
export function safeCustomerFromRow(row: CustomerRowInput): z.ZodSafeParseResult<Customer> {
  checkRowArgument(row, 'row');
  const r = row as unknown as Readonly<Record<string, unknown>>;
  const issues: Issues = [];
  const wire: Record<string, unknown> = { id: r['id'], name: r['name'] };
  setIfPresent(wire, 'shortName', r['short_name']);
  setIfPresent(wire, 'ownerId', r['owner_id']);
  setIfPresent(wire, 'region', r['region']);
  setIfPresent(wire, 'industry', r['industry']);
  setIfPresent(wire, 'segment', r['segment']);
  setIfPresent(wire, 'priority', r['priority']);
  for (const key of ['tags', 'attributes'] as const) {
    if (!present(r[key])) continue;
    const json = readJsonColumn(r[key], [key], issues);
    if (json !== undefined) wire[key] = json.value;
  }
  return issues.length > 0 ? failure(issues) : safeParseCustomer(wire);
}
