import type * as z from 'zod';
import { booleanOption } from '../../_lib/options.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { opportunitySchemaFor, safeParseOpportunity, type Opportunity, type ParseOpportunityOptions } from '../opportunity.js';
import {
  checkRowArgument,
  codedIssue,
  failure,
  isRecord,
  present,
  readEventRow,
  readInstantColumn,
  readJsonColumn,
  readWholeColumn,
  setIfPresent,
  structuralIssue,
  type Issues,
} from './_lib/rowKit.js';
import type { EventRowInput, OpportunityRowInput } from './types.js';
import { printable } from '../../_lib/printable.js';

/**
 * Options for {@link opportunityFromRows} and {@link safeOpportunityFromRows}: those of
 * {@link parseOpportunity} (`pipeline` to check the deal against it,
 * `allowEmptyHistory`).
 *
 * @category Storage
 */
export type OpportunityFromRowsOptions = ParseOpportunityOptions;

function checkOptions(options: OpportunityFromRowsOptions | undefined): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
  if (options.allowEmptyHistory !== undefined) booleanOption(options.allowEmptyHistory, 'allowEmptyHistory');
  if (options.pipeline !== undefined) opportunitySchemaFor(options.pipeline);
}

/** The JSON columns of the header, by wire field. */
const JSON_COLUMNS = [
  ['splits', 'splits'],
  ['completedTasks', 'completed_tasks'],
  ['attributes', 'attributes'],
  ['source', 'source'],
] as const;

/**
 * Like {@link opportunityFromRows} but returns a result instead of throwing a
 * `ZodError`. Never throws for any row content (bad arguments and options still throw).
 *
 * @param opportunity - The header row.
 * @param events - Its event rows, in any order.
 * @param options - `pipeline`, `allowEmptyHistory`.
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 * @throws {@link FunnelError} `invalid_argument` when `opportunity` is not an object or
 *   `events` not an array; `invalid_option` for bad options.
 *
 * @category Storage
 * @example
 * ```ts
 * import { safeOpportunityFromRows, toFunnelIssues, type EventRowInput, type OpportunityRowInput } from 'sales-funnel';
 * declare const header: OpportunityRowInput;
 * declare const events: EventRowInput[];
 * const r = safeOpportunityFromRows(header, events);
 * if (!r.success) for (const issue of toFunnelIssues(r.error)) console.log(issue.code, issue.path?.join('.'));
 * ```
 */
export function safeOpportunityFromRows(
  opportunity: OpportunityRowInput,
  events: readonly EventRowInput[],
  options?: OpportunityFromRowsOptions,
): z.ZodSafeParseResult<Opportunity> {
  checkRowArgument(opportunity, 'opportunity');
  if (!Array.isArray(events)) throw new FunnelError('invalid_argument', { name: 'events', reason: because('must_be_event_rows') });
  checkOptions(options);
  const h = opportunity as unknown as Readonly<Record<string, unknown>>;
  const issues: Issues = [];

  // 1. Read the rows; a row that cannot be read is reported on its own.
  const read: { readonly seq: number; readonly wire: Record<string, unknown> }[] = [];
  for (let i = 0; i < events.length; i++) {
    const row: unknown = events[i];
    const r = readEventRow(row, ['history', i], issues);
    if (r === undefined) continue;
    const owner = isRecord(row) ? row['opportunity_id'] : undefined;
    if (present(owner) && owner !== h['id']) {
      structuralIssue(issues, ['history', i, 'opportunity_id'], `Expected the event of opportunity "${printable(h['id'])}", got one of "${printable(owner)}"`);
    } else read.push(r);
  }
  const version = readWholeColumn(h['version'], 0, ['version'], issues);
  const wire: Record<string, unknown> = {
    id: h['id'],
    customerId: h['customer_id'],
    pipelineId: h['pipeline_id'],
    name: h['name'],
    amount: { amount: h['amount'], currency: h['currency'] },
  };
  setIfPresent(wire, 'expectedCloseDate', h['expected_close_date']);
  setIfPresent(wire, 'region', h['region']);
  wire['stageId'] = h['stage_id'];
  setIfPresent(wire, 'status', h['status']);
  setIfPresent(wire, 'probabilityOverride', h['probability_override']);
  setIfPresent(wire, 'forecastCategoryOverride', h['forecast_category_override']);
  wire['ownerId'] = h['owner_id'];
  for (const [field, column] of JSON_COLUMNS) {
    if (!present(h[column])) continue;
    const json = readJsonColumn(h[column], [field], issues);
    if (json !== undefined) wire[field] = json.value;
  }
  if (present(h['closed_at'])) wire['closedAt'] = readInstantColumn(h['closed_at']);
  setIfPresent(wire, 'lossReason', h['loss_reason']);
  setIfPresent(wire, 'competitor', h['competitor']);
  if (issues.length > 0 || version === undefined) return failure(issues);

  // 2. The ledger in seq order, parsed and checked with the deal.
  read.sort((a, b) => a.seq - b.seq);
  wire['history'] = read.map((r) => r.wire);
  const parsed = safeParseOpportunity(wire, options);
  if (version === events.length) return parsed;
  codedIssue(issues, 'version_conflict', { expected: version, actual: events.length }, ['version']);
  return failure(parsed.success ? issues : [...issues, ...parsed.error.issues]);
}
