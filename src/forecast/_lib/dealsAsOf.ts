import type { Opportunity } from '../../model/opportunity.js';
import { eventsAt, opportunityAfter, replaySettings } from '../../model/opportunityAsOf.js';
import type { Pipeline } from '../../model/pipeline.js';
import { booleanOption } from '../../_lib/options.js';
import { checkDeal } from '../../model/dealArguments.js';

/**
 * The deals as they stood at `asOfMs` (see `opportunityAsOf`), lazily, in input order;
 * the deals that did not exist yet are left out.
 */
export function* dealsAsOf(opportunities: Iterable<Opportunity>, pipeline: Pipeline, asOfMs: number): Generator<Opportunity> {
  const settings = replaySettings(pipeline);
  let i = 0;
  for (const o of opportunities) {
    checkDeal(o, i++, 'opportunities');
    const then = opportunityAfter(o, eventsAt(o.history, asOfMs), settings);
    if (then !== undefined) yield then;
  }
}

/** Whether to list deal ids (`dealIds`, default false). */
export function listIdsOption(value: unknown): boolean {
  return value === undefined ? false : booleanOption(value, 'dealIds');
}
