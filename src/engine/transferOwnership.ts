import { because } from '../i18n/because.js';
import type { FunnelIssue } from '../i18n/params.js';
import type { UserId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import { commit, precheck, replayOrConflict } from './_lib/change.js';
import { eventBase, issue, readOptions } from './_lib/context.js';
import type { EngineChangeOptions, EngineResult } from './types.js';

/**
 * Options for {@link transferOwnership}: when, by whom, the locale of issue messages,
 * and the optimistic-locking and idempotency fields of {@link EngineChangeOptions}.
 */
export type TransferOwnershipOptions = EngineChangeOptions;

/**
 * Hands an open or suspended deal to another rep (交接): sets `ownerId` and appends an
 * `owner_changed { from, to }` event. Splits are left as they are (change them with
 * {@link setSplits}). Giving a deal to its current owner succeeds with no event.
 *
 * Refusals (all listed at once): `time_went_backwards`, `opportunity_closed` (a closed
 * deal's credit is settled; reopen first), `invalid_command` for an empty owner id.
 * Before them, `version_conflict` alone (or a replay) as described under
 * {@link EngineChangeOptions}.
 *
 * @param opportunity - The deal.
 * @param ownerId - The new owner's user id.
 * @param options - `at` (required), `by`, `locale`, `expectedVersion`, `idempotencyKey`.
 * @returns `{ ok: true, opportunity, events, replayed }` or `{ ok: false, issues }`.
 * @throws {@link FunnelError} `invalid_option` for a missing or invalid `at`, an empty
 *   `by`, an unknown locale, or a malformed `expectedVersion` or `idempotencyKey`.
 * @category Engine
 *
 * @example
 * ```ts
 * import { transferOwnership, type Opportunity } from 'sales-funnel';
 * declare const deal: Opportunity;
 * const r = transferOwnership(deal, 'rep-li', { at: new Date('2026-04-01T01:00:00Z'), by: 'manager-wang' });
 * if (r.ok) r.opportunity.ownerId; //=> 'rep-li'
 * ```
 */
export function transferOwnership(opportunity: Opportunity, ownerId: string, options: TransferOwnershipOptions): EngineResult {
  const ctx = readOptions(options, true);
  const early = replayOrConflict(opportunity, ctx);
  if (early !== undefined) return early;
  const issues: FunnelIssue[] = [];
  precheck(opportunity, undefined, ctx, issues);
  if (typeof ownerId !== 'string' || ownerId.length === 0) {
    issues.push(issue(ctx, 'invalid_command', { reason: because('new_owner_id'), field: 'ownerId' }, { path: ['ownerId'] }));
  }
  if (issues.length > 0) return { ok: false, issues };
  if (ownerId === opportunity.ownerId) return commit({ ...opportunity }, opportunity, [], ctx);
  const to = ownerId as UserId;
  return commit({ ...opportunity, ownerId: to }, opportunity, [{ type: 'owner_changed', ...eventBase(ctx), from: opportunity.ownerId, to }], ctx);
}
