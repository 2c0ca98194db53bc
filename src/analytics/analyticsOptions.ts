import type { GroupOptions } from '../model/groupBy.js';

/**
 * Options shared by the funnel analytics (`stageFlow`, `funnelSnapshot`, `cohortFunnel`,
 * `findStalled`, `auditPipeline`, `conversionTimes`, `competingRisks`): grouping (the
 * library-wide {@link GroupOptions}: `groupBy`, `customers`, `teams`, `period` and the
 * wall clock `timeZone` / `offsetMinutes`), and what to do with deals of another pipeline.
 *
 * In the analytics, the `'period'` grouping key is the period of the deal's **creation**
 * (its `created` event, else its first event), dated on the wall clock of `timeZone` /
 * `offsetMinutes` (UTC by default).
 */
export interface AnalyticsOptions extends GroupOptions {
  /**
   * A deal whose `pipelineId` is not the pipeline's: `'error'` throws
   * `FunnelError('pipeline_mismatch')`; `'ignore'` skips it, so one mixed stream can be
   * analysed once per pipeline.
   *
   * @defaultValue `'error'`
   */
  readonly otherPipelines?: 'error' | 'ignore';
}
