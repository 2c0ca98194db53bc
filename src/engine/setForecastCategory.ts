import { because } from '../i18n/because.js';
import type { FunnelIssue } from '../i18n/params.js';
import type { Opportunity } from '../model/opportunity.js';
import { forecastCategorySchema, type ForecastCategory } from '../model/stage.js';
import { commit, precheck, replayOrConflict } from './_lib/change.js';
import { eventBase, issue, readOptions, shown, without } from './_lib/context.js';
import type { EngineChangeOptions, EngineResult } from './types.js';

/**
 * Options for {@link setForecastCategory}: when, by whom, the locale of issue messages,
 * and the optimistic-locking and idempotency fields of {@link EngineChangeOptions}.
 */
export type SetForecastCategoryOptions = EngineChangeOptions;

/** The categories a rep may put an open deal in (`closed` is for won deals). */
const SETTABLE: readonly ForecastCategory[] = forecastCategorySchema.options.filter((c) => c !== 'closed');

/**
 * Sets the rep's own forecast category for a deal (手工预测类别: `pipeline`,
 * `best_case`, `commit` or `omitted`), which beats its stage's category in
 * `forecastCategories`, or clears it with `null`; appends
 * `forecast_category_changed { from, to }` (null = none), so a forecast as of an
 * earlier instant and `forecastMovement` know when it was set. An unchanged value
 * succeeds with no event.
 *
 * The override holds whatever stage the deal moves to, until it is changed or cleared
 * or the deal closes (a won deal is `closed`, a lost one `omitted`; the close writes no
 * event of its own: the ledger check and the replays know the rule). `closed` cannot be
 * set: it belongs to won deals.
 *
 * Refusals (all listed at once): `time_went_backwards`, `opportunity_closed`,
 * `invalid_forecast_category` (not a category, or `closed`). Before them,
 * `version_conflict` alone (or a replay) as described under {@link EngineChangeOptions}.
 *
 * @param opportunity - The deal.
 * @param category - The new category, or `null` to clear the override.
 * @param options - `at` (required), `by`, `locale`, `expectedVersion`, `idempotencyKey`.
 * @returns `{ ok: true, opportunity, events, replayed }` or `{ ok: false, issues }`.
 * @throws {@link FunnelError} `invalid_option` for a missing or invalid `at`, an empty
 *   `by`, an unknown locale, or a malformed `expectedVersion` or `idempotencyKey`.
 * @category Engine
 *
 * @example
 * ```ts
 * import { setForecastCategory, type Opportunity } from 'sales-funnel';
 * declare const deal: Opportunity;
 * const r = setForecastCategory(deal, 'commit', { at: '2026-04-02T10:00:00+08:00', by: 'rep-li' });
 * if (r.ok) r.opportunity.forecastCategoryOverride; //=> 'commit'
 * ```
 */
export function setForecastCategory(opportunity: Opportunity, category: ForecastCategory | null, options: SetForecastCategoryOptions): EngineResult {
  const ctx = readOptions(options, true);
  const early = replayOrConflict(opportunity, ctx);
  if (early !== undefined) return early;
  const issues: FunnelIssue[] = [];
  precheck(opportunity, undefined, ctx, issues);
  if (category === 'closed') {
    issues.push(issue(ctx, 'invalid_forecast_category', { value: category, reason: because('closed_category_needs_win') }, { path: ['category'] }));
  } else if (category !== null && !(SETTABLE as readonly unknown[]).includes(category)) {
    const allowed = { en: SETTABLE.map((c) => `'${c}'`).join(', '), 'zh-CN': SETTABLE.map((c) => `“${c}”`).join('、') };
    issues.push(issue(ctx, 'invalid_forecast_category', { value: shown(category), reason: because('one_of', { allowed }) }, { path: ['category'] }));
  }
  if (issues.length > 0) return { ok: false, issues };
  const from = opportunity.forecastCategoryOverride ?? null;
  if (from === category) return commit({ ...opportunity }, opportunity, [], ctx);
  const next = category === null ? without(opportunity, 'forecastCategoryOverride') : { ...opportunity, forecastCategoryOverride: category };
  return commit(next, opportunity, [{ type: 'forecast_category_changed', ...eventBase(ctx), from, to: category }], ctx);
}
