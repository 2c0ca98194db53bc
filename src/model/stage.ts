import * as z from 'zod';
import { buyingRoleSchema } from './buyingRole.js';
import { keyTaskIdSchema, stageIdSchema } from './ids.js';
import { decimalSchema, probabilitySchema } from './primitives.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * A rule a field key task checks against the opportunity's data. `field` is a dotted
 * path into the opportunity (`"expectedCloseDate"`, `"amount"`, `"competitor"`,
 * `"attributes.budgetApproved"`); `amount` compares its decimal amount.
 *
 * - `present`: the field has a value (not undefined, null, `""` or an empty array)
 * - `equals` / `one_of`: equals the value / one of the values
 * - `gte` / `gt` / `lte` / `lt`: numeric comparison, exact (decimals compared as decimals)
 *
 * @category Model
 * @example
 * ```ts
 * import { fieldRuleSchema } from 'sales-funnel';
 * fieldRuleSchema.parse({ op: 'gte', value: '100000' });
 * ```
 */
export const fieldRuleSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('present') }),
  z.object({ op: z.literal('equals'), value: scalar }),
  z.object({ op: z.literal('one_of'), values: z.array(scalar).min(1) }),
  z.object({ op: z.enum(['gte', 'gt', 'lte', 'lt']), value: decimalSchema }),
]);

/**
 * How a key task is satisfied: marked by hand (`manual`), by the opportunity's own data
 * (`field`), by a named predicate the caller registers with the engine (`guard`), or by
 * the buying centre (`contact_met { role }`: an activity with a contact of that buying
 * role, 决策人 / 技术选型人 / 购买人 / 使用人 …, has been logged on the deal; the engine
 * reads the roles from the customer passed as its `customer` option).
 * Pipelines stay plain JSON: no functions inside.
 *
 * @category Model
 * @example
 * ```ts
 * import { keyTaskCheckSchema } from 'sales-funnel';
 * keyTaskCheckSchema.parse({ kind: 'field', field: 'expectedCloseDate', rule: { op: 'present' } });
 * keyTaskCheckSchema.parse({ kind: 'contact_met', role: 'decision_maker' }).kind; //=> 'contact_met'
 * ```
 */
export const keyTaskCheckSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }),
  z.object({ kind: z.literal('field'), field: z.string().min(1), rule: fieldRuleSchema }),
  z.object({ kind: z.literal('guard'), name: z.string().min(1) }),
  z.object({ kind: z.literal('contact_met'), role: buyingRoleSchema }),
]);

/**
 * Schema of a key task (关键任务): something that must be done before a deal may leave
 * its stage. `required` defaults to true; `check` defaults to manual.
 *
 * @category Model
 * @example
 * ```ts
 * import { keyTaskSchema } from 'sales-funnel';
 * keyTaskSchema.parse({ id: 'visit', title: 'First visit done' }).required; //=> true
 * ```
 */
export const keyTaskSchema = z.object({
  id: keyTaskIdSchema,
  title: z.string().min(1),
  required: z.boolean().default(true),
  check: keyTaskCheckSchema.default({ kind: 'manual' }),
  description: z.string().optional(),
});

/**
 * Forecast categories, from least to most certain: `pipeline`, `best_case`, `commit`;
 * `closed` for won deals; `omitted` for deals left out of every forecast.
 *
 * @category Model
 * @example
 * ```ts
 * import { forecastCategorySchema } from 'sales-funnel';
 * forecastCategorySchema.parse('commit'); //=> 'commit'
 * ```
 */
export const forecastCategorySchema = z.enum(['pipeline', 'best_case', 'commit', 'closed', 'omitted']);

/**
 * Schema of a stage (销售阶段). `kind` is `open`, `won` or `lost`; won stages have
 * probability 1 and lost stages 0 (checked by the pipeline). When `forecastCategory`
 * is absent it defaults by kind: open → `pipeline`, won → `closed`, lost → `omitted`
 * (see {@link stageForecastCategory}).
 *
 * @category Model
 * @example
 * ```ts
 * import { stageSchema } from 'sales-funnel';
 * const s = stageSchema.parse({ id: 'top', name: '初步接触', kind: 'open', probability: '0.25' });
 * s.keyTasks.length; //=> 0
 * ```
 */
export const stageSchema = z.object({
  id: stageIdSchema,
  name: z.string().min(1),
  kind: z.enum(['open', 'won', 'lost']),
  probability: probabilitySchema,
  forecastCategory: forecastCategorySchema.optional(),
  keyTasks: z.array(keyTaskSchema).default([]),
  stallAfterDays: z.number().positive().optional(),
  expectedDays: z.number().positive().optional(),
});

/**
 * A field rule. See {@link fieldRuleSchema}.
 */
export type FieldRule = z.output<typeof fieldRuleSchema>;
/**
 * How a key task is checked. See {@link keyTaskCheckSchema}.
 */
export type KeyTaskCheck = z.output<typeof keyTaskCheckSchema>;
/**
 * A key task (关键任务). See {@link keyTaskSchema}.
 */
export type KeyTask = z.output<typeof keyTaskSchema>;
/**
 * A forecast category (预测类别).
 */
export type ForecastCategory = z.output<typeof forecastCategorySchema>;
/**
 * A stage (销售阶段). See {@link stageSchema}.
 */
export type Stage = z.output<typeof stageSchema>;
/**
 * A stage's kind: `open`, `won` or `lost`.
 */
export type StageKind = Stage['kind'];

/**
 * A stage's forecast category: its own, or the default for its kind (open → `pipeline`,
 * won → `closed`, lost → `omitted`).
 *
 * @param stage - A stage.
 * @returns The category.
 *
 * @category Model
 * @example
 * ```ts
 * import { stageForecastCategory, stageSchema } from 'sales-funnel';
 * stageForecastCategory(stageSchema.parse({ id: 'w', name: 'Won', kind: 'won', probability: 1 })); //=> 'closed'
 * ```
 */
export function stageForecastCategory(stage: Pick<Stage, 'kind' | 'forecastCategory'>): ForecastCategory {
  if (stage.forecastCategory !== undefined) return stage.forecastCategory;
  return stage.kind === 'open' ? 'pipeline' : stage.kind === 'won' ? 'closed' : 'omitted';
}
