import { because } from '../i18n/because.js';
import { toDecimal } from '../_lib/decimal.js';
import type { FunnelIssue } from '../i18n/params.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { isCurrencyCode } from '../money/currency.js';
import type { Money } from '../money/money.js';
import type { Opportunity } from '../model/opportunity.js';
import { commit, precheck, replayOrConflict } from './_lib/change.js';
import { eventBase, issue, readOptions, shown } from './_lib/context.js';
import type { EngineChangeOptions, EngineResult } from './types.js';

/**
 * Options for {@link updateAmount}: when, by whom, the locale of issue messages, and the
 * optimistic-locking and idempotency fields of {@link EngineChangeOptions}.
 */
export type UpdateAmountOptions = EngineChangeOptions;

/**
 * Changes a deal's amount and appends `amount_changed { from, to }`, so the ledger
 * shows how the deal grew or shrank. The amount stays in the deal's currency; an
 * unchanged amount succeeds with no event.
 *
 * Refusals (all listed at once): `time_went_backwards`, `opportunity_closed`,
 * `invalid_amount` (not an exact finite decimal, or negative), `currency_mismatch`
 * (another currency: convert first), `unknown_currency`. Before them,
 * `version_conflict` alone (or a replay) as described under {@link EngineChangeOptions}.
 *
 * @param opportunity - The deal.
 * @param amount - The new amount.
 * @param options - `at` (required), `by`, `locale`, `expectedVersion`, `idempotencyKey`.
 * @returns `{ ok: true, opportunity, events, replayed }` or `{ ok: false, issues }`.
 * @throws {@link FunnelError} `invalid_option` for a missing or invalid `at`, an empty
 *   `by`, an unknown locale, or a malformed `expectedVersion` or `idempotencyKey`.
 * @category Engine
 *
 * @example
 * ```ts
 * import { money, updateAmount, type Opportunity } from 'sales-funnel';
 * declare const deal: Opportunity;
 * const r = updateAmount(deal, money('1200000', 'CNY'), { at: new Date('2026-04-01T01:00:00Z') });
 * if (r.ok) r.opportunity.amount.amount.toFixed(2); //=> '1200000.00'
 * ```
 */
export function updateAmount(opportunity: Opportunity, amount: Money, options: UpdateAmountOptions): EngineResult {
  const ctx = readOptions(options, true);
  const early = replayOrConflict(opportunity, ctx);
  if (early !== undefined) return early;
  const issues: FunnelIssue[] = [];
  precheck(opportunity, undefined, ctx, issues);
  let next: Money | undefined;
  if (typeof amount !== 'object' || amount === null) {
    issues.push(issue(ctx, 'invalid_amount', { value: shown(amount), reason: because('expected_money') }, { path: ['amount'] }));
  } else if (!isCurrencyCode(amount.currency)) {
    issues.push(issue(ctx, 'unknown_currency', { currency: shown(amount.currency) }, { path: ['amount', 'currency'] }));
  } else if (amount.currency !== opportunity.amount.currency) {
    issues.push(issue(ctx, 'currency_mismatch', { left: opportunity.amount.currency, right: amount.currency }, { path: ['amount', 'currency'] }));
  } else {
    try {
      const value = toDecimal(amount.amount, 'amount');
      if (value.isNegative() && !value.isZero()) {
        issues.push(issue(ctx, 'invalid_amount', { value: value.toFixed(), reason: because('amount_negative') }, { path: ['amount', 'amount'] }));
      } else {
        // abs: -0 is 0 (not negative, refused above otherwise), recorded as 0.
        next = { amount: value.abs(), currency: amount.currency };
      }
    } catch (e) {
      if (!(e instanceof FunnelError)) throw e;
      issues.push(issue(ctx, e.code, e.params, { path: ['amount', 'amount'] }));
    }
  }
  if (issues.length > 0 || next === undefined) return { ok: false, issues };
  if (next.amount.eq(opportunity.amount.amount)) return commit({ ...opportunity }, opportunity, [], ctx);
  return commit({ ...opportunity, amount: next }, opportunity, [{ type: 'amount_changed', ...eventBase(ctx), from: opportunity.amount, to: next }], ctx);
}
