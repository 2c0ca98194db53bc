import type { FunnelIssue } from '../i18n/params.js';
import { checkActivity, type ActivityInput } from '../model/activityInput.js';
import type { Customer } from '../model/customer.js';
import type { Opportunity } from '../model/opportunity.js';
import { commit, precheck, replayOrConflict } from './_lib/change.js';
import { eventBase, issue, readOptions } from './_lib/context.js';
import type { EngineChangeOptions, EngineResult } from './types.js';

/**
 * Options for {@link logActivity}: when, by whom, the locale of issue messages, the
 * optimistic-locking and idempotency fields of {@link EngineChangeOptions}, and the
 * deal's customer, to check the contact against.
 */
export interface LogActivityOptions extends EngineChangeOptions {
  /**
   * The deal's customer. When given, it must be the deal's (`customer_mismatch`) and a
   * `contactId` must be one of its contacts (`unknown_contact`); without it the contact
   * is recorded as given.
   */
  readonly customer?: Customer;
}

/**
 * Logs a follow-up activity (跟进记录) on a deal: a visit (拜访), a call, an email, a
 * meeting or anything else, with the contact met, its outcome, its cost and a note. It
 * appends `activity_logged { kind, contactId?, outcome?, cost?, note? }` and changes no
 * other field of the deal. Activities are what the stall clock `'last_activity'` of
 * {@link findStalled} counts, and what a `contact_met` key task looks for.
 *
 * Allowed in every status: also on a suspended deal (中止) and after it is won or lost
 * (the after-sales visit). `at` still may not be earlier than the last ledger event, so
 * log activities as they happen.
 *
 * Refusals (all listed at once): `time_went_backwards`; `invalid_activity` (a kind other
 * than `visit`, `call`, `email`, `meeting`, `other`, or an empty text field);
 * `invalid_amount` / `unknown_currency` for the cost (a non-negative amount in any known
 * currency: travel may be paid in another currency than the deal's); with the
 * `customer` option, `customer_mismatch` and `unknown_contact`. Before them,
 * `version_conflict` alone (or a replay) as described under {@link EngineChangeOptions}.
 *
 * @param opportunity - The deal.
 * @param activity - The activity: `kind` and, optionally, `contactId`, `outcome`, `cost`, `note`.
 * @param options - `at` (required), `by`, `customer`, `locale`, `expectedVersion`, `idempotencyKey`.
 * @returns `{ ok: true, opportunity, events, replayed }` or `{ ok: false, issues }`.
 * @throws {@link FunnelError} `invalid_option` for a missing or invalid `at`, an empty
 *   `by`, an unknown locale, a malformed `expectedVersion`, `idempotencyKey` or `customer`.
 * @category Engine
 *
 * @example
 * ```ts
 * import { logActivity, money, type Customer, type Opportunity } from 'sales-funnel';
 * declare const deal: Opportunity;
 * declare const customer: Customer;
 * const r = logActivity(
 *   deal,
 *   { kind: 'visit', contactId: 'ct-wang', outcome: '确认预算', cost: money('320', 'CNY') },
 *   { at: '2026-03-05T10:00:00+08:00', by: 'rep-zhang', customer },
 * );
 * if (r.ok) r.events[0]?.type; //=> 'activity_logged'
 * ```
 */
export function logActivity(opportunity: Opportunity, activity: ActivityInput, options: LogActivityOptions): EngineResult {
  const ctx = readOptions(options, true);
  const early = replayOrConflict(opportunity, ctx);
  if (early !== undefined) return early;
  const issues: FunnelIssue[] = [];
  precheck(opportunity, undefined, ctx, issues, true);
  let customer = ctx.customer;
  if (customer !== undefined && customer.id !== opportunity.customerId) {
    issues.push(issue(ctx, 'customer_mismatch', { expected: opportunity.customerId, actual: customer.id }, { path: ['customer', 'id'] }));
    customer = undefined;
  }
  const fields = checkActivity(activity, customer, ctx.locale, issues);
  if (issues.length > 0 || fields === undefined) return { ok: false, issues };
  return commit({ ...opportunity }, opportunity, [{ type: 'activity_logged', ...eventBase(ctx), ...fields }], ctx);
}
