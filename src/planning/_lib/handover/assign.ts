import { Decimal } from '../../../money/decimal.js';
import type { Opportunity } from '../../../model/opportunity.js';
import type { HandoverAssignmentReason } from '../../handoverTypes.js';
import type { HandoverBook } from './book.js';
import type { HandoverSettings, SuccessorSettings } from './settings.js';

/** Who takes a customer over, and why. */
export interface Assignment {
  readonly successor: SuccessorSettings;
  readonly why: HandoverAssignmentReason;
}

/** The successor of every customer of the book, and the weighted value each successor takes over. */
export interface Assignments {
  /** By customer id. */
  readonly byCustomer: ReadonlyMap<string, Assignment>;
  /** Weighted value taken over, by successor id. */
  readonly added: ReadonlyMap<string, Decimal>;
}

/** One customer of the departing rep: the weighted value at stake, the deals, the regions. */
interface CustomerGroup {
  readonly customerId: string;
  weight: Decimal;
  deals: number;
  readonly regions: Set<string>;
}

/** A successor's load as customers are handed out. */
interface Load {
  readonly s: SuccessorSettings;
  added: Decimal;
  deals: number;
}

const ZERO = new Decimal(0);

/** The customers at stake, in decreasing order of weighted value (ties by id). */
function customerGroups(book: HandoverBook, settings: HandoverSettings): CustomerGroup[] {
  const groups = new Map<string, CustomerGroup>();
  const groupOf = (o: Opportunity): CustomerGroup => {
    let g = groups.get(o.customerId);
    if (g === undefined) {
      g = { customerId: o.customerId, weight: ZERO, deals: 0, regions: new Set() };
      groups.set(o.customerId, g);
    }
    const region = o.region ?? settings.customerRegion.get(o.customerId);
    if (region !== undefined) g.regions.add(region);
    return g;
  };
  for (const d of book.open) {
    const g = groupOf(d.o);
    g.weight = g.weight.plus(d.weighted);
    g.deals++;
  }
  for (const d of book.splitOnly) {
    const g = groupOf(d.o);
    g.weight = g.weight.plus(d.weighted);
  }
  for (const d of book.parked) {
    if (d.o.status !== 'suspended') continue;
    groupOf(d.o).deals += d.role === 'owner' ? 1 : 0;
  }
  return [...groups.values()].sort((a, b) => b.weight.comparedTo(a.weight) || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
}

/**
 * Stage 2 of the handover: one successor per customer, so that a customer's deals stay
 * together. Customers are taken in decreasing order of the weighted value at stake; each
 * goes to a successor who already covers the customer, else to one covering one of its
 * regions if their relative load after taking it is within (1 + `regionSlack`) × the
 * lowest any successor would reach, else to the successor with the lowest relative load
 * after taking it (ties: fewer deals per unit of capacity, then id).
 */
export function assignSuccessors(book: HandoverBook, settings: HandoverSettings): Assignments {
  const loads: Load[] = settings.successors.map((s) => ({ s, added: ZERO, deals: 0 }));
  const relAfter = (l: Load, w: Decimal): Decimal => l.s.currentLoad.plus(l.added).plus(w).div(l.s.capacity);
  const better = (a: Load, b: Load, w: Decimal): boolean => {
    const c = relAfter(a, w).comparedTo(relAfter(b, w));
    if (c !== 0) return c < 0;
    const d = new Decimal(a.deals).div(a.s.capacity).comparedTo(new Decimal(b.deals).div(b.s.capacity));
    if (d !== 0) return d < 0;
    return a.s.id < b.s.id;
  };
  const pick = (candidates: readonly Load[], w: Decimal): Load | undefined => {
    let best: Load | undefined;
    for (const l of candidates) if (best === undefined || better(l, best, w)) best = l;
    return best;
  };

  const byCustomer = new Map<string, Assignment>();
  for (const g of customerGroups(book, settings)) {
    let chosen: Load;
    let why: HandoverAssignmentReason = 'balance';
    const covering = loads.filter((l) => l.s.customers.has(g.customerId));
    if (covering.length > 0) {
      chosen = pick(covering, g.weight)!;
      why = 'covers_customer';
    } else {
      const overall = pick(loads, g.weight)!;
      const limit = relAfter(overall, g.weight).times(settings.regionSlack.plus(1));
      const regional = loads.filter((l) => [...g.regions].some((r) => l.s.regions.has(r)) && relAfter(l, g.weight).lte(limit));
      if (regional.length > 0) {
        chosen = pick(regional, g.weight)!;
        why = 'covers_region';
      } else {
        chosen = overall;
      }
    }
    chosen.added = chosen.added.plus(g.weight);
    chosen.deals += g.deals;
    byCustomer.set(g.customerId, { successor: chosen.s, why });
  }
  return { byCustomer, added: new Map(loads.map((l) => [l.s.id, l.added])) };
}
