// The pool's shared machinery (private to src/customers): reading rules and options,
// the due date of a hold, a customer's won deals, the rep → team lookup.
import { isIterableObject } from '../../_lib/isIterableObject.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import type { Customer } from '../../model/customer.js';
import type { CustomerPoolState } from '../../model/customerPoolState.js';
import type { Opportunity } from '../../model/opportunity.js';
import { toFunnelIssues } from '../../model/toFunnelIssues.js';
import { formatIssue } from '../../i18n/formatIssue.js';
import { addDays, calendarDaysBetween } from '../../time/addDays.js';
import type { PlainDate } from '../../time/plainDate.js';
import { checkZone, plainDateOf, zoneFields, type ZoneOptions } from '../../time/zone.js';
import { poolRulesSchema, type PoolRuleName, type PoolRules } from '../parsePoolRules.js';

/** Pool rules, checked once. */
export interface ReadRules {
  readonly followUpDays: number | undefined;
  readonly extensionDays: number | undefined;
  readonly closeWithinDays: number | undefined;
  readonly maxHoldDays: number | undefined;
  readonly warnDaysBefore: number;
  readonly cooldownDays: number;
  readonly holdLimit: number | undefined;
  /** Restricted pools: pool id → the teams that may claim from it. */
  readonly pools: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Checks pool rules given as an argument: `invalid_argument { name: 'rules' }` with the first issue. */
export function readPoolRules(rules: PoolRules): ReadRules {
  const r = poolRulesSchema.safeParse(rules);
  if (!r.success) {
    const first = toFunnelIssues(r.error)[0]!;
    const where = (first.path ?? []).join('.');
    const detail = {
      en: `${where === '' ? '' : `${where}: `}${formatIssue(first, 'en')}`,
      'zh-CN': `${where === '' ? '' : `${where}：`}${formatIssue(first, 'zh-CN')}`,
    };
    throw new FunnelError('invalid_argument', { name: 'rules', reason: because('pool_rules_invalid', { detail }) });
  }
  const p = r.data;
  const pools = new Map<string, ReadonlySet<string>>();
  for (const pool of p.pools ?? []) pools.set(pool.id, new Set(pool.teams));
  return {
    followUpDays: p.followUpDays,
    extensionDays: p.activityExtensionDays ?? p.followUpDays,
    closeWithinDays: p.closeWithinDays,
    maxHoldDays: p.maxHoldDays,
    warnDaysBefore: p.warnDaysBefore ?? 0,
    cooldownDays: p.reclaimCooldownDays ?? 0,
    holdLimit: p.holdLimit,
    pools,
  };
}

/** Throws `invalid_option { option: 'options' }` unless `options` is an object. */
export function checkOptionsObject(options: unknown): void {
  if (typeof options !== 'object' || options === null) {
    throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
  }
}

/** The zone of the options (checked). */
export function zoneOf(options: ZoneOptions): ZoneOptions {
  const zone = zoneFields(options);
  checkZone(zone);
  return zone;
}

/** Throws `invalid_argument` unless `customer` looks like a parsed customer. */
export function checkCustomer(customer: unknown, name = 'customer'): asserts customer is Customer {
  if (typeof customer !== 'object' || customer === null || typeof (customer as Customer).id !== 'string' || !Array.isArray((customer as Customer).history)) {
    throw new FunnelError('invalid_argument', { name, reason: because('must_be_customer') });
  }
}

/** The customers of an iterable argument, checked. */
export function customerList(customers: Iterable<Customer>, name = 'customers'): Customer[] {
  if (!isIterableObject(customers)) {
    throw new FunnelError('invalid_argument', { name, reason: because('must_be_customers') });
  }
  const out: Customer[] = [];
  for (const c of customers) {
    checkCustomer(c, name);
    out.push(c);
  }
  return out;
}

/** A rep's team, from a `Map` or a record (own properties only). */
export function teamLookup(teams: ReadonlyMap<string, string> | Readonly<Record<string, string>> | undefined): (ownerId: string) => string | undefined {
  if (teams === undefined) return () => undefined;
  if (teams instanceof Map) return (id) => (teams as ReadonlyMap<string, string>).get(id);
  if (typeof teams !== 'object' || teams === null) {
    throw new FunnelError('invalid_option', { option: 'teams', reason: because('teams_shape') });
  }
  const record = teams as Readonly<Record<string, string>>;
  return (id) => (Object.hasOwn(record, id) ? record[id] : undefined);
}

/**
 * The customers that have a deal won at `atMs` or before, by customer id, with the
 * latest such win (a deal reopened or lost again afterwards, by `atMs`, is not won). A
 * deal whose ledger holds no close (imported) counts as won at its `closedAt` when its
 * status is `won`.
 */
export function wonDeals(deals: Iterable<Opportunity>, atMs: number): Map<string, number> {
  if (!isIterableObject(deals)) {
    throw new FunnelError('invalid_option', { option: 'deals', reason: because('must_be_array') });
  }
  const won = new Map<string, number>();
  for (const o of deals) {
    let wonAt: number | undefined;
    let closes = false;
    for (const e of o.history) {
      const t = e.at.getTime();
      if (t > atMs) break;
      if (e.type === 'won') {
        wonAt = t;
        closes = true;
      } else if (e.type === 'lost' || e.type === 'reopened') {
        wonAt = undefined;
        closes = true;
      }
    }
    if (!closes && o.status === 'won' && o.closedAt !== undefined && o.closedAt.getTime() <= atMs) wonAt = o.closedAt.getTime();
    if (wonAt === undefined) continue;
    const before = won.get(o.customerId);
    if (before === undefined || wonAt > before) won.set(o.customerId, wonAt);
  }
  return won;
}

/** The due date of a hold and the rule that sets it (none: no rule applies). */
export interface Due {
  readonly dueDate: PlainDate | undefined;
  readonly rule: PoolRuleName | undefined;
}

/**
 * The due date of a held customer: the earliest of its rules' due dates (ties go to
 * `maxHoldDays`, then `closeWithinDays`, then `followUpDays`: the rule an activity
 * cannot move comes first). The hold starts at `heldSince`, else the customer's
 * `createdAt`; `wonAtMs` is the customer's latest won deal.
 */
export function dueOf(customer: Customer, state: CustomerPoolState, rules: ReadRules, zone: ZoneOptions, wonAtMs: number | undefined): Due {
  const start = state.heldSince ?? customer.createdAt;
  const startDate = start === undefined ? undefined : plainDateOf(start, zone);
  let dueDate: PlainDate | undefined;
  let rule: PoolRuleName | undefined;
  const offer = (date: PlainDate | undefined, name: PoolRuleName) => {
    if (date !== undefined && (dueDate === undefined || date < dueDate)) {
      dueDate = date;
      rule = name;
    }
  };
  if (startDate !== undefined && rules.maxHoldDays !== undefined) offer(addDays(startDate, rules.maxHoldDays), 'maxHoldDays');
  if (startDate !== undefined && rules.closeWithinDays !== undefined) {
    const won = wonAtMs !== undefined && wonAtMs >= start!.getTime();
    if (!won) offer(addDays(startDate, rules.closeWithinDays), 'closeWithinDays');
  }
  if (rules.followUpDays !== undefined) {
    let follow = startDate === undefined ? undefined : addDays(startDate, rules.followUpDays);
    const last = state.lastActivityInHoldAt;
    if (last !== undefined) {
      const pushed = addDays(plainDateOf(last, zone), rules.extensionDays!);
      if (follow === undefined || pushed > follow) follow = pushed;
    }
    offer(follow, 'followUpDays');
  }
  return { dueDate, rule };
}

/** `due` from the due date on, `warning` within `warnDaysBefore` of it, else `held`. */
export function statusOf(dueDate: PlainDate | undefined, asOfDate: PlainDate, warnDaysBefore: number): { readonly status: 'held' | 'warning' | 'due'; readonly daysLeft: number | undefined } {
  if (dueDate === undefined) return { status: 'held', daysLeft: undefined };
  const daysLeft = calendarDaysBetween(asOfDate, dueDate);
  return { status: daysLeft <= 0 ? 'due' : daysLeft <= warnDaysBefore ? 'warning' : 'held', daysLeft };
}
