import type { Opportunity } from './opportunity.js';

/**
 * An opportunity's version: the length of its ledger, which is also the `seq` of its
 * last event (0 for an empty ledger). Appending k events makes it k higher, so a
 * store can use it for optimistic locking (compare it with the version a command
 * expects before appending).
 *
 * @param opportunity - The deal (only its `history` is read).
 * @returns The number of events in its ledger.
 *
 * @category Model
 * @example
 * ```ts
 * import { opportunityVersion, parseOpportunity } from 'sales-funnel';
 * const o = parseOpportunity({
 *   id: 'o1', customerId: 'c1', pipelineId: 'p', name: 'ERP', ownerId: 'rep-zhang',
 *   amount: { amount: '1000', currency: 'CNY' }, stageId: 'qualify',
 *   history: [
 *     { type: 'created', at: '2026-01-05T09:00:00+08:00', stageId: 'lead' },
 *     { type: 'stage_changed', at: '2026-01-12T10:00:00+08:00', from: 'lead', to: 'qualify', kind: 'advance' },
 *   ],
 * });
 * opportunityVersion(o); //=> 2
 * o.history[1]?.seq; //=> 2
 * ```
 */
export function opportunityVersion(opportunity: Pick<Opportunity, 'history'>): number {
  return opportunity.history.length;
}
