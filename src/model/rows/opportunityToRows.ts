import { serializeOpportunity, type Opportunity } from '../opportunity.js';
import { eventRowOfWire, jsonText } from './_lib/rowKit.js';
import type { OpportunityRow, OpportunityRows } from './types.js';

/**
 * Turns an opportunity into database rows: its header (every field but the ledger,
 * with the amount as exact decimal text plus its currency, calendar dates as
 * `YYYY-MM-DD`, instants as ISO 8601 in UTC, splits, completed tasks, attributes and
 * `source` as JSON text, and `version` = the ledger's length) and one row per ledger event (see
 * {@link eventToRow}). {@link opportunityFromRows} reads them back into an equal
 * opportunity.
 *
 * @param opportunity - A domain opportunity.
 * @returns `{ opportunity, events }`: the header for table `opportunities` and the
 *   event rows, in `seq` order, for table `opportunity_events`.
 * @throws `ZodError` when the value is not a valid domain opportunity (as
 *   {@link serializeOpportunity}).
 *
 * @category Storage
 * @example
 * ```ts
 * import { opportunityToRows, parseOpportunity } from 'sales-funnel';
 * const deal = parseOpportunity({
 *   id: 'o-1', customerId: 'c-1', pipelineId: 'p', name: 'ERP rollout', ownerId: 'rep-zhang',
 *   amount: { amount: '1000000', currency: 'CNY' }, stageId: 'lead', expectedCloseDate: '2026-06-30',
 *   source: { campaignId: 'expo-2026', channel: 'exhibition' },
 *   history: [{ type: 'created', at: '2026-01-05T09:00:00+08:00', stageId: 'lead', by: 'rep-zhang' }],
 * });
 * const { opportunity, events } = opportunityToRows(deal);
 * opportunity.amount; //=> '1000000.00'
 * opportunity.version; //=> 1
 * opportunity.source; //=> '{"campaignId":"expo-2026","channel":"exhibition"}'
 * events[0]; //=> { opportunity_id: 'o-1', seq: 1, type: 'created', at: '2026-01-05T01:00:00.000Z', by: 'rep-zhang', id: null, payload: '{"stageId":"lead"}' }
 * ```
 */
export function opportunityToRows(opportunity: Opportunity): OpportunityRows {
  const wire = serializeOpportunity(opportunity) as unknown as Readonly<Record<string, unknown>>;
  const amount = wire['amount'] as { readonly amount: string; readonly currency: string };
  const id = wire['id'] as string;
  const orNull = (key: string) => (wire[key] as string | undefined) ?? null;
  const header: OpportunityRow = {
    id,
    customer_id: wire['customerId'] as string,
    pipeline_id: wire['pipelineId'] as string,
    name: wire['name'] as string,
    amount: amount.amount,
    currency: amount.currency,
    expected_close_date: orNull('expectedCloseDate'),
    region: orNull('region'),
    stage_id: wire['stageId'] as string,
    status: (wire['status'] as OpportunityRow['status'] | undefined) ?? 'open',
    probability_override: orNull('probabilityOverride'),
    forecast_category_override: orNull('forecastCategoryOverride'),
    owner_id: wire['ownerId'] as string,
    splits: wire['splits'] === undefined ? null : jsonText(wire['splits']),
    completed_tasks: jsonText(wire['completedTasks'] ?? {}),
    closed_at: orNull('closedAt'),
    loss_reason: orNull('lossReason'),
    competitor: orNull('competitor'),
    attributes: jsonText(wire['attributes'] ?? {}),
    version: opportunity.history.length,
    source: wire['source'] === undefined ? null : jsonText(wire['source']),
  };
  const history = (wire['history'] ?? []) as ReadonlyArray<Readonly<Record<string, unknown>>>;
  return { opportunity: header, events: history.map((e) => eventRowOfWire(id, e)) };
}
