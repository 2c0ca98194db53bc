import * as z from 'zod';
import { addCodedIssue, type RefineCtx } from '../_lib/zodIssue.js';
import { customerIdSchema, keyTaskIdSchema, opportunityIdSchema, pipelineIdSchema, stageIdSchema, userIdSchema } from './ids.js';
import { opportunityEventSchema, splitSchema, type OpportunityEvent, type Split } from './events.js';
import type { Pipeline } from './pipeline.js';
import { attributesSchema, instantSchema, moneySchema, plainDateSchema, probabilitySchema } from './primitives.js';
import { forecastCategorySchema } from './stage.js';

/**
 * Schema of the record of a completed key task: when, and by whom.
 *
 * @example
 * ```ts
 * import { completedTaskSchema } from 'sales-funnel';
 * completedTaskSchema.parse({ at: '2026-02-01T10:00:00Z', by: 'rep-zhang' });
 * ```
 */
export const completedTaskSchema = z.object({ at: instantSchema, by: userIdSchema.optional() });

/**
 * Replays a ledger and reports the stage it leaves the deal in, with every
 * inconsistency found: events out of time order (`ledger_out_of_order`) and
 * `stage_changed.from` not matching the stage before it (`ledger_stage_mismatch`).
 * The stage is `undefined` when no event names one (an empty ledger).
 *
 * @param history - The ledger, oldest first.
 * @returns The final stage and the problems, each with its index in the ledger.
 *
 * @example
 * ```ts
 * import { replayLedger, opportunityEventSchema } from 'sales-funnel';
 * const history = [
 *   { type: 'created', at: '2026-01-01T00:00:00Z', stageId: 'lead' },
 *   { type: 'stage_changed', at: '2026-01-09T00:00:00Z', from: 'lead', to: 'qualify', kind: 'advance' },
 * ].map((e) => opportunityEventSchema.parse(e));
 * replayLedger(history).stageId; //=> 'qualify'
 * ```
 */
export function replayLedger(history: readonly OpportunityEvent[]): {
  readonly stageId: string | undefined;
  readonly problems: ReadonlyArray<{ readonly index: number; readonly code: 'ledger_out_of_order' | 'ledger_stage_mismatch'; readonly expected?: string; readonly actual?: string }>;
} {
  const problems: { index: number; code: 'ledger_out_of_order' | 'ledger_stage_mismatch'; expected?: string; actual?: string }[] = [];
  let stage: string | undefined;
  let last = -Infinity;
  history.forEach((e, index) => {
    const t = e.at.getTime();
    if (t < last) problems.push({ index, code: 'ledger_out_of_order' });
    last = Math.max(last, t);
    switch (e.type) {
      case 'created':
      case 'won':
      case 'lost':
      case 'reopened':
        stage = e.stageId;
        break;
      case 'stage_changed':
        if (stage !== undefined && e.from !== stage) {
          problems.push({ index, code: 'ledger_stage_mismatch', expected: stage, actual: e.from });
        }
        stage = e.to;
        break;
      default:
        break;
    }
  });
  return { stageId: stage, problems };
}

function checkSplits(splits: readonly Split[] | undefined, ctx: RefineCtx, path: readonly (string | number)[]): void {
  if (splits === undefined) return;
  const total = splits.reduce((a, s) => a + s.basisPoints, 0);
  if (total !== 10_000) addCodedIssue(ctx, 'splits_total', { total }, path);
  const seen = new Set<string>();
  splits.forEach((s, i) => {
    if (seen.has(s.ownerId)) addCodedIssue(ctx, 'duplicate_split_owner', { ownerId: s.ownerId }, [...path, i, 'ownerId']);
    seen.add(s.ownerId);
  });
}

const opportunityObject = z.object({
  id: opportunityIdSchema,
  customerId: customerIdSchema,
  pipelineId: pipelineIdSchema,
  name: z.string().min(1),
  amount: moneySchema,
  expectedCloseDate: plainDateSchema.optional(),
  region: z.string().min(1).optional(),
  stageId: stageIdSchema,
  status: z.enum(['open', 'suspended', 'won', 'lost']).default('open'),
  probabilityOverride: probabilitySchema.optional(),
  forecastCategoryOverride: forecastCategorySchema.optional(),
  ownerId: userIdSchema,
  splits: z.array(splitSchema).optional(),
  completedTasks: z.record(keyTaskIdSchema, completedTaskSchema).default({}),
  closedAt: instantSchema.optional(),
  lossReason: z.string().min(1).optional(),
  competitor: z.string().min(1).optional(),
  attributes: attributesSchema.default({}),
  history: z.array(opportunityEventSchema).default([]),
});

