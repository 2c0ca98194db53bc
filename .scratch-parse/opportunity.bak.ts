import * as z from 'zod';
import { booleanOption } from '../_lib/options.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { formatMessage } from '../i18n/formatMessage.js';
import { checkOpportunity, type CheckContext, type Report } from './_lib/checkOpportunity.js';
import { fastOpportunity } from './_lib/fastOpportunity.js';
import { customerIdSchema, keyTaskIdSchema, opportunityIdSchema, pipelineIdSchema, stageIdSchema, userIdSchema } from './ids.js';
import { opportunityEventSchema, splitSchema, type OpportunityEvent, type OpportunityEventDraft } from './events.js';
import type { Pipeline } from './pipeline.js';
import { pipelineIndex } from './pipelineIndex.js';
import { attributesSchema, checkRecordKey, instantSchema, moneySchema, plainDateSchema, probabilitySchema } from './primitives.js';
import { forecastCategorySchema } from './stage.js';

/**
 * Schema of the record of a completed key task: when, and by whom.
 *
 * @category Model
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
 * Parsing checks much more (see {@link opportunitySchema}); this is the replay of
 * stages alone, for ledgers built in code.
 *
 * @param history - The ledger, oldest first.
 * @returns The final stage and the problems, each with its index in the ledger.
 *
 * @category Model
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
export function replayLedger(history: readonly OpportunityEventDraft[]): {
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

const completedTasksKeys = z.custom<Record<string, unknown>>(() => true).check(
  z.superRefine((value, ctx) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return; // the record reports it
    for (const key of Object.keys(value)) checkRecordKey(key, ctx, []);
  }),
);

/**
 * Schema of an opportunity's completed key tasks: task id → {@link completedTaskSchema}.
 * The keys `__proto__` (an own one, as `JSON.parse` makes, included), `constructor`
 * and `prototype` are refused with `forbidden_key`, never silently dropped.
 *
 * @category Model
 * @example
 * ```ts
 * import { completedTasksSchema } from 'sales-funnel';
 * completedTasksSchema.safeParse(JSON.parse('{"__proto__": {"at": "2026-02-01T10:00:00Z"}}')).success; //=> false
 * ```
 */
export const completedTasksSchema = z.pipe(
  completedTasksKeys as unknown as z.ZodType<Record<string, z.input<typeof completedTaskSchema>>>,
  z.record(keyTaskIdSchema, completedTaskSchema),
);

function misnumbered(events: readonly OpportunityEvent[]): number {
  for (let i = 0; i < events.length; i++) if (events[i]?.seq !== i + 1) return i;
  return -1;
}

/**
 * Codec of a ledger: events on the wire may leave out `seq`, which is then their
 * 1-based position; in the domain every event has it. Serializing refuses a ledger
 * whose `seq` is not its position (`ledger_seq_mismatch`).
 */
const historySchema = z.codec(z.array(opportunityEventSchema), z.custom<OpportunityEvent[]>(() => true), {
  decode: (events) => {
    const out = new Array<OpportunityEvent>(events.length);
    for (let i = 0; i < events.length; i++) {
      const { type, seq, ...rest } = events[i]!;
      out[i] = { type, seq: seq ?? i + 1, ...rest } as OpportunityEvent;
    }
    return out;
  },
  encode: (events, ctx) => {
    const i = Array.isArray(events) ? misnumbered(events) : -1;
    if (i >= 0) {
      reporter(ctx)('ledger_seq_mismatch', { index: i, expected: i + 1, actual: Number(events[i]?.seq) }, [i, 'seq']);
    }
    return events;
  },
});

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
  completedTasks: completedTasksSchema.default({}),
  closedAt: instantSchema.optional(),
  lossReason: z.string().min(1).optional(),
  competitor: z.string().min(1).optional(),
  attributes: attributesSchema.default({}),
  history: historySchema.default([]),
});

/**
 * An opportunity (商机) in the domain form. Its ledger (`history`) is the truth the
 * other fields agree with; its version is the ledger's length (see
 * `opportunityVersion`).
 */
export type Opportunity = z.output<typeof opportunityObject>;
/** An opportunity in its JSON wire form. */
export type OpportunityJson = z.input<typeof opportunityObject>;
/** An opportunity's status: `open`, `suspended` (中止, can be resumed), `won` or `lost`. */
export type OpportunityStatus = Opportunity['status'];
/** Record of a completed key task. */
export type CompletedTask = z.output<typeof completedTaskSchema>;

/** The zod issue sink of a codec transform, as a {@link Report}. */
function reporter(ctx: { readonly issues: z.core.$ZodRawIssue[] }): Report {
  return (code, params, path) => {
    ctx.issues.push({ code: 'custom', input: undefined, path: [...path], message: formatMessage(code, params as never), params: { ...params, code } });
  };
}

function schemaWith(context: CheckContext) {
  return z.codec(opportunityObject, z.custom<Opportunity>(() => true), {
    decode: (o, ctx) => {
      checkOpportunity(o, context, reporter(ctx));
      return o;
    },
    encode: (o) => o,
  });
}

