import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { Customer } from '../model/customer.js';
import { activityKindSchema, type ActivityKind } from '../model/events.js';
import { GroupAccumulator, type Grouped } from '../model/groupBy.js';
import type { Opportunity } from '../model/opportunity.js';
import { amountIn } from '../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import { isCurrencyCode, type CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { roundToMinor } from '../money/roundToMinor.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import { customerGrouping, dealList, type GroupSubject } from './_lib/activity.js';
import { checkOptionsObject, customerList } from './_lib/poolKit.js';
import type { CustomerGroupOptions } from './customerGrouping.js';
import { printable } from '../_lib/printable.js';

/**
 * Options for {@link activitySummary}.
 */
export interface ActivitySummaryOptions extends CustomerGroupOptions {
  /**
   * Window start, inclusive (a `Date` or an ISO 8601 string with offset): activities
   * logged and deals won from then on.
   *
   * @defaultValue no lower bound
   */
  readonly from?: InstantInput;
  /**
   * Window end, exclusive (the window is the half-open `[from, to)`).
   *
   * @defaultValue no upper bound
   */
  readonly to?: InstantInput;
  /**
   * The instant the books are read at: events after it have not happened yet.
   *
   * @defaultValue the whole ledgers
   */
  readonly asOf?: InstantInput;
  /**
   * The currency costs are added up in.
   *
   * @defaultValue the currency of the first cost read, else of the first deal
   */
  readonly currency?: CurrencyCode;
  /** Rates for costs in other currencies; without them such a cost throws `currency_mismatch`. */
  readonly rates?: ExchangeRates;
}

/** The follow-up figures of one group (or of everything read). */
export interface ActivityStats {
  /** Activities logged in the window, on the customers' and the deals' ledgers. */
  readonly activities: number;
  /** Of them, by kind (every kind listed, 0 when none). */
  readonly byKind: Readonly<Record<ActivityKind, number>>;
  /** Their total cost; `null` when no currency is known (no cost, no deal and no `currency` option). */
  readonly cost: Money | null;
  /** Distinct customers those activities were with. */
  readonly customersContacted: number;
  /** Deals won in the window (won at `asOf`, their last win in `[from, to)`). */
  readonly wonDeals: number;
  /**
   * The mean number of activities a won deal took: the activities linked to each deal
   * won in the window (on its ledger, or on its customer's naming it, up to the win,
   * whenever they were logged) ÷ `wonDeals`; `null` when none was won.
   */
  readonly activitiesPerWonDeal: number | null;
  /** The same for visits (拜访) only: how many visits a deal takes. */
  readonly visitsPerWonDeal: number | null;
  /** The mean cost of those activities per won deal, rounded to the currency's minor unit (half to even); `null` when none was won or no currency is known. */
  readonly costPerWonDeal: Money | null;
}

/** The result of {@link activitySummary}: the figures over everything read (`total`) and per group. */
export interface ActivitySummary extends Grouped<ActivityStats> {
  /** Window start, if any. */
  readonly from?: Date;
  /** Window end (exclusive), if any. */
  readonly to?: Date;
  /** The instant the books were read at, if given. */
  readonly asOf?: Date;
  /** The currency of the costs; `null` when none is known. */
  readonly currency: CurrencyCode | null;
}

const KINDS = activityKindSchema.options;

interface Acc {
  activities: number;
  readonly byKind: Record<ActivityKind, number>;
  readonly costs: Money[];
  readonly customers: Set<string>;
  won: number;
  linkedActivities: number;
  linkedVisits: number;
  readonly linkedCosts: Money[];
}

function newAcc(): Acc {
  return {
    activities: 0,
    byKind: Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<ActivityKind, number>,
    costs: [],
    customers: new Set(),
    won: 0,
    linkedActivities: 0,
    linkedVisits: 0,
    linkedCosts: [],
  };
}

interface Activity {
  readonly at: Date;
  readonly kind: ActivityKind;
  readonly cost?: Money | undefined;
}

