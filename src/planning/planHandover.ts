import { dealProbability, stageOfDeal, stagesById } from '../_lib/dealForecast.js';
import { toDecimal } from '../_lib/decimal.js';
import { toRatio } from '../_lib/toRatio.js';
import { workingCalendar, type WorkingCalendar } from '../_lib/workingDays.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { convert, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal, type DecimalLike } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import type { Customer } from '../model/customer.js';
import type { Split } from '../model/events.js';
import type { CustomerId, OpportunityId, UserId } from '../model/ids.js';
import type { Opportunity, OpportunityStatus } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { isPlainDate, type PlainDate } from '../time/plainDate.js';

/**
 * How a deal is handed over (交接):
 *
 * - `'visit'`: an in-person handover visit by the departing rep and the successor;
 * - `'phone_intro'`: a phone call in which the departing rep introduces the successor and
 *   they agree the next meeting;
 * - `'successor_call'`: a call by the successor alone, once their handovers are done.
 *
 * @example
 * ```ts
 * import type { HandoverChannel } from 'sales-funnel';
 * const channel: HandoverChannel = 'phone_intro';
 * ```
 */
export type HandoverChannel = 'visit' | 'phone_intro' | 'successor_call';

/**
 * A handover tier: deals whose probability is at least `min` (and below the previous
 * tier's `min`) are handed over through `channel`.
 *
 * @example
 * ```ts
 * import type { HandoverTier } from 'sales-funnel';
 * const bottomOfFunnel: HandoverTier = { min: '0.75', channel: 'visit' };
 * ```
 */
export interface HandoverTier {
  /** Lowest probability in the tier, inclusive, in [0, 1]. */
  readonly min: DecimalLike;
  /** How deals of this tier are handed over. */
  readonly channel: HandoverChannel;
}

/**
 * A rep who takes over deals.
 *
 * @example
 * ```ts
 * import { money, type HandoverSuccessor } from 'sales-funnel';
 * const s: HandoverSuccessor = { id: 'rep-wang', capacity: '1.5', regions: ['华东'], currentLoad: money('300000', 'CNY') };
 * ```
 */
