// The public types of planHandover (交接), in a module of their own so that the
// private stages under ./_lib/handover/ can use them without importing their caller.
import type { ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import type { Decimal, DecimalLike } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import type { Customer } from '../model/customer.js';
import type { Split } from '../model/events.js';
import type { CustomerId, OpportunityId, UserId } from '../model/ids.js';
import type { OpportunityStatus } from '../model/opportunity.js';
import type { CalendarDateInput } from '../time/calendarDate.js';
import type { PlainDate } from '../time/plainDate.js';

/**
 * How a deal is handed over (交接):
 *
 * - `'visit'`: an in-person handover visit by the departing rep and the successor;
 * - `'phone_intro'`: a phone call in which the departing rep introduces the successor and
 *   they agree the next meeting;
 * - `'successor_call'`: a call by the successor alone, once their handovers are done.
 */
export type HandoverChannel = 'visit' | 'phone_intro' | 'successor_call';

/**
 * A handover tier: deals whose probability is at least `min` (and below the previous
 * tier's `min`) are handed over through `channel`.
 */
export interface HandoverTier {
  /** Lowest probability in the tier, inclusive, in [0, 1]. */
  readonly min: DecimalLike;
  /** How deals of this tier are handed over. */
  readonly channel: HandoverChannel;
}

/**
 * A rep who takes over deals.
 */
export interface HandoverSuccessor {
  /** The successor's user id. */
  readonly id: string;
  /**
   * Capacity factor (a senior rep can carry more), > 0.
   * @defaultValue 1
   */
  readonly capacity?: DecimalLike;
  /**
   * Weighted pipeline the successor already carries.
   * @defaultValue nothing (0)
   */
  readonly currentLoad?: Money;
  /** Customers the successor already covers. */
  readonly customers?: readonly string[];
  /** Regions the successor already covers. */
  readonly regions?: readonly string[];
  /** Handover visits this successor can make per working day (overrides the option). */
  readonly visitsPerDay?: number;
  /** Handover calls this successor can make per working day (overrides the option). */
  readonly callsPerDay?: number;
}

/**
 * Options for {@link planHandover}.
 */
export interface PlanHandoverOptions {
  /** The rep who leaves. */
  readonly departingOwnerId: string;
  /** Who takes over (at least one; ids unique). */
  readonly successors: readonly HandoverSuccessor[];
  /** First day of the handover (`YYYY-MM-DD`); steps are due on working days from it (inclusive). */
  readonly startDate: CalendarDateInput;
  /**
   * Tiers, highest probability first, the last with `min: 0`.
   * @defaultValue the seed's practice: ≥ 0.75 `visit`, ≥ 0.5 `phone_intro`, the rest `successor_call`
   */
  readonly tiers?: readonly HandoverTier[];
  /**
   * Handover visits a successor can make per working day.
   * @defaultValue 2
   */
  readonly visitsPerDay?: number;
  /**
   * Handover calls (introductions and own calls) a successor can make per working day.
   * @defaultValue 6
   */
  readonly callsPerDay?: number;
  /**
   * The departing rep's own limits: visits and introduction calls per working day (across
   * all successors; unlimited when absent), and the last working day, after which steps
   * that need the departing rep are flagged `afterDeparture`.
   */
  readonly departingRep?: { readonly visitsPerDay?: number; readonly callsPerDay?: number; readonly lastDay?: CalendarDateInput };
  /**
   * When a successor's own calls (`successor_call`) may start: after that successor's
   * visits and introductions are done (`'own_handovers'`), or after everyone's
   * (`'all_handovers'`).
   * @defaultValue `'own_handovers'`
   */
  readonly successorCallsAfter?: 'own_handovers' | 'all_handovers';
  /** Non-working days (Monday–Friday are working days otherwise). */
  readonly holidays?: readonly CalendarDateInput[];
  /** Weekend days that are working days (调休). */
  readonly extraWorkingDays?: readonly CalendarDateInput[];
  /** Customers, to find the region of a deal that has none. */
  readonly customers?: readonly Customer[];
  /**
   * How much worse balanced a successor who covers a deal's region may be and still be
   * preferred: their relative load after taking the customer may exceed the best
   * successor's by this fraction (a decimal string, number or Decimal, ≥ 0).
   * @defaultValue `'0.25'`
   */
  readonly regionSlack?: DecimalLike;
  /** Exchange rates, when amounts are not all in the pipeline's currency. */
  readonly rates?: ExchangeRates;
}

/**
 * Why a customer's deals went to their successor: the successor already covers the
 * customer, or the region (within `regionSlack`), or was simply the least loaded.
 */
export type HandoverAssignmentReason = 'covers_customer' | 'covers_region' | 'balance';

/**
 * The first sort key in which a step differs from the one before it: its reason for
 * standing where it stands (`'first'` for the first step).
 */
export type HandoverOrderKey = 'first' | 'tier' | 'weighted_value' | 'close_date' | 'id';

/**
 * One step of a handover plan: one open deal, how and by whom it is handed over, and when.
 */
export interface HandoverStep {
  /** Position in the plan, from 1. */
  readonly rank: number;
  /** The deal. */
  readonly opportunityId: OpportunityId;
  /** Its customer. */
  readonly customerId: CustomerId;
  /** Its name. */
  readonly name: string;
  /** Tier number, from 1 (highest probability). */
  readonly tier: number;
  /** How it is handed over. */
  readonly channel: HandoverChannel;
  /** The deal's probability: its override, else its stage's. */
  readonly probability: Decimal;
  /** The deal's amount. */
  readonly amount: Money;
  /** `amount × probability`, in the plan's currency. */
  readonly weightedValue: Money;
  /** The expected close date, or null. */
  readonly expectedCloseDate: PlainDate | null;
  /** Why it stands after the previous step. */
  readonly orderedBy: HandoverOrderKey;
  /** Who takes the deal over. */
  readonly successorId: string;
  /** Why this successor. */
  readonly assignedBy: HandoverAssignmentReason;
  /** The working day by which the step is to be done. */
  readonly dueDate: PlainDate;
  /** Whether the departing rep takes part (visits and introductions). */
  readonly withDepartingRep: boolean;
  /** True when the departing rep takes part but the step is due after their last day. */
  readonly afterDeparture: boolean;
  /**
   * The deal's credit splits after the handover: the departing rep's split passes to the
   * successor and the other owners keep theirs; undefined when the deal has no splits.
   */
  readonly splits: readonly Split[] | undefined;
}

/**
 * A deal of the departing rep that needs no handover step: suspended (中止) or closed.
 */
export interface HandoverParkedDeal {
  /** The deal. */
  readonly opportunityId: OpportunityId;
  /** Its customer. */
  readonly customerId: CustomerId;
  /** Its name. */
  readonly name: string;
  /** `'suspended'`, `'won'` or `'lost'`. */
  readonly status: OpportunityStatus;
  /** Whether the departing rep is the owner or holds only a credit split. */
  readonly role: 'owner' | 'split';
  /**
   * Suspended deals get a successor (their customer's, else by balance) who owns them if
   * they resume; closed deals keep their credit and get null.
   */
  readonly successorId: string | null;
  /** The splits after the handover (suspended deals only; as in {@link HandoverStep.splits}). */
  readonly splits: readonly Split[] | undefined;
}

/**
 * An open deal owned by someone else on which the departing rep holds a credit split
 * (联合跟进人): the owner keeps the deal and the split passes to a successor.
 */
export interface HandoverSplitTransfer {
  /** The deal. */
  readonly opportunityId: OpportunityId;
  /** Its customer. */
  readonly customerId: CustomerId;
  /** Its owner, unchanged. */
  readonly ownerId: UserId;
  /** The departing rep's share, in basis points. */
  readonly basisPoints: number;
  /** Who receives the share. */
  readonly successorId: string;
  /** The splits after the handover. */
  readonly splits: readonly Split[];
}

/**
 * What one successor takes over.
 */
export interface HandoverSuccessorSummary {
  /** The successor. */
  readonly successorId: string;
  /** Capacity factor. */
  readonly capacity: Decimal;
  /** Handover steps (open deals) taken over. */
  readonly steps: number;
  /** Weighted value taken over: open deals, plus the departing rep's share of split deals. */
  readonly weightedValue: Money;
  /** `currentLoad + weightedValue`. */
  readonly load: Money;
  /** `load / capacity`: what the assignment balances. */
  readonly relativeLoad: Decimal;
  /** Visits scheduled. */
  readonly visits: number;
  /** Calls scheduled (introductions and own calls). */
  readonly calls: number;
  /** Due date of the last step, or null. */
  readonly lastDueDate: PlainDate | null;
}

/**
 * A handover plan (交接计划) for a departing rep's book.
 */
export interface HandoverPlan {
  /** The departing rep. */
  readonly departingOwnerId: string;
  /** First day of the handover. */
  readonly startDate: PlainDate;
  /** Currency of every weighted value (the pipeline's). */
  readonly currency: CurrencyCode;
  /** One step per open deal the departing rep owns, in handover order. */
  readonly steps: readonly HandoverStep[];
  /** Suspended deals (owned or split), by id. */
  readonly suspended: readonly HandoverParkedDeal[];
  /** Won and lost deals (owned or split), by id: listed, not handed over. */
  readonly closed: readonly HandoverParkedDeal[];
  /** Open deals of other owners where the departing rep's split moves, by id. */
  readonly splitTransfers: readonly HandoverSplitTransfer[];
  /** One summary per successor, by id. */
  readonly successors: readonly HandoverSuccessorSummary[];
}
