import type { Opportunity } from '../../model/opportunity.js';
import { eventsAt, opportunityAfter, replaySettings } from '../../model/opportunityAsOf.js';
import type { Pipeline } from '../../model/pipeline.js';
import type { OpportunityId } from '../../model/ids.js';
import { toInstant, type InstantInput } from '../../time/instant.js';
import { booleanOption } from '../../_lib/options.js';

/**
 * The deals as they stood at `asOfMs` (see `opportunityAsOf`), lazily, in input order;
 * the deals that did not exist yet are left out.
 */
export function* dealsAsOf(opportunities: Iterable<Opportunity>, pipeline: Pipeline, asOfMs: number): Generator<Opportunity> {
  const settings = replaySettings(pipeline);
  for (const o of opportunities) {
    // Something that is not a deal goes through as it is: the scan reports it.
    if (typeof o !== 'object' || o === null || !Array.isArray(o.history)) {
      yield o;
      continue;
    }
    const then = opportunityAfter(o, eventsAt(o.history, asOfMs), settings);
    if (then !== undefined) yield then;
  }
}

/** The deals a forecast reads: as they stand, or as of `asOf` when given. */
export function readDeals(opportunities: Iterable<Opportunity>, pipeline: Pipeline, asOf: InstantInput | undefined): Iterable<Opportunity> {
  return asOf === undefined ? opportunities : dealsAsOf(opportunities, pipeline, toInstant(asOf, 'asOf').getTime());
}

/** Whether to list deal ids (`dealIds`, default false). */
export function listIdsOption(value: unknown): boolean {
  return value === undefined ? false : booleanOption(value, 'dealIds');
}

/**
 * Deal ids by their order of arrival: a forecast records each deal's ordinal where it
 * counts it, and merges lists of ordinals back into ids in input order.
 */
export class DealOrdinals {
  private readonly ids: OpportunityId[] = [];
  private last: Opportunity | undefined = undefined;

  /** The ordinal of `o`: a new one when it is not the deal seen last (shares of a split deal arrive together). */
  ordinal(o: Opportunity): number {
    if (o !== this.last) {
      this.last = o;
      this.ids.push(o.id);
    }
    return this.ids.length - 1;
  }

  /** The ids of one or more lists of ordinals, merged in input order, each deal once. */
  idsOf(...lists: ReadonlyArray<readonly number[]>): OpportunityId[] {
    const merged = lists.length === 1 ? lists[0]! : lists.flat().sort((a, b) => a - b);
    const out: OpportunityId[] = [];
    let prev = -1;
    for (const k of merged) {
      if (k !== prev) out.push(this.ids[k]!);
      prev = k;
    }
    return out;
  }
}
