import * as z from 'zod';
import type { DealColumnsFromRowsOptions } from './dealColumnsResult.js';
import type { DealColumns } from './dealColumnsShape.js';
import type { Pipeline } from './pipeline.js';
import type { EventRowInput, OpportunityRowInput } from './rows/types.js';
import { readRows } from './_lib/columnsFromRows.js';

/**
 * A book in columnar form ({@link DealColumns}) straight from its storage rows — the
 * header rows of table `opportunities` and the ledger rows of `opportunity_events`, as
 * {@link opportunityToRows} writes them and a driver returns them — without building a
 * deal object: the columns equal `dealColumns(deals, pipeline)` of the deals the rows
 * hold (same arrays, dictionaries in the same order), at a fraction of the time and
 * memory.
 *
 * **Order.** The event rows must come grouped by deal, in the order of the deal rows,
 * each deal's in `seq` order. With the deals read `ORDER BY id`, read the events
 * `ORDER BY opportunity_id, seq` (same column type, same collation); for one chunk of
 * deals, read the events of those deals only:
 *
 * ```sql
 * SELECT * FROM opportunities WHERE pipeline_id = $1 AND id > $2 ORDER BY id LIMIT 50000;
 * SELECT e.* FROM opportunity_events e
 *   WHERE e.opportunity_id IN (SELECT id FROM opportunities WHERE pipeline_id = $1 AND id > $2 ORDER BY id LIMIT 50000)
 *   ORDER BY e.opportunity_id, e.seq;
 * ```
 *
 * A deal whose events are elsewhere, and event rows no deal takes where they stand, are
 * reported (`events_not_grouped`, `version_conflict`), never assigned to another deal.
 *
 * **Checked**, each with a coded issue and its path (`deals.44.amount`, `events.7.at`):
 * the ids (`id`, `customer_id`, `owner_id`: non-empty text), `pipeline_id` (see
 * `otherPipelines`), `stage_id` (`stage_not_in_pipeline`), `status`, `currency`,
 * `amount` (`invalid_amount`: exact decimal text within `DECIMAL_LIMITS`, or a number
 * with at most 15 significant digits, as the row codecs read it; never negative),
 * `probability_override` (in [0, 1]), `forecast_category_override`,
 * `expected_close_date` (`YYYY-MM-DD`), `closed_at` (an instant as the row codecs read
 * it: a `Date`, ISO 8601 or `timestamptz` text), `region`, `loss_reason`,
 * `competitor`, `splits` (whole basis points adding up to 10 000, no owner twice),
 * `version` (= the number of event rows: `version_conflict`); for each event its
 * `type`, its `seq` (its position: `ledger_seq_mismatch`), its `at` (and that the
 * ledger never goes back in time: `ledger_out_of_order`), the stages it moves between
 * (`stageId`, `to`, `from` of the payload); the field-changing events, `lost` and the
 * irregular stage changes, whose values the columns note ({@link EventValues}), are read
 * in full by the event schema (as {@link eventFromRow} reads them).
 *
 * **Not checked** (what {@link opportunityFromRows} adds): that the header agrees with
 * the ledger (current stage, status, amount, close date, owner… against the last
 * events), that the ledger starts with `created` and has no event after the close,
 * key tasks, reasons required by the pipeline, the payload of the other events (task
 * and activity fields, a suspension's reason), `name`, `completed_tasks`, the
 * attributes other than `projectType` (text that does not mention it is not parsed),
 * duplicate deal ids. Rows written by {@link opportunityToRows} of valid deals always
 * pass.
 *
 * @param deals - Header rows of table `opportunities` ({@link OpportunityRowInput}), in any order.
 * @param events - Rows of table `opportunity_events` ({@link EventRowInput}), grouped by
 *   deal in the order of `deals`, each deal's by `seq`; `opportunity_id` is required.
 * @param pipeline - The deals' pipeline: stage codes are positions in its stages.
 * @param options - Other pipelines, the caps on listed issues and their locale.
 * @returns The columns of every deal.
 * @throws `ZodError` listing the issues (capped by `maxIssuesPerRecord` and
 *   `maxIssues`) when any row is rejected: each has a path from the input's root and,
 *   for the library's rules, a code (see {@link toFunnelIssues}); use
 *   {@link safeDealColumnsFromRows} to keep the valid deals instead.
 *   {@link FunnelError} `invalid_argument` when `deals` or `events` is not an array;
 *   `invalid_option` for a bad option.
 *
 * @category Columns
 * @example
 * ```ts
 * import { dealColumns, dealColumnsFromRows, opportunityToRows, stageFlow, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const rows = deals.map((d) => opportunityToRows(d));
 * const columns = dealColumnsFromRows(rows.map((r) => r.opportunity), rows.flatMap((r) => r.events), pipeline);
 * // the same columns as dealColumns(deals, pipeline), so the same figures:
 * const flow = stageFlow(columns, pipeline, { asOf: '2026-04-01T00:00:00Z' });
 * ```
 */
export function dealColumnsFromRows(
  deals: readonly OpportunityRowInput[],
  events: readonly EventRowInput[],
  pipeline: Pipeline,
  options: DealColumnsFromRowsOptions = {},
): DealColumns {
  const { result, raw } = readRows(deals, events, pipeline, options);
  if (result.success) return result.columns;
  throw new z.ZodError([...raw]);
}