/**
 * Schema of an opportunity (商机/销售机会) on its own, without its pipeline.
 *
 * Structure first: every field of its type, decimals within their limits, instants
 * real and within the years 0001–9999, safe keys in `attributes` and `completedTasks`.
 * Only a deal that passes all of that is checked across fields (so a bad `at` is one
 * `invalid_instant` issue, never a crash): splits add up to exactly 10 000 basis points
 * with no owner twice (`splits_total`, `duplicate_split_owner`), and the ledger is
 * replayed: it must be non-empty (`ledger_empty`), numbered, in time order, consistent
 * with itself and with the deal's stage, status, amount, close date, owner, splits,
 * completed tasks and close fields. The rules and their codes are listed under
 * {@link opportunitySchemaFor}, which adds those that need the pipeline.
 *
 * @category Model
 * @example
 * ```ts
 * import { opportunitySchema } from 'sales-funnel';
 * const o = opportunitySchema.parse({
 *   id: 'o1', customerId: 'c1', pipelineId: 'p', name: 'ERP rollout',
 *   amount: { amount: '1000000', currency: 'CNY' }, stageId: 'lead', ownerId: 'rep-zhang',
 *   history: [{ type: 'created', at: '2026-01-05T09:00:00+08:00', stageId: 'lead' }],
 * });
 * o.status; //=> 'open'
 * o.history[0]?.seq; //=> 1
 * ```
 */
export const opportunitySchema = schemaWith({ index: undefined, allowEmptyHistory: false });
const lenientSchema = schemaWith({ index: undefined, allowEmptyHistory: true });

/** The opportunity schema of a pipeline, cached per pipeline object (strict, lenient). */
const byPipeline = new WeakMap<Pipeline, [ReturnType<typeof schemaWith>, ReturnType<typeof schemaWith>, CheckContext, CheckContext]>();

function forPipeline(pipeline: Pipeline, option: string) {
  let hit = byPipeline.get(pipeline);
  if (hit === undefined) {
    let index;
    try {
      index = pipelineIndex(pipeline);
    } catch {
      throw new FunnelError('invalid_option', { option, reason: 'must be a parsed pipeline (parsePipeline)' });
    }
    const strict: CheckContext = { index, allowEmptyHistory: false };
    const lenient: CheckContext = { index, allowEmptyHistory: true };
    hit = [schemaWith(strict), schemaWith(lenient), strict, lenient];
    byPipeline.set(pipeline, hit);
  }
  return hit;
}

/**
 * Options for {@link opportunitySchemaFor}, {@link parseOpportunity} and
 * {@link safeParseOpportunity}.
 */
export interface OpportunitySchemaOptions {
  /**
   * Accept a deal whose ledger is empty. By default it is refused (`ledger_empty`):
   * the ledger is the truth every analysis reads, so a deal without one would be
   * silently left out of the funnel.
   *
   * @defaultValue false
   */
  readonly allowEmptyHistory?: boolean;
}

/**
 * The opportunity schema plus the rules that need its pipeline: same pipeline id
 * (`pipeline_mismatch`), stage ids of the pipeline in `stageId` and in the ledger
 * (`stage_not_in_pipeline`), status mirroring the stage's kind — `open`/`suspended` in
 * an open stage, `won` in a won stage, `lost` in a lost stage (`status_stage_mismatch`)
 * — completed tasks and task events that exist (`unknown_task`), and the ledger's
 * stage kinds: a `stage_changed` only between open stages
 * (`ledger_stage_change_closes`), `won` into a won and `lost` into a lost stage
 * (`ledger_close_stage_kind`), `created` and `reopened` into an open stage
 * (`ledger_open_stage_kind`).
 *
 * The ledger rules of {@link opportunitySchema}, each with its path: `seq` equal to the
 * 1-based position (`ledger_seq_mismatch`), client ids unique
 * (`ledger_duplicate_event_id`), time never going back (`ledger_out_of_order`),
 * `created` only first (`ledger_created_not_first`), nothing but `reopened` after
 * `won`/`lost` (`ledger_event_after_close`), no move, close or second suspension while
 * suspended (`ledger_event_while_suspended`), `reopened` only when closed and `resumed`
 * only when suspended (`ledger_unexpected_event`), `stage_changed.from` the stage before
 * it (`ledger_stage_mismatch`); then the deal against the last event that set each
 * field: stage (`ledger_current_stage_mismatch`), status (`ledger_status_mismatch`;
 * the ledger starts open), amount (`ledger_amount_mismatch`), close date
 * (`ledger_close_date_mismatch`), owner (`ledger_owner_mismatch`), each key task the
 * ledger completes or reopens (`ledger_task_mismatch`), and splits, `closedAt`,
 * `lossReason`, `competitor` (`ledger_field_mismatch`). A field no event sets is not
 * checked, so a ledger imported midway (without `created`) is accepted.
 *
 * The schema is built once per pipeline object and cached.
 *
 * @param pipeline - The pipeline the opportunities belong to.
 * @param options - `allowEmptyHistory`.
 * @returns A schema to parse opportunities of that pipeline.
 * @throws {@link FunnelError} `invalid_option` when `pipeline` is not a parsed pipeline
 *   or an option is invalid.
 *
 * @category Model
 * @example
 * ```ts
 * import { opportunitySchemaFor, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const rows: unknown[];
 * const schema = opportunitySchemaFor(pipeline);
 * const deals = rows.map((r) => schema.parse(r));
 * ```
 */