/** When the deal was won, at `untilMs`: its last `won` event not undone by a reopen or a loss; `closedAt` for an imported won deal. */
function wonAt(deal: Opportunity, untilMs: number): number | undefined {
  let at: number | undefined;
  let sawClose = false;
  for (const e of deal.history) {
    const t = e.at.getTime();
    if (t > untilMs) continue;
    if (e.type === 'won') {
      at = t;
      sawClose = true;
    } else if (e.type === 'lost' || e.type === 'reopened') {
      at = undefined;
      sawClose = true;
    }
  }
  if (!sawClose && deal.status === 'won' && deal.closedAt !== undefined && deal.closedAt.getTime() <= untilMs) return deal.closedAt.getTime();
  return at;
}

/** The holder of a customer at each of its events, replaying the ownership events (the customer's `ownerId` when the ledger has none). */
function holders(customer: Customer): (string | undefined)[] {
  const history = customer.history;
  const known = history.some((e) => e.type === 'claimed' || e.type === 'assigned' || e.type === 'released' || e.type === 'reclaimed');
  let holder: string | undefined = known ? undefined : customer.ownerId;
  return history.map((e) => {
    if (known) {
      if (e.type === 'claimed' || e.type === 'assigned') holder = e.ownerId;
      else if (e.type === 'released' || e.type === 'reclaimed') holder = undefined;
    }
    return holder;
  });
}

/**
 * Follow-up activity (跟进) in numbers: how many activities of each kind were logged in
 * a window, what they cost, how many customers they reached, and what a won deal takes
 * (activities, visits and cost per deal won), in total and per group (per rep with
 * `groupBy: ['owner']`, per customer class with `'customer_priority'` or a class
 * function). The source asks how many visits and how much money a deal takes.
 *
 * - Activities are the `activity_logged` events of the customers' ledgers and of the
 *   deals' ledgers (log each activity once, on one of them), logged in `[from, to)` and
 *   not after `asOf`. With `'owner'`, an activity counts for the rep who logged it
 *   (`by`), else for its deal's owner, else for the customer's holder at the time.
 * - Won deals are those won at `asOf` whose last win lies in `[from, to)`; their
 *   activities are those linked to them (on the deal's ledger, or on the customer's
 *   naming it with `opportunityId`) up to the win, whenever logged. With `'owner'` a won
 *   deal counts for its owner.
 * - Costs are added exactly in `currency`, converting with `rates` when given.
 *
 * @param customers - The customers (any iterable; read once; not modified).
 * @param deals - Their deals (any iterable; read once; not modified).
 * @param options - `from`, `to`, `asOf`, `currency`, `rates`, grouping.
 * @returns The figures in total and per group (every group met listed, sorted by key).
 * @throws {@link FunnelError} `invalid_argument` for customers or deals that are not
 *   parsed ones; `invalid_option` for a bad window, `asOf`, currency or grouping key;
 *   `currency_mismatch` for a cost in another currency without `rates`.
 *   Also `invalid_argument` for `deals` that is not an iterable of opportunities, or an
 *   item of it that is not an opportunity (named `deals[i]`); `invalid_option` (`rates`)
 *   for rates that are not an object with a `rates` object.
 *
 * @category Customers
 * @example
 * ```ts
 * import { activitySummary, type Customer, type Opportunity } from 'sales-funnel';
 * declare const customers: Customer[];
 * declare const deals: Opportunity[];
 * const s = activitySummary(customers, deals, { from: '2026-01-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00', groupBy: ['owner'] });
 * for (const g of s.groups) console.log(g.key[0], g.value.byKind.visit, g.value.visitsPerWonDeal);
 * ```
 */
