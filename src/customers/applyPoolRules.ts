import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { Customer } from '../model/customer.js';
import { appendCustomerEvents, type CustomerEvent } from '../model/customerEvents.js';
import type { CustomerId, UserId } from '../model/ids.js';
import type { PlainDate } from '../time/plainDate.js';
import { checkOptionsObject, customerList } from './_lib/poolKit.js';
import type { PoolRuleName, PoolRules } from './parsePoolRules.js';
import { poolStatus, type PoolStatusOptions } from './poolStatus.js';

/**
 * Options for {@link applyPoolRules}: those of {@link poolStatus}, and who the
 * `reclaimed` events are recorded as done by.
 */
export interface ApplyPoolRulesOptions extends PoolStatusOptions {
  /** Who reclaims (a system user, e.g. `'system'`), recorded as the events' `by`. */
  readonly by?: string;
}

/** One customer that a pool rule returns to the pool. */
export interface PoolReclaim {
  /** The customer. */
  readonly customerId: CustomerId;
  /** The rep who held it. */
  readonly ownerId: UserId;
  /** The rule that fell due. */
  readonly rule: PoolRuleName;
  /** The day it fell due. */
  readonly dueDate: PlainDate;
  /** The event to append to its ledger: `reclaimed { rule }` at `asOf`, with its `seq`. */
  readonly event: CustomerEvent;
  /** The customer with the event appended and no owner (the input is not changed). */
  readonly customer: Customer;
}

/**
 * Applies the pool rules (自动回收): for every held customer that is due at `asOf` (see
 * {@link poolStatus}), the `reclaimed { rule }` event that returns it to the pool, at
 * `asOf`, to append to its ledger. Nothing is changed: the caller stores the events
 * (table `customer_events`, see {@link customerEventToRow}) and the new customers.
 * Run it as often as you like (a nightly job): a customer reclaimed and stored is in
 * the pool, and is not reclaimed again.
 *
 * A due customer whose ledger already holds events after `asOf` gets no event (it
 * would break the ledger's time order): judge at the present, not in the past.
 *
 * @param customers - The customers (parsed; any iterable, read once).
 * @param rules - The pool rules.
 * @param options - `asOf` (required), `deals` (required with `closeWithinDays`), `by`, `timeZone` / `offsetMinutes`.
 * @returns One entry per customer reclaimed, in the order of {@link poolStatus} (earliest due first).
 * @throws {@link FunnelError} as {@link poolStatus}; `invalid_option` for an empty `by`.
 *
 * @category Customers
 * @example
 * ```ts
 * import { applyPoolRules, type Customer } from 'sales-funnel';
 * declare const customers: Customer[];
 * const reclaims = applyPoolRules(customers, { followUpDays: 15, maxHoldDays: 90 }, { asOf: new Date(), timeZone: 'Asia/Shanghai', by: 'system' });
 * for (const r of reclaims) console.log(r.customerId, r.ownerId, r.rule, r.event.seq);
 * ```
 */
export function applyPoolRules(customers: Iterable<Customer>, rules: PoolRules, options: ApplyPoolRulesOptions): PoolReclaim[] {
  checkOptionsObject(options);
  const by = options.by;
  if (by !== undefined && (typeof by !== 'string' || by.length === 0)) {
    throw new FunnelError('invalid_option', { option: 'by', reason: because('must_be_user_id') });
  }
  const list = customerList(customers);
  const status = poolStatus(list, rules, options);
  const byId = new Map<string, Customer>();
  for (const c of list) byId.set(c.id, c);
  const asOfMs = status.asOf.getTime();
  const out: PoolReclaim[] = [];
  for (const s of status.customers) {
    if (s.status !== 'due' || s.rule === null || s.dueDate === null) continue;
    const c = byId.get(s.customerId)!;
    if (c.history.some((e) => e.at.getTime() > asOfMs)) continue;
    const history = appendCustomerEvents(c.history, [
      { type: 'reclaimed', at: new Date(asOfMs), ...(by === undefined ? {} : { by: by as UserId }), rule: s.rule },
    ]);
    const { ownerId: _ownerId, ...rest } = c;
    out.push({ customerId: s.customerId, ownerId: s.ownerId, rule: s.rule, dueDate: s.dueDate, event: history[history.length - 1]!, customer: { ...rest, history } });
  }
  return out;
}
