// Helpers of the follow-up functions (followUpDue, activitySummary): customer grouping
// keys and the activities of deals.
import { isIterableObject } from '../../_lib/isIterableObject.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import type { Customer } from '../../model/customer.js';
import type { OpportunityEvent } from '../../model/events.js';
import { NO_GROUP } from '../../model/groupBy.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { CustomerGroupKey, CustomerGroupOptions } from '../customerGrouping.js';
import { teamLookup } from './poolKit.js';
import { printable } from '../../_lib/printable.js';

/** An `activity_logged` event of a deal's ledger. */
export type DealActivity = Extract<OpportunityEvent, { type: 'activity_logged' }>;

/** What a group key is computed from: the customer (when known) and the rep. */
export interface GroupSubject {
  readonly customer: Customer | undefined;
  readonly ownerId: string | undefined;
}

/** The grouping of the options, checked: the labels of `Grouped.groupBy` and the key of a subject. */
export interface CustomerGrouping {
  readonly labels: readonly string[];
  /** The key tuple of a subject; undefined without `groupBy`. */
  readonly keyOf: ((subject: GroupSubject) => readonly string[]) | undefined;
}

const BUILT_IN: readonly string[] = ['owner', 'customer_priority', 'customer_type', 'industry', 'region', 'pool', 'team'];

/**
 * Checks `groupBy` and `teams` and builds the key function.
 *
 * @throws FunnelError `invalid_option` for a `groupBy` that is not an array, an unknown
 *   key, `'team'` without `teams`, or a key function that returns something else than a
 *   string or undefined (when it is called).
 */
export function customerGrouping(options: CustomerGroupOptions): CustomerGrouping {
  const groupBy = options.groupBy ?? [];
  if (!Array.isArray(groupBy)) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('must_be_group_keys') });
  const keys = groupBy as readonly CustomerGroupKey[];
  if (keys.includes('team') && options.teams === undefined) {
    throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('key_needs_option', { key: 'team', option: 'teams' }) });
  }
  const team = teamLookup(options.teams);
  const fns = keys.map((key): ((s: GroupSubject) => string) => {
    if (typeof key === 'function') {
      return (s) => {
        if (s.customer === undefined) return NO_GROUP;
        const v = key(s.customer);
        if (v !== undefined && typeof v !== 'string') throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('key_function_result') });
        return v ?? NO_GROUP;
      };
    }
    if (!BUILT_IN.includes(key)) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('unknown_grouping_key', { key: printable(key) }) });
    switch (key) {
      case 'owner':
        return (s) => s.ownerId ?? NO_GROUP;
      case 'team':
        return (s) => (s.ownerId === undefined ? undefined : team(s.ownerId)) ?? NO_GROUP;
      case 'customer_priority':
        return (s) => s.customer?.priority ?? NO_GROUP;
      case 'customer_type':
        return (s) => s.customer?.segment ?? NO_GROUP;
      case 'industry':
        return (s) => s.customer?.industry ?? NO_GROUP;
      case 'region':
        return (s) => s.customer?.region ?? NO_GROUP;
      default:
        return (s) => s.customer?.poolId ?? NO_GROUP;
    }
  });
  const labels = keys.map((k) => (typeof k === 'function' ? k.name || 'custom' : k));
  return { labels, keyOf: fns.length === 0 ? undefined : (s) => fns.map((f) => f(s)) };
}

/** The activities of a deal's ledger at or before `untilMs`, oldest first. */
export function dealActivities(deal: Opportunity, untilMs: number): DealActivity[] {
  const out: DealActivity[] = [];
  for (const e of deal.history) if (e.type === 'activity_logged' && e.at.getTime() <= untilMs) out.push(e);
  return out;
}

/**
 * The deals of an iterable argument (or, with `asOption`, option), checked to be objects
 * with a customer and a ledger.
 */
export function dealList(deals: Iterable<Opportunity>, name: string, asOption = false): Opportunity[] {
  const fail = (reason: ReturnType<typeof because>, at = name): never => {
    throw asOption ? new FunnelError('invalid_option', { option: at, reason }) : new FunnelError('invalid_argument', { name: at, reason });
  };
  if (!isIterableObject(deals)) fail(because('must_be_array'));
  const out: Opportunity[] = [];
  for (const d of deals) {
    if (typeof d !== 'object' || d === null || typeof d.customerId !== 'string' || !Array.isArray(d.history)) fail(because('must_be_opportunity'), `${name}[${out.length}]`);
    out.push(d);
  }
  return out;
}
