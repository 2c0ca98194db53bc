import type { Pipeline } from '../pipeline.js';
import { unwrap } from './_lib/rowKit.js';
import { safePipelineFromRow } from './safePipelineFromRow.js';
import type { PipelineRowInput } from './types.js';

/**
 * Reads a pipeline back from its database row (see {@link pipelineToRow}) through
 * {@link parsePipeline}. The row's `id` must be the document's.
 *
 * @param row - `{ id, document }`, the document as JSON text or a parsed `jsonb` value.
 * @returns The pipeline.
 * @throws `ZodError` listing every issue, each with a path into the document
 *   (`['stages', 0, 'probability']`), or `['id']` / `['document']` for a row that
 *   cannot be read; {@link FunnelError} `invalid_argument` when `row` is not an object.
 *
 * @category Storage
 * @example
 * ```ts
 * import { pipelineFromRow, pipelineToRow, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * const again = pipelineFromRow(pipelineToRow(pipeline));
 * again.stages.length === pipeline.stages.length; //=> true
 * ```
 */
export function pipelineFromRow(row: PipelineRowInput): Pipeline {
  return unwrap(safePipelineFromRow(row));
}
