import * as z from 'zod';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { opportunityEventSchema, type OpportunityEvent } from '../events.js';
import { eventRowOfWire, isRecord } from './_lib/rowKit.js';
import type { EventRow } from './types.js';

/**
 * Turns a ledger event into its database row: `type`, `seq`, `at` (ISO 8601 in UTC),
 * `by` and the client `id` in columns of their own (null when absent), everything
 * else as the JSON text `payload`, decimals as strings. Use it to insert the events an
 * engine command appended (`result.events`). {@link eventFromRow} reads the row back
 * into an equal event.
 *
 * @param opportunityId - The opportunity whose ledger holds the event.
 * @param event - A ledger event with its `seq` (as in `history`, or an engine result's `events`).
 * @returns The row, with the columns of table `opportunity_events`.
 * @throws {@link FunnelError} `invalid_argument` when `opportunityId` is not a
 *   non-empty string or `event` has no `seq` (a draft: stamp it with
 *   {@link appendEvents} first); a `ZodError` when `event` is not a valid domain event.
 *
 * @category Storage
 * @example
 * ```ts
 * import { eventToRow, opportunityEventSchema, type OpportunityEvent } from 'sales-funnel';
 * const event = opportunityEventSchema.parse({
 *   type: 'amount_changed', seq: 4, at: '2026-03-02T09:00:00+08:00', by: 'rep-li',
 *   from: { amount: '1000000', currency: 'CNY' }, to: { amount: '1200000.5', currency: 'CNY' },
 * }) as OpportunityEvent;
 * const row = eventToRow('o-1', event);
 * row.at; //=> '2026-03-02T01:00:00.000Z'
 * row.payload; //=> '{"from":{"amount":"1000000.00","currency":"CNY"},"to":{"amount":"1200000.50","currency":"CNY"}}'
 * ```
 */
export function eventToRow(opportunityId: string, event: OpportunityEvent): EventRow {
  if (typeof opportunityId !== 'string' || opportunityId.length === 0) {
    throw new FunnelError('invalid_argument', { name: 'opportunityId', reason: because('must_be_non_empty_string') });
  }
  if (!isRecord(event) || !Number.isSafeInteger(event.seq) || event.seq < 1) {
    throw new FunnelError('invalid_argument', { name: 'event', reason: because('must_be_stamped_event') });
  }
  return eventRowOfWire(opportunityId, z.encode(opportunityEventSchema, event) as Record<string, unknown>);
}
