import * as z from 'zod';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { customerEventSchema, type CustomerEvent } from '../customerEvents.js';
import { customerEventRowOfWire } from './_lib/customerEventRow.js';
import { isRecord } from './_lib/rowKit.js';
import type { CustomerEventRow } from './types.js';

/**
 * Turns a customer ledger event into its database row (table `customer_events`):
 * `type`, `seq`, `at` (ISO 8601 in UTC), `by` and the client `id` in columns of their
 * own (null when absent), everything else as the JSON text `payload`. Use it to insert
 * the events a pool command appended (`result.events` of {@link claimCustomer},
 * {@link releaseCustomer}, {@link assignCustomer}, or the `event` of each
 * {@link applyPoolRules} entry). {@link customerEventFromRow} reads the row back into an
 * equal event.
 *
 * @param customerId - The customer whose ledger holds the event.
 * @param event - A customer ledger event with its `seq` (as in `history`).
 * @returns The row, with the columns of table `customer_events`.
 * @throws {@link FunnelError} `invalid_argument` when `customerId` is not a non-empty
 *   string or `event` has no `seq` (stamp drafts with {@link appendCustomerEvents}
 *   first); a `ZodError` when `event` is not a valid domain event.
 *
 * @category Storage
 * @example
 * ```ts
 * import { customerEventSchema, customerEventToRow, type CustomerEvent } from 'sales-funnel';
 * const event = customerEventSchema.parse({ type: 'claimed', seq: 1, at: '2026-03-02T09:00:00+08:00', by: 'rep-li', ownerId: 'rep-li' }) as CustomerEvent;
 * const row = customerEventToRow('c-1', event);
 * row.at; //=> '2026-03-02T01:00:00.000Z'
 * row.payload; //=> '{"ownerId":"rep-li"}'
 * ```
 */
export function customerEventToRow(customerId: string, event: CustomerEvent): CustomerEventRow {
  if (typeof customerId !== 'string' || customerId.length === 0) {
    throw new FunnelError('invalid_argument', { name: 'customerId', reason: because('must_be_non_empty_string') });
  }
  if (!isRecord(event) || !Number.isSafeInteger(event.seq) || event.seq < 1) {
    throw new FunnelError('invalid_argument', { name: 'event', reason: because('must_be_stamped_event') });
  }
  return customerEventRowOfWire(customerId, z.encode(customerEventSchema, event) as Record<string, unknown>);
}
