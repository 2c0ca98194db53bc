import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { FunnelIssue } from '../i18n/params.js';
import type { Customer } from '../model/customer.js';
import { customerPoolState } from '../model/customerPoolState.js';
import { checkTime, commit, eventBase, issue, readCommandOptions, replayOrConflict, withoutOwner } from './_lib/poolCommand.js';
import { checkCustomer } from './_lib/poolKit.js';
import type { CustomerChangeOptions, CustomerChangeResult } from './customerChange.js';

/**
 * Options for {@link releaseCustomer}: those of every customer command, and the reason.
 */
export interface ReleaseCustomerOptions extends CustomerChangeOptions {
  /** Why the customer goes back to the pool (recorded on the event). */
  readonly reason?: string;
}

/**
 * Returns a held customer to the pool (退回公海): appends `released { reason? }` and
 * clears its owner. Under `reclaimCooldownDays` the rep who held it may not claim it
 * again for that many days.
 *
 * Refusals: `customer_not_held` (it is in the pool at `at`) and `time_went_backwards`;
 * before them, `version_conflict` alone (or a replay) as the engine does.
 *
 * @param customer - The customer.
 * @param options - `at` (required), `by`, `reason`, `locale`, `expectedVersion`, `idempotencyKey`.
 * @returns `{ ok: true, customer, events, replayed }` or `{ ok: false, issues }`.
 * @throws {@link FunnelError} `invalid_argument` for a customer that is not a parsed
 *   customer; `invalid_option` for a missing or bad `at`, an empty `by` or `reason`, a
 *   bad locale, `expectedVersion` or `idempotencyKey`.
 *
 * @category Customers
 * @example
 * ```ts
 * import { releaseCustomer, type Customer } from 'sales-funnel';
 * declare const customer: Customer;
 * const r = releaseCustomer(customer, { at: '2026-04-01T09:00:00+08:00', by: 'rep-li', reason: '客户暂无需求' });
 * if (r.ok) r.customer.ownerId; //=> undefined
 * ```
 */
export function releaseCustomer(customer: Customer, options: ReleaseCustomerOptions): CustomerChangeResult {
  checkCustomer(customer);
  const ctx = readCommandOptions(options);
  const reason = options.reason;
  if (reason !== undefined && (typeof reason !== 'string' || reason.length === 0)) {
    throw new FunnelError('invalid_option', { option: 'reason', reason: because('must_be_non_empty_string') });
  }
  const early = replayOrConflict(customer, ctx);
  if (early !== undefined) return early;
  const issues: FunnelIssue[] = [];
  checkTime(customer, ctx, issues);
  if (customerPoolState(customer, { asOf: ctx.at }).inPool) {
    issues.push(issue(ctx.locale, 'customer_not_held', { customerId: customer.id, customerName: customer.name }, ['customer']));
  }
  if (issues.length > 0) return { ok: false, issues };
  return commit(withoutOwner(customer), customer, [{ type: 'released', ...eventBase(ctx), ...(reason === undefined ? {} : { reason }) }], ctx);
}
