import { FunnelError } from '../../i18n/FunnelError.js';
import type { Pipeline } from '../../model/pipeline.js';
import type { KeyTask, Stage } from '../../model/stage.js';

/** A stage and its position among the open stages (-1 for won and lost stages). */
export interface StageEntry {
  readonly stage: Stage;
  readonly openIndex: number;
}

/** A key task, the stage that owns it, and the dotted path of a field check split once. */
export interface TaskEntry {
  readonly task: KeyTask;
  readonly stage: Stage;
  readonly fieldPath: readonly string[] | undefined;
}

/** Lookups the engine needs on every call, computed once per pipeline object. */
export interface PipelineIndex {
  readonly byId: ReadonlyMap<string, StageEntry>;
  /** Open stages in funnel order. */
  readonly open: readonly Stage[];
  /** Required key tasks of each open stage, by open index. */
  readonly required: ReadonlyArray<readonly TaskEntry[]>;
  /** Whether every required task of the open stage is manual (the fast path). */
  readonly allManual: readonly boolean[];
  readonly tasks: ReadonlyMap<string, TaskEntry>;
  readonly firstWon: Stage;
  readonly firstLost: Stage;
}

// Pipelines are immutable values, so an index keyed by the object stays valid; the
// WeakMap lets a pipeline and its index be collected together.
const cache = new WeakMap<Pipeline, PipelineIndex>();

/** The index of `pipeline`, built on first use. Throws for a pipeline the schema would reject. */
export function pipelineIndex(pipeline: Pipeline): PipelineIndex {
  const hit = cache.get(pipeline);
  if (hit !== undefined) return hit;
  if (typeof pipeline !== 'object' || pipeline === null || !Array.isArray(pipeline.stages)) {
    throw new FunnelError('invalid_argument', { name: 'pipeline', reason: 'must be a parsed pipeline with stages' });
  }
  const byId = new Map<string, StageEntry>();
  const open: Stage[] = [];
  const required: TaskEntry[][] = [];
  const allManual: boolean[] = [];
  const tasks = new Map<string, TaskEntry>();
  let firstWon: Stage | undefined;
  let firstLost: Stage | undefined;
  for (const stage of pipeline.stages) {
    const openIndex = stage.kind === 'open' ? open.length : -1;
    if (!byId.has(stage.id)) byId.set(stage.id, { stage, openIndex });
    const req: TaskEntry[] = [];
    for (const task of stage.keyTasks) {
      const entry: TaskEntry = { task, stage, fieldPath: task.check.kind === 'field' ? task.check.field.split('.') : undefined };
      if (!tasks.has(task.id)) tasks.set(task.id, entry);
      if (task.required) req.push(entry);
    }
    if (stage.kind === 'open') {
      open.push(stage);
      required.push(req);
      allManual.push(req.every((e) => e.task.check.kind === 'manual'));
    } else if (stage.kind === 'won') {
      firstWon ??= stage;
    } else {
      firstLost ??= stage;
    }
  }
  if (open.length === 0 || firstWon === undefined || firstLost === undefined) {
    throw new FunnelError('invalid_argument', { name: 'pipeline', reason: 'needs at least one open, one won and one lost stage; parse it with parsePipeline' });
  }
  const index: PipelineIndex = { byId, open, required, allManual, tasks, firstWon, firstLost };
  cache.set(pipeline, index);
  return index;
}
