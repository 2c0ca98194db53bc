import * as z from 'zod';
import { addCodedIssue } from '../_lib/zodIssue.js';
import { pipelineIdSchema } from './ids.js';
import { currencySchema } from './primitives.js';
import { stageSchema, type Stage } from './stage.js';

/**
 * Schema of a pipeline's policies, each with a documented default:
 *
 * - `skip`: `'gates'` (default) lets a deal jump over stages only when the required
 *   key tasks of the stage it leaves and of every stage it skips are done; `'forbid'`
 *   refuses every jump.
 * - `backward`: `'allow'` (default), `'reason'` (a moving-back reason is required) or
 *   `'forbid'`.
 * - `probabilityOnStageChange`: `'reset'` (default) drops a deal's probability
 *   override when its stage changes; `'keep'` keeps it.
 * - `reopen` (optional; absent means `'allow'`): `'allow'` lets a closed deal (won or
 *   lost) be reopened; `'reason'` requires a reason, recorded on the `reopened` event;
 *   `'forbid'` makes closing final (终止 is final): `reopen` is refused with
 *   `reopen_forbidden`.
 * - `resumeGuard` (optional): the name of a guard, registered in the engine's `guards`
 *   option like the guards of key tasks, that must pass before a suspended deal (中止)
 *   may `resume` (`resume_guard_failed`, or `resume_guard_missing` when no guard of that
 *   name is registered).
 *
 * The optional policies are left out of the normalised form when absent, so a pipeline
 * written before they existed serializes as it did.
 *
 * @category Model
 * @example
 * ```ts
 * import { pipelinePolicySchema } from 'sales-funnel';
 * pipelinePolicySchema.parse({}); //=> { skip: 'gates', backward: 'allow', probabilityOnStageChange: 'reset' }
 * ```
 */
export const pipelinePolicySchema = z.object({
  skip: z.enum(['forbid', 'gates']).default('gates'),
  backward: z.enum(['allow', 'reason', 'forbid']).default('allow'),
  probabilityOnStageChange: z.enum(['reset', 'keep']).default('reset'),
  reopen: z.enum(['allow', 'reason', 'forbid']).optional(),
  resumeGuard: z.string().min(1).optional(),
});

function checkPipeline(p: { readonly stages: readonly Stage[]; readonly lossReasons?: readonly string[] | undefined }, ctx: z.core.$RefinementCtx): void {
  const stageIds = new Set<string>();
  const taskIds = new Set<string>();
  p.stages.forEach((stage, i) => {
    if (stageIds.has(stage.id)) addCodedIssue(ctx, 'duplicate_stage_id', { stageId: stage.id }, ['stages', i, 'id']);
    stageIds.add(stage.id);
    stage.keyTasks.forEach((task, j) => {
      if (taskIds.has(task.id)) addCodedIssue(ctx, 'duplicate_task_id', { taskId: task.id }, ['stages', i, 'keyTasks', j, 'id']);
      taskIds.add(task.id);
    });
    if (stage.kind === 'won' && !stage.probability.eq(1)) {
      addCodedIssue(ctx, 'closed_stage_probability', { stageId: stage.id, stageName: stage.name, kind: 'won', expected: 1 }, ['stages', i, 'probability']);
    }
    if (stage.kind === 'lost' && !stage.probability.eq(0)) {
      addCodedIssue(ctx, 'closed_stage_probability', { stageId: stage.id, stageName: stage.name, kind: 'lost', expected: 0 }, ['stages', i, 'probability']);
    }
  });
  if (!p.stages.some((s) => s.kind === 'open')) addCodedIssue(ctx, 'no_open_stage', {}, ['stages']);
  if (!p.stages.some((s) => s.kind === 'won')) addCodedIssue(ctx, 'no_won_stage', {}, ['stages']);
  if (!p.stages.some((s) => s.kind === 'lost')) addCodedIssue(ctx, 'no_lost_stage', {}, ['stages']);
  const reasons = new Set<string>();
  p.lossReasons?.forEach((reason, i) => {
    const key = reason.trim();
    if (key.length === 0) addCodedIssue(ctx, 'blank_loss_reason', { index: i }, ['lossReasons', i]);
    else if (reasons.has(key)) addCodedIssue(ctx, 'duplicate_loss_reason', { lossReason: key }, ['lossReasons', i]);
    reasons.add(key);
  });
}

