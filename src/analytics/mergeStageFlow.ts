import { FunnelError } from '../i18n/FunnelError.js';
import { rate } from './_lib/flowCounts.js';
import { sortedMap } from './_lib/segments.js';
import type { StageFlow, StageFlowRow, StageFlowTable } from './stageFlow.js';

const sameTime = (a: Date | undefined, b: Date | undefined) => (a === undefined ? b === undefined : b !== undefined && a.getTime() === b.getTime());

function refuse(reason: string): never {
  throw new FunnelError('invalid_argument', { name: 'b', reason });
}

function mergeRows(a: StageFlowRow, b: StageFlowRow): StageFlowRow {
  if (a.stageId !== b.stageId || a.stageIndex !== b.stageIndex) refuse('the stage lists differ');
  if (a.stallThresholdDays !== b.stallThresholdDays) refuse(`the stall thresholds of stage ${a.stageId} differ`);
  const entered = a.entered + b.entered;
  const advanced = a.advanced + b.advanced;
  const won = a.won + b.won;
  const lost = a.lost + b.lost;
  const regressed = a.regressed + b.regressed;
  const stillThere = a.stillThere + b.stillThere;
  const stalled = a.stalled + b.stalled;
  return {
    stageId: a.stageId,
    stageIndex: a.stageIndex,
    entered,
    advanced,
    won,
    lost,
    regressed,
    stillThere,
    suspended: a.suspended + b.suspended,
    stalled,
    skipped: a.skipped + b.skipped,
    stallThresholdDays: a.stallThresholdDays,
    advanceRate: rate(advanced, entered),
    winRate: rate(won, entered),
    lossRate: rate(lost, entered),
    regressRate: rate(regressed, entered),
    stayRate: rate(stillThere, entered),
    stalledRate: a.stallThresholdDays === null ? null : rate(stalled, entered),
  };
}

function mergeTables(a: StageFlowTable, b: StageFlowTable): StageFlowTable {
  if (a.stages.length !== b.stages.length) refuse('the stage lists differ');
  return { deals: a.deals + b.deals, stages: a.stages.map((r, i) => mergeRows(r, b.stages[i] as StageFlowRow)) };
}

/**
 * Combines the stage flows of two disjoint shards of deals (each deal in exactly one
 * shard) into the stage flow of both: `mergeStageFlow(stageFlow(A, p, o), stageFlow(B, p, o))`
 * equals `stageFlow([...A, ...B], p, o)`, counts, rates and segments alike. Counts add up;
 * rates are recomputed from the summed counts (never averaged). So the work can be split
 * across worker threads or machines and the results folded with this function, in any
 * order (it is associative and commutative).
 *
 * @param a - A stage flow.
 * @param b - A stage flow computed with the same pipeline and options.
 * @returns The merged stage flow (new objects; the arguments are not modified).
 * @throws {@link FunnelError} `invalid_argument` when the two were computed with a
 *   different pipeline, window, `asOf`, cohort, skip treatment or stall thresholds, or
 *   one with `segmentBy` and the other without. (Two different `segmentBy` keys cannot
 *   be told apart: use the same options for every shard.)
 *
 * @example
 * ```ts
 * import { mergeStageFlow, stageFlow, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const shardA: Opportunity[];
 * declare const shardB: Opportunity[];
 * const options = { to: new Date('2026-04-01T00:00:00Z') };
 * const both = mergeStageFlow(stageFlow(shardA, pipeline, options), stageFlow(shardB, pipeline, options));
 * ```
 */
export function mergeStageFlow(a: StageFlow, b: StageFlow): StageFlow {
  if (a.pipelineId !== b.pipelineId) refuse(`pipeline ${b.pipelineId} is not ${a.pipelineId}`);
  if (a.cohort !== b.cohort) refuse('the cohorts differ');
  if (a.skipped !== b.skipped) refuse('the skip treatments differ');
  if (!sameTime(a.from, b.from) || !sameTime(a.to, b.to)) refuse('the windows differ');
  if (!sameTime(a.asOf, b.asOf)) refuse('the asOf instants differ');
  // A segmented flow that read any deal has at least one segment; an unsegmented one has none.
  const unsegmentedWithDeals = (f: StageFlow) => f.segments.size === 0 && f.overall.deals > 0;
  if ((a.segments.size > 0 && unsegmentedWithDeals(b)) || (b.segments.size > 0 && unsegmentedWithDeals(a))) refuse('one flow is segmented and the other is not');
  const segments = new Map<string, StageFlowTable>(a.segments);
  for (const [key, table] of b.segments) {
    const mine = segments.get(key);
    segments.set(key, mine === undefined ? table : mergeTables(mine, table));
  }
  return {
    pipelineId: a.pipelineId,
    cohort: a.cohort,
    skipped: a.skipped,
    ...(a.from === undefined ? {} : { from: new Date(a.from.getTime()) }),
    ...(a.to === undefined ? {} : { to: new Date(a.to.getTime()) }),
    asOf: new Date(a.asOf.getTime()),
    overall: mergeTables(a.overall, b.overall),
    segments: sortedMap(segments, (t) => ({ deals: t.deals, stages: t.stages.map((r) => ({ ...r })) })),
  };
}
