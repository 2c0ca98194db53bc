import * as z from 'zod';
import { addCodedIssue } from '../_lib/zodIssue.js';

/** Longest period a pool rule may name, in days (about 27 years). */
const MAX_DAYS = 10_000;
const days = (min: number) => z.number().int().min(min).max(MAX_DAYS);

/**
 * Schema of one customer pool (公海) that only some teams may claim from (per-department
 * pools): its `id`, matched by a customer's `poolId`, and the `teams` that see it.
 *
 * @category Customers
 * @example
 * ```ts
 * import { customerPoolSchema } from 'sales-funnel';
 * customerPoolSchema.parse({ id: 'east', teams: ['华东销售部'] }).teams; //=> ['华东销售部']
 * ```
 */
export const customerPoolSchema = z.strictObject({
  id: z.string().min(1).max(200),
  teams: z.array(z.string().min(1)),
});

/**
 * Schema of the pool rules (公海规则), see {@link PoolRules}: every field optional,
 * unknown fields refused (a misspelt rule is an error, not a rule that silently does
 * nothing). Day counts are whole numbers of days (at least 1, or 0 for
 * `warnDaysBefore`, `reclaimCooldownDays` and `holdLimit`, at most 10 000).
 * `activityExtensionDays` needs `followUpDays` (`pool_rule_needs`); pool ids are unique
 * (`duplicate_pool_id`).
 *
 * @category Customers
 * @example
 * ```ts
 * import { poolRulesSchema } from 'sales-funnel';
 * poolRulesSchema.safeParse({ followUpDays: 10, activityExtensionDays: 3 }).success; //=> true
 * poolRulesSchema.safeParse({ followupDays: 10 }).success; //=> false
 * ```
 */
export const poolRulesSchema = z
  .strictObject({
    followUpDays: days(1).optional(),
    activityExtensionDays: days(1).optional(),
    closeWithinDays: days(1).optional(),
    maxHoldDays: days(1).optional(),
    warnDaysBefore: days(0).optional(),
    reclaimCooldownDays: days(0).optional(),
    holdLimit: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    pools: z.array(customerPoolSchema).optional(),
  })
  .superRefine((rules, ctx) => {
    if (rules.activityExtensionDays !== undefined && rules.followUpDays === undefined) {
      addCodedIssue(ctx, 'pool_rule_needs', { rule: 'activityExtensionDays', needs: 'followUpDays' }, ['activityExtensionDays']);
    }
    const seen = new Set<string>();
    rules.pools?.forEach((pool, i) => {
      if (seen.has(pool.id)) addCodedIssue(ctx, 'duplicate_pool_id', { poolId: pool.id }, ['pools', i, 'id']);
      seen.add(pool.id);
    });
  });

/**
 * One customer pool that only some teams may claim from. See {@link customerPoolSchema}.
 */
export interface CustomerPool {
  /** The pool's id: customers with this `poolId` are in it. */
  readonly id: string;
  /** The teams whose reps may claim from it (a rep's team comes from the `teams` option). */
  readonly teams: readonly string[];
}

/**
 * The rules of the customer pool (公海规则), all optional and JSON-serialisable (parse
 * stored rules with {@link parsePoolRules}). A customer a rep holds (claimed or
 * assigned) falls due, and {@link applyPoolRules} returns it to the pool, on the
 * earliest due date its rules give:
 *
 * - `followUpDays` (未跟进回收): due this many days after the claim; each follow-up
 *   activity pushes the due date to the activity's day plus `activityExtensionDays`
 *   (default `followUpDays`), only if that is later. Without `activityExtensionDays`
 *   this is "N days after the claim or the last activity".
 * - `closeWithinDays` (未成交回收): due this many days after the claim, unless a deal of
 *   the customer was won during the hold.
 * - `maxHoldDays` (最长保护期): due this many days after the claim, a hard limit that
 *   neither activities nor a won deal extend.
 *
 * Days are calendar days on the wall clock of the caller's `timeZone` /
 * `offsetMinutes` (UTC by default): a customer claimed at any time on 25 March with
 * `followUpDays: 10` is due on 4 April, and it is due from the first instant of that
 * day. A hold starts at the last `claimed` or `assigned` event; a customer held without
 * one in its ledger (imported) counts from its `createdAt`, and has no due date
 * without it.
 *
 * And: `warnDaysBefore` (status `warning` from this many days before the due date),
 * `reclaimCooldownDays` (a rep who released a customer, or lost it to a rule, may not
 * claim it again for this many days: from the day it went back to the pool plus N),
 * `holdLimit` (how many customers one rep may hold: claims beyond it are refused) and
 * `pools` (per-department pools: a customer whose `poolId` names one of them may be
 * claimed only by reps of its teams; customers without a `poolId`, or with one not
 * listed, are in the common pool, open to everyone).
 */
export interface PoolRules {
  /** 未跟进: days after the claim (or after the last activity, see `activityExtensionDays`) before the customer falls due. */
  readonly followUpDays?: number;
  /**
   * Days an activity extends the follow-up due date: to the activity's day plus this,
   * only if later. Needs `followUpDays`.
   *
   * @defaultValue `followUpDays`
   */
  readonly activityExtensionDays?: number;
  /** 未成交: days after the claim before the customer falls due, unless a deal of it was won during the hold. */
  readonly closeWithinDays?: number;
  /** 最长保护期: days after the claim before the customer falls due, whatever happened. */
  readonly maxHoldDays?: number;
  /**
   * Days before the due date from which a held customer's status is `warning`.
   *
   * @defaultValue 0 (no warning)
   */
  readonly warnDaysBefore?: number;
  /**
   * Days after a rep gave a customer back (released, or reclaimed by a rule) during
   * which that rep may not claim it again.
   *
   * @defaultValue 0 (no cooldown)
   */
  readonly reclaimCooldownDays?: number;
  /**
   * The most customers one rep may hold; a claim that would exceed it is refused.
   *
   * @defaultValue no limit
   */
  readonly holdLimit?: number;
  /**
   * Pools open to some teams only (matched by the customer's `poolId`).
   *
   * @defaultValue none: every customer is in the common pool
   */
  readonly pools?: readonly CustomerPool[];
}

/** The name of a pool rule that sets a due date: what a `reclaimed` event's `rule` says. */
export type PoolRuleName = 'followUpDays' | 'closeWithinDays' | 'maxHoldDays';

/**
 * Parses pool rules from JSON (a settings file, a database column), checking every
 * field (see {@link poolRulesSchema}).
 *
 * @param input - Untrusted data.
 * @returns The rules.
 * @throws `ZodError` listing every issue with its path (coded ones carry
 *   `params.code`, see {@link toFunnelIssues}).
 *
 * @category Customers
 * @example
 * ```ts
 * import { parsePoolRules } from 'sales-funnel';
 * const rules = parsePoolRules({ followUpDays: 10, activityExtensionDays: 3, maxHoldDays: 20, warnDaysBefore: 3 });
 * rules.maxHoldDays; //=> 20
 * ```
 */
export function parsePoolRules(input: unknown): PoolRules {
  const parsed: Readonly<Record<string, unknown>> = poolRulesSchema.parse(input);
  // Fields given as `undefined` are absent.
  const rules: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) if (value !== undefined) rules[key] = value;
  return rules as PoolRules;
}
