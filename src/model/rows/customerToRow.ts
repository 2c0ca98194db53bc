import { serializeCustomer, type Customer } from '../customer.js';
import { jsonText } from './_lib/rowKit.js';
import type { CustomerRow } from './types.js';

/**
 * Turns a customer into its database row (table `customers`): optional fields absent
 * are null, `tags`, `attributes` and `contacts` are JSON text, `created_at` ISO 8601 in
 * UTC, and `version` is the ledger's length. The ledger itself goes to table
 * `customer_events`, one row per event: `customer.history.map((e) =>
 * customerEventToRow(customer.id, e))`. {@link customerFromRow} reads both back into an
 * equal customer.
 *
 * @param customer - A domain customer.
 * @returns The row.
 * @throws `ZodError` when the value is not a valid domain customer.
 *
 * @category Storage
 * @example
 * ```ts
 * import { customerToRow, parseCustomer } from 'sales-funnel';
 * customerToRow(parseCustomer({ id: 'c-1', name: '华东机械', tags: ['vip'] }));
 * //=> { id: 'c-1', name: '华东机械', short_name: null, owner_id: null, region: null, industry: null, segment: 'new', priority: 'medium', tags: '["vip"]', attributes: '{}', contacts: '[]', created_at: null, pool_id: null, version: 0 }
 * ```
 */
export function customerToRow(customer: Customer): CustomerRow {
  const wire = serializeCustomer(customer) as unknown as Readonly<Record<string, unknown>>;
  const orNull = (key: string) => (wire[key] as string | undefined) ?? null;
  return {
    id: wire['id'] as string,
    name: wire['name'] as string,
    short_name: orNull('shortName'),
    owner_id: orNull('ownerId'),
    region: orNull('region'),
    industry: orNull('industry'),
    segment: (wire['segment'] as string | undefined) ?? 'new',
    priority: (wire['priority'] as string | undefined) ?? 'medium',
    tags: jsonText(wire['tags'] ?? []),
    attributes: jsonText(wire['attributes'] ?? {}),
    contacts: jsonText(wire['contacts'] ?? []),
    created_at: orNull('createdAt'),
    pool_id: orNull('poolId'),
    version: customer.history.length,
  };
}
