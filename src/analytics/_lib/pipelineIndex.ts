import { FunnelError } from '../../i18n/FunnelError.js';
import type { StageId } from '../../model/ids.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { Pipeline } from '../../model/pipeline.js';
import type { Stage } from '../../model/stage.js';

/** Kind codes of a stage, as small integers for the hot loops. */
export const OPEN = 0;
export const WON = 1;
export const LOST = 2;

/** What the analytics need to know about a stage id, looked up once per event. */
export interface StageInfo {
  readonly stage: Stage;
  /** `OPEN`, `WON` or `LOST`. */
  readonly kind: 0 | 1 | 2;
  /** Position among the open stages (0-based); −1 for won and lost stages. */
  readonly openIndex: number;
}

/** A pipeline prepared for fast ledger walks. Computed once per pipeline object. */
export interface PipelineIndex {
  readonly pipeline: Pipeline;
  /** The open stages in funnel order. */
  readonly openStages: readonly Stage[];
  readonly openIds: readonly StageId[];
  readonly byId: ReadonlyMap<string, StageInfo>;
}

const cache = new WeakMap<Pipeline, PipelineIndex>();

/** The (cached) index of a pipeline. The pipeline is never modified. */
export function pipelineIndex(pipeline: Pipeline): PipelineIndex {
  const hit = cache.get(pipeline);
  if (hit !== undefined) return hit;
  const openStages = pipeline.stages.filter((s) => s.kind === 'open');
  const byId = new Map<string, StageInfo>();
  let i = 0;
  for (const stage of pipeline.stages) {
    const kind = stage.kind === 'open' ? OPEN : stage.kind === 'won' ? WON : LOST;
    byId.set(stage.id, { stage, kind, openIndex: kind === OPEN ? i++ : -1 });
  }
  const index: PipelineIndex = { pipeline, openStages, openIds: openStages.map((s) => s.id), byId };
  cache.set(pipeline, index);
  return index;
}

/** Throws `pipeline_mismatch` when the deal belongs to another pipeline. */
export function assertSamePipeline(opportunity: Pick<Opportunity, 'pipelineId'>, pipeline: Pipeline): void {
  if (opportunity.pipelineId !== pipeline.id) {
    throw new FunnelError('pipeline_mismatch', { expected: pipeline.id, actual: opportunity.pipelineId });
  }
}

/** The stage info of an id, or throws `unknown_stage`. */
export function stageInfo(index: PipelineIndex, stageId: string): StageInfo {
  const info = index.byId.get(stageId);
  if (info === undefined) throw new FunnelError('unknown_stage', { stageId });
  return info;
}
