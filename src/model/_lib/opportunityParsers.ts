import * as z from 'zod';
import { booleanOption } from '../../_lib/options.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { formatMessage } from '../../i18n/formatMessage.js';
import { opportunityObject, type Opportunity } from '../opportunityShape.js';
import type { Pipeline } from '../pipeline.js';
import { pipelineIndex, type PipelineIndex } from '../pipelineIndex.js';
import { checkOpportunity, type CheckContext, type Report } from './checkOpportunity.js';
import { fastOpportunity } from './fastOpportunity.js';

// The checked opportunity schemas (with and without a pipeline, strict or allowing an
// empty ledger), cached, and the fast path in front of them.

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

interface Prepared {
  readonly schema: ReturnType<typeof schemaWith>;
  readonly context: CheckContext;
}

/** The opportunity schemas of a pipeline with their check contexts, cached per pipeline object (strict, lenient). */
const byPipeline = new WeakMap<Pipeline, readonly [Prepared, Prepared]>();

/** The strict and lenient schemas of a pipeline, built once per pipeline object. @internal */
export function forPipeline(pipeline: Pipeline, option: string) {
  let hit = byPipeline.get(pipeline);
  if (hit === undefined) {
    let index: PipelineIndex;
    try {
      index = pipelineIndex(pipeline);
    } catch {
      throw new FunnelError('invalid_option', { option, reason: because('must_be_parsed_pipeline') });
    }
    const strict: CheckContext = { index, allowEmptyHistory: false };
    const lenient: CheckContext = { index, allowEmptyHistory: true };
    hit = [
      { schema: schemaWith(strict), context: strict },
      { schema: schemaWith(lenient), context: lenient },
    ];
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

/** The `allowEmptyHistory` option, validated. @internal */
export function readAllowEmpty(options: OpportunitySchemaOptions | undefined): boolean {
  if (options === undefined) return false;
  if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
  return options.allowEmptyHistory === undefined ? false : booleanOption(options.allowEmptyHistory, 'allowEmptyHistory');
}

/** Options for {@link parseOpportunity} and {@link safeParseOpportunity}. */
export interface ParseOpportunityOptions extends OpportunitySchemaOptions {
  /** When given, the rules that need the pipeline are checked too. */
  readonly pipeline?: Pipeline;
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
  return forPipeline(pipeline, 'pipeline')[lenient ? 1 : 0]!;
}

let failed = false;
const fail: Report = () => {
  failed = true;
};

/** Parses with the fast path first; `undefined` when zod must decide. @internal */
export function fastParseOpportunity(input: unknown, prepared: Prepared): Opportunity | undefined {
  const o = fastOpportunity(input, prepared.context.index);
  if (o === undefined) return undefined;
  failed = false;
  checkOpportunity(o, prepared.context, fail);
  return failed ? undefined : o;
}


/** The wire form of a domain opportunity (throws a `ZodError` when it is not one). @internal */
export function encodeOpportunity(opportunity: Opportunity): z.input<typeof opportunityObject> {
  return z.encode(opportunitySchema, opportunity);
}
