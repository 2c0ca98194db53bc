import type * as z from 'zod';
import { opportunityEventSchema, type OpportunityEvent } from '../events.js';
import { checkRowArgument, failure, readEventRow, type Issues } from './_lib/rowKit.js';
import type { EventRowInput } from './types.js';

/**
 * Like {@link eventFromRow} but returns a result instead of throwing a `ZodError`.
 *
 * @param row - An event row as the driver returned it.
 * @returns `{ success: true, data }` or `{ success: false, error }` (a `ZodError`
 *   whose issues have paths such as `['payload']` or `['at']`; see
 *   {@link toFunnelIssues}).
 * @throws {@link FunnelError} `invalid_argument` when `row` is not an object.
 *
 * @category Storage
 * @example
 * ```ts
 * import { safeEventFromRow, toFunnelIssues } from 'sales-funnel';
 * const r = safeEventFromRow({ opportunity_id: 'o-1', seq: 1, type: 'created', at: '2026-02-30 09:00:00+00', payload: '{"stageId":"lead"}' });
 * if (!r.success) toFunnelIssues(r.error).map((i) => i.code); //=> ['invalid_instant']
 * ```
 */
export function safeEventFromRow(row: EventRowInput): z.ZodSafeParseResult<OpportunityEvent> {
  checkRowArgument(row, 'row');
  const issues: Issues = [];
  const read = readEventRow(row, [], issues);
  if (read === undefined) return failure(issues);
  return opportunityEventSchema.safeParse(read.wire) as z.ZodSafeParseResult<OpportunityEvent>;
}
