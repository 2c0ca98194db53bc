import { oneOfOption } from '../../_lib/options.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { createdAt } from '../../model/createdAt.js';
import { groupKeyFn, type GroupKey } from '../../model/groupBy.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { Pipeline } from '../../model/pipeline.js';
import { pipelineIndex } from '../../model/pipelineIndex.js';
import { checkZone } from '../../time/zone.js';
import type { AnalyticsOptions } from '../analyticsOptions.js';

/** The grouping an analytics call asked for. */
export interface Grouping {
  /** The keys, as given (`[]` without `groupBy`). */
  readonly groupBy: readonly GroupKey[];
  /** A deal's key tuple; `undefined` when nothing is grouped. */
  readonly keyOf: ((o: Opportunity) => readonly string[]) | undefined;
}

/**
 * The grouping of analytics options: `'period'` is the period of the deal's creation.
 * Checks the zone options at once, grouped or not, so a bad `timeZone` never passes
 * silently.
 *
 * @throws FunnelError `invalid_option` for a bad key, zone or period.
 */
export function groupingOf(options: AnalyticsOptions): Grouping {
  checkZone(options);
  const groupBy = options.groupBy ?? [];
  if (!Array.isArray(groupBy)) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('must_be_group_keys') });
  return { groupBy, keyOf: groupBy.length === 0 ? undefined : groupKeyFn(groupBy, options, createdAt) };
}

/**
 * A predicate telling whether a deal belongs to the pipeline; for a foreign deal it
 * throws `pipeline_mismatch` (default) or returns false (`otherPipelines: 'ignore'`).
 */
export function pipelineFilter(pipeline: Pipeline, options: AnalyticsOptions): (o: Opportunity) => boolean {
  // The index refuses a value that is not a pipeline before its id is read.
  const id = pipelineIndex(pipeline).pipeline.id;
  const mode = oneOfOption(options.otherPipelines ?? 'error', 'otherPipelines', ['error', 'ignore']);
  return (o) => {
    if (o.pipelineId === id) return true;
    if (mode === 'ignore') return false;
    throw new FunnelError('pipeline_mismatch', { expected: id, actual: o.pipelineId });
  };
}
