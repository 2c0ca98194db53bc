import * as z from 'zod';
import type { ArrowTableLike } from './arrowTable.js';
import type { DealColumnsFromRowsOptions } from './dealColumnsResult.js';
import type { DealColumns } from './dealColumnsShape.js';
import type { Pipeline } from './pipeline.js';
import { readArrow } from './_lib/columnsFromArrow.js';

/**
 * Options for {@link dealColumnsFromArrow} and {@link safeDealColumnsFromArrow}: those
 * of {@link dealColumnsFromRows} (`otherPipelines`, the caps on listed issues, their
 * locale).
 */
export type DealColumnsFromArrowOptions = DealColumnsFromRowsOptions;

/**
 * A book in columnar form ({@link DealColumns}) from two Apache Arrow tables — a deals
 * table and an events table, e.g. a DuckDB or Parquet export read with apache-arrow —
 * without a deal object: each column is read in bulk (`toArray()` for numbers and
 * timestamps; a dictionary-encoded text column chunk by chunk, each distinct string
 * decoded once), then checked deal by deal as {@link dealColumnsFromRows} checks rows.
 * The columns equal `dealColumns(deals, pipeline)` of the deals the tables hold. The
 * library does not depend on apache-arrow: the tables are typed by what they must have
 * ({@link ArrowTableLike}: `numRows`, `getChild(name)`), which apache-arrow's `Table`
 * has.
 *
 * **The deals table** has the columns of table `opportunities` ({@link OpportunityRow}),
 * by name; extra columns are ignored.
 *
 * | column | type | |
 * | --- | --- | --- |
 * | `id`, `customer_id`, `owner_id`, `stage_id`, `currency` | Utf8 or a dictionary of Utf8 | required |
 * | `amount` | Utf8 decimal text, Decimal (any width and scale: exact), Int, or Float (15 significant digits at most, as the row codecs accept numbers) | required |
 * | `pipeline_id` | text | optional; checked when present (`otherPipelines`) |
 * | `status` | text | optional, `open` when absent or null |
 * | `expected_close_date` | Date (DuckDB `DATE`) or `YYYY-MM-DD` text | optional |
 * | `closed_at` | Timestamp of any unit (DuckDB `TIMESTAMPTZ`), Date, ms numbers, or text | optional |
 * | `probability_override` | as `amount` | optional |
 * | `region`, `forecast_category_override`, `loss_reason`, `competitor` | text | optional |
 * | `splits` | JSON text | optional |
 * | `project_type` (or `attributes`, JSON text) | text | optional: `attributes.projectType` |
 * | `version` | Int or Float | optional; when present, = the deal's number of events |
 *
 * **The events table** has the columns of table `opportunity_events` ({@link EventRow}),
 * grouped by deal in the order of the deals table, each deal's by `seq`:
 *
 * | column | type | |
 * | --- | --- | --- |
 * | `opportunity_id`, `type` | text | required |
 * | `seq` | Int (Int64 too) | required |
 * | `at` | Timestamp of any unit, Date, ms numbers, or text | required |
 * | `stage_id` | text | optional: the stage a `created`, `won`, `lost` or `reopened` event (or a `stage_changed`'s `to`) puts the deal in, null for other events; when absent it is read from `payload` |
 * | `payload` | JSON text (as {@link EventRow}) | needed for `stage_changed`, `lost` and the field-changing events (`amount_changed`, `close_date_changed`, `owner_changed`, `splits_changed`, `probability_changed`, `forecast_category_changed`), whose values the columns note ({@link EventValues}); may be null for the others |
 * | `by`, `id` | text | optional: checked with the payload (the columns do not keep them) |
 *
 * From the documented DuckDB tables ({@link DUCKDB_DDL}), e.g. through a Parquet
 * file (`COPY (…) TO 'deals.parquet'`) or DuckDB's Arrow export:
 *
 * ```sql
 * SELECT id, customer_id, pipeline_id, owner_id, stage_id, status, currency,
 *        CAST(amount AS VARCHAR) AS amount, expected_close_date, region,
 *        CAST(probability_override AS VARCHAR) AS probability_override,
 *        forecast_category_override, CAST(splits AS VARCHAR) AS splits, closed_at,
 *        loss_reason, competitor, attributes->>'projectType' AS project_type, version
 *   FROM opportunities WHERE pipeline_id = 'p' ORDER BY id;
 * SELECT e.opportunity_id, e.seq, e.type, e."at",
 *        CASE e.type WHEN 'stage_changed' THEN e.payload->>'to'
 *                    WHEN 'created' THEN e.payload->>'stageId' WHEN 'won' THEN e.payload->>'stageId'
 *                    WHEN 'lost' THEN e.payload->>'stageId' WHEN 'reopened' THEN e.payload->>'stageId' END AS stage_id,
 *        CASE WHEN e.type IN ('stage_changed', 'lost', 'amount_changed', 'close_date_changed', 'owner_changed',
 *                             'splits_changed', 'probability_changed', 'forecast_category_changed')
 *             THEN CAST(e.payload AS VARCHAR) END AS payload,
 *        e."by", e.id
 *   FROM opportunity_events e JOIN opportunities o ON o.id = e.opportunity_id
 *  WHERE o.pipeline_id = 'p' ORDER BY e.opportunity_id, e.seq;
 * ```
 *
 * What is checked and what is not: as {@link dealColumnsFromRows} (each issue coded,
 * with its path: `deals.44.amount`, `events.7.at`). A Timestamp's sub-millisecond part
 * is dropped (rounded down), as the ISO reader drops it.
 *
 * @param deals - The deals table.
 * @param events - The events table, grouped by deal in the order of `deals`, each deal's by `seq`.
 * @param pipeline - The deals' pipeline: stage codes are positions in its stages.
 * @param options - Other pipelines, the caps on listed issues and their locale.
 * @returns The columns of every deal.
 * @throws `ZodError` listing the issues (capped by `maxIssuesPerRecord` and
 *   `maxIssues`), each with its path and code (see {@link toFunnelIssues}), when any row
 *   is rejected (use {@link safeDealColumnsFromArrow} to keep the valid deals);
 *   {@link FunnelError} `invalid_argument` when a table is not an Arrow table
 *   (`must_be_arrow_table`), a required column is missing (`arrow_column_missing`) or a
 *   column has a type it cannot be read from (`arrow_column_type`); `invalid_option` for
 *   a bad option.
 *
 * @category Columns
 * @example
 * ```ts
 * import { dealColumnsFromArrow, stageFlow, type ArrowTableLike, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: ArrowTableLike; // apache-arrow: tableFromIPC(await readFile('deals.arrow'))
 * declare const events: ArrowTableLike;
 * const columns = dealColumnsFromArrow(deals, events, pipeline);
 * const flow = stageFlow(columns, pipeline, { asOf: '2026-04-01T00:00:00Z' });
 * ```
 */
export function dealColumnsFromArrow(
  deals: ArrowTableLike,
  events: ArrowTableLike,
  pipeline: Pipeline,
  options: DealColumnsFromArrowOptions = {},
): DealColumns {
  const { result, raw } = readArrow(deals, events, pipeline, options);
  if (result.success) return result.columns;
  throw new z.ZodError([...raw]);
}
