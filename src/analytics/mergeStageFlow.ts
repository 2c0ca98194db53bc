import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { Reason } from '../i18n/params.js';
import { GroupAccumulator } from '../model/groupBy.js';
import { rate } from './_lib/flowCounts.js';
import type { StageFlow, StageFlowRow, StageFlowTable } from './stageFlow.js';

const sameTime = (a: Date | null | undefined, b: Date | null | undefined) => (a == null ? b == null : b != null && a.getTime() === b.getTime());

function refuse(reason: Reason): never {
  throw new FunnelError('invalid_argument', { name: 'b', reason });
}

function mergeRows(a: StageFlowRow, b: StageFlowRow): StageFlowRow {
  // Rows are paired by position: a flow sent as data (JSON between workers) may carry a
  // row whose index no longer matches its place, and is refused like another stage list.
  if (a.stageId !== b.stageId || a.stageIndex !== b.stageIndex) refuse(because('stage_lists_differ'));
  if (a.stallThresholdDays !== b.stallThresholdDays) refuse(because('stall_thresholds_differ', { stageId: a.stageId }));
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
  if (a.stages.length !== b.stages.length) refuse(because('stage_lists_differ'));
  return { deals: a.deals + b.deals, stages: a.stages.map((r, i) => mergeRows(r, b.stages[i]!)) };
}

const copyTable = (t: StageFlowTable): StageFlowTable => ({ deals: t.deals, stages: t.stages.map((r) => ({ ...r })) });

/**
 * Combines the stage flows of two disjoint shards of deals (each deal in exactly one
 * shard) into the stage flow of both: `mergeStageFlow(stageFlow(A, p, o), stageFlow(B, p, o))`
 * equals `stageFlow([...A, ...B], p, o)`, counts, rates and groups alike. Counts add up;
 * rates are recomputed from the summed counts (never averaged). So the work can be split
 * across worker threads or machines and the results folded with this function, in any
 * order (it is associative and commutative).
 *
 * Give every shard the same options, **including `asOf`**: without it each shard is read
 * as of its own last event, and the flows cannot be merged.
 *
 * @param a - A stage flow.
 * @param b - A stage flow computed with the same pipeline and options.
 * @returns The merged stage flow (new objects; the arguments are not modified).
 * @throws {@link FunnelError} `invalid_argument` when the two were computed with a
 *   different pipeline, window, `asOf`, cohort, skip treatment, stall thresholds or
 *   grouping keys. (Two different custom key functions with the same name cannot be told
 *   apart: use the same options for every shard.)
 *
 * @category Analytics
 * @example
 * ```ts
 * import { mergeStageFlow, stageFlow, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const shardA: Opportunity[];
 * declare const shardB: Opportunity[];
 * const options = { to: '2026-04-01T00:00:00Z', asOf: '2026-04-01T00:00:00Z', groupBy: ['owner'] } as const;
 * const both = mergeStageFlow(stageFlow(shardA, pipeline, options), stageFlow(shardB, pipeline, options));
 * ```
 */
export function mergeStageFlow(a: StageFlow, b: StageFlow): StageFlow {
  if (a.pipelineId !== b.pipelineId) refuse(because('pipelines_differ', { actual: b.pipelineId, expected: a.pipelineId }));
  if (a.cohort !== b.cohort) refuse(because('cohorts_differ'));
  if (a.skipped !== b.skipped) refuse(because('skip_treatments_differ'));
  if (!sameTime(a.from, b.from) || !sameTime(a.to, b.to)) refuse(because('windows_differ'));
  // A flow without asOf and without any event (null) merges with any asOf: it counted nothing.
  if (a.asOf !== null && b.asOf !== null && !sameTime(a.asOf, b.asOf)) refuse(because('asofs_differ'));
  if (a.groupBy.length !== b.groupBy.length || a.groupBy.some((k, i) => k !== b.groupBy[i])) refuse(because('group_keys_differ'));
  // Stryker disable next-line ObjectLiteral: a missing table reads as undefined too
  const groups = new GroupAccumulator<{ table: StageFlowTable | undefined }>(() => ({ table: undefined }));
  for (const g of [...a.groups, ...b.groups]) {
    const slot = groups.get(g.key);
    slot.table = slot.table === undefined ? g.value : mergeTables(slot.table, g.value);
  }
  const asOf = a.asOf ?? b.asOf;
  return {
    pipelineId: a.pipelineId,
    cohort: a.cohort,
    skipped: a.skipped,
    ...(a.from === undefined ? {} : { from: new Date(a.from.getTime()) }),
    ...(a.to === undefined ? {} : { to: new Date(a.to.getTime()) }),
    asOf: asOf === null ? null : new Date(asOf.getTime()),
    groupBy: [...a.groupBy],
    total: mergeTables(a.total, b.total),
    groups: groups.sorted().map(({ key, acc }) => ({ key: [...key], value: copyTable(acc.table!) })),
  };
}