type OpportunityShape = z.output<typeof opportunityObject>;

function checkOpportunity(o: OpportunityShape, ctx: RefineCtx): void {
  checkSplits(o.splits, ctx, ['splits']);
  const replay = replayLedger(o.history);
  for (const p of replay.problems) {
    if (p.code === 'ledger_out_of_order') addCodedIssue(ctx, 'ledger_out_of_order', { index: p.index }, ['history', p.index, 'at']);
    else addCodedIssue(ctx, 'ledger_stage_mismatch', { index: p.index, expected: p.expected ?? '', actual: p.actual ?? '' }, ['history', p.index, 'from']);
  }
  if (replay.stageId !== undefined && replay.stageId !== o.stageId) {
    addCodedIssue(ctx, 'ledger_current_stage_mismatch', { expected: replay.stageId, actual: o.stageId }, ['stageId']);
  }
}

/**
 * Schema of an opportunity (商机/销售机会) on its own, without its pipeline. Cross-field
 * rules: splits add up to exactly 10 000 basis points with no owner twice
 * (`splits_total`, `duplicate_split_owner`); ledger events in time order
 * (`ledger_out_of_order`); each `stage_changed.from` equal to the stage before it
 * (`ledger_stage_mismatch`); the ledger's last stage equal to `stageId`
 * (`ledger_current_stage_mismatch`). Rules that need the pipeline are checked by
 * {@link opportunitySchemaFor}.
 *
 * @example
 * ```ts
 * import { opportunitySchema } from 'sales-funnel';
 * const o = opportunitySchema.parse({
 *   id: 'o1', customerId: 'c1', pipelineId: 'p', name: 'ERP rollout',
 *   amount: { amount: '1000000', currency: 'CNY' }, stageId: 'lead', ownerId: 'rep-zhang',
 * });
 * o.status; //=> 'open'
 * ```
 */
export const opportunitySchema = opportunityObject.superRefine(checkOpportunity);

/**
 * An opportunity (商机) in the domain form.
 *
 * @example
 * ```ts
 * import { parseOpportunity, type Opportunity } from 'sales-funnel';
 * declare const json: unknown;
 * const o: Opportunity = parseOpportunity(json);
 * ```
 */
export type Opportunity = z.output<typeof opportunitySchema>;
/**
 * An opportunity in its JSON wire form.
 *
 * @example
 * ```ts
 * import type { OpportunityJson } from 'sales-funnel';
 * const j: OpportunityJson = {
 *   id: 'o1', customerId: 'c1', pipelineId: 'p', name: 'ERP',
 *   amount: { amount: '100', currency: 'CNY' }, stageId: 'lead', ownerId: 'u1',
 * };
 * ```
 */
export type OpportunityJson = z.input<typeof opportunitySchema>;
/**
 * An opportunity's status: `open`, `suspended` (中止, can be resumed), `won` or `lost`.
 *
 * @example
 * ```ts
 * import type { OpportunityStatus } from 'sales-funnel';
 * const s: OpportunityStatus = 'suspended';
 * ```
 */
export type OpportunityStatus = Opportunity['status'];
/**
 * Record of a completed key task.
 *
 * @example
 * ```ts
 * import type { CompletedTask } from 'sales-funnel';
 * const c: CompletedTask = { at: new Date('2026-02-01T10:00:00Z') };
 * ```
 */
export type CompletedTask = z.output<typeof completedTaskSchema>;

function checkAgainstPipeline(o: Opportunity, pipeline: Pipeline, ctx: RefineCtx): void {
  if (o.pipelineId !== pipeline.id) addCodedIssue(ctx, 'pipeline_mismatch', { expected: pipeline.id, actual: o.pipelineId }, ['pipelineId']);
  const stages = new Map(pipeline.stages.map((s) => [s.id as string, s]));
  const tasks = new Set(pipeline.stages.flatMap((s) => s.keyTasks.map((t) => t.id as string)));
  const stage = stages.get(o.stageId);
  if (stage === undefined) {
    addCodedIssue(ctx, 'stage_not_in_pipeline', { stageId: o.stageId, pipelineId: pipeline.id }, ['stageId']);
  } else {
    const ok = o.status === 'suspended' || o.status === 'open' ? stage.kind === 'open' : stage.kind === o.status;
    if (!ok) addCodedIssue(ctx, 'status_stage_mismatch', { status: o.status, stageKind: stage.kind, stageId: stage.id }, ['status']);
  }
  for (const taskId of Object.keys(o.completedTasks)) {
    if (!tasks.has(taskId)) addCodedIssue(ctx, 'unknown_task', { taskId }, ['completedTasks', taskId]);
  }
  o.history.forEach((e, i) => {
    const ids: [string, string][] =
      e.type === 'stage_changed' ? [['from', e.from], ['to', e.to]]
      : e.type === 'created' || e.type === 'won' || e.type === 'lost' || e.type === 'reopened' ? [['stageId', e.stageId]]
      : [];
    for (const [field, id] of ids) {
      if (!stages.has(id)) addCodedIssue(ctx, 'stage_not_in_pipeline', { stageId: id, pipelineId: pipeline.id }, ['history', i, field]);
    }
    if ((e.type === 'task_completed' || e.type === 'task_reopened') && !tasks.has(e.taskId)) {
      addCodedIssue(ctx, 'unknown_task', { taskId: e.taskId }, ['history', i, 'taskId']);
    }
  });
}

