import type { Opportunity } from './opportunity.js';

/**
 * When an opportunity entered the funnel: the time of its `created` event, or of the
 * first event of a ledger imported without one; `undefined` for an empty ledger.
 *
 * @param opportunity - The deal.
 * @returns The creation instant, if the ledger knows it.
 *
 * @category Model
 * @example
 * ```ts
 * import { createdAt, type Opportunity } from 'sales-funnel';
 * declare const deal: Opportunity;
 * createdAt(deal)?.toISOString();
 * ```
 */
export function createdAt(opportunity: Pick<Opportunity, 'history'>): Date | undefined {
  const created = opportunity.history.find((e) => e.type === 'created');
  return (created ?? opportunity.history[0])?.at;
}
