import type * as z from 'zod';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { safeParseCustomer, type Customer } from '../customer.js';
import {
  checkRowArgument,
  codedIssue,
  failure,
  isRecord,
  present,
  readEventRow,
  readInstantColumn,
  readJsonColumn,
  readWholeColumn,
  setIfPresent,
  structuralIssue,
  type Issues,
} from './_lib/rowKit.js';
import type { CustomerEventRowInput, CustomerRowInput } from './types.js';
import { printable } from '../../_lib/printable.js';

/**
 * Like {@link customerFromRow} but returns a result instead of throwing a `ZodError`.
 *
 * @param row - A customer row as the driver returned it.
 * @param events - The rows of its ledger, when it is read too.
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 * @throws {@link FunnelError} `invalid_argument` when `row` is not an object or `events` not an array.
 *
 * @category Storage
 * @example
 * ```ts
 * import { safeCustomerFromRow } from 'sales-funnel';
 * safeCustomerFromRow({ id: 'c-1', name: 'Acme', tags: '["vip"', attributes: '{}' }).success; //=> false
 * ```
 */
export function safeCustomerFromRow(row: CustomerRowInput, events?: readonly CustomerEventRowInput[]): z.ZodSafeParseResult<Customer> {
  checkRowArgument(row, 'row');
  if (events !== undefined && !Array.isArray(events)) throw new FunnelError('invalid_argument', { name: 'events', reason: because('must_be_event_rows') });
  const r = row as unknown as Readonly<Record<string, unknown>>;
  const issues: Issues = [];
  const wire: Record<string, unknown> = { id: r['id'], name: r['name'] };
  setIfPresent(wire, 'shortName', r['short_name']);
  setIfPresent(wire, 'ownerId', r['owner_id']);
  setIfPresent(wire, 'region', r['region']);
  setIfPresent(wire, 'industry', r['industry']);
  setIfPresent(wire, 'segment', r['segment']);
  setIfPresent(wire, 'priority', r['priority']);
  for (const key of ['tags', 'attributes', 'contacts'] as const) {
    if (!present(r[key])) continue;
    const json = readJsonColumn(r[key], [key], issues);
    if (json !== undefined) wire[key] = json.value;
  }
  if (present(r['created_at'])) wire['createdAt'] = readInstantColumn(r['created_at']);
  setIfPresent(wire, 'poolId', r['pool_id']);
  if (events === undefined) return issues.length > 0 ? failure(issues) : safeParseCustomer(wire);

  // The ledger, in seq order, checked with the customer.
  const read: { readonly seq: number; readonly wire: Record<string, unknown> }[] = [];
  for (let i = 0; i < events.length; i++) {
    const event: unknown = events[i];
    const e = readEventRow(event, ['history', i], issues);
    if (e === undefined) continue;
    const owner = isRecord(event) ? event['customer_id'] : undefined;
    if (present(owner) && owner !== r['id']) {
      structuralIssue(issues, ['history', i, 'customer_id'], `Expected the event of customer "${printable(r['id'])}", got one of "${printable(owner)}"`);
    } else read.push(e);
  }
  const version = present(r['version']) ? readWholeColumn(r['version'], 0, ['version'], issues) : events.length;
  if (issues.length > 0 || version === undefined) return failure(issues);
  read.sort((a, b) => a.seq - b.seq);
  wire['history'] = read.map((e) => e.wire);
  const parsed = safeParseCustomer(wire);
  if (version === events.length) return parsed;
  codedIssue(issues, 'version_conflict', { expected: version, actual: events.length }, ['version']);
  return failure(parsed.success ? issues : [...issues, ...parsed.error.issues]);
}