/**
 * Schema of a pipeline (销售漏斗): ordered stages with their key tasks, the pipeline's
 * currency and its policies. Cross-field rules, each a zod issue with a path and a
 * stable `params.code`: stage ids unique (`duplicate_stage_id`), key task ids unique
 * across the pipeline (`duplicate_task_id`), at least one open, one won and one lost
 * stage (`no_open_stage`, `no_won_stage`, `no_lost_stage`), won probability 1 and lost 0
 * (`closed_stage_probability`), loss reasons neither blank (`blank_loss_reason`) nor
 * listed twice (`duplicate_loss_reason`, compared without surrounding spaces).
 *
 * Open stages are ordered as listed; won and lost stages may stand anywhere in the list.
 *
 * `lossReasons` (optional, at least one when given) lists the reasons a deal may be lost
 * for (输单原因), in the order a form offers them: the engine's `lose` then refuses any
 * other reason (`unknown_loss_reason`), and {@link winLoss} lists them first. Ledgers
 * are not checked against the list (it may change over time; old reasons stay valid
 * history). See {@link pipelinePolicySchema} for the policies.
 *
 * @category Model
 * @example
 * ```ts
 * import { pipelineSchema } from 'sales-funnel';
 * const p = pipelineSchema.parse({
 *   id: 'p', name: 'Direct', currency: 'CNY',
 *   stages: [
 *     { id: 'lead', name: '线索', kind: 'open', probability: 0.1 },
 *     { id: 'won', name: '赢单', kind: 'won', probability: 1 },
 *     { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
 *   ],
 * });
 * p.policy.skip; //=> 'gates'
 * ```
 */
export const pipelineSchema = z
  .object({
    id: pipelineIdSchema,
    name: z.string().min(1),
    currency: currencySchema,
    stages: z.array(stageSchema).min(1),
    lossReasons: z.array(z.string().min(1).max(200)).min(1).optional(),
    policy: pipelinePolicySchema.default({ skip: 'gates', backward: 'allow', probabilityOnStageChange: 'reset' }),
  })
  .superRefine(checkPipeline);

/**
 * A pipeline's policies. See {@link pipelinePolicySchema}.
 */
export type PipelinePolicy = z.output<typeof pipelinePolicySchema>;
/**
 * A pipeline (销售漏斗) in the domain form. See {@link pipelineSchema}.
 *
 * `S` and `T` are the unions of its stage ids and key task ids as the type checker knows
 * them: plain `string` for a pipeline read at run time ({@link parsePipeline}), the
 * literal ids for one declared in code with {@link definePipeline}. The engine uses them
 * to refuse a misspelt stage or task id at compile time. A `Pipeline<'a' | 'b'>` is a
 * `Pipeline`; the ids live in the type only (the optional `'~ids'` key is never set).
 */
export type Pipeline<S extends string = string, T extends string = string> = z.output<typeof pipelineSchema> & {
  /** Type-level only, never present: the pipeline's stage and key task ids (see {@link definePipeline}). */
  readonly '~ids'?: { readonly stageIds: S; readonly taskIds: T };
};
/**
 * A pipeline in its JSON wire form.
 */
export type PipelineJson = z.input<typeof pipelineSchema>;

/**
 * Parses a pipeline from JSON (wire form) into the domain form.
 *
 * @param input - Untrusted data, e.g. `JSON.parse(text)`.
 * @returns The pipeline.
 * @throws `ZodError` listing every issue, each with a path (and `params.code` for cross-field rules).
 *
 * @category Model
 * @example
 * ```ts
 * import { parsePipeline } from 'sales-funnel';
 * const p = parsePipeline({
 *   id: 'p', name: 'Direct', currency: 'CNY',
 *   stages: [
 *     { id: 'lead', name: 'Lead', kind: 'open', probability: '0.1' },
 *     { id: 'won', name: 'Won', kind: 'won', probability: 1 },
 *     { id: 'lost', name: 'Lost', kind: 'lost', probability: 0 },
 *   ],
 * });
 * p.stages[0]?.probability.toString(); //=> '0.1'
 * ```
 */
export function parsePipeline(input: unknown): Pipeline {
  return pipelineSchema.parse(input);
}

