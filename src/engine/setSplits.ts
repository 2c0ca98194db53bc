import { because } from '../i18n/because.js';
import type { FunnelIssue } from '../i18n/params.js';
import type { Split } from '../model/events.js';
import type { UserId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import { commit, precheck, replayOrConflict } from './_lib/change.js';
import { eventBase, issue, readOptions, without } from './_lib/context.js';
import type { EngineChangeOptions, EngineResult } from './types.js';

/**
 * Options for {@link setSplits}: when, by whom, the locale of issue messages, and the
 * optimistic-locking and idempotency fields of {@link EngineChangeOptions}.
 */
export type SetSplitsOptions = EngineChangeOptions;

/**
 * One owner's share of a deal's credit, as passed to {@link setSplits} (plain strings
 * for ids).
 *
 * @example
 * ```ts
 * import type { SplitInput } from 'sales-funnel';
 * const share: SplitInput = { ownerId: 'rep-li', basisPoints: 4000 };
 * ```
 */
export interface SplitInput {
  /** The co-owner's user id. */
  readonly ownerId: string;
  /** Share in basis points (1 bp = 0.01 %), a whole number from 0 to 10 000. */
  readonly basisPoints: number;
}

/**
 * Sets how a co-owned deal's credit is split (联合跟进人/指标分割), in basis points that
 * add up to exactly 10 000 (= 100 %), or removes the splits with `null` (all credit to
 * the owner). Appends a `splits_changed { to }` event.
 *
 * Refusals (all listed at once): `time_went_backwards`, `opportunity_closed`,
 * `invalid_command` (a share that is not a whole number from 0 to 10 000, an empty
 * owner id), `splits_total` (the shares do not add up to 10 000),
 * `duplicate_split_owner`; each with its `path` (`['splits', i, 'basisPoints']`). Before
 * them, `version_conflict` alone (or a replay) as described under {@link EngineChangeOptions}.
 *
 * @param opportunity - The deal.
 * @param splits - The shares, or `null` to remove them.
 * @param options - `at` (required), `by`, `locale`, `expectedVersion`, `idempotencyKey`.
 * @returns `{ ok: true, opportunity, events, replayed }` or `{ ok: false, issues }`.
 * @throws {@link FunnelError} `invalid_option` for a missing or invalid `at`, an empty
 *   `by`, an unknown locale, or a malformed `expectedVersion` or `idempotencyKey`.
 * @category Engine
 *
 * @example
 * ```ts
 * import { setSplits, type Opportunity } from 'sales-funnel';
 * declare const deal: Opportunity;
 * const r = setSplits(deal, [{ ownerId: 'rep-zhang', basisPoints: 6000 }, { ownerId: 'rep-li', basisPoints: 4000 }], { at: new Date('2026-04-01T01:00:00Z') });
 * if (!r.ok) r.issues.map((i) => i.code);
 * ```
 */
export function setSplits(opportunity: Opportunity, splits: readonly SplitInput[] | null, options: SetSplitsOptions): EngineResult {
  const ctx = readOptions(options, true);
  const early = replayOrConflict(opportunity, ctx);
  if (early !== undefined) return early;
  const issues: FunnelIssue[] = [];
  precheck(opportunity, undefined, ctx, issues);
  let next: Split[] | null = null;
  if (splits !== null) {
    if (!Array.isArray(splits)) {
      issues.push(issue(ctx, 'invalid_command', { reason: because('splits_shape'), field: 'splits' }, { path: ['splits'] }));
    } else {
      next = [];
      let total = 0;
      const seen = new Set<string>();
      splits.forEach((s: SplitInput, i) => {
        const ownerId: unknown = s?.ownerId;
        const bp: unknown = s?.basisPoints;
        if (typeof ownerId !== 'string' || ownerId.length === 0) {
          issues.push(issue(ctx, 'invalid_command', { reason: because('split_owner', { index: i }), field: 'ownerId' }, { path: ['splits', i, 'ownerId'] }));
        } else {
          if (seen.has(ownerId)) issues.push(issue(ctx, 'duplicate_split_owner', { ownerId }, { path: ['splits', i, 'ownerId'] }));
          seen.add(ownerId);
        }
        if (typeof bp !== 'number' || !Number.isSafeInteger(bp) || bp < 0 || bp > 10_000) {
          issues.push(issue(ctx, 'invalid_command', { reason: because('split_basis_points', { index: i }), field: 'basisPoints' }, { path: ['splits', i, 'basisPoints'] }));
        } else {
          total += bp;
        }
        // Stryker disable next-line LogicalOperator,OptionalChaining: an entry is only read back when no issue was raised, and then both are well-typed; next is the array set above
        if (typeof ownerId === 'string' && typeof bp === 'number') next?.push({ ownerId: ownerId as UserId, basisPoints: bp });
      });
      if (issues.every((x) => x.code !== 'invalid_command') && total !== 10_000) {
        issues.push(issue(ctx, 'splits_total', { total }, { path: ['splits'] }));
      }
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const event = { type: 'splits_changed' as const, ...eventBase(ctx), to: next === null ? null : next.map((s) => ({ ...s })) };
  return commit(next === null ? without(opportunity, 'splits') : { ...opportunity, splits: next }, opportunity, [event], ctx);
}
