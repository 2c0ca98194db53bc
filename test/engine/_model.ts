// Helpers for the engine's property tests (not a test file: vitest only runs *.test.ts).
import fc from 'fast-check';
import type { Opportunity, OpportunityEvent, Pipeline, TransitionCommand } from '../../src/index.js';

/** What a ledger says about a deal, replayed from its events alone. */
export interface Replayed {
  readonly stageId: string | undefined;
  readonly status: Opportunity['status'];
  readonly completed: readonly string[];
  readonly closedAt: number | undefined;
}

/** Replays status, stage, completed tasks and closing time from a ledger. */
export function replay(history: readonly OpportunityEvent[]): Replayed {
  let stageId: string | undefined;
  let status: Opportunity['status'] = 'open';
  let closedAt: number | undefined;
  const completed = new Set<string>();
  for (const e of history) {
    switch (e.type) {
      case 'created':
        stageId = e.stageId;
        break;
      case 'stage_changed':
        stageId = e.to;
        break;
      case 'task_completed':
        completed.add(e.taskId);
        break;
      case 'task_reopened':
        completed.delete(e.taskId);
        break;
      case 'suspended':
        status = 'suspended';
        break;
      case 'resumed':
        status = 'open';
        break;
      case 'won':
      case 'lost':
        stageId = e.stageId;
        status = e.type;
        closedAt = e.at.getTime();
        break;
      case 'reopened':
        stageId = e.stageId;
        status = 'open';
        closedAt = undefined;
        break;
      default:
        break;
    }
  }
  return { stageId, status, completed: [...completed].sort(), closedAt };
}

const reasonArb = fc.constantFrom('客户重新评估', 'budget moved', '', '  ');

/** Any command, well-formed or not quite (unknown stages, blank reasons), for a pipeline. */
export function commandArb(pipeline: Pipeline): fc.Arbitrary<TransitionCommand> {
  const stage = fc.constantFrom(...pipeline.stages.map((s) => s.id as string), 'no-such-stage');
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return fc.oneof(
    fc.constant({ type: 'advance' } as const),
    fc.record({ to: stage, reason: opt(reasonArb) }).map((c) => strip({ type: 'move' as const, ...c })),
    fc.record({ stage: opt(stage) }).map((c) => strip({ type: 'win' as const, ...c })),
    fc.record({ reason: reasonArb, competitor: opt(fc.constantFrom('Globex', '竞争对手A')), stage: opt(stage) }).map((c) => strip({ type: 'lose' as const, ...c })),
    fc.record({ reason: opt(reasonArb) }).map((c) => strip({ type: 'suspend' as const, ...c })),
    fc.constant({ type: 'resume' } as const),
    fc.record({ to: opt(stage), reason: opt(reasonArb) }).map((c) => strip({ type: 'reopen' as const, ...c })),
  ) as fc.Arbitrary<TransitionCommand>;
}

/** The time of the latest ledger event (ms), or 0. */
export function lastAt(o: Opportunity): number {
  return o.history.reduce((m, e) => Math.max(m, e.at.getTime()), 0);
}