/**
 * Like {@link parsePipeline} but returns `{ success: true, data }` or `{ success: false, error }`.
 *
 * @param input - Untrusted data.
 * @returns The zod safe-parse result.
 *
 * @category Model
 * @example
 * ```ts
 * import { safeParsePipeline } from 'sales-funnel';
 * safeParsePipeline({ id: 'p' }).success; //=> false
 * ```
 */
export function safeParsePipeline(input: unknown): z.ZodSafeParseResult<Pipeline> {
  return pipelineSchema.safeParse(input);
}

/**
 * Turns a pipeline back into its normalised JSON wire form (defaults filled in,
 * decimals as strings). `serializePipeline(parsePipeline(json))` equals the normalised
 * JSON, and parsing it again gives an equal pipeline.
 *
 * @param pipeline - A domain pipeline.
 * @returns Plain JSON data.
 *
 * @category Model
 * @example
 * ```ts
 * import { parsePipeline, serializePipeline } from 'sales-funnel';
 * declare const json: unknown;
 * const text = JSON.stringify(serializePipeline(parsePipeline(json)));
 * ```
 */
export function serializePipeline(pipeline: Pipeline): PipelineJson {
  return z.encode(pipelineSchema, pipeline);
}

/**
 * `T` with every property and array readonly, all the way down: what an object literal
 * written `as const` is assignable to.
 */
export type DeepReadonly<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends ReadonlyArray<infer E>
    ? ReadonlyArray<DeepReadonly<E>>
    : { readonly [K in keyof T]: DeepReadonly<T[K]> };

/** A pipeline written in code: its wire form, with readonly arrays allowed (`as const`). */
export type PipelineDefinition = DeepReadonly<PipelineJson>;

/**
 * The stage ids of a pipeline definition, as a union of literal types (`string` when
 * the ids are not literals).
 */
export type StageIdsOf<P> = P extends { readonly stages: ReadonlyArray<infer St> } ? (St extends { readonly id: infer I extends string } ? I : never) : never;

/**
 * The key task ids of a pipeline definition, as a union of literal types (`never` for
 * a pipeline without key tasks, `string` when the ids are not literals).
 */
export type TaskIdsOf<P> = P extends { readonly stages: ReadonlyArray<infer St> }
  ? St extends { readonly keyTasks?: ReadonlyArray<infer K> }
    ? K extends { readonly id: infer I extends string }
      ? I
      : never
    : never
  : never;

/**
 * Declares a pipeline in code and keeps its ids as types: parses it like
 * {@link parsePipeline} and returns a {@link Pipeline} typed with the literal union of
 * its stage ids and key task ids. The engine then refuses a misspelt id at compile time
 * (`transition(deal, pipeline, { type: 'move', to: 'negociate' }, …)` does not compile),
 * while pipelines read at run time keep taking any string.
 *
 * The ids are inferred from the object literal as written (no `as const` needed, though
 * it does no harm).
 *
 * @param definition - The pipeline in its wire form, written in code.
 * @returns The parsed pipeline, typed `Pipeline<StageIdsOf<P>, TaskIdsOf<P>>`.
 * @throws `ZodError` listing every issue, as {@link parsePipeline}.
 *
 * @category Model
 * @example
 * ```ts
 * import { definePipeline } from 'sales-funnel';
 * const pipeline = definePipeline({
 *   id: 'direct', name: '直销', currency: 'CNY',
 *   stages: [
 *     { id: 'lead', name: '线索', kind: 'open', probability: '0.1', keyTasks: [{ id: 'visit', title: '首次拜访' }] },
 *     { id: 'negotiate', name: '谈判', kind: 'open', probability: '0.6' },
 *     { id: 'won', name: '赢单', kind: 'won', probability: 1 },
 *     { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
 *   ],
 * });
 * type Ids = NonNullable<(typeof pipeline)['~ids']>['stageIds']; // 'lead' | 'negotiate' | 'won' | 'lost'
 * ```
 */
export function definePipeline<const P extends PipelineDefinition>(definition: P): Pipeline<StageIdsOf<P>, TaskIdsOf<P>> {
  // The ids are type-level only: the parsed value is the same as parsePipeline's.
  return parsePipeline(definition) as Pipeline<StageIdsOf<P>, TaskIdsOf<P>>;
}
