import { oneOfOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { Opportunity } from './opportunity.js';
import type { Pipeline } from './pipeline.js';
import { pipelineIndex } from './pipelineIndex.js';
import { ColumnsBuilder } from './_lib/columnsBuilder.js';
import type { DealColumns } from './dealColumnsShape.js';

export {
  COLUMN_EVENT_TYPES, dayNumber, isDealColumns, FORECAST_CATEGORY_CODES, NO_CODE, NO_DAY, NO_STAGE, STAGE_CHANGE_KINDS, STATUS_CODES,
  type CodeColumn, type DealColumns, type DealIds, type EventColumns, type EventValues, type StageCodes,
} from './dealColumnsShape.js';
import { checkDeal, checkDealIterable } from './dealArguments.js';

/** Options for {@link dealColumns}. */
export interface DealColumnsOptions {
  /**
   * What to do with a deal of another pipeline: `'error'` throws `pipeline_mismatch`,
   * `'ignore'` leaves it out.
   *
   * @defaultValue `'error'`
   */
  readonly otherPipelines?: 'error' | 'ignore';
}

/**
 * A book of parsed deals of one pipeline in columnar form ({@link DealColumns}). The
 * deals are read once and never changed; their ids are packed into the columns and
 * every other string is a dictionary entry, shared with the deals (one per distinct
 * value); amounts become minor units from the decimals' own digits, without decimal
 * arithmetic. For a book too big to hold as objects, build columns chunk by chunk (say
 * 10 000 deals at a time) and feed each chunk to an accumulator, or build them straight
 * from storage rows or an Arrow table.
 *
 * @param opportunities - The deals (any iterable; read once).
 * @param pipeline - Their pipeline: stage codes are positions in its `stages`.
 * @param options - What to do with deals of other pipelines.
 * @returns The columns.
 * @throws {@link FunnelError} `pipeline_mismatch` for a deal of another pipeline (unless
 *   `otherPipelines: 'ignore'`); `unknown_stage` for a stage the pipeline does not have;
 *   `invalid_option` for a bad option.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities,
 *   or an item of it that is not an opportunity (named `opportunities[i]`);
 *   `invalid_argument` (`pipeline`) for a value that is not a pipeline.
 *
 * @category Columns
 * @example
 * ```ts
 * import { dealColumns, stageFlow, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const columns = dealColumns(deals, pipeline);
 * columns.length === deals.length; //=> true
 * // the same figures as stageFlow(deals, pipeline, options):
 * const flow = stageFlow(columns, pipeline, { asOf: '2026-04-01T00:00:00Z' });
 * ```
 */
export function dealColumns(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: DealColumnsOptions = {}): DealColumns {
  const index = pipelineIndex(pipeline);
  checkDealIterable(opportunities, 'opportunities');
  const mode = oneOfOption(options.otherPipelines ?? 'error', 'otherPipelines', ['error', 'ignore']);
  let capacity = 1024;
  let eventCapacity = 4096;
  if (Array.isArray(opportunities)) {
    const deals = opportunities as readonly Opportunity[];
    capacity = deals.length;
    eventCapacity = 0;
    for (let i = 0; i < deals.length; i++) {
      const o = deals[i];
      checkDeal(o, i, 'opportunities');
      eventCapacity += o.history.length;
    }
  }
  const b = new ColumnsBuilder(index, capacity, eventCapacity);
  let i = 0;
  for (const o of opportunities) {
    checkDeal(o, i++, 'opportunities');
    if (o.pipelineId !== pipeline.id) {
      if (mode === 'ignore') continue;
      throw new FunnelError('pipeline_mismatch', { expected: pipeline.id, actual: o.pipelineId });
    }
    b.addOpportunity(o);
  }
  return b.finish();
}

/**
 * Checks that a columns chunk was built for this pipeline (same id, same stages in the
 * same order). @internal
 *
 * @throws FunnelError `invalid_argument` otherwise.
 */
export function assertColumnsOf(cols: DealColumns, pipeline: Pipeline): void {
  if (cols.pipelineId !== pipeline.id) {
    throw new FunnelError('invalid_argument', { name: 'columns', reason: because('columns_other_pipeline', { actual: cols.pipelineId, expected: pipeline.id }) });
  }
  const stages = pipeline.stages;
  if (cols.stageIds.length !== stages.length || stages.some((s, i) => s.id !== cols.stageIds[i])) {
    throw new FunnelError('invalid_argument', { name: 'columns', reason: because('columns_stages_differ', { pipelineId: pipeline.id }) });
  }
}
