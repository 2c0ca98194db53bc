import type * as z from 'zod';
import { customerEventSchema, type CustomerEvent } from '../customerEvents.js';
import { checkRowArgument, failure, readEventRow, type Issues } from './_lib/rowKit.js';
import type { CustomerEventRowInput } from './types.js';

/**
 * Like {@link customerEventFromRow} but returns a result instead of throwing a `ZodError`.
 *
 * @param row - A customer event row as the driver returned it.
 * @returns `{ success: true, data }` or `{ success: false, error }` (a `ZodError` whose
 *   issues have paths such as `['payload']` or `['ownerId']`; see {@link toFunnelIssues}).
 * @throws {@link FunnelError} `invalid_argument` when `row` is not an object.
 *
 * @category Storage
 * @example
 * ```ts
 * import { safeCustomerEventFromRow } from 'sales-funnel';
 * safeCustomerEventFromRow({ customer_id: 'c-1', seq: 1, type: 'claimed', at: '2026-03-02 01:00:00+00', payload: '{}' }).success; //=> false
 * ```
 */
export function safeCustomerEventFromRow(row: CustomerEventRowInput): z.ZodSafeParseResult<CustomerEvent> {
  checkRowArgument(row, 'row');
  const issues: Issues = [];
  const read = readEventRow(row, [], issues);
  if (read === undefined) return failure(issues);
  return customerEventSchema.safeParse(read.wire) as z.ZodSafeParseResult<CustomerEvent>;
}
