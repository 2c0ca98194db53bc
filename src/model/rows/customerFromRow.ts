import type { Customer } from '../customer.js';
import { unwrap } from './_lib/rowKit.js';
import { safeCustomerFromRow } from './safeCustomerFromRow.js';
import type { CustomerEventRowInput, CustomerRowInput } from './types.js';

/**
 * Reads a customer back from its database row (see {@link customerToRow}) and, when
 * given, the rows of its ledger (table `customer_events`, in any order: they are sorted
 * by `seq`), through {@link parseCustomer}, which checks the ledger. Null columns are
 * absent fields; `tags`, `attributes` and `contacts` JSON text or parsed `jsonb`
 * values; `created_at` a `Date` or text.
 *
 * With `events`, the header's `version` must equal their number
 * (`version_conflict`: read header and ledger in one transaction). Without `events`
 * the customer has an empty ledger and its `owner_id` as stored: enough for lists and
 * reports, but read the ledger before a pool command (its rules read the claim, the
 * activities and past releases).
 *
 * @param row - A customer row as the driver returned it.
 * @param events - The rows of its ledger, when it is read too.
 * @returns The customer.
 * @throws `ZodError` listing every issue with its path (`['tags']`,
 *   `['history', 2, 'payload']`, `['version']`, …); {@link FunnelError}
 *   `invalid_argument` when `row` is not an object or `events` not an array.
 *
 * @category Storage
 * @example
 * ```ts
 * import { customerFromRow } from 'sales-funnel';
 * const c = customerFromRow({ id: 'c-1', name: '华东机械', short_name: null, segment: 'existing', tags: '["vip"]', attributes: '{}' });
 * c.tags; //=> ['vip']
 * c.priority; //=> 'medium'
 * const held = customerFromRow({ id: 'c-2', name: 'Acme', owner_id: 'rep-li', version: 1 }, [
 *   { customer_id: 'c-2', seq: 1, type: 'claimed', at: '2026-03-02 01:00:00+00', payload: '{"ownerId":"rep-li"}' },
 * ]);
 * held.history.length; //=> 1
 * ```
 */
export function customerFromRow(row: CustomerRowInput, events?: readonly CustomerEventRowInput[]): Customer {
  return unwrap(safeCustomerFromRow(row, events));
}
