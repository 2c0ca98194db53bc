import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { assignSuccessors } from './_lib/handover/assign.js';
import { collectBook } from './_lib/handover/book.js';
import { orderSteps } from './_lib/handover/order.js';
import { handoverPlan } from './_lib/handover/result.js';
import { scheduleSteps } from './_lib/handover/schedule.js';
import { readHandoverSettings } from './_lib/handover/settings.js';
import type { HandoverPlan, PlanHandoverOptions } from './handoverTypes.js';

export type {
  HandoverAssignmentReason,
  HandoverChannel,
  HandoverOrderKey,
  HandoverParkedDeal,
  HandoverPlan,
  HandoverSplitTransfer,
  HandoverStep,
  HandoverSuccessor,
  HandoverSuccessorSummary,
  HandoverTier,
  PlanHandoverOptions,
} from './handoverTypes.js';

/**
 * Plans the handover (交接) of a departing rep's book, so that the customers stay the
 * company's and not the rep's.
 *
 * **Which deals.** Open deals the rep owns become steps, one each. Suspended deals and
 * won or lost deals (owned or split) are listed separately, never dropped; suspended ones
 * get a successor, closed ones keep their credit. Open deals owned by someone else on which
 * the rep holds a credit split keep their owner; the split passes to a successor. On
 * co-owned deals the other owners keep their splits; the rep's split passes to the
 * successor.
 *
 * **Tiers (the seed's practice).** A deal's probability is its override, else its stage's.
 * By default, ≥ 75 % (bottom of the funnel): an in-person handover visit; ≥ 50 %: a phone
 * call in which the departing rep introduces the successor; the rest: a call by the
 * successor once the first two tiers are done.
 *
 * **Order.** Tier, then weighted value (amount × probability, larger first), then expected
 * close date (nearer first, none last), then opportunity id: a total order. Each step says
 * which key placed it after the previous one (`orderedBy`).
 *
 * **Successors.** A customer's deals (open, suspended and split) go to one successor.
 * Customers are taken in decreasing order of the weighted value at stake (the rep's share
 * for split deals, zero for suspended ones; ties by customer id). Each goes to: a successor
 * who already covers the customer, if any; else a successor who covers one of its deals'
 * regions (the deal's, else the customer's), if their relative load after taking it is at
 * most (1 + `regionSlack`) × the lowest any successor would reach; else the successor with
 * the lowest relative load after taking it. Relative load = (current load + weighted value
 * taken over) / capacity. Ties: fewer deals per unit of capacity, then successor id.
 *
 * **Due dates.** Working days (Monday–Friday, minus `holidays`, plus `extraWorkingDays`)
 * from `startDate`, a calendar date: the plan counts days, so no time zone is involved.
 * Steps are scheduled in plan order, each on the first working day on which its
 * successor (and, with `departingRep` limits, the departing rep) still has a visit or a
 * call free; visits and calls have separate daily limits. A successor's own calls
 * (`successor_call`) start on the first working day after the last of that successor's
 * visits and introductions (or everyone's, with `successorCallsAfter: 'all_handovers'`).
 *
 * The result does not depend on the order of `opportunities` or `successors`.
 *
 * @param opportunities - Deals of one pipeline (any iterable, read once); only the
 *   departing rep's (as owner or split owner) are used.
 * @param pipeline - Their pipeline (stage probabilities).
 * @param options - Departing rep, successors, start date, tiers, daily limits, calendar.
 * @returns Ordered steps, parked deals, split transfers and a summary per successor.
 * @throws {@link FunnelError} `invalid_option { option, reason }` for missing or
 *   malformed options (no successors, duplicate ids, tiers not strictly decreasing or not
 *   ending at 0, limits that are not whole numbers ≥ 1, ratios and capacities that are
 *   not decimals in range, bad dates); `pipeline_mismatch` / `unknown_stage` for deals of
 *   another pipeline; `currency_mismatch` for mixed currencies without rates. The
 *   option path names the bad value: `successors[0].customers` or `.regions` that is
 *   not a list of non-empty strings (`successors[0].customers[1]`), a
 *   `successors[0].currentLoad` that is not a Money (`expected_money`), `customers`
 *   that is not a list of objects (`customers[1]`, `customers[0].id`,
 *   `customers[0].region`), a `departingRep` that is not an object, `rates` that are
 *   not an object with a `rates` object. `invalid_argument` for `opportunities` that is
 *   not an iterable of opportunities, or an item of it that is not an opportunity (named
 *   `opportunities[i]`; no item is skipped unread), and for a value that is not a
 *   pipeline (`pipeline`).
 * @category Planning
 *
 * @example
 * ```ts
 * import { planHandover, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * declare const pipeline: Pipeline;
 * const plan = planHandover(deals, pipeline, {
 *   departingOwnerId: 'rep-zhang',
 *   successors: [{ id: 'rep-li' }, { id: 'rep-wang', capacity: '1.5' }],
 *   startDate: '2026-04-01',
 * });
 * for (const s of plan.steps) `${s.rank}. ${s.name}: ${s.channel} with ${s.successorId} by ${s.dueDate}`;
 * ```
 */
export function planHandover(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: PlanHandoverOptions): HandoverPlan {
  const settings = readHandoverSettings(options, pipeline);
  const book = collectBook(opportunities, pipeline, settings);
  const assignments = assignSuccessors(book, settings);
  const ordered = orderSteps(book.open);
  const due = scheduleSteps(ordered, assignments, settings);
  return handoverPlan(settings, book, ordered, assignments, due);
}