export interface HandoverSuccessor {
  /** The successor's user id. */
  readonly id: string;
  /** Capacity factor (a senior rep can carry more), > 0; default 1. */
  readonly capacity?: DecimalLike;
  /** Weighted pipeline the successor already carries; default 0. */
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
 *
 * @example
 * ```ts
 * import { plainDate, type PlanHandoverOptions } from 'sales-funnel';
 * const options: PlanHandoverOptions = {
 *   departingOwnerId: 'rep-zhang',
 *   successors: [{ id: 'rep-li' }, { id: 'rep-wang', regions: ['华北'] }],
 *   asOf: plainDate('2026-04-01'),
 * };
 * ```
 */
export interface PlanHandoverOptions {
  /** The rep who leaves. */
  readonly departingOwnerId: string;
  /** Who takes over (at least one; ids unique). */
  readonly successors: readonly HandoverSuccessor[];
  /** First day of the handover; steps are due on working days from it (inclusive). */
  readonly asOf: PlainDate | string;
  /**
   * Tiers, highest probability first, the last with `min: 0`. Default (the seed's
   * practice): ≥ 0.75 `visit`, ≥ 0.5 `phone_intro`, the rest `successor_call`.
   */
  readonly tiers?: readonly HandoverTier[];
  /** Handover visits a successor can make per working day; default 2. */
  readonly visitsPerDay?: number;
  /** Handover calls (introductions and own calls) a successor can make per working day; default 6. */
  readonly callsPerDay?: number;
  /**
   * The departing rep's own limits: visits and introduction calls per working day (across
   * all successors; default unlimited), and the last working day, after which steps that
   * need the departing rep are flagged `afterDeparture`.
   */
  readonly departingRep?: { readonly visitsPerDay?: number; readonly callsPerDay?: number; readonly lastDay?: PlainDate | string };
  /**
   * When a successor's own calls (`successor_call`) may start: after that successor's
   * visits and introductions are done (`'own_handovers'`, default), or after everyone's
   * (`'all_handovers'`).
   */
  readonly successorCallsAfter?: 'own_handovers' | 'all_handovers';
  /** Non-working days (Monday–Friday are working days otherwise). */
  readonly holidays?: readonly (PlainDate | string)[];
  /** Weekend days that are working days (调休). */
  readonly extraWorkingDays?: readonly (PlainDate | string)[];
  /** Customers, to find the region of a deal that has none. */
  readonly customers?: readonly Customer[];
  /**
   * How much worse balanced a successor who covers a deal's region may be and still be
   * preferred: their relative load after taking the customer may exceed the best
   * successor's by this fraction; default 0.25.
   */
  readonly regionSlack?: DecimalLike;
  /** Exchange rates, when amounts are not all in the pipeline's currency. */
  readonly rates?: ExchangeRates;
}

/**
 * Why a customer's deals went to their successor: the successor already covers the
 * customer, or the region (within `regionSlack`), or was simply the least loaded.
 *
 * @example
 * ```ts
 * import type { HandoverAssignmentReason } from 'sales-funnel';
 * const why: HandoverAssignmentReason = 'covers_region';
 * ```
 */
export type HandoverAssignmentReason = 'covers_customer' | 'covers_region' | 'balance';

/**
 * The first sort key in which a step differs from the one before it: its reason for
 * standing where it stands (`'first'` for the first step).
 *
 * @example
 * ```ts
 * import type { HandoverOrderKey } from 'sales-funnel';
 * const key: HandoverOrderKey = 'weighted_value';
 * ```
 */
export type HandoverOrderKey = 'first' | 'tier' | 'weighted_value' | 'close_date' | 'id';

/**
 * One step of a handover plan: one open deal, how and by whom it is handed over, and when.
 *
 * @example
 * ```ts
 * import type { HandoverStep } from 'sales-funnel';
 * declare const step: HandoverStep;
 * `${step.rank}. ${step.name} → ${step.successorId}, ${step.channel} by ${step.dueDate}`;
 * ```
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
 *
 * @example
 * ```ts
 * import type { HandoverParkedDeal } from 'sales-funnel';
 * declare const d: HandoverParkedDeal;
 * d.successorId ?? 'stays with the departing rep (closed)';
 * ```
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
 *
 * @example
 * ```ts
 * import type { HandoverSplitTransfer } from 'sales-funnel';
 * declare const t: HandoverSplitTransfer;
 * `${t.basisPoints / 100} % of ${t.opportunityId} → ${t.successorId}`;
 * ```
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
 *
 * @example
 * ```ts
 * import type { HandoverSuccessorSummary } from 'sales-funnel';
 * declare const s: HandoverSuccessorSummary;
 * s.relativeLoad.toFixed(0);
 * ```
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
 *
 * @example
 * ```ts
 * import type { HandoverPlan } from 'sales-funnel';
 * declare const plan: HandoverPlan;
 * plan.steps.filter((s) => s.channel === 'visit').length;
 * ```
 */
export interface HandoverPlan {
  /** The departing rep. */
  readonly departingOwnerId: string;
  /** First day of the handover. */
  readonly asOf: PlainDate;
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

const DEFAULT_TIERS: readonly HandoverTier[] = [
  { min: '0.75', channel: 'visit' },
  { min: '0.5', channel: 'phone_intro' },
  { min: '0', channel: 'successor_call' },
];
const CHANNELS = new Set<HandoverChannel>(['visit', 'phone_intro', 'successor_call']);
const ZERO = new Decimal(0);

interface Succ {
  readonly id: string;
  readonly capacity: Decimal;
  readonly current: Decimal;
  readonly customers: ReadonlySet<string>;
  readonly regions: ReadonlySet<string>;
  readonly visitsPerDay: number;
  readonly callsPerDay: number;
  added: Decimal;
  deals: number;
}

interface OpenDeal {
  readonly o: Opportunity;
  readonly probability: Decimal;
  readonly weighted: Decimal;
  readonly tier: number;
}

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function perDay(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new FunnelError('invalid_option', { option, reason: 'must be a whole number >= 1' });
  return value;
}

function dateOption(value: string, option: string): PlainDate {
  if (!isPlainDate(value)) throw new FunnelError('invalid_option', { option, reason: `"${String(value)}" is not a YYYY-MM-DD date` });
  return value;
}

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
 * from `asOf`. Steps are scheduled in plan order, each on the first working day on which
 * its successor (and, with `departingRep` limits, the departing rep) still has a visit or a
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
 * @throws {@link FunnelError} `invalid_option` for missing or malformed options (no
 *   successors, duplicate ids, tiers not strictly decreasing or not ending at 0, limits
 *   that are not whole numbers ≥ 1, bad dates); `pipeline_mismatch` / `unknown_stage` for
 *   deals of another pipeline; `currency_mismatch` for mixed currencies without rates.
 *
 * @example
 * ```ts
 * import { planHandover, plainDate, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * declare const pipeline: Pipeline;
 * const plan = planHandover(deals, pipeline, {
 *   departingOwnerId: 'rep-zhang',
 *   successors: [{ id: 'rep-li' }, { id: 'rep-wang', capacity: '1.5' }],
 *   asOf: plainDate('2026-04-01'),
 * });
 * for (const s of plan.steps) `${s.rank}. ${s.name}: ${s.channel} with ${s.successorId} by ${s.dueDate}`;
 * ```
 */
export function planHandover(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: PlanHandoverOptions): HandoverPlan {
  // ---- options --------------------------------------------------------------------------
  const departing = options?.departingOwnerId;
  if (typeof departing !== 'string' || departing.length === 0) {
    throw new FunnelError('invalid_option', { option: 'departingOwnerId', reason: 'must be a non-empty user id' });
  }
  const asOf = dateOption(options.asOf, 'asOf');
  const currency = pipeline.currency;
  const inCurrency = (m: Money): Decimal => {
    if (m.currency === currency) return toDecimal(m.amount);
    if (options.rates === undefined) throw new FunnelError('currency_mismatch', { left: currency, right: m.currency });
    return convert(m, currency, options.rates).amount;
  };
  const visitsDefault = perDay(options.visitsPerDay, 2, 'visitsPerDay');
  const callsDefault = perDay(options.callsPerDay, 6, 'callsPerDay');
  const depVisits = options.departingRep?.visitsPerDay === undefined ? Number.POSITIVE_INFINITY : perDay(options.departingRep.visitsPerDay, 0, 'departingRep.visitsPerDay');
  const depCalls = options.departingRep?.callsPerDay === undefined ? Number.POSITIVE_INFINITY : perDay(options.departingRep.callsPerDay, 0, 'departingRep.callsPerDay');
  const lastDay = options.departingRep?.lastDay === undefined ? undefined : dateOption(options.departingRep.lastDay, 'departingRep.lastDay');
  const callsAfter = options.successorCallsAfter ?? 'own_handovers';
  if (callsAfter !== 'own_handovers' && callsAfter !== 'all_handovers') {
    throw new FunnelError('invalid_option', { option: 'successorCallsAfter', reason: `unknown value ${String(callsAfter)}` });
  }
  const slack = toRatio(options.regionSlack ?? '0.25', 'regionSlack', 'non_negative');
  const calendar: WorkingCalendar = workingCalendar(options.holidays ?? [], options.extraWorkingDays ?? []);

  const tiers = (options.tiers ?? DEFAULT_TIERS).map((t, i) => {
    if (!CHANNELS.has(t?.channel)) throw new FunnelError('invalid_option', { option: `tiers[${i}].channel`, reason: `unknown channel ${String(t?.channel)}` });
    return { min: toRatio(t.min, `tiers[${i}].min`, 'unit'), channel: t.channel };
  });
  if (tiers.length === 0) throw new FunnelError('invalid_option', { option: 'tiers', reason: 'at least one tier is needed' });
  tiers.forEach((t, i) => {
    if (i > 0 && !t.min.lt((tiers[i - 1] as { min: Decimal }).min)) {
      throw new FunnelError('invalid_option', { option: `tiers[${i}].min`, reason: 'tiers must be listed from the highest probability down' });
    }
  });
  if (!(tiers[tiers.length - 1] as { min: Decimal }).min.isZero()) {
    throw new FunnelError('invalid_option', { option: 'tiers', reason: 'the last tier must start at 0 so that every deal has a tier' });
  }

  if (!Array.isArray(options.successors) || options.successors.length === 0) {
    throw new FunnelError('invalid_option', { option: 'successors', reason: 'at least one successor is needed' });
  }
  const succs: Succ[] = [];
  const seen = new Set<string>();
  options.successors.forEach((s, i) => {
    if (typeof s?.id !== 'string' || s.id.length === 0) throw new FunnelError('invalid_option', { option: `successors[${i}].id`, reason: 'must be a non-empty user id' });
    if (s.id === departing) throw new FunnelError('invalid_option', { option: `successors[${i}].id`, reason: 'the departing rep cannot be a successor' });
    if (seen.has(s.id)) throw new FunnelError('invalid_option', { option: `successors[${i}].id`, reason: `duplicate successor "${s.id}"` });
    seen.add(s.id);
    const capacity = toRatio(s.capacity ?? 1, `successors[${i}].capacity`, 'non_negative');
    if (capacity.isZero()) throw new FunnelError('invalid_option', { option: `successors[${i}].capacity`, reason: 'must be > 0' });
    succs.push({
      id: s.id,
      capacity,
      current: s.currentLoad === undefined ? ZERO : inCurrency(s.currentLoad),
      customers: new Set(s.customers ?? []),
      regions: new Set(s.regions ?? []),
      visitsPerDay: perDay(s.visitsPerDay, visitsDefault, `successors[${i}].visitsPerDay`),
      callsPerDay: perDay(s.callsPerDay, callsDefault, `successors[${i}].callsPerDay`),
      added: ZERO,
      deals: 0,
    });
  });
  succs.sort((a, b) => cmpStr(a.id, b.id));
  const customerRegion = new Map<string, string>();
  for (const c of options.customers ?? []) if (c.region !== undefined) customerRegion.set(c.id, c.region);

  // ---- the departing rep's deals ------------------------------------------------------
  const stages = stagesById(pipeline);
  const open: OpenDeal[] = [];
  const parked: { o: Opportunity; role: 'owner' | 'split' }[] = [];
  const splitOnly: { o: Opportunity; weighted: Decimal; basisPoints: number }[] = [];
  for (const o of opportunities) {
    const owner = o.ownerId === departing;
    const split = o.splits?.find((s) => s.ownerId === departing);
    if (!owner && split === undefined) continue;
    const stage = stageOfDeal(o, pipeline, stages);
    if (o.status === 'won' || o.status === 'lost' || o.status === 'suspended') {
      parked.push({ o, role: owner ? 'owner' : 'split' });
      continue;
    }
    const probability = dealProbability(o, stage) as Decimal;
    const weighted = inCurrency(o.amount).times(probability);
    if (owner) {
      const tier = tiers.findIndex((t) => probability.gte(t.min));
      open.push({ o, probability, weighted, tier });
    } else {
      splitOnly.push({ o, weighted: weighted.times((split as Split).basisPoints).div(10_000), basisPoints: (split as Split).basisPoints });
    }
  }
  const byId = (a: { o: Opportunity }, b: { o: Opportunity }): number => cmpStr(a.o.id, b.o.id);
  open.sort(byId);
  parked.sort(byId);
  splitOnly.sort(byId);

  // ---- successors, customer by customer ------------------------------------------------
  interface Group {
    readonly customerId: string;
    weight: Decimal;
    deals: number;
    readonly regions: Set<string>;
  }
  const groups = new Map<string, Group>();
  const groupOf = (o: Opportunity): Group => {
    let g = groups.get(o.customerId);
    if (g === undefined) groups.set(o.customerId, (g = { customerId: o.customerId, weight: ZERO, deals: 0, regions: new Set() }));
    const region = o.region ?? customerRegion.get(o.customerId);
    if (region !== undefined) g.regions.add(region);
    return g;
  };
  for (const d of open) {
    const g = groupOf(d.o);
    g.weight = g.weight.plus(d.weighted);
    g.deals++;
  }
  for (const d of splitOnly) {
    if (d.o.status !== 'open') continue;
    const g = groupOf(d.o);
    g.weight = g.weight.plus(d.weighted);
  }
  for (const d of parked) {
    if (d.o.status !== 'suspended') continue;
    groupOf(d.o).deals += d.role === 'owner' ? 1 : 0;
  }
  const ordered = [...groups.values()].sort((a, b) => b.weight.comparedTo(a.weight) || cmpStr(a.customerId, b.customerId));
  const successorOf = new Map<string, { s: Succ; why: HandoverAssignmentReason }>();
  const relAfter = (s: Succ, w: Decimal): Decimal => s.current.plus(s.added).plus(w).div(s.capacity);
  const better = (a: Succ, b: Succ, w: Decimal): boolean => {
    const c = relAfter(a, w).comparedTo(relAfter(b, w));
    if (c !== 0) return c < 0;
    const d = new Decimal(a.deals).div(a.capacity).comparedTo(new Decimal(b.deals).div(b.capacity));
    if (d !== 0) return d < 0;
    return a.id < b.id;
  };
  const pick = (candidates: readonly Succ[], w: Decimal): Succ | undefined => {
    let best: Succ | undefined;
    for (const s of candidates) if (best === undefined || better(s, best, w)) best = s;
    return best;
  };
  for (const g of ordered) {
    let chosen: Succ | undefined;
    let why: HandoverAssignmentReason = 'balance';
    const covering = succs.filter((s) => s.customers.has(g.customerId));
    if (covering.length > 0) {
      chosen = pick(covering, g.weight);
      why = 'covers_customer';
    } else {
      const overall = pick(succs, g.weight) as Succ;
      const limit = relAfter(overall, g.weight).times(slack.plus(1));
      const regional = succs.filter((s) => [...g.regions].some((r) => s.regions.has(r)) && relAfter(s, g.weight).lte(limit));
      if (regional.length > 0) {
        chosen = pick(regional, g.weight);
        why = 'covers_region';
      } else {
        chosen = overall;
      }
    }
    const s = chosen as Succ;
    s.added = s.added.plus(g.weight);
    s.deals += g.deals;
    successorOf.set(g.customerId, { s, why });
  }

  // ---- order ---------------------------------------------------------------------------
  const orderKey = (a: OpenDeal, b: OpenDeal): { c: number; key: HandoverOrderKey } => {
    if (a.tier !== b.tier) return { c: a.tier - b.tier, key: 'tier' };
    const v = b.weighted.comparedTo(a.weighted);
    if (v !== 0) return { c: v, key: 'weighted_value' };
    const da = a.o.expectedCloseDate;
    const db = b.o.expectedCloseDate;
    if (da !== db) {
      if (da === undefined) return { c: 1, key: 'close_date' };
      if (db === undefined) return { c: -1, key: 'close_date' };
      return { c: cmpStr(da, db), key: 'close_date' };
    }
    return { c: cmpStr(a.o.id, b.o.id), key: 'id' };
  };
  const sorted = [...open].sort((a, b) => orderKey(a, b).c);

  // ---- schedule --------------------------------------------------------------------------
  const start = calendar.onOrAfter(asOf);
  const used = new Map<string, number>();
  const count = (key: string): number => used.get(key) ?? 0;
  const bump = (key: string): void => {
    used.set(key, count(key) + 1);
  };
  const pointer = new Map<string, PlainDate>();
  const schedule = (s: Succ, channel: HandoverChannel, from: PlainDate): PlainDate => {
    const kind = channel === 'visit' ? 'visit' : 'call';
    const limit = kind === 'visit' ? s.visitsPerDay : s.callsPerDay;
    const withDep = channel !== 'successor_call';
    const depLimit = kind === 'visit' ? depVisits : depCalls;
    const pkey = `${s.id}|${kind}|${withDep ? 'dep' : 'own'}`;
    const p = pointer.get(pkey);
    let d = calendar.onOrAfter(p !== undefined && p > from ? p : from);
    while (count(`${s.id}|${kind}|${d}`) >= limit || (withDep && count(`dep|${kind}|${d}`) >= depLimit)) d = calendar.after(d);
    pointer.set(pkey, d);
    bump(`${s.id}|${kind}|${d}`);
    if (withDep) bump(`dep|${kind}|${d}`);
    return d;
  };
  const due = new Map<string, PlainDate>();
  const lastHandover = new Map<string, PlainDate>();
  let lastOfAll: PlainDate | undefined;
  for (const d of sorted) {
    const channel = (tiers[d.tier] as { channel: HandoverChannel }).channel;
    if (channel === 'successor_call') continue;
    const s = (successorOf.get(d.o.customerId) as { s: Succ }).s;
    const date = schedule(s, channel, start);
    due.set(d.o.id, date);
    const prev = lastHandover.get(s.id);
    if (prev === undefined || date > prev) lastHandover.set(s.id, date);
    if (lastOfAll === undefined || date > lastOfAll) lastOfAll = date;
  }
  for (const d of sorted) {
    const channel = (tiers[d.tier] as { channel: HandoverChannel }).channel;
    if (channel !== 'successor_call') continue;
    const s = (successorOf.get(d.o.customerId) as { s: Succ }).s;
    const gateAfter = callsAfter === 'all_handovers' ? lastOfAll : lastHandover.get(s.id);
    const gate = gateAfter === undefined ? start : calendar.after(gateAfter);
    due.set(d.o.id, schedule(s, channel, gate));
  }

  // ---- results ------------------------------------------------------------------------------
  const money = (amount: Decimal): Money => ({ amount, currency });
  const steps: HandoverStep[] = sorted.map((d, i) => {
    const channel = (tiers[d.tier] as { channel: HandoverChannel }).channel;
    const { s, why } = successorOf.get(d.o.customerId) as { s: Succ; why: HandoverAssignmentReason };
    const dueDate = due.get(d.o.id) as PlainDate;
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
      orderedBy: i === 0 ? 'first' : orderKey(sorted[i - 1] as OpenDeal, d).key,
      successorId: s.id,
      assignedBy: why,
      dueDate,
      withDepartingRep,
      afterDeparture: withDepartingRep && lastDay !== undefined && dueDate > lastDay,
      splits: passSplit(d.o.splits, departing, s.id),
    };
  });
  const parkedOut = (status: (st: OpportunityStatus) => boolean): HandoverParkedDeal[] =>
    parked
      .filter((p) => status(p.o.status))
      .map(({ o, role }) => {
        const suspended = o.status === 'suspended';
        const s = suspended ? (successorOf.get(o.customerId) as { s: Succ }).s.id : null;
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
  const splitTransfers: HandoverSplitTransfer[] = splitOnly.map(({ o, basisPoints }) => {
    const s = (successorOf.get(o.customerId) as { s: Succ }).s.id;
    return { opportunityId: o.id, customerId: o.customerId, ownerId: o.ownerId, basisPoints, successorId: s, splits: passSplit(o.splits, departing, s) as Split[] };
  });
  const successors: HandoverSuccessorSummary[] = succs.map((s) => {
    const mine = steps.filter((x) => x.successorId === s.id);
    const load = s.current.plus(s.added);
    return {
      successorId: s.id,
      capacity: s.capacity,
      steps: mine.length,
      weightedValue: money(s.added),
      load: money(load),
      relativeLoad: load.div(s.capacity),
      visits: mine.filter((x) => x.channel === 'visit').length,
      calls: mine.filter((x) => x.channel !== 'visit').length,
      lastDueDate: mine.reduce<PlainDate | null>((a, x) => (a === null || x.dueDate > a ? x.dueDate : a), null),
    };
  });
  return {
    departingOwnerId: departing,
    asOf,
    currency,
    steps,
    suspended: parkedOut((st) => st === 'suspended'),
    closed: parkedOut((st) => st === 'won' || st === 'lost'),
    splitTransfers,
    successors,
  };
}
