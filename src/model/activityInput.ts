import { toDecimal } from '../_lib/decimal.js';
import { because } from '../i18n/because.js';
import type { Locale } from '../i18n/codes.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { makeIssue } from '../i18n/makeIssue.js';
import type { FunnelIssue } from '../i18n/params.js';
import { isCurrencyCode } from '../money/currency.js';
import type { Money } from '../money/money.js';
import type { Customer } from './customer.js';
import { activityKindSchema, type ActivityKind } from './events.js';
import { printable } from '../_lib/printable.js';

/**
 * A follow-up activity (跟进记录) to log, as `logActivity` (on a deal) and
 * `logCustomerActivity` (on a customer) take it: the fields of an `activity_logged`
 * event (see {@link activityFieldsShape}) in their domain form.
 */
export interface ActivityInput {
  /** How the customer was reached: `visit` (拜访), `call`, `email`, `meeting` or `other`. */
  readonly kind: ActivityKind;
  /** The contact met or reached: the id of one of the customer's contacts. */
  readonly contactId?: string;
  /** What came of it (a short free text: `需求确认`, `约好下周演示`). */
  readonly outcome?: string;
  /** What it cost (travel, a dinner): a non-negative amount in any known currency. */
  readonly cost?: Money;
  /** A free note. */
  readonly note?: string;
}

/** The activity fields of an event draft, checked. */
export interface ActivityFields {
  readonly kind: ActivityKind;
  readonly contactId?: string;
  readonly outcome?: string;
  readonly cost?: Money;
  readonly note?: string;
}

const MAX_ID = 200;
const KINDS: readonly string[] = activityKindSchema.options;

function text(value: unknown, max: number | undefined): boolean {
  return typeof value === 'string' && value.length > 0 && (max === undefined || value.length <= max);
}

/**
 * Checks an activity to log, collecting every problem as an issue in `locale` (path
 * `['activity', field]`): `invalid_activity` for a bad kind or text field,
 * `invalid_amount` / `unknown_currency` for a bad cost, and, when the customer is
 * known, `unknown_contact` for a `contactId` that is none of its contacts. Returns the
 * fields to put on the event (copied: nothing of the input is shared), or undefined
 * when there are issues.
 *
 * @internal Shared by the engine's `logActivity` and the customers' `logCustomerActivity`.
 */
export function checkActivity(activity: unknown, customer: Customer | undefined, locale: Locale, issues: FunnelIssue[]): ActivityFields | undefined {
  const before = issues.length;
  const bad = (field: string, reason: ReturnType<typeof because>) => {
    issues.push(makeIssue('invalid_activity', { field, reason }, { locale, path: ['activity', field] }));
  };
  if (typeof activity !== 'object' || activity === null || Array.isArray(activity)) {
    bad('activity', because('must_be_object'));
    return undefined;
  }
  const a = activity as Readonly<Record<string, unknown>>;
  if (!KINDS.includes(a['kind'] as string)) bad('kind', because('one_of', { allowed: KINDS.join(', ') }));
  if (a['contactId'] !== undefined && !text(a['contactId'], MAX_ID)) bad('contactId', because('text_up_to', { max: MAX_ID }));
  for (const field of ['outcome', 'note'] as const) {
    if (a[field] !== undefined && !text(a[field], undefined)) bad(field, because('must_be_non_empty_string'));
  }
  let cost: Money | undefined;
  const rawCost = a['cost'];
  if (rawCost !== undefined) {
    const path = ['activity', 'cost'];
    if (typeof rawCost !== 'object' || rawCost === null || !('amount' in rawCost) || !('currency' in rawCost)) {
      issues.push(makeIssue('invalid_amount', { value: typeof rawCost === 'object' ? 'an object' : String(rawCost), reason: because('expected_money') }, { locale, path }));
    } else if (!isCurrencyCode(rawCost.currency)) {
      issues.push(makeIssue('unknown_currency', { currency: printable(rawCost.currency).slice(0, 40) }, { locale, path: [...path, 'currency'] }));
    } else {
      try {
        const amount = toDecimal(rawCost.amount as never, 'cost');
        if (amount.isNegative() && !amount.isZero()) {
          issues.push(makeIssue('invalid_amount', { value: amount.toFixed(), reason: because('amount_negative') }, { locale, path: [...path, 'amount'] }));
        } else {
          cost = { amount, currency: rawCost.currency };
        }
      } catch (e) {
        if (!(e instanceof FunnelError)) throw e;
        issues.push(makeIssue(e.code, e.params, { locale, path: [...path, 'amount'] }) as FunnelIssue);
      }
    }
  }
  const contactId = a['contactId'];
  if (customer !== undefined && typeof contactId === 'string' && text(contactId, MAX_ID) && !customer.contacts.some((c) => c.id === contactId)) {
    issues.push(
      makeIssue('unknown_contact', { contactId, customerId: customer.id, ...(customer.name === undefined ? {} : { customerName: customer.name }) }, { locale, path: ['activity', 'contactId'] }),
    );
  }
  if (issues.length > before) return undefined;
  return {
    kind: a['kind'] as ActivityKind,
    ...(contactId === undefined ? {} : { contactId: contactId as string }),
    ...(a['outcome'] === undefined ? {} : { outcome: a['outcome'] as string }),
    ...(cost === undefined ? {} : { cost }),
    ...(a['note'] === undefined ? {} : { note: a['note'] as string }),
  };
}
