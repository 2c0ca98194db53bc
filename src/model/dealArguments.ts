import { isIterableObject } from '../_lib/isIterableObject.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { isDealColumns } from './dealColumnsShape.js';
import type { Opportunity } from './opportunity.js';

// The checks of a deals argument, shared by every function and accumulator that reads
// deals. They are O(1) per deal and allocate nothing unless they throw: the loops that
// call them are the hot paths of big books (bench/bigBooks.ts). A deal that is an
// object with a pipeline id and a ledger passes; one malformed in depth is out of
// their scope (the parsers check that).

/**
 * Checks that `deals` can be iterated (an array, a `Set`, a generator, …): a string, a
 * number, `null` or `undefined` is refused as a whole, before any deal is read.
 *
 * @throws FunnelError `invalid_argument` (`name`, `must_be_opportunities`).
 * @internal
 */
export function checkDealIterable(deals: unknown, name: string): asserts deals is Iterable<Opportunity> {
  if (!isIterableObject(deals)) {
    throw new FunnelError('invalid_argument', { name, reason: because('must_be_opportunities') });
  }
}

/**
 * Checks that `batch` is a `DealColumns` chunk or an iterable of deals (see
 * {@link checkDealIterable}).
 *
 * @throws FunnelError `invalid_argument` (`name`, `must_be_deal_batch`).
 * @internal
 */
export function checkDealBatch(batch: unknown, name: string): void {
  if (isDealColumns(batch)) return;
  if (!isIterableObject(batch)) {
    throw new FunnelError('invalid_argument', { name, reason: because('must_be_deal_batch') });
  }
}

/**
 * Checks that the `i`-th item of a deals argument is a deal: an object with a string
 * `pipelineId` and a `history` array. Call it first thing in the loop, with the item's
 * position in the input (not among the deals kept).
 *
 * @throws FunnelError `invalid_argument` (`name[i]`, `must_be_opportunity`).
 * @internal
 */
export function checkDeal(o: unknown, i: number, name: string): asserts o is Opportunity {
  if (typeof o !== 'object' || o === null || typeof (o as Opportunity).pipelineId !== 'string' || !Array.isArray((o as Opportunity).history)) {
    throw new FunnelError('invalid_argument', { name: `${name}[${i}]`, reason: because('must_be_opportunity') });
  }
}
