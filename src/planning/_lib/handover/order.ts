import type { HandoverOrderKey } from '../../handoverTypes.js';
import type { OpenDeal } from './book.js';

/** The open deals in handover order, each with the key that placed it after the one before. */
export interface OrderedSteps {
  readonly deals: readonly OpenDeal[];
  /** `orderedBy[i]` for `deals[i]` (`'first'` for the first). */
  readonly orderedBy: readonly HandoverOrderKey[];
}

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** How `a` and `b` compare, and the first key in which they differ. */
function compareSteps(a: OpenDeal, b: OpenDeal): { readonly c: number; readonly key: HandoverOrderKey } {
  if (a.tier !== b.tier) return { c: a.tier - b.tier, key: 'tier' };
  const v = b.weighted.comparedTo(a.weighted);
  if (v !== 0) return { c: v, key: 'weighted_value' };
  const da = a.o.expectedCloseDate;
  const db = b.o.expectedCloseDate;
  if (da !== db) {
    // Stryker disable next-line ObjectLiteral,StringLiteral: V8's sort tests only `< 0`, so c: 1 and a missing c (NaN, read as 0) sort alike; and this key is never reported, as a deal without a date never comes before a dated one of the same tier and value
    if (da === undefined) return { c: 1, key: 'close_date' };
    if (db === undefined) return { c: -1, key: 'close_date' };
    return { c: cmpStr(da, db), key: 'close_date' };
  }
  return { c: cmpStr(a.o.id, b.o.id), key: 'id' };
}

/**
 * Stage 3 of the handover: the order of the steps. Tier, then weighted value (larger
 * first), then expected close date (nearer first, none last), then opportunity id: a
 * total order.
 */
export function orderSteps(open: readonly OpenDeal[]): OrderedSteps {
  const deals = [...open].sort((a, b) => compareSteps(a, b).c);
  return { deals, orderedBy: deals.map((d, i) => (i === 0 ? 'first' : compareSteps(deals[i - 1]!, d).key)) };
}
