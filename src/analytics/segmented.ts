import type { SegmentBy, SegmentContext } from '../model/segmentKey.js';

/**
 * The shape of every funnel-analytics result: the figure over all deals (`overall`) and
 * the same figure per segment (`segments`, keyed by segment name in ascending order;
 * empty when no `segmentBy` is given). `overall` is always computed over every deal,
 * so it equals the combination of the segments.
 *
 * @example
 * ```ts
 * import type { Segmented } from 'sales-funnel';
 * const byRegion: Segmented<number> = { overall: 3, segments: new Map([['华东', 2], ['华北', 1]]) };
 * ```
 */
export interface Segmented<T> {
  /** The result over all deals read. */
  readonly overall: T;
  /** The result per segment, keys in ascending order (see {@link NO_SEGMENT} for deals without a value). */
  readonly segments: ReadonlyMap<string, T>;
}

/**
 * Options shared by the funnel analytics (`stageFlow`, `funnelSnapshot`,
 * `cohortFunnel`, `findStalled`, `auditPipeline`): segmentation and what to do with
 * deals of another pipeline.
 *
 * @example
 * ```ts
 * import type { AnalyticsOptions } from 'sales-funnel';
 * const o: AnalyticsOptions = { segmentBy: 'region', otherPipelines: 'ignore' };
 * ```
 */
export interface AnalyticsOptions extends SegmentContext {
  /**
   * Also compute every figure per segment: a built-in key (`owner`, `region`,
   * `customer_segment`, `customer_priority` — these two need `customers` —,
   * `pipeline`, `stage`, `created_month`, `created_quarter`, `created_year`) or a
   * function of the deal. See {@link segmentKeyFn}.
   */
  readonly segmentBy?: SegmentBy;
  /**
   * A deal whose `pipelineId` is not the pipeline's: `'error'` (default) throws
   * `FunnelError('pipeline_mismatch')`; `'ignore'` skips it, so one mixed stream can be
   * analysed once per pipeline.
   */
  readonly otherPipelines?: 'error' | 'ignore';
}

