import { because } from '../i18n/because.js';
import { oneOfOption } from '../_lib/options.js';
import { LOCALES, type Locale } from '../i18n/codes.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { FunnelIssue } from '../i18n/params.js';
import type { Customer } from '../model/customer.js';
import { toInstant, type InstantInput } from '../time/instant.js';
import type { ZoneOptions } from '../time/zone.js';
import { claimIssues } from './_lib/claimIssues.js';
import { checkCustomer, checkOptionsObject, customerList, readPoolRules, teamLookup, zoneOf } from './_lib/poolKit.js';
import type { PoolRules } from './parsePoolRules.js';

/**
 * Options for {@link evaluateClaim}. The cooldown counts calendar days on the wall
 * clock of `timeZone` / `offsetMinutes` (UTC by default).
 */
export interface EvaluateClaimOptions extends ZoneOptions {
  /** When the claim would happen (a `Date` or an ISO 8601 string with offset). */
  readonly at: InstantInput;
  /**
   * The team of each rep (`ownerId → team`), for pools open to some teams only (as the
   * `team` grouping key reads it). A rep in no team may claim only from the common pool.
   *
   * @defaultValue none: no rep is in a team
   */
  readonly teams?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /**
   * Locale of the issue messages: `'en'` or `'zh-CN'`.
   * @defaultValue `'en'`
   */
  readonly locale?: Locale;
}

/**
 * The issues that refuse a rep's claim of a customer from the pool (领取), all at once;
 * none means the claim is allowed (then {@link claimCustomer} appends it):
 *
 * - `already_held`: someone holds the customer at `at` (the same rep too);
 * - `not_in_pool_for_team`: the customer's `poolId` names a pool of the rules' `pools`
 *   whose `teams` do not include the rep's team;
 * - `reclaim_cooldown`: the rep released the customer, or lost it to a rule, less than
 *   `reclaimCooldownDays` calendar days before (`until` is the first day they may claim
 *   it again);
 * - `hold_limit_reached`: the rep already holds `holdLimit` customers among `customers`
 *   (this one aside).
 *
 * @param customer - The customer to claim.
 * @param ownerId - The rep who claims it.
 * @param customers - Every customer the rep may hold (to count the rep's holdings); may include `customer`.
 * @param rules - The pool rules.
 * @param options - `at` (required), `teams`, `locale`, `timeZone` / `offsetMinutes`.
 * @returns The issues, in the order above; empty when the claim is allowed.
 * @throws {@link FunnelError} `invalid_argument` for a customer, customers or rules that
 *   are not valid, or an empty `ownerId`; `invalid_option` for a missing or bad `at`, a
 *   bad `teams`, locale or zone.
 *
 * @category Customers
 * @example
 * ```ts
 * import { evaluateClaim, type Customer } from 'sales-funnel';
 * declare const customer: Customer;
 * declare const customers: Customer[];
 * const issues = evaluateClaim(customer, 'rep-li', customers, { holdLimit: 50, reclaimCooldownDays: 30 }, { at: '2026-04-01T09:00:00+08:00', locale: 'zh-CN' });
 * for (const i of issues) console.log(i.code, i.message);
 * ```
 */
export function evaluateClaim(customer: Customer, ownerId: string, customers: Iterable<Customer>, rules: PoolRules, options: EvaluateClaimOptions): FunnelIssue[] {
  checkCustomer(customer);
  if (typeof ownerId !== 'string' || ownerId.length === 0) {
    throw new FunnelError('invalid_argument', { name: 'ownerId', reason: because('must_be_user_id') });
  }
  const others = customerList(customers);
  const read = readPoolRules(rules);
  checkOptionsObject(options);
  if (options.at === undefined) throw new FunnelError('invalid_option', { option: 'at', reason: because('at_required') });
  const at = toInstant(options.at, 'at');
  const locale = oneOfOption(options.locale ?? 'en', 'locale', LOCALES);
  return claimIssues(customer, ownerId, others, read, at, zoneOf(options), teamLookup(options.teams), locale);
}
