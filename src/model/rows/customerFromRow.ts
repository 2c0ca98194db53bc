import type { Customer } from '../customer.js';
import { unwrap } from './_lib/rowKit.js';
import { safeCustomerFromRow } from './safeCustomerFromRow.js';
import type { CustomerRowInput } from './types.js';

/**
 * Reads a customer back from its database row (see {@link customerToRow}) through
 * {@link parseCustomer}: null columns are absent fields, `tags` and `attributes` JSON
 * text or parsed `jsonb` values.
 *
 * @param row - A customer row as the driver returned it.
 * @returns The customer.
 * @throws `ZodError` listing every issue with its path (`['tags']`,
 *   `['attributes', '__proto__']`, …); {@link FunnelError} `invalid_argument` when
 *   `row` is not an object.
 *
 * @category Storage
 * @example
 * ```ts
 * import { customerFromRow } from 'sales-funnel';
 * const c = customerFromRow({ id: 'c-1', name: '华东机械', short_name: null, segment: 'existing', tags: '["vip"]', attributes: '{}' });
 * c.tags; //=> ['vip']
 * c.priority; //=> 'medium'
 * ```
 */
export function customerFromRow(row: CustomerRowInput): Customer {
  return unwrap(safeCustomerFromRow(row));
}
