import type { ArrowTableLike } from './arrowTable.js';
import type { DealColumnsFromArrowOptions } from './dealColumnsFromArrow.js';
import type { DealColumnsResult } from './dealColumnsResult.js';
import type { Pipeline } from './pipeline.js';
import { readArrow } from './_lib/columnsFromArrow.js';

/**
 * Like {@link dealColumnsFromArrow} but returns the columns of the valid deals and the
 * rejected rows instead of throwing, as {@link safeDealColumnsFromRows} does for rows:
 * a deal with an issue (in its row or in one of its events) is left out with its
 * issues (paths `deals.44.amount`, `events.7.at`), runs of events that belong to no
 * deal where they stand are rejected too. Never throws for any value in the tables.
 *
 * @param deals - The deals table (columns of {@link dealColumnsFromArrow}).
 * @param events - The events table, grouped by deal in the order of `deals`, each deal's by `seq`.
 * @param pipeline - The deals' pipeline.
 * @param options - Other pipelines, the caps and the messages' locale.
 * @returns The columns of the valid deals and the rejected rows.
 * @throws {@link FunnelError} `invalid_argument` when a table is not an Arrow table, a
 *   required column is missing or a column has a type it cannot be read from;
 *   `invalid_option` for a bad option.
 *
 * @category Columns
 * @example
 * ```ts
 * import { safeDealColumnsFromArrow, type ArrowTableLike, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: ArrowTableLike; // e.g. apache-arrow's tableFromIPC(bytes)
 * declare const events: ArrowTableLike;
 * const r = safeDealColumnsFromArrow(deals, events, pipeline);
 * if (!r.success) console.log(r.rejectedCount, r.rejected[0]?.issues[0]?.path?.join('.')); // 1 'deals.44.amount'
 * ```
 */
export function safeDealColumnsFromArrow(
  deals: ArrowTableLike,
  events: ArrowTableLike,
  pipeline: Pipeline,
  options: DealColumnsFromArrowOptions = {},
): DealColumnsResult {
  return readArrow(deals, events, pipeline, options).result;
}