/**
 * The opportunity schema plus the rules that need its pipeline: same pipeline id
 * (`pipeline_mismatch`), stage ids of the pipeline in `stageId` and in the ledger
 * (`stage_not_in_pipeline`), status mirroring the stage's kind — `open`/`suspended` in
 * an open stage, `won` in a won stage, `lost` in a lost stage (`status_stage_mismatch`)
 * — and completed tasks that exist (`unknown_task`).
 *
 * @param pipeline - The pipeline the opportunities belong to.
 * @returns A schema to parse opportunities of that pipeline.
 *
 * @example
 * ```ts
 * import { opportunitySchemaFor, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const rows: unknown[];
 * const schema = opportunitySchemaFor(pipeline);
 * const deals = rows.map((r) => schema.parse(r));
 * ```
 */
export function opportunitySchemaFor(pipeline: Pipeline) {
  return opportunitySchema.superRefine((o, ctx) => checkAgainstPipeline(o, pipeline, ctx));
}

/**
 * Options for {@link parseOpportunity} and {@link safeParseOpportunity}.
 *
 * @example
 * ```ts
 * import type { ParseOpportunityOptions, Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * const options: ParseOpportunityOptions = { pipeline };
 * ```
 */
export interface ParseOpportunityOptions {
  /** When given, the rules that need the pipeline are checked too. */
  readonly pipeline?: Pipeline;
}

/**
 * Parses an opportunity from JSON (wire form) into the domain form.
 *
 * @param input - Untrusted data.
 * @param options - Pass `pipeline` to check the opportunity against it.
 * @returns The opportunity.
 * @throws `ZodError` listing every issue, each with a path and, for cross-field rules, `params.code`.
 *
 * @example
 * ```ts
 * import { parseOpportunity } from 'sales-funnel';
 * const o = parseOpportunity({
 *   id: 'o1', customerId: 'c1', pipelineId: 'p', name: 'ERP rollout',
 *   amount: { amount: '1000000.00', currency: 'CNY' }, stageId: 'lead', ownerId: 'rep-zhang',
 *   history: [{ type: 'created', at: '2026-01-05T09:00:00+08:00', stageId: 'lead' }],
 * });
 * o.amount.amount.toFixed(2); //=> '1000000.00'
 * ```
 */
export function parseOpportunity(input: unknown, options: ParseOpportunityOptions = {}): Opportunity {
  return (options.pipeline === undefined ? opportunitySchema : opportunitySchemaFor(options.pipeline)).parse(input);
}

/**
 * Like {@link parseOpportunity} but returns a result instead of throwing.
 *
 * @param input - Untrusted data.
 * @param options - Pass `pipeline` to check the opportunity against it.
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 *
 * @example
 * ```ts
 * import { safeParseOpportunity } from 'sales-funnel';
 * const r = safeParseOpportunity({ id: 'o1' });
 * if (!r.success) r.error.issues.length > 0; //=> true
 * ```
 */
export function safeParseOpportunity(input: unknown, options: ParseOpportunityOptions = {}): z.ZodSafeParseResult<Opportunity> {
  return (options.pipeline === undefined ? opportunitySchema : opportunitySchemaFor(options.pipeline)).safeParse(input);
}

/**
 * Turns an opportunity back into normalised JSON (amounts with at least the
 * currency's minor digits, instants in UTC, defaults filled in).
 *
 * @param opportunity - A domain opportunity.
 * @returns Plain JSON data.
 *
 * @example
 * ```ts
 * import { parseOpportunity, serializeOpportunity } from 'sales-funnel';
 * declare const json: unknown;
 * const again = parseOpportunity(serializeOpportunity(parseOpportunity(json)));
 * ```
 */
export function serializeOpportunity(opportunity: Opportunity): OpportunityJson {
  return z.encode(opportunitySchema, opportunity);
}
