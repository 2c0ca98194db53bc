import type { CustomerEvent } from '../customerEvents.js';
import { unwrap } from './_lib/rowKit.js';
import { safeCustomerEventFromRow } from './safeCustomerEventFromRow.js';
import type { CustomerEventRowInput } from './types.js';

/**
 * Reads a customer ledger event back from its database row (see
 * {@link customerEventToRow}) through {@link customerEventSchema}. The row may come as
 * drivers return it (see {@link eventFromRow}: `at` a `Date` or text, `seq` a number,
 * bigint or digits, `payload` JSON text or a parsed `jsonb` value). To read a whole
 * customer with its ledger, use {@link customerFromRow} with the event rows, which also
 * checks the ledger.
 *
 * @param row - A customer event row as the driver returned it.
 * @returns The event, with its `seq`.
 * @throws `ZodError` listing every issue with its path; {@link FunnelError}
 *   `invalid_argument` when `row` is not an object.
 *
 * @category Storage
 * @example
 * ```ts
 * import { customerEventFromRow } from 'sales-funnel';
 * const e = customerEventFromRow({ customer_id: 'c-1', seq: 2, type: 'released', at: new Date('2026-03-20T02:00:00Z'), by: 'rep-li', id: null, payload: '{"reason":"暂无需求"}' });
 * e.type === 'released' && e.reason; //=> '暂无需求'
 * ```
 */
export function customerEventFromRow(row: CustomerEventRowInput): CustomerEvent {
  return unwrap(safeCustomerEventFromRow(row));
}
