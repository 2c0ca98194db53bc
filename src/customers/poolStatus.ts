import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { Customer } from '../model/customer.js';
import { customerPoolState } from '../model/customerPoolState.js';
import type { CustomerId, UserId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import { toInstant, type InstantInput } from '../time/instant.js';
import type { PlainDate } from '../time/plainDate.js';
import { plainDateOf, type ZoneOptions } from '../time/zone.js';
import { checkOptionsObject, customerList, dueOf, readPoolRules, statusOf, wonDeals, zoneOf } from './_lib/poolKit.js';
import type { PoolRuleName, PoolRules } from './parsePoolRules.js';

/**
 * Options for {@link poolStatus}. Days are calendar days on the wall clock of
 * `timeZone` / `offsetMinutes` (UTC by default).
 */
export interface PoolStatusOptions extends ZoneOptions {
  /**
   * The instant to judge at (a `Date` or an ISO 8601 string with offset); ledger events
   * after it have not happened yet. Required: the library never reads the clock.
   */
  readonly asOf: InstantInput;
  /**
   * The customers' deals, for `closeWithinDays`: a customer with a deal won during the
   * hold (by `asOf`) is not due under that rule. Required when the rules set
   * `closeWithinDays` (pass `[]` when there are none).
   */
  readonly deals?: Iterable<Opportunity>;
}

/** A held customer's standing in the pool. */
export interface PoolCustomerStatus {
  /** The customer. */
  readonly customerId: CustomerId;
  /** Its name. */
  readonly customerName: string;
  /** The rep who holds it. */
  readonly ownerId: UserId;
  /** When the hold started (the last claim or assignment); null when the ledger does not say. */
  readonly heldSince: Date | null;
  /** The last follow-up activity of the hold; null when none. */
  readonly lastActivityAt: Date | null;
  /** The day it falls due (returns to the pool); null when no rule applies. */
  readonly dueDate: PlainDate | null;
  /** The rule that sets the due date; null when none. */
  readonly rule: PoolRuleName | null;
  /** `due` from the due date on, `warning` within `warnDaysBefore` days of it, else `held`. */
  readonly status: 'held' | 'warning' | 'due';
  /** Calendar days from `asOf`'s day to the due date (0 or negative when due); null without a due date. */
  readonly daysLeft: number | null;
}

/** One rep's holdings. */
export interface PoolOwnerStatus {
  /** The rep. */
  readonly ownerId: UserId;
  /** How many customers the rep holds. */
  readonly held: number;
  /** The rules' `holdLimit`; null without one. */
  readonly limit: number | null;
  /** Whether the rep holds more than the limit (possible through assignments or rules tightened later). */
  readonly overLimit: boolean;
  /** How many of the rep's customers are in `warning`. */
  readonly warning: number;
  /** How many are `due`. */
  readonly due: number;
}

/** The result of {@link poolStatus}. */
export interface PoolStatus {
  /** The instant judged at. */
  readonly asOf: Date;
  /** Its calendar day on the chosen wall clock. */
  readonly asOfDate: PlainDate;
  /** Every held customer, earliest due date first (those without one last), ties by id. */
  readonly customers: readonly PoolCustomerStatus[];
  /** Every rep who holds a customer, by id. */
  readonly owners: readonly PoolOwnerStatus[];
  /** How many customers are in the pool. */
  readonly inPool: number;
}

/**
 * The state of the customer pool (公海) at `asOf`: for every held customer its owner,
 * due date, the rule that sets it and its status (`held`, `warning`, `due`) with the
 * days left; for every rep the customers held and whether that is over `holdLimit`.
 *
 * The due date is the earliest that the rules give (see {@link PoolRules}):
 * `followUpDays` after the claim, pushed to each activity's day plus
 * `activityExtensionDays` when later; `closeWithinDays` after the claim unless a deal
 * was won during the hold; `maxHoldDays` after the claim. On equal dates the rule
 * named is `maxHoldDays`, then `closeWithinDays`, then `followUpDays` (the one an
 * activity cannot move). A customer is `due` on its due date and after; {@link applyPoolRules}
 * returns the `reclaimed` events for them. Owners and holds come from each customer's
 * ledger read up to `asOf` (see {@link customerPoolState}).
 *
 * @param customers - The customers (parsed; any iterable, read once).
 * @param rules - The pool rules.
 * @param options - `asOf` (required), `deals` (required with `closeWithinDays`), `timeZone` / `offsetMinutes`.
 * @returns The held customers and the reps' holdings.
 * @throws {@link FunnelError} `invalid_argument` for rules that do not pass
 *   {@link poolRulesSchema} or customers that are not parsed customers;
 *   `invalid_option` for a missing or bad `asOf`, missing `deals` under
 *   `closeWithinDays`, or a bad zone.
 *
 * @category Customers
 * @example
 * ```ts
 * import { poolStatus, type Customer } from 'sales-funnel';
 * declare const customers: Customer[];
 * const status = poolStatus(customers, { followUpDays: 10, activityExtensionDays: 3, maxHoldDays: 20, warnDaysBefore: 3 }, {
 *   asOf: '2026-04-06T09:00:00+08:00',
 *   timeZone: 'Asia/Shanghai',
 * });
 * for (const c of status.customers) if (c.status !== 'held') console.log(c.customerName, c.ownerId, c.dueDate, c.daysLeft);
 * ```
 */
export function poolStatus(customers: Iterable<Customer>, rules: PoolRules, options: PoolStatusOptions): PoolStatus {
  const list = customerList(customers);
  const read = readPoolRules(rules);
  checkOptionsObject(options);
  if (options.asOf === undefined) throw new FunnelError('invalid_option', { option: 'asOf', reason: because('asof_for_pool') });
  const asOf = toInstant(options.asOf, 'asOf');
  const asOfMs = asOf.getTime();
  const zone = zoneOf(options);
  if (read.closeWithinDays !== undefined && options.deals === undefined) {
    throw new FunnelError('invalid_option', { option: 'deals', reason: because('close_rule_needs_deals') });
  }
  const won = options.deals === undefined ? new Map<string, number>() : wonDeals(options.deals, asOfMs);
  const asOfDate = plainDateOf(asOf, zone);
  const held: PoolCustomerStatus[] = [];
  const owners = new Map<UserId, { held: number; warning: number; due: number }>();
  let inPool = 0;
  for (const c of list) {
    const state = customerPoolState(c, { asOf });
    if (state.inPool) inPool += 1;
    if (state.ownerId === undefined) continue;
    const { dueDate, rule } = dueOf(c, state, read, zone, won.get(c.id));
    const { status, daysLeft } = statusOf(dueDate, asOfDate, read.warnDaysBefore);
    held.push({
      customerId: c.id,
      customerName: c.name,
      ownerId: state.ownerId,
      heldSince: state.heldSince ?? null,
      lastActivityAt: state.lastActivityInHoldAt ?? null,
      dueDate: dueDate ?? null,
      rule: rule ?? null,
      status,
      daysLeft: daysLeft ?? null,
    });
    let o = owners.get(state.ownerId);
    if (o === undefined) {
      o = { held: 0, warning: 0, due: 0 };
      owners.set(state.ownerId, o);
    }
    o.held += 1;
    if (status === 'warning') o.warning += 1;
    if (status === 'due') o.due += 1;
  }
  held.sort((a, b) => {
    if (a.dueDate !== b.dueDate) {
      if (a.dueDate === null) return 1;
      if (b.dueDate === null) return -1;
      return a.dueDate < b.dueDate ? -1 : 1;
    }
    return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
  });
  const limit = read.holdLimit ?? null;
  const ownerList = [...owners]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ownerId, o]): PoolOwnerStatus => ({ ownerId, held: o.held, limit, overLimit: limit !== null && o.held > limit, warning: o.warning, due: o.due }));
  return { asOf, asOfDate, customers: held, owners: ownerList, inPool };
}
