import type * as z from 'zod';
import { safeParsePipeline, type Pipeline } from '../pipeline.js';
import { checkRowArgument, failure, isRecord, readJsonColumn, structuralIssue, type Issues } from './_lib/rowKit.js';
import type { PipelineRowInput } from './types.js';
import { printable } from '../../_lib/printable.js';

/**
 * Like {@link pipelineFromRow} but returns a result instead of throwing a `ZodError`.
 *
 * @param row - A pipeline row as the driver returned it.
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 * @throws {@link FunnelError} `invalid_argument` when `row` is not an object.
 *
 * @category Storage
 * @example
 * ```ts
 * import { safePipelineFromRow } from 'sales-funnel';
 * safePipelineFromRow({ id: 'direct', document: '{"id":"other"}' }).success; //=> false
 * ```
 */
export function safePipelineFromRow(row: PipelineRowInput): z.ZodSafeParseResult<Pipeline> {
  checkRowArgument(row, 'row');
  const r = row as unknown as Readonly<Record<string, unknown>>;
  const issues: Issues = [];
  const json = readJsonColumn(r['document'], ['document'], issues);
  if (json === undefined) return failure(issues);
  if (!isRecord(json.value)) {
    structuralIssue(issues, ['document'], 'Expected the document to be a JSON object');
    return failure(issues);
  }
  if (json.value['id'] !== r['id']) {
    structuralIssue(issues, ['id'], `Expected the document's id "${printable(json.value['id'])}", got "${printable(r['id'])}"`);
    return failure(issues);
  }
  return safeParsePipeline(json.value);
}
