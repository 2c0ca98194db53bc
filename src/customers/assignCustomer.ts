import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { FunnelIssue } from '../i18n/params.js';
import type { Customer } from '../model/customer.js';
import type { UserId } from '../model/ids.js';
import { checkOwnerId, checkTime, commit, readCommandOptions, replayOrConflict } from './_lib/poolCommand.js';
import { checkCustomer } from './_lib/poolKit.js';
import type { CustomerChangeOptions, CustomerChangeResult } from './customerChange.js';

/**
 * Options for {@link assignCustomer}: those of every customer command, with `by` (the
 * manager who assigns) required.
 */
export interface AssignCustomerOptions extends CustomerChangeOptions {
  /** The manager who assigns the customer (recorded as the event's `by`). */
  readonly by: string;
}

/**
 * A manager assigns a customer to a rep (分配): from the pool, or from another rep.
 * Appends `assigned { ownerId, by }` and makes the rep its owner; the hold starts
 * again at `at`, so assigning a customer to the rep who holds it renews the rep's
 * protection period.
 *
 * An assignment is the manager's decision and bypasses the claim rules: the rep's
 * `holdLimit`, the reclaim cooldown and per-team pools are not checked (check them first
 * with {@link evaluateClaim} when a manager should respect them, and watch
 * {@link poolStatus}'s `overLimit`). The only refusal is `time_went_backwards`; before
 * it, `version_conflict` alone (or a replay) as the engine does.
 *
 * @param customer - The customer.
 * @param ownerId - The rep it is assigned to.
 * @param options - `at` and `by` (both required), `locale`, `expectedVersion`, `idempotencyKey`.
 * @returns `{ ok: true, customer, events, replayed }` or `{ ok: false, issues }`.
 * @throws {@link FunnelError} `invalid_argument` for a customer that is not a parsed
 *   customer or an empty `ownerId`; `invalid_option` for a missing `at` or `by`, or a
 *   bad locale, `expectedVersion` or `idempotencyKey`.
 *
 * @category Customers
 * @example
 * ```ts
 * import { assignCustomer, type Customer } from 'sales-funnel';
 * declare const customer: Customer;
 * const r = assignCustomer(customer, 'rep-zhao', { at: '2026-04-01T09:00:00+08:00', by: 'mgr-wang' });
 * if (r.ok) r.customer.ownerId; //=> 'rep-zhao'
 * ```
 */
export function assignCustomer(customer: Customer, ownerId: string, options: AssignCustomerOptions): CustomerChangeResult {
  checkCustomer(customer);
  checkOwnerId(ownerId);
  const ctx = readCommandOptions(options);
  if (ctx.by === undefined) throw new FunnelError('invalid_option', { option: 'by', reason: because('assign_needs_by') });
  const early = replayOrConflict(customer, ctx);
  if (early !== undefined) return early;
  const issues: FunnelIssue[] = [];
  checkTime(customer, ctx, issues);
  if (issues.length > 0) return { ok: false, issues };
  const by: UserId = ctx.by;
  return commit({ ...customer, ownerId }, customer, [{ type: 'assigned', at: new Date(ctx.at.getTime()), by, ownerId }], ctx);
}
