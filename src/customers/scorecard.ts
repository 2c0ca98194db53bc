import * as z from 'zod';
import { addCodedIssue } from '../_lib/zodIssue.js';
import { fieldRuleSchema } from '../model/stage.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** A name for people: plain text, or text per locale (`{ en, 'zh-CN' }`). */
const labelSchema = z.union([z.string().min(1), z.object({ en: z.string().min(1), 'zh-CN': z.string().min(1).optional() })]);

/**
 * The test a scorecard's field criterion applies to the value at its path: every field
 * rule of key tasks ({@link fieldRuleSchema}: `present`, `equals`, `one_of`, `gte`, `gt`,
 * `lte`, `lt`), plus `includes` for a list field such as `tags` (the list holds the value).
 *
 * @category Customers
 * @example
 * ```ts
 * import { scorecardRuleSchema } from 'sales-funnel';
 * scorecardRuleSchema.parse({ op: 'includes', value: '国企' });
 * scorecardRuleSchema.parse({ op: 'gte', value: '1000000' });
 * ```
 */
export const scorecardRuleSchema = z.discriminatedUnion('op', [...fieldRuleSchema.options, z.object({ op: z.literal('includes'), value: scalar })]);

/**
 * How a scorecard criterion is tested on a customer: a field test (`field` is a dotted
 * path into the customer: `"industry"`, `"segment"`, `"tags"`,
 * `"attributes.employees"`) or a named guard (`name`), a function the caller passes in
 * `scoreCustomers`' `guards` option, as key tasks name guards registered with the engine.
 * Scorecards stay plain JSON: no functions inside.
 *
 * @category Customers
 * @example
 * ```ts
 * import { scorecardCheckSchema } from 'sales-funnel';
 * scorecardCheckSchema.parse({ kind: 'field', field: 'attributes.budget', rule: { op: 'gte', value: '500000' } });
 * scorecardCheckSchema.parse({ kind: 'guard', name: 'goodCredit' });
 * ```
 */
export const scorecardCheckSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('field'), field: z.string().min(1), rule: scorecardRuleSchema }),
  z.object({ kind: z.literal('guard'), name: z.string().min(1) }),
]);

/**
 * Schema of one criterion of a scorecard: an `id` unique in the scorecard, an optional
 * `label` for people (text, or `{ en, 'zh-CN' }`), the `check` that tests it and the
 * whole number of `points` (positive or negative, at most one million either way) a
 * customer gets when the check holds.
 *
 * @category Customers
 * @example
 * ```ts
 * import { scorecardCriterionSchema } from 'sales-funnel';
 * scorecardCriterionSchema.parse({
 *   id: 'state_owned', label: { en: 'State-owned', 'zh-CN': '国企' },
 *   check: { kind: 'field', field: 'tags', rule: { op: 'includes', value: '国企' } },
 *   points: 2,
 * }).points; //=> 2
 * ```
 */
export const scorecardCriterionSchema = z.object({
  id: z.string().min(1).max(200),
  label: labelSchema.optional(),
  check: scorecardCheckSchema,
  points: z.number().int().min(-1_000_000).max(1_000_000),
});

/**
 * Schema of one tier of a scorecard: its `id` (`"A"`), an optional `label`, and the
 * minimum score that reaches it. A tier without `minScore` takes every score below the
 * other tiers (the "else" tier) and must come last.
 *
 * @category Customers
 * @example
 * ```ts
 * import { scorecardTierSchema } from 'sales-funnel';
 * scorecardTierSchema.parse({ id: 'A', minScore: 5 }).minScore; //=> 5
 * scorecardTierSchema.parse({ id: 'D' }).minScore; //=> undefined
 * ```
 */
export const scorecardTierSchema = z.object({
  id: z.string().min(1).max(200),
  label: labelSchema.optional(),
  minScore: z.number().optional(),
});

function checkScorecard(
  sc: { readonly criteria: readonly { readonly id: string }[]; readonly tiers: readonly { readonly id: string; readonly minScore?: number | undefined }[] },
  ctx: z.core.$RefinementCtx,
): void {
  const criterionIds = new Set<string>();
  sc.criteria.forEach((c, i) => {
    if (criterionIds.has(c.id)) addCodedIssue(ctx, 'duplicate_criterion_id', { criterionId: c.id }, ['criteria', i, 'id']);
    criterionIds.add(c.id);
  });
  const tierIds = new Set<string>();
  let previous: number | undefined;
  sc.tiers.forEach((t, i) => {
    if (tierIds.has(t.id)) addCodedIssue(ctx, 'duplicate_tier_id', { tierId: t.id }, ['tiers', i, 'id']);
    tierIds.add(t.id);
    if (t.minScore === undefined) {
      if (i < sc.tiers.length - 1) addCodedIssue(ctx, 'catch_all_tier_not_last', { tierId: t.id }, ['tiers', i, 'minScore']);
      return;
    }
    if (previous !== undefined && t.minScore >= previous) addCodedIssue(ctx, 'tiers_out_of_order', { tierId: t.id, minScore: t.minScore, previous }, ['tiers', i, 'minScore']);
    previous = t.minScore;
  });
}

