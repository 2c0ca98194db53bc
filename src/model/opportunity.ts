import type * as z from 'zod';
import type { OpportunityEventDraft } from './events.js';
import {
  encodeOpportunity,
  fastParseOpportunity,
  forPipeline,
  prepareOpportunityParse,
  readAllowEmpty,
  type OpportunitySchemaOptions,
  type ParseOpportunityOptions,
} from './_lib/opportunityParsers.js';
import type { Opportunity, OpportunityJson } from './opportunityShape.js';
import type { Pipeline } from './pipeline.js';

export { opportunitySchema, type OpportunitySchemaOptions, type ParseOpportunityOptions } from './_lib/opportunityParsers.js';
export { completedTaskSchema, completedTasksSchema, opportunitySourceSchema, type CompletedTask, type Opportunity, type OpportunityJson, type OpportunitySource, type OpportunityStatus } from './opportunityShape.js';

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
 * The ledger rules of {@link opportunitySchema}, each with its path: no negative amount
 * (`invalid_amount`: the deal's, an `amount_changed`'s `from` and `to`, an activity's
 * `cost`), `seq` equal to the 1-based position (`ledger_seq_mismatch`), client ids unique
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
  return forPipeline(pipeline, 'pipeline')[lenient ? 1 : 0].schema;
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
  return encodeOpportunity(opportunity);
}
