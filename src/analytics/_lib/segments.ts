import { FunnelError } from '../../i18n/FunnelError.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { Pipeline } from '../../model/pipeline.js';
import { segmentKeyFn } from '../../model/segmentKey.js';
import type { AnalyticsOptions } from '../segmented.js';

/** The segment key function of the options, or undefined when no segmentation is asked for. */
export function segmenter(options: AnalyticsOptions): ((o: Opportunity) => string) | undefined {
  if (options.segmentBy === undefined) return undefined;
  const context = {
    ...(options.customers === undefined ? {} : { customers: options.customers }),
    ...(options.offsetMinutes === undefined ? {} : { offsetMinutes: options.offsetMinutes }),
  };
  return segmentKeyFn(options.segmentBy, context);
}

/**
 * A predicate telling whether a deal belongs to the pipeline; for a foreign deal it
 * throws `pipeline_mismatch` (default) or returns false (`otherPipelines: 'ignore'`).
 */
export function pipelineFilter(pipeline: Pipeline, options: AnalyticsOptions): (o: Opportunity) => boolean {
  const mode = options.otherPipelines ?? 'error';
  if (mode !== 'error' && mode !== 'ignore') {
    throw new FunnelError('invalid_option', { option: 'otherPipelines', reason: "must be 'error' or 'ignore'" });
  }
  const id = pipeline.id;
  return (o) => {
    if (o.pipelineId === id) return true;
    if (mode === 'ignore') return false;
    throw new FunnelError('pipeline_mismatch', { expected: id, actual: o.pipelineId });
  };
}

/** A new Map with the entries in ascending key order, values mapped. */
export function sortedMap<A, B>(source: ReadonlyMap<string, A>, f: (value: A, key: string) => B): ReadonlyMap<string, B> {
  const keys = [...source.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(keys.map((k) => [k, f(source.get(k) as A, k)]));
}

/** Throws `invalid_option` unless `value` is a finite number >= `min`. */
export function checkNumberOption(value: unknown, option: string, min: number, exclusive = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (exclusive && value === min)) {
    throw new FunnelError('invalid_option', { option, reason: `must be a finite number ${exclusive ? '>' : '>='} ${min}` });
  }
  return value;
}
