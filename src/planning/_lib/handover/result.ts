import { Decimal } from '../../../money/decimal.js';
import type { Money } from '../../../money/money.js';
import type { Split } from '../../../model/events.js';
import type { OpportunityId, UserId } from '../../../model/ids.js';
import type { OpportunityStatus } from '../../../model/opportunity.js';
import type { PlainDate } from '../../../time/plainDate.js';
import type { HandoverParkedDeal, HandoverPlan, HandoverSplitTransfer, HandoverStep, HandoverSuccessorSummary } from '../../handoverTypes.js';
import type { Assignments } from './assign.js';
import type { HandoverBook } from './book.js';
import type { OrderedSteps } from './order.js';
import type { HandoverSettings } from './settings.js';

/** The splits with `from`'s share given to `to` (merged when `to` already has one). */
function passSplit(splits: readonly Split[] | undefined, from: string, to: string): Split[] | undefined {
  if (splits === undefined) return undefined;
  const mine = splits.find((s) => s.ownerId === from);
  if (mine === undefined) return splits.map((s) => ({ ...s }));
  const theirs = splits.find((s) => s.ownerId === to);
  const out: Split[] = [];
  for (const s of splits) {
    if (s.ownerId === from) {
      if (theirs === undefined) out.push({ ownerId: to as UserId, basisPoints: s.basisPoints });
    } else if (s.ownerId === to) {
      out.push({ ownerId: s.ownerId, basisPoints: s.basisPoints + mine.basisPoints });
    } else {
      out.push({ ...s });
    }
  }
  return out;
}

/**
 * Stage 5 of the handover: the plan as returned: the steps in order, the parked deals,
 * the split transfers and a summary per successor.
 */
export function handoverPlan(
  settings: HandoverSettings,
  book: HandoverBook,
  ordered: OrderedSteps,
  assignments: Assignments,
  due: ReadonlyMap<OpportunityId, PlainDate>,
): HandoverPlan {
  const { departing, currency, tiers, lastDay } = settings;
  const money = (amount: Decimal): Money => ({ amount, currency });
  const successorOf = (customerId: string) => assignments.byCustomer.get(customerId)!;

  const steps: HandoverStep[] = ordered.deals.map((d, i) => {
    const channel = tiers[d.tier]!.channel;
    const { successor, why } = successorOf(d.o.customerId);
    const dueDate = due.get(d.o.id)!;
    const withDepartingRep = channel !== 'successor_call';
    return {
      rank: i + 1,
      opportunityId: d.o.id,
      customerId: d.o.customerId,
      name: d.o.name,
      tier: d.tier + 1,
      channel,
      probability: d.probability,
      amount: d.o.amount,
      weightedValue: money(d.weighted),
      expectedCloseDate: d.o.expectedCloseDate ?? null,
      orderedBy: ordered.orderedBy[i]!,
      successorId: successor.id,
      assignedBy: why,
      dueDate,
      withDepartingRep,
      afterDeparture: withDepartingRep && lastDay !== undefined && dueDate > lastDay,
      splits: passSplit(d.o.splits, departing, successor.id),
    };
  });

  const parked = (status: (st: OpportunityStatus) => boolean): HandoverParkedDeal[] =>
    book.parked
      .filter((p) => status(p.o.status))
      .map(({ o, role }) => {
        const suspended = o.status === 'suspended';
        const s = suspended ? successorOf(o.customerId).successor.id : null;
        return {
          opportunityId: o.id,
          customerId: o.customerId,
          name: o.name,
          status: o.status,
          role,
          successorId: s,
          splits: suspended && s !== null ? passSplit(o.splits, departing, s) : o.splits?.map((x) => ({ ...x })),
        };
      });

  const splitTransfers: HandoverSplitTransfer[] = book.splitOnly.map(({ o, basisPoints }) => {
    const s = successorOf(o.customerId).successor.id;
    return { opportunityId: o.id, customerId: o.customerId, ownerId: o.ownerId, basisPoints, successorId: s, splits: passSplit(o.splits, departing, s)! };
  });

  const successors: HandoverSuccessorSummary[] = settings.successors.map((s) => {
    const mine = steps.filter((x) => x.successorId === s.id);
    const added = assignments.added.get(s.id) ?? new Decimal(0);
    const load = s.currentLoad.plus(added);
    return {
      successorId: s.id,
      capacity: s.capacity,
      steps: mine.length,
      weightedValue: money(added),
      load: money(load),
      relativeLoad: load.div(s.capacity),
      visits: mine.filter((x) => x.channel === 'visit').length,
      calls: mine.filter((x) => x.channel !== 'visit').length,
      lastDueDate: mine.reduce<PlainDate | null>((a, x) => (a === null || x.dueDate > a ? x.dueDate : a), null),
    };
  });

  return {
    departingOwnerId: departing,
    startDate: settings.startDate,
    currency,
    steps,
    suspended: parked((st) => st === 'suspended'),
    closed: parked((st) => st === 'won' || st === 'lost'),
    splitTransfers,
    successors,
  };
}
