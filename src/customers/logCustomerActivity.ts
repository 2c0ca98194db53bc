import { because } from '../i18n/because.js';
import type { FunnelIssue } from '../i18n/params.js';
import { checkActivity, type ActivityInput } from '../model/activityInput.js';
import type { Customer } from '../model/customer.js';
import type { OpportunityId } from '../model/ids.js';
import { checkTime, commit, eventBase, issue, readCommandOptions, replayOrConflict } from './_lib/poolCommand.js';
import { checkCustomer } from './_lib/poolKit.js';
import type { CustomerChangeOptions, CustomerChangeResult } from './customerChange.js';

/**
 * A follow-up activity to log on a customer: the fields of {@link ActivityInput} and,
 * when it was about one of the customer's deals, that deal's id.
 */
export interface CustomerActivityInput extends ActivityInput {
  /**
   * The deal the activity was about, if any. A `contact_met` key task of that deal
   * counts the activity (see {@link keyTaskCheckSchema}), and {@link activitySummary}
   * links it to the deal.
   */
  readonly opportunityId?: string;
}

/** Options for {@link logCustomerActivity}: those of every customer command. */
export type LogCustomerActivityOptions = CustomerChangeOptions;

/**
 * Logs a follow-up activity (跟进记录) on a customer: a visit (拜访), a call, an email, a
 * meeting or anything else, with the contact met, its outcome, its cost, a note and,
 * optionally, the deal it was about. It appends
 * `activity_logged { kind, contactId?, outcome?, cost?, note?, opportunityId? }` to the
 * customer's ledger and changes nothing else: the owner stays, and a customer in the pool
 * (公海) stays there. The pool's follow-up clock ({@link poolStatus}) and
 * {@link followUpDue} read these activities.
 *
 * Log an activity once: on the deal with {@link logActivity} when it concerns one deal
 * only, or here (with `opportunityId` when it concerns a deal); the follow-up functions
 * read both ledgers.
 *
 * Refusals (all listed at once): `time_went_backwards`; `invalid_activity` (a kind other
 * than `visit`, `call`, `email`, `meeting`, `other`, an empty text field or
 * `opportunityId`); `invalid_amount` / `unknown_currency` for the cost;
 * `unknown_contact` for a `contactId` that is none of the customer's contacts. Before
 * them, `version_conflict` alone (or a replay), as the engine does.
 *
 * @param customer - The customer (parsed: its contacts and ledger).
 * @param activity - The activity: `kind` and, optionally, `contactId`, `outcome`, `cost`, `note`, `opportunityId`.
 * @param options - `at` (required), `by`, `locale`, `expectedVersion`, `idempotencyKey`.
 * @returns `{ ok: true, customer, events, replayed }` or `{ ok: false, issues }`.
 * @throws {@link FunnelError} `invalid_argument` for a customer that is not a parsed
 *   customer; `invalid_option` for a missing or bad `at`, an empty `by`, a bad locale,
 *   `expectedVersion` or `idempotencyKey`.
 *
 * @category Customers
 * @example
 * ```ts
 * import { logCustomerActivity, money, type Customer } from 'sales-funnel';
 * declare const customer: Customer;
 * const r = logCustomerActivity(
 *   customer,
 *   { kind: 'visit', contactId: 'ct-wang', outcome: '确认预算', cost: money('320', 'CNY'), opportunityId: 'o-1' },
 *   { at: '2026-03-05T10:00:00+08:00', by: 'rep-li' },
 * );
 * if (r.ok) r.events[0]?.type; //=> 'activity_logged'
 * ```
 */
export function logCustomerActivity(customer: Customer, activity: CustomerActivityInput, options: LogCustomerActivityOptions): CustomerChangeResult {
  checkCustomer(customer);
  const ctx = readCommandOptions(options);
  const early = replayOrConflict(customer, ctx);
  if (early !== undefined) return early;
  const issues: FunnelIssue[] = [];
  checkTime(customer, ctx, issues);
  const fields = checkActivity(activity, customer, ctx.locale, issues);
  const opportunityId = typeof activity === 'object' && activity !== null ? activity.opportunityId : undefined;
  if (opportunityId !== undefined && (typeof opportunityId !== 'string' || opportunityId.length === 0 || opportunityId.length > 200)) {
    issues.push(issue(ctx.locale, 'invalid_activity', { field: 'opportunityId', reason: because('text_up_to', { max: 200 }) }, ['activity', 'opportunityId']));
  }
  if (issues.length > 0 || fields === undefined) return { ok: false, issues };
  return commit({ ...customer }, customer, [{ type: 'activity_logged', ...eventBase(ctx), ...fields, ...(opportunityId === undefined ? {} : { opportunityId: opportunityId as OpportunityId }) }], ctx);
}
