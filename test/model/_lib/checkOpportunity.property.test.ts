// The ledger check of completed key tasks, against the rule written out plainly: each
// task the ledger completes or reopens is judged by its LAST event (completed: done at
// that event's time, by the same person when both say who; reopened: not done), and the
// mismatches are listed in the order the tasks first appear in the ledger. The check
// scans when a ledger has up to 16 task events and keeps a Map beyond: both are held to
// the rule here, with ledgers from 1 to 40 task events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeParseOpportunity } from '../../../src/model/opportunity.js';
import { parsePipeline } from '../../../src/model/pipeline.js';

const TASKS = ['t0', 't1', 't2', 't3', 't4', 't5'];
const pipeline = parsePipeline({
  id: 'p',
  name: 'P',
  currency: 'CNY',
  stages: [
    { id: 'lead', name: 'Lead', kind: 'open', probability: '0.1', keyTasks: TASKS.map((id) => ({ id, title: `Task ${id}`, required: false })) },
    { id: 'won', name: 'Won', kind: 'won', probability: 1 },
    { id: 'lost', name: 'Lost', kind: 'lost', probability: 0 },
  ],
});

const T0 = Date.UTC(2026, 0, 5);
const iso = (minute: number) => new Date(T0 + minute * 60_000).toISOString();

interface TaskEvent {
  readonly task: number;
  readonly reopen: boolean;
  readonly by: string | undefined;
}
interface Record_ {
  readonly at: string;
  readonly by?: string;
}

const eventArb = fc.record({ task: fc.integer({ min: 0, max: TASKS.length - 1 }), reopen: fc.boolean(), by: fc.constantFrom(undefined, 'rep-a', 'rep-b') });

/** A deal whose ledger is `created` then the task events, one minute apart; `completedTasks` as given. */
function dealOf(events: readonly TaskEvent[], completedTasks: Readonly<Record<string, Record_>>): Record<string, unknown> {
  return {
    id: 'o1',
    customerId: 'c1',
    pipelineId: 'p',
    name: 'Deal',
    amount: { amount: '100', currency: 'CNY' },
    stageId: 'lead',
    ownerId: 'rep-a',
    completedTasks,
    history: [
      { type: 'created', at: iso(0), stageId: 'lead' },
      ...events.map((e, k) => ({ type: e.reopen ? 'task_reopened' : 'task_completed', at: iso(k + 1), ...(e.by === undefined ? {} : { by: e.by }), taskId: TASKS[e.task] })),
    ],
  };
}

/** What the ledger says `completedTasks` must be. */
function replayed(events: readonly TaskEvent[]): Record<string, Record_> {
  const done: Record<string, Record_> = {};
  events.forEach((e, k) => {
    const id = TASKS[e.task]!;
    if (e.reopen) delete done[id];
    else done[id] = { at: iso(k + 1), ...(e.by === undefined ? {} : { by: e.by }) };
  });
  return done;
}

/** The rule, plainly: `ledger_task_mismatch @ completedTasks.<id>` (history index) per task, in first-appearance order. */
function expected(events: readonly TaskEvent[], completedTasks: Readonly<Record<string, Record_>>): string[] {
  const last = new Map<string, number>();
  events.forEach((e, k) => last.set(TASKS[e.task]!, k));
  const out: string[] = [];
  for (const [id, k] of last) {
    const e = events[k]!;
    const record = Object.hasOwn(completedTasks, id) ? completedTasks[id] : undefined;
    const ok = e.reopen ? record === undefined : record !== undefined && record.at === iso(k + 1) && (record.by === undefined || e.by === undefined || record.by === e.by);
    if (!ok) out.push(`ledger_task_mismatch @ completedTasks.${id} (event ${k + 1})`);
  }
  return out;
}

function taskIssues(input: unknown): string[] {
  const r = safeParseOpportunity(input, { pipeline });
  if (r.success) return [];
  return r.error.issues
    .filter((i) => (i as { params?: { code?: string } }).params?.code === 'ledger_task_mismatch')
    .map((i) => `ledger_task_mismatch @ ${i.path.join('.')} (event ${(i as unknown as { params: { index: number } }).params.index})`);
}

/** `completedTasks` as the ledger says, then changed: a task dropped, added, moved in time or given another person. */
const caseArb = fc.array(eventArb, { minLength: 1, maxLength: 40 }).chain((events) => {
  const truth = replayed(events);
  return fc
    .array(
      fc.record({ task: fc.integer({ min: 0, max: TASKS.length - 1 }), change: fc.constantFrom('drop', 'add', 'move', 'by') }),
      { maxLength: 3 },
    )
    .map((changes) => {
      const tasks: Record<string, Record_> = { ...truth };
      for (const { task, change } of changes) {
        const id = TASKS[task]!;
        const r = tasks[id];
        if (change === 'drop') delete tasks[id];
        else if (change === 'add' && r === undefined) tasks[id] = { at: iso(500) };
        else if (change === 'move' && r !== undefined) tasks[id] = { ...r, at: iso(501) };
        else if (change === 'by' && r !== undefined) tasks[id] = { at: r.at, by: r.by === 'rep-b' ? 'rep-a' : 'rep-b' };
      }
      return { events, tasks };
    });
});

describe('ledger check of completed key tasks', () => {
  it('lists exactly the tasks whose last event disagrees with completedTasks, in first-appearance order (scan and Map alike)', () => {
    fc.assert(
      fc.property(caseArb, ({ events, tasks }) => {
        expect(taskIssues(dealOf(events, tasks))).toEqual(expected(events, tasks));
      }),
      { numRuns: 400 },
    );
  });

  it('a ledger that agrees passes, with few task events and with many', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 40 }), (events) => {
        expect(taskIssues(dealOf(events, replayed(events)))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('by hand: 20 task events (past the scan), t1 reopened last, yet still listed as done', () => {
    // Task events k = 0…19 (history index k + 1, after `created`): t0 when k is even, t1
    // when odd, all completions except k = 19, which reopens t1.
    const events: TaskEvent[] = Array.from({ length: 20 }, (_, k) => ({ task: k % 2, reopen: k === 19, by: undefined }));
    // The ledger's truth: t0 done at its last event (k = 18, minute 19), t1 not done.
    expect(replayed(events)).toEqual({ t0: { at: iso(19) } });
    // Listing t1 as done contradicts its last event, history index 20; t0 agrees.
    const tasks = { t0: { at: iso(19) }, t1: { at: iso(18) } };
    expect(taskIssues(dealOf(events, tasks))).toEqual(['ledger_task_mismatch @ completedTasks.t1 (event 20)']);
  });
});
