import type { FunnelIssue } from '../i18n/params.js';
import type { Opportunity } from '../model/opportunity.js';
import type { CalendarDateInput } from '../time/calendarDate.js';
import { isPlainDate, type PlainDate } from '../time/plainDate.js';
import { commit, precheck, replayOrConflict } from './_lib/change.js';
import { eventBase, issue, readOptions, shown, without } from './_lib/context.js';
import type { EngineChangeOptions, EngineResult } from './types.js';

/**
 * Options for {@link updateCloseDate}: when, by whom, the locale of issue messages, and the
 * optimistic-locking and idempotency fields of {@link EngineChangeOptions}.
 */
export type UpdateCloseDateOptions = EngineChangeOptions;

/**
 * Sets (or, with `null`, clears) a deal's expected close date and appends
 * `close_date_changed { from, to }` (null = none), so pushed close dates show in the
 * audit. An unchanged date succeeds with no event.
 *
 * Refusals (all listed at once): `time_went_backwards`, `opportunity_closed`,
 * `invalid_plain_date` (not a real `YYYY-MM-DD` date). Before them, `version_conflict`
 * alone (or a replay) as described under {@link EngineChangeOptions}.
 *
 * @param opportunity - The deal.
 * @param closeDate - The new expected close date (`YYYY-MM-DD`), or `null`.
 * @param options - `at` (required), `by`, `locale`, `expectedVersion`, `idempotencyKey`.
 * @returns `{ ok: true, opportunity, events, replayed }` or `{ ok: false, issues }`.
 * @throws {@link FunnelError} `invalid_option` for a missing or invalid `at`, an empty
 *   `by`, an unknown locale, or a malformed `expectedVersion` or `idempotencyKey`.
 * @category Engine
 *
 * @example
 * ```ts
 * import { updateCloseDate, type Opportunity } from 'sales-funnel';
 * declare const deal: Opportunity;
 * const r = updateCloseDate(deal, '2026-06-30', { at: new Date('2026-04-01T01:00:00Z') });
 * if (r.ok) r.opportunity.expectedCloseDate; //=> '2026-06-30'
 * ```
 */
export function updateCloseDate(opportunity: Opportunity, closeDate: CalendarDateInput | null, options: UpdateCloseDateOptions): EngineResult {
  const ctx = readOptions(options, true);
  const early = replayOrConflict(opportunity, ctx);
  if (early !== undefined) return early;
  const issues: FunnelIssue[] = [];
  precheck(opportunity, undefined, ctx, issues);
  if (closeDate !== null && !isPlainDate(closeDate)) {
    issues.push(issue(ctx, 'invalid_plain_date', { value: shown(closeDate) }, { path: ['expectedCloseDate'] }));
  }
  if (issues.length > 0) return { ok: false, issues };
  const from = opportunity.expectedCloseDate ?? null;
  const to = closeDate as PlainDate | null;
  if (from === to) return commit({ ...opportunity }, opportunity, [], ctx);
  const next = to === null ? without(opportunity, 'expectedCloseDate') : { ...opportunity, expectedCloseDate: to };
  return commit(next, opportunity, [{ type: 'close_date_changed', ...eventBase(ctx), from, to }], ctx);
}