/**
 * Schema of a customer scorecard (客户评分卡), a plain JSON document:
 *
 * - `criteria` (at least one): each a field test or a named guard with its points (see
 *   {@link scorecardCriterionSchema}); ids unique (`duplicate_criterion_id`);
 * - `tiers` (at least one), listed from the highest minimum score down
 *   (`tiers_out_of_order`), ids unique (`duplicate_tier_id`); a tier without `minScore`
 *   takes every score left and must be the last (`catch_all_tier_not_last`);
 * - `id` and `name`, optional, for people and storage.
 *
 * Issues carry their path (`tiers.1.minScore`) and, for the checks above, the code in
 * `params.code`: {@link toFunnelIssues} turns them into coded issues in either locale.
 *
 * @category Customers
 * @example
 * ```ts
 * import { scorecardSchema } from 'sales-funnel';
 * const r = scorecardSchema.safeParse({
 *   criteria: [{ id: 'need', check: { kind: 'field', field: 'attributes.need', rule: { op: 'present' } }, points: 1 }],
 *   tiers: [{ id: 'A', minScore: 1 }, { id: 'B', minScore: 3 }],
 * });
 * r.success; //=> false (tier B's minimum is not below A's)
 * ```
 */
export const scorecardSchema = z
  .object({
    id: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    criteria: z.array(scorecardCriterionSchema).min(1),
    tiers: z.array(scorecardTierSchema).min(1),
  })
  .superRefine(checkScorecard);

/** A scorecard (客户评分卡), parsed. See {@link scorecardSchema}. */
export type Scorecard = z.output<typeof scorecardSchema>;
/** A scorecard in its JSON form. See {@link scorecardSchema}. */
export type ScorecardJson = z.input<typeof scorecardSchema>;
/** One criterion of a scorecard. See {@link scorecardCriterionSchema}. */
export type ScorecardCriterion = z.output<typeof scorecardCriterionSchema>;
/** One tier of a scorecard. See {@link scorecardTierSchema}. */
export type ScorecardTier = z.output<typeof scorecardTierSchema>;
/** How a criterion is tested. See {@link scorecardCheckSchema}. */
export type ScorecardCheck = z.output<typeof scorecardCheckSchema>;
/** The test of a field criterion. See {@link scorecardRuleSchema}. */
export type ScorecardRule = z.output<typeof scorecardRuleSchema>;

/**
 * Parses a scorecard from JSON.
 *
 * @param input - Untrusted data, e.g. from `JSON.parse`.
 * @returns The scorecard.
 * @throws `ZodError` listing every issue with its path (coded ones as in {@link scorecardSchema}).
 *
 * @category Customers
 * @example
 * ```ts
 * import { parseScorecard } from 'sales-funnel';
 * const card = parseScorecard({
 *   criteria: [{ id: 'big', check: { kind: 'field', field: 'attributes.employees', rule: { op: 'gte', value: 1000 } }, points: 2 }],
 *   tiers: [{ id: 'A', minScore: 2 }, { id: 'B' }],
 * });
 * card.tiers.length; //=> 2
 * ```
 */
export function parseScorecard(input: unknown): Scorecard {
  return scorecardSchema.parse(input);
}

/**
 * Like {@link parseScorecard} but returns a result instead of throwing.
 *
 * @param input - Untrusted data.
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 *
 * @category Customers
 * @example
 * ```ts
 * import { safeParseScorecard, toFunnelIssues } from 'sales-funnel';
 * const r = safeParseScorecard({
 *   criteria: [{ id: 'need', check: { kind: 'guard', name: 'hasNeed' }, points: 1 }],
 *   tiers: [{ id: 'D' }, { id: 'A', minScore: 1 }],
 * });
 * if (!r.success) toFunnelIssues(r.error)[0]?.code; //=> 'catch_all_tier_not_last'
 * ```
 */
export function safeParseScorecard(input: unknown): z.ZodSafeParseResult<Scorecard> {
  return scorecardSchema.safeParse(input);
}