export function activitySummary(customers: Iterable<Customer>, deals: Iterable<Opportunity>, options: ActivitySummaryOptions = {}): ActivitySummary {
  checkOptionsObject(options);
  const fromMs = instantMs(options.from, 'from', -Infinity);
  const toMs = instantMs(options.to, 'to', Infinity);
  const asOfMs = instantMs(options.asOf, 'asOf', Infinity);
  if (toMs < fromMs) {
    throw new FunnelError('invalid_option', { option: 'to', reason: because('to_before_from', { to: new Date(toMs).toISOString(), from: new Date(fromMs).toISOString() }) });
  }
  if (options.currency !== undefined && !isCurrencyCode(options.currency)) {
    throw new FunnelError('invalid_option', { option: 'currency', reason: because('unknown_currency_code', { value: printable(options.currency).slice(0, 40) }) });
  }
  const grouping = customerGrouping(options);
  const customerArr = customerList(customers);
  const dealArr = dealList(deals, 'deals');
  const byId = new Map<string, Customer>();
  for (const c of customerArr) byId.set(c.id, c);

  const total = newAcc();
  const groups = new GroupAccumulator<Acc>(newAcc);
  let firstCost: CurrencyCode | undefined;
  let firstDeal: CurrencyCode | undefined;
  const accsOf = (subject: GroupSubject): Acc[] => (grouping.keyOf === undefined ? [total] : [total, groups.get(grouping.keyOf(subject))]);
  const inWindow = (t: number) => t >= fromMs && t < toMs && t <= asOfMs;
  const count = (a: Activity, customerId: string, subject: GroupSubject) => {
    if (a.cost !== undefined) firstCost ??= a.cost.currency as CurrencyCode;
    for (const acc of accsOf(subject)) {
      acc.activities++;
      acc.byKind[a.kind]++;
      if (a.cost !== undefined) acc.costs.push(a.cost);
      acc.customers.add(customerId);
    }
  };

  // Activities on the customers' ledgers, and those naming a deal (linked to it).
  const linked = new Map<string, Activity[]>();
  for (const c of customerArr) {
    const owners = holders(c);
    c.history.forEach((e, i) => {
      if (e.type !== 'activity_logged') return;
      const t = e.at.getTime();
      if (e.opportunityId !== undefined && t <= asOfMs) {
        const list = linked.get(e.opportunityId) ?? [];
        list.push(e);
        linked.set(e.opportunityId, list);
      }
      if (inWindow(t)) count(e, c.id, { customer: c, ownerId: e.by ?? owners[i] });
    });
  }
  // Activities on the deals' ledgers, and the deals won.
  for (const d of dealArr) {
    firstDeal ??= d.amount.currency as CurrencyCode;
    const customer = byId.get(d.customerId);
    const mine: Activity[] = [];
    for (const e of d.history) {
      if (e.type !== 'activity_logged') continue;
      const t = e.at.getTime();
      if (t <= asOfMs) mine.push(e);
      if (inWindow(t)) count(e, d.customerId, { customer, ownerId: e.by ?? d.ownerId });
    }
    const won = wonAt(d, asOfMs);
    if (won === undefined || !inWindow(won)) continue;
    const took = [...mine, ...(linked.get(d.id) ?? [])].filter((a) => a.at.getTime() <= won);
    for (const acc of accsOf({ customer, ownerId: d.ownerId })) {
      acc.won++;
      acc.linkedActivities += took.length;
      for (const a of took) {
        if (a.kind === 'visit') acc.linkedVisits++;
        if (a.cost !== undefined) acc.linkedCosts.push(a.cost);
      }
    }
  }

  ratesOption(options.rates);
  const currency = options.currency ?? firstCost ?? firstDeal;
  const sumOf = (costs: readonly Money[]): Money | null => {
    if (currency === undefined) return null;
    let s = new Decimal(0);
    for (const m of costs) s = s.plus(amountIn(m, currency, options.rates));
    return { amount: s, currency };
  };
  const finish = (acc: Acc): ActivityStats => {
    const linkedCost = sumOf(acc.linkedCosts);
    return {
      activities: acc.activities,
      byKind: { ...acc.byKind },
      cost: sumOf(acc.costs),
      customersContacted: acc.customers.size,
      wonDeals: acc.won,
      activitiesPerWonDeal: acc.won === 0 ? null : acc.linkedActivities / acc.won,
      visitsPerWonDeal: acc.won === 0 ? null : acc.linkedVisits / acc.won,
      costPerWonDeal: acc.won === 0 || linkedCost === null ? null : roundToMinor({ amount: linkedCost.amount.div(acc.won), currency: linkedCost.currency }, 'half_even'),
    };
  };
  return {
    groupBy: grouping.labels,
    total: finish(total),
    groups: groups.sorted().map((g) => ({ key: g.key, value: finish(g.acc) })),
    ...(options.from === undefined ? {} : { from: new Date(fromMs) }),
    ...(options.to === undefined ? {} : { to: new Date(toMs) }),
    ...(options.asOf === undefined ? {} : { asOf: new Date(asOfMs) }),
    currency: currency ?? null,
  };
}
