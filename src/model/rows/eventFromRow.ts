import type { OpportunityEvent } from '../events.js';
import { unwrap } from './_lib/rowKit.js';
import { safeEventFromRow } from './safeEventFromRow.js';
import type { EventRowInput } from './types.js';

/**
 * Reads a ledger event back from its database row (see {@link eventToRow}) through the
 * library's event schema. The row may come as drivers return it: `at` a `Date` or
 * text (ISO 8601, or `2026-01-05 01:00:00+00` as PostgreSQL and DuckDB print a
 * `timestamptz`), `seq` a number, bigint or digits, `payload` JSON text or an already
 * parsed `jsonb` value. The payload must be a JSON object that holds none of the
 * columns (`type`, `seq`, `id`, `at`, `by`) nor a forbidden key (`forbidden_key`).
 *
 * To read a whole ledger, use {@link opportunityFromRows}, which also checks the
 * events against each other and against the deal.
 *
 * @param row - An event row as the driver returned it.
 * @returns The event, with its `seq`.
 * @throws `ZodError` listing every issue, each with a path: the event's field
 *   (`['at']`, `['to']`) or, for a row that cannot be read, its column (`['payload']`,
 *   `['seq']`); and, for coded rules, `params.code` (see
 *   {@link toFunnelIssues}); {@link FunnelError} `invalid_argument` when `row` is not
 *   an object.
 *
 * @category Storage
 * @example
 * ```ts
 * import { eventFromRow } from 'sales-funnel';
 * const e = eventFromRow({
 *   opportunity_id: 'o-1', seq: 2, type: 'stage_changed', at: new Date('2026-01-12T02:00:00Z'),
 *   by: null, id: 'cmd-7', payload: '{"from":"lead","to":"qualify","kind":"advance"}',
 * });
 * e.type === 'stage_changed' && e.to; //=> 'qualify'
 * e.seq; //=> 2
 * ```
 */
export function eventFromRow(row: EventRowInput): OpportunityEvent {
  return unwrap(safeEventFromRow(row));
}
