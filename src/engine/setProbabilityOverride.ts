import { toDecimal } from '../_lib/decimal.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { FunnelIssue, Reason } from '../i18n/params.js';
import type { Decimal, DecimalLike } from '../money/decimal.js';
import type { Opportunity } from '../model/opportunity.js';
import { commit, precheck, replayOrConflict } from './_lib/change.js';
import { eventBase, issue, readOptions, shown, without } from './_lib/context.js';
import type { EngineChangeOptions, EngineResult } from './types.js';

/**
 * Options for {@link setProbabilityOverride}: when, by whom, the locale of issue
 * messages, and the optimistic-locking and idempotency fields of
 * {@link EngineChangeOptions}.
 */
export type SetProbabilityOverrideOptions = EngineChangeOptions;

/** The reason of a refused decimal, else `not_a_decimal`. */
function reasonOf(e: unknown): Reason {
  const reason = e instanceof FunnelError ? (e.params as { readonly reason?: unknown }).reason : undefined;
  // Stryker disable next-line LogicalOperator: every refusal of toDecimal carries a reason object with a code, so either operator gives true
  return typeof reason === 'object' && reason !== null && 'code' in reason ? (reason as Reason) : because('not_a_decimal');
}

/**
 * Sets the rep's own probability for a deal (手工赢率), which beats its stage's
 * probability in every forecast, or clears it with `null`; appends
 * `probability_changed { from, to }` (null = none), so a forecast as of an earlier
 * instant and `forecastMovement` know when it was set. An unchanged value succeeds with
 * no event.
 *
 * The override lasts until it is changed or cleared, or the deal closes (a closed deal's
 * probability is its stage's: 1 or 0); under the pipeline's `probabilityOnStageChange:
 * 'reset'` (the default) a stage change or a reopening clears it too. Those clearings
 * write no event of their own: the ledger check and the replays know the rule. It may
 * be set on a suspended deal (中止); it applies once the deal resumes.
 *
 * Refusals (all listed at once): `time_went_backwards`, `opportunity_closed`,
 * `invalid_probability` (not a decimal, or outside 0 to 1). Before them,
 * `version_conflict` alone (or a replay) as described under {@link EngineChangeOptions}.
 *
 * @param opportunity - The deal.
 * @param probability - The new probability in [0, 1] (`'0.6'`, `0.6` or a `Decimal`), or `null` to clear it.
 * @param options - `at` (required), `by`, `locale`, `expectedVersion`, `idempotencyKey`.
 * @returns `{ ok: true, opportunity, events, replayed }` or `{ ok: false, issues }`.
 * @throws {@link FunnelError} `invalid_option` for a missing or invalid `at`, an empty
 *   `by`, an unknown locale, or a malformed `expectedVersion` or `idempotencyKey`.
 * @category Engine
 *
 * @example
 * ```ts
 * import { setProbabilityOverride, type Opportunity } from 'sales-funnel';
 * declare const deal: Opportunity;
 * const r = setProbabilityOverride(deal, '0.6', { at: '2026-04-02T10:00:00+08:00', by: 'rep-li' });
 * if (r.ok) r.opportunity.probabilityOverride?.toString(); //=> '0.6'
 * ```
 */
export function setProbabilityOverride(
  opportunity: Opportunity,
  probability: DecimalLike | null,
  options: SetProbabilityOverrideOptions,
): EngineResult {
  const ctx = readOptions(options, true);
  const early = replayOrConflict(opportunity, ctx);
  if (early !== undefined) return early;
  const issues: FunnelIssue[] = [];
  precheck(opportunity, undefined, ctx, issues);
  let to: Decimal | null = null;
  if (probability !== null) {
    try {
      const value = toDecimal(probability, 'probability');
      // lt, not isNegative: -0 (from Math.round(-0.2), say) is 0, inside the interval, and is stored as 0.
      if (value.lt(0) || value.gt(1)) {
        issues.push(issue(ctx, 'invalid_probability', { value: value.toFixed(), reason: because('not_in_unit_interval', { value: value.toFixed() }) }, { path: ['probability'] }));
      } else {
        to = value.abs();
      }
    } catch (e) {
      if (!(e instanceof FunnelError)) throw e;
      issues.push(issue(ctx, 'invalid_probability', { value: shown(probability), reason: reasonOf(e) }, { path: ['probability'] }));
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const from = opportunity.probabilityOverride ?? null;
  if (from === null ? to === null : to !== null && from.eq(to)) return commit({ ...opportunity }, opportunity, [], ctx);
  const next = to === null ? without(opportunity, 'probabilityOverride') : { ...opportunity, probabilityOverride: to };
  return commit(next, opportunity, [{ type: 'probability_changed', ...eventBase(ctx), from, to }], ctx);
}
