import type { FunnelIssue } from '../i18n/params.js';
import type { Customer } from '../model/customer.js';
import type { ZoneOptions } from '../time/zone.js';
import { checkOwnerId, checkTime, commit, eventBase, readCommandOptions, replayOrConflict } from './_lib/poolCommand.js';
import { claimIssues } from './_lib/claimIssues.js';
import { checkCustomer, customerList, readPoolRules, teamLookup, zoneOf } from './_lib/poolKit.js';
import type { CustomerChangeOptions, CustomerChangeResult } from './customerChange.js';
import type { EvaluateClaimOptions } from './evaluateClaim.js';
import type { PoolRules } from './parsePoolRules.js';

/**
 * Options for {@link claimCustomer}: those of every customer command
 * ({@link CustomerChangeOptions}: `at`, `by`, `locale`, `expectedVersion`,
 * `idempotencyKey`), the reps' `teams` and the zone the cooldown is counted in.
 */
export interface ClaimCustomerOptions extends CustomerChangeOptions, ZoneOptions {
  /**
   * The team of each rep (`ownerId → team`), for pools open to some teams only.
   *
   * @defaultValue none: no rep is in a team
   */
  readonly teams?: EvaluateClaimOptions['teams'];
}

/**
 * A rep claims a customer from the pool (领取): appends `claimed { ownerId }` and makes
 * the rep its owner, unless {@link evaluateClaim} finds an issue (`already_held`,
 * `not_in_pool_for_team`, `reclaim_cooldown`, `hold_limit_reached`) or `at` is before
 * the ledger's last event (`time_went_backwards`); all issues are listed at once.
 * Before them, `version_conflict` alone (or a replay) as the engine does (see
 * {@link CustomerChangeOptions}).
 *
 * Two reps claiming the same customer at once: the first write wins when the caller
 * stores under optimistic locking (`expectedVersion`, the `version` column); the other
 * reads the customer again and gets `already_held`.
 *
 * @param customer - The customer to claim.
 * @param ownerId - The rep who claims it.
 * @param customers - Every customer, to count the rep's holdings against `holdLimit` (may include `customer`).
 * @param rules - The pool rules.
 * @param options - `at` (required), `by`, `locale`, `expectedVersion`, `idempotencyKey`, `teams`, `timeZone` / `offsetMinutes`.
 * @returns `{ ok: true, customer, events, replayed }` or `{ ok: false, issues }`.
 * @throws {@link FunnelError} as {@link evaluateClaim}; `invalid_option` for a bad
 *   `by`, `expectedVersion` or `idempotencyKey`.
 *
 * @category Customers
 * @example
 * ```ts
 * import { claimCustomer, type Customer } from 'sales-funnel';
 * declare const customer: Customer;
 * declare const customers: Customer[];
 * const r = claimCustomer(customer, 'rep-li', customers, { holdLimit: 50 }, { at: '2026-04-01T09:00:00+08:00', by: 'rep-li', expectedVersion: customer.history.length });
 * if (r.ok) r.customer.ownerId; //=> 'rep-li'
 * ```
 */
export function claimCustomer(customer: Customer, ownerId: string, customers: Iterable<Customer>, rules: PoolRules, options: ClaimCustomerOptions): CustomerChangeResult {
  checkCustomer(customer);
  checkOwnerId(ownerId);
  const others = customerList(customers);
  const read = readPoolRules(rules);
  const ctx = readCommandOptions(options);
  const early = replayOrConflict(customer, ctx);
  if (early !== undefined) return early;
  const issues: FunnelIssue[] = [];
  checkTime(customer, ctx, issues);
  issues.push(...claimIssues(customer, ownerId, others, read, ctx.at, zoneOf(options), teamLookup(options.teams), ctx.locale));
  if (issues.length > 0) return { ok: false, issues };
  return commit({ ...customer, ownerId }, customer, [{ type: 'claimed', ...eventBase(ctx), ownerId }], ctx);
}
