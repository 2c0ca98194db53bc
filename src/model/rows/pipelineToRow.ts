import { serializePipeline, type Pipeline } from '../pipeline.js';
import { jsonText } from './_lib/rowKit.js';
import type { PipelineRow } from './types.js';

/**
 * Turns a pipeline into its database row (table `pipelines`): its id, and its whole
 * wire form ({@link serializePipeline}) as one JSON document. {@link pipelineFromRow}
 * reads it back into an equal pipeline.
 *
 * @param pipeline - A domain pipeline.
 * @returns The row.
 * @throws `ZodError` when the value is not a valid domain pipeline.
 *
 * @category Storage
 * @example
 * ```ts
 * import { parsePipeline, pipelineToRow } from 'sales-funnel';
 * const row = pipelineToRow(parsePipeline({
 *   id: 'direct', name: 'Direct', currency: 'CNY',
 *   stages: [
 *     { id: 'lead', name: '线索', kind: 'open', probability: '0.1' },
 *     { id: 'won', name: '赢单', kind: 'won', probability: 1 },
 *     { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
 *   ],
 * }));
 * row.id; //=> 'direct'
 * JSON.parse(row.document).stages[0].probability; //=> '0.1'
 * ```
 */
export function pipelineToRow(pipeline: Pipeline): PipelineRow {
  const wire = serializePipeline(pipeline);
  return { id: wire.id, document: jsonText(wire) };
}