export function opportunitySchemaFor(pipeline: Pipeline, options: OpportunitySchemaOptions = {}) {
  const lenient = readAllowEmpty(options);
  return forPipeline(pipeline, 'pipeline')[lenient ? 1 : 0];
}

function readAllowEmpty(options: OpportunitySchemaOptions | undefined): boolean {
  if (options === undefined) return false;
  if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'options', reason: 'must be an object' });
  return options.allowEmptyHistory === undefined ? false : booleanOption(options.allowEmptyHistory, 'allowEmptyHistory');
}

/** Options for {@link parseOpportunity} and {@link safeParseOpportunity}. */
export interface ParseOpportunityOptions extends OpportunitySchemaOptions {
  /** When given, the rules that need the pipeline are checked too. */
  readonly pipeline?: Pipeline;
}

interface Prepared {
  readonly schema: ReturnType<typeof schemaWith>;
  readonly context: CheckContext;
}

const PLAIN: readonly [Prepared, Prepared] = [
  { schema: opportunitySchema, context: { index: undefined, allowEmptyHistory: false } },
  { schema: lenientSchema, context: { index: undefined, allowEmptyHistory: true } },
];

/** The schema and check context of parse options, validated. @internal */
export function prepareOpportunityParse(options: ParseOpportunityOptions | undefined): Prepared {
  const lenient = readAllowEmpty(options);
  const pipeline = options?.pipeline;
  if (pipeline === undefined) return PLAIN[lenient ? 1 : 0]!;
  const hit = forPipeline(pipeline, 'pipeline');
  return lenient ? { schema: hit[1], context: hit[3] } : { schema: hit[0], context: hit[2] };
}

/** Parses with the fast path first; `undefined` when zod must decide. @internal */
export function fastParseOpportunity(input: unknown, prepared: Prepared): Opportunity | undefined {
  const o = fastOpportunity(input, prepared.context.index);
  if (o === undefined) return undefined;
  let ok = true;
  checkOpportunity(o, prepared.context, () => {
    ok = false;
  });
  return ok ? o : undefined;
}

/**
 * Parses an opportunity from JSON (wire form) into the domain form, checking it as
 * {@link opportunitySchema} does (with `pipeline`, as {@link opportunitySchemaFor}
 * does). Valid deals take a hand-written fast path that accepts exactly what the zod
 * schema accepts and returns the same value; anything else goes through zod, which
 * lists every issue.
 *
 * @param input - Untrusted data, e.g. one element of `JSON.parse(text)`; instants may be `Date`s.
 * @param options - `pipeline` to check the opportunity against it; `allowEmptyHistory`.
 * @returns The opportunity.
 * @throws `ZodError` listing every issue, each with a path and, for coded rules,
 *   `params.code` (see {@link toFunnelIssues}); {@link FunnelError} `invalid_option`
 *   for bad options.
 *
 * @category Model
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
  const prepared = prepareOpportunityParse(options);
  return fastParseOpportunity(input, prepared) ?? prepared.schema.parse(input);
}

/**
 * Like {@link parseOpportunity} but returns a result instead of throwing a `ZodError`.
 * Never throws for any `input` (bad options still throw `invalid_option`).
 *
 * @param input - Untrusted data.
 * @param options - `pipeline` to check the opportunity against it; `allowEmptyHistory`.
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 * @throws {@link FunnelError} `invalid_option` for bad options.
 *
 * @category Model
 * @example
 * ```ts
 * import { safeParseOpportunity } from 'sales-funnel';
 * const r = safeParseOpportunity({ id: 'o1' });
 * if (!r.success) r.error.issues.length > 0; //=> true
 * ```
 */
export function safeParseOpportunity(input: unknown, options: ParseOpportunityOptions = {}): z.ZodSafeParseResult<Opportunity> {
  const prepared = prepareOpportunityParse(options);
  const fast = fastParseOpportunity(input, prepared);
  return fast !== undefined ? { success: true, data: fast } : prepared.schema.safeParse(input);
}

/**
 * Turns an opportunity back into normalised JSON (amounts with at least the
 * currency's minor digits, instants in UTC, defaults filled in, every ledger event
 * with its `seq`).
 *
 * @param opportunity - A domain opportunity.
 * @returns Plain JSON data.
 * @throws `ZodError` when the value is not a valid domain opportunity (a `Date`
 *   outside the years 0001–9999, a decimal outside the accepted range, a ledger whose
 *   `seq` is not its position).
 *
 * @category Model
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
