import type { DealColumnsFromRowsOptions, DealColumnsResult } from './dealColumnsResult.js';
import type { Pipeline } from './pipeline.js';
import type { EventRowInput, OpportunityRowInput } from './rows/types.js';
import { readRows } from './_lib/columnsFromRows.js';

/**
 * Like {@link dealColumnsFromRows} but returns the columns of the valid deals and the
 * rejected rows instead of throwing: a deal row with an issue (in its header or in one
 * of its event rows) is left out with its issues, the others are kept; runs of event
 * rows that belong to no deal where they stand are rejected too (`events_not_grouped`).
 * Every issue has a code and a path from the input's root (`deals.44.amount`,
 * `events.7.at`); memory stays bounded (`maxIssuesPerRecord`, `maxIssues`). Never
 * throws for any row content.
 *
 * @param deals - Header rows of table `opportunities` ({@link OpportunityRowInput}), in any order.
 * @param events - Rows of table `opportunity_events` ({@link EventRowInput}), grouped by
 *   deal in the order of `deals`, each deal's by `seq` (see {@link dealColumnsFromRows}).
 * @param pipeline - The deals' pipeline: stage codes are positions in its stages.
 * @param options - Other pipelines, the caps and the messages' locale.
 * @returns The columns of the valid deals and the rejected rows.
 * @throws {@link FunnelError} `invalid_argument` when `deals` or `events` is not an
 *   array; `invalid_option` for a bad option.
 *
 * @category Columns
 * @example
 * ```ts
 * import { safeDealColumnsFromRows, type EventRowInput, type OpportunityRowInput, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: OpportunityRowInput[];
 * declare const events: EventRowInput[];
 * const r = safeDealColumnsFromRows(deals, events, pipeline);
 * for (const row of r.rejected) for (const issue of row.issues) console.log(issue.code, issue.path?.join('.')); // invalid_amount deals.44.amount
 * r.columns.length; // the deals that were read
 * ```
 */
export function safeDealColumnsFromRows(
  deals: readonly OpportunityRowInput[],
  events: readonly EventRowInput[],
  pipeline: Pipeline,
  options: DealColumnsFromRowsOptions = {},
): DealColumnsResult {
  return readRows(deals, events, pipeline, options).result;
}
