import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { StageId } from './ids.js';
import type { Pipeline } from './pipeline.js';
import type { KeyTask, Stage } from './stage.js';

/** Kind code of an open stage, for hot loops. @internal */
export const OPEN = 0;
/** Kind code of a won stage. @internal */
export const WON = 1;
/** Kind code of a lost stage. @internal */
export const LOST = 2;

/** What every area needs to know about a stage id, looked up once. @internal */
export interface StageInfo {
  readonly stage: Stage;
  /** {@link OPEN}, {@link WON} or {@link LOST}. */
  readonly kind: 0 | 1 | 2;
  /** Position among the open stages (0-based); −1 for won and lost stages. */
  readonly openIndex: number;
}

/** A key task, the stage that owns it, and the dotted path of a field check, split once. @internal */
export interface TaskEntry {
  readonly task: KeyTask;
  readonly stage: Stage;
  readonly fieldPath: readonly string[] | undefined;
}

/**
 * One pipeline, prepared once for the engine, the analytics, the forecasts and the
 * planning functions: stages by id, open stages in order, the first won and lost
 * stage, tasks by id and the required tasks of each open stage.
 *
 * @internal
 */
export interface PipelineIndex {
  readonly pipeline: Pipeline;
  /** Every stage by id (the first one, should a hand-built pipeline repeat an id). */
  readonly byId: ReadonlyMap<string, StageInfo>;
  /** Open stages in funnel order. */
  readonly open: readonly Stage[];
  /** Ids of the open stages in funnel order. */
  readonly openIds: readonly StageId[];
  /** Required key tasks of each open stage, by open index. */
  readonly required: ReadonlyArray<readonly TaskEntry[]>;
  /** Whether every required task of the open stage is manual (the engine's fast path). */
  readonly allManual: readonly boolean[];
  /** Every key task by id. */
  readonly tasks: ReadonlyMap<string, TaskEntry>;
  /** The first won stage (where `win` goes unless told otherwise). */
  readonly firstWon: Stage;
  /** The first lost stage (where `lose` goes unless told otherwise). */
  readonly firstLost: Stage;
}

// Pipelines are immutable values, so an index keyed by the object stays valid; the
// WeakMap lets a pipeline and its index be collected together.
const cache = new WeakMap<Pipeline, PipelineIndex>();

/**
 * The index of `pipeline`, built on first use and cached per pipeline object. The
 * pipeline is never modified.
 *
 * @throws {@link FunnelError} `invalid_argument` for a value that is not a parsed pipeline.
 * @internal
 */
export function pipelineIndex(pipeline: Pipeline): PipelineIndex {
  const hit = typeof pipeline === 'object' && pipeline !== null ? cache.get(pipeline) : undefined;
  if (hit !== undefined) return hit;
  if (typeof pipeline !== 'object' || pipeline === null || !Array.isArray(pipeline.stages)) {
    throw new FunnelError('invalid_argument', { name: 'pipeline', reason: because('must_be_pipeline_with_stages') });
  }
  const byId = new Map<string, StageInfo>();
  const open: Stage[] = [];
  const required: TaskEntry[][] = [];
  const allManual: boolean[] = [];
  const tasks = new Map<string, TaskEntry>();
  let firstWon: Stage | undefined;
  let firstLost: Stage | undefined;
  for (const stage of pipeline.stages) {
    const kind = stage.kind === 'open' ? OPEN : stage.kind === 'won' ? WON : LOST;
    const openIndex = kind === OPEN ? open.length : -1;
    if (!byId.has(stage.id)) byId.set(stage.id, { stage, kind, openIndex });
    const req: TaskEntry[] = [];
    for (const task of stage.keyTasks) {
      const entry: TaskEntry = { task, stage, fieldPath: task.check.kind === 'field' ? task.check.field.split('.') : undefined };
      if (!tasks.has(task.id)) tasks.set(task.id, entry);
      if (task.required) req.push(entry);
    }
    if (kind === OPEN) {
      open.push(stage);
      required.push(req);
      allManual.push(req.every((e) => e.task.check.kind === 'manual'));
    } else if (kind === WON) {
      firstWon ??= stage;
    } else {
      firstLost ??= stage;
    }
  }
  if (open.length === 0 || firstWon === undefined || firstLost === undefined) {
    throw new FunnelError('invalid_argument', {
      name: 'pipeline',
      reason: because('pipeline_needs_stage_kinds'),
    });
  }
  const index: PipelineIndex = {
    pipeline,
    byId,
    open,
    openIds: open.map((s) => s.id),
    required,
    allManual,
    tasks,
    firstWon,
    firstLost,
  };
  cache.set(pipeline, index);
  return index;
}

/**
 * The stage info of an id.
 *
 * @throws {@link FunnelError} `unknown_stage` when the pipeline has no such stage.
 * @internal
 */
export function stageInfo(index: PipelineIndex, stageId: string): StageInfo {
  const info = index.byId.get(stageId);
  if (info === undefined) throw new FunnelError('unknown_stage', { stageId });
  return info;
}

/**
 * Throws `pipeline_mismatch` when the deal belongs to another pipeline.
 *
 * @internal
 */
export function assertSamePipeline(opportunity: { readonly pipelineId: string }, pipeline: Pipeline): void {
  if (opportunity.pipelineId !== pipeline.id) {
    throw new FunnelError('pipeline_mismatch', { expected: pipeline.id, actual: opportunity.pipelineId });
  }
}
