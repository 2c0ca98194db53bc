import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  completeTask,
  evaluateTransition,
  formatIssue,
  money,
  setSplits,
  transferOwnership,
  updateAmount,
  updateCloseDate,
  nextSteps,
  reopenTask,
  replayLedger,
  safeParseOpportunity,
  serializeOpportunity,
  transition,
  type EngineResult,
  type FunnelIssue,
  type KeyTaskId,
  type Opportunity,
  type OpportunityEvent,
  type Pipeline,
  type StageId,
  type TransitionCommand,
} from '../../src/index.js';
import { opportunityArb, pipelineArb } from '../../src/testing/index.js';
import { snapshot } from './_fixtures.js';
import { commandArb, lastAt, replay } from './_model.js';

// ---------------------------------------------------------------------------------
// The reference model: a deal is an open-stage index (or closed), a status and a set
// of done tasks. Its rules are the issue's rules stated as directly as possible.
// ---------------------------------------------------------------------------------

interface World {
  readonly pipeline: Pipeline;
  readonly open: readonly string[];
  readonly required: readonly (readonly string[])[];
  readonly tasks: readonly string[];
}

interface Model {
  world: World;
  stage: number; // open index; for a closed deal, the open stage it closed from
  status: Opportunity['status'];
  done: Set<string>;
  lastAt: number;
}

interface Real {
  o: Opportunity;
}

function worldOf(pipeline: Pipeline): World {
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  return {
    pipeline,
    open: open.map((s) => s.id),
    required: open.map((s) => s.keyTasks.filter((t) => t.required).map((t) => t.id as string)),
    tasks: open.flatMap((s) => s.keyTasks.map((t) => t.id as string)),
  };
}

/** Required tasks of open stages from..to (inclusive) that the model has not done. */
function missing(m: Model, from: number, to: number): string[] {
  const out: string[] = [];
  for (let s = from; s <= to; s++) for (const t of m.world.required[s] ?? []) if (!m.done.has(t)) out.push(t);
  return out;
}

const blank = (reason: string | undefined) => reason === undefined || reason.trim() === '';

/** Whether a move between open stages is allowed, and whether only key tasks stand in its way. */
function moveVerdict(m: Model, from: number, to: number, reason: string | undefined): { ok: boolean; tasksOnly: boolean } {
  const policy = m.world.pipeline.policy;
  if (to > from) {
    if (to > from + 1 && policy.skip === 'forbid') return { ok: false, tasksOnly: false };
    return { ok: missing(m, from, to - 1).length === 0, tasksOnly: true };
  }
  const ok = policy.backward === 'allow' || (policy.backward === 'reason' && !blank(reason));
  return { ok, tasksOnly: false };
}

interface Expectation {
  readonly ok: boolean;
  /** When set, a refusal must list exactly these key tasks as `key_task_incomplete`, and nothing else. */
  readonly missing?: readonly string[];
  readonly apply?: (m: Model) => void;
}

const closed = (m: Model) => m.status === 'won' || m.status === 'lost';

abstract class Step implements fc.Command<Model, Real> {
  constructor(readonly gapMinutes: number) {}
  check(_m: Readonly<Model>): boolean {
    return true;
  }
  abstract expect(m: Model): Expectation;
  abstract exec(o: Opportunity, world: World, at: Date): EngineResult;
  abstract label(): string;
  toString(): string {
    return `${this.label()} +${this.gapMinutes}m`;
  }

  run(m: Model, r: Real): void {
    const at = new Date(m.lastAt + this.gapMinutes * 60_000);
    const pre = r.o;
    const before = snapshot(pre, m.world.pipeline);
    const expected = this.expect(m);
    const result = this.exec(pre, m.world, at);
    expect(snapshot(pre, m.world.pipeline), 'input unchanged').toBe(before);
    expect(result.ok, `${this.toString()} ${result.ok ? '' : JSON.stringify(result.issues.map((i) => i.code))}`).toBe(expected.ok);
    if (result.ok) {
      expected.apply?.(m);
      m.lastAt = at.getTime();
      leftStagesWereComplete(pre, m.world, result.events);
      for (const e of result.events) expect(e.at.getTime()).toBe(at.getTime());
      r.o = result.opportunity;
    } else if (expected.missing !== undefined) {
      expect(result.issues.map((i) => `${i.code}:${i.taskId}`)).toEqual(expected.missing.map((t) => `key_task_incomplete:${t}`));
    }
    agrees(m, r.o);
  }
}

/** The engine never lets a deal leave a stage forward with a required task not done. */
function leftStagesWereComplete(pre: Opportunity, world: World, events: readonly OpportunityEvent[]): void {
  const done = new Set(Object.keys(pre.completedTasks));
  const check = (from: number, to: number) => {
    for (let s = from; s <= to; s++) for (const t of world.required[s] ?? []) expect(done.has(t), `left ${world.open[s]} without ${t}`).toBe(true);
  };
  for (const e of events) {
    if (e.type === 'stage_changed' && e.kind !== 'regress') check(world.open.indexOf(e.from), world.open.indexOf(e.to) - 1);
    if (e.type === 'won') check(world.open.indexOf(pre.stageId), world.open.length - 1);
  }
}

/** The real deal matches the model, and its ledger replays to its current state. */
function agrees(m: Model, o: Opportunity): void {
  const won = m.world.pipeline.stages.find((s) => s.kind === 'won')?.id;
  const lost = m.world.pipeline.stages.find((s) => s.kind === 'lost')?.id;
  const stageId = m.status === 'won' ? won : m.status === 'lost' ? lost : m.world.open[m.stage];
  expect(o.stageId).toBe(stageId);
  expect(o.status).toBe(m.status);
  expect(Object.keys(o.completedTasks).sort()).toEqual([...m.done].sort());
  // The ledger replays to the current state, in time order.
  const ledger = replayLedger(o.history);
  expect(ledger.problems).toEqual([]);
  expect(ledger.stageId).toBe(o.stageId);
  const replayed = replay(o.history);
  expect(replayed).toEqual({ stageId: o.stageId, status: o.status, completed: Object.keys(o.completedTasks).sort(), closedAt: o.closedAt?.getTime() });
  // Every event carries its position, and what the engine writes, parsing reads back:
  // the deal passes every ledger rule of parseOpportunity.
  o.history.forEach((e, i) => expect(e.seq).toBe(i + 1));
  const reread = safeParseOpportunity(serializeOpportunity(o), { pipeline: m.world.pipeline });
  expect(reread.success, reread.success ? '' : JSON.stringify(reread.error.issues)).toBe(true);
  for (let i = 1; i < o.history.length; i++) expect(o.history[i]!.at.getTime()).toBeGreaterThanOrEqual(o.history[i - 1]!.at.getTime());
}

class Complete extends Step {
  constructor(gap: number, readonly pick: number) {
    super(gap);
  }
  task(m: Model): string {
    return m.world.tasks[this.pick % m.world.tasks.length] as string;
  }
  override check(m: Readonly<Model>): boolean {
    return m.world.tasks.length > 0;
  }
  label(): string {
    return `complete#${this.pick}`;
  }
  expect(m: Model): Expectation {
    const t = this.task(m);
    return { ok: !closed(m) && !m.done.has(t), apply: (x) => x.done.add(t) };
  }
  exec(o: Opportunity, world: World, at: Date): EngineResult {
    return completeTask(o, world.pipeline, world.tasks[this.pick % world.tasks.length] as string, { at });
  }
}

class ReopenTask extends Complete {
  override label(): string {
    return `reopenTask#${this.pick}`;
  }
  override expect(m: Model): Expectation {
    const t = this.task(m);
    return { ok: !closed(m) && m.done.has(t), apply: (x) => x.done.delete(t) };
  }
  override exec(o: Opportunity, world: World, at: Date): EngineResult {
    return reopenTask(o, world.pipeline, world.tasks[this.pick % world.tasks.length] as string, { at });
  }
}

class Command extends Step {
  constructor(
    gap: number,
    readonly kind: 'advance' | 'move' | 'win' | 'lose' | 'suspend' | 'resume' | 'reopen',
    readonly pick: number | undefined,
    readonly reason: string | undefined,
  ) {
    super(gap);
  }
  label(): string {
    return `${this.kind}${this.pick === undefined ? '' : `#${this.pick}`}${this.reason === undefined ? '' : `(${JSON.stringify(this.reason)})`}`;
  }
  target(n: number): number | undefined {
    return this.pick === undefined ? undefined : this.pick % n;
  }
  command(world: World): TransitionCommand {
    const t = this.target(world.open.length);
    const to = t === undefined ? undefined : (world.open[t] as string);
    const reason = this.reason === undefined ? {} : { reason: this.reason };
    switch (this.kind) {
      case 'move':
        return { type: 'move', to: to ?? (world.open[0] as string), ...reason };
      case 'lose':
        return { type: 'lose', reason: this.reason ?? '' };
      case 'reopen':
        return to === undefined ? { type: 'reopen', ...reason } : { type: 'reopen', to, ...reason };
      case 'suspend':
        return { type: 'suspend' };
      default:
        return { type: this.kind };
    }
  }
  expect(m: Model): Expectation {
    const n = m.world.open.length;
    const open = m.status === 'open';
    switch (this.kind) {
      case 'advance': {
        if (!open || m.stage + 1 >= n) return { ok: false };
        const miss = missing(m, m.stage, m.stage);
        return { ok: miss.length === 0, missing: miss, apply: (x) => void x.stage++ };
      }
      case 'move': {
        const to = this.target(n) ?? 0;
        if (!open || to === m.stage) return { ok: false };
        const v = moveVerdict(m, m.stage, to, this.reason);
        return { ok: v.ok, ...(v.tasksOnly ? { missing: missing(m, m.stage, to - 1) } : {}), apply: (x) => { x.stage = to; } };
      }
      case 'win': {
        if (!open) return { ok: false };
        const miss = missing(m, m.stage, n - 1);
        return { ok: miss.length === 0, missing: miss, apply: (x) => { x.status = 'won'; } };
      }
      case 'lose':
        return { ok: open && !blank(this.reason), apply: (x) => { x.status = 'lost'; } };
      case 'suspend':
        return { ok: open, apply: (x) => { x.status = 'suspended'; } };
      case 'resume':
        return { ok: m.status === 'suspended', apply: (x) => { x.status = 'open'; } };
      case 'reopen': {
        if (!closed(m)) return { ok: false };
        const to = this.target(n) ?? m.stage;
        const v = to === m.stage ? { ok: true, tasksOnly: false } : moveVerdict(m, m.stage, to, this.reason);
        return {
          ok: v.ok,
          ...(v.tasksOnly ? { missing: missing(m, m.stage, to - 1) } : {}),
          apply: (x) => {
            x.status = 'open';
            x.stage = to;
          },
        };
      }
    }
  }
  exec(o: Opportunity, world: World, at: Date): EngineResult {
    return transition(o, world.pipeline, this.command(world), { at });
  }
}

const gap = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 * 24 * 5 }));
const reason = fc.option(fc.constantFrom('客户重新评估', '', ' '), { nil: undefined });
const steps = fc.commands(
  [
    fc.tuple(gap, fc.nat(99)).map(([g, p]) => new Complete(g, p)),
    fc.tuple(gap, fc.nat(99)).map(([g, p]) => new Complete(g, p)),
    fc.tuple(gap, fc.nat(99)).map(([g, p]) => new ReopenTask(g, p)),
    gap.map((g) => new Command(g, 'advance', undefined, undefined)),
    gap.map((g) => new Command(g, 'advance', undefined, undefined)),
    fc.tuple(gap, fc.nat(99), reason).map(([g, p, r]) => new Command(g, 'move', p, r)),
    gap.map((g) => new Command(g, 'win', undefined, undefined)),
    fc.tuple(gap, fc.constantFrom('价格过高', '', '  ')).map(([g, r]) => new Command(g, 'lose', undefined, r)),
    gap.map((g) => new Command(g, 'suspend', undefined, undefined)),
    gap.map((g) => new Command(g, 'resume', undefined, undefined)),
    fc.tuple(gap, fc.option(fc.nat(99), { nil: undefined }), reason).map(([g, p, r]) => new Command(g, 'reopen', p, r)),
  ],
  { maxCommands: 60 },
);

describe('the engine against a reference model (fc.commands)', () => {
  it('never leaves a stage with a required task open, replays its ledger, and keeps time in order', () => {
    fc.assert(
      fc.property(pipelineArb({ maxTasksPerStage: 3 }), fc.nat(9), fc.integer({ min: 0, max: 1e9 }), steps, (pipeline, startPick, t0, cmds) => {
        const world = worldOf(pipeline);
        const start = startPick % world.open.length;
        const created = new Date(Date.UTC(2025, 0, 1) + t0 * 1000);
        const o: Opportunity = {
          id: 'o-1' as Opportunity['id'],
          customerId: 'c-1' as Opportunity['customerId'],
          pipelineId: pipeline.id,
          name: 'Deal',
          amount: { amount: pipeline.stages[0]!.probability.times(1_000_000), currency: 'CNY' },
          stageId: world.open[start] as StageId,
          status: 'open',
          ownerId: 'rep-1' as Opportunity['ownerId'],
          completedTasks: {} as Record<KeyTaskId, never>,
          attributes: {},
          history: [{ type: 'created', seq: 1, at: created, stageId: world.open[start] as StageId }],
        };
        const model: Model = { world, stage: start, status: 'open', done: new Set<string>(), lastAt: created.getTime() };
        fc.modelRun(() => ({ model, real: { o } }), cmds);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------
// Laws over realistic deals from opportunityArb.
// ---------------------------------------------------------------------------------

const dealAndCommand = pipelineArb({ checks: ['manual', 'field'] }).chain((pipeline) =>
  fc.record({
    pipeline: fc.constant(pipeline),
    deal: opportunityArb({ pipeline, startAnywhere: true, maxSteps: 15 }),
    command: commandArb(pipeline),
    later: fc.integer({ min: -120, max: 60 * 24 * 30 }),
    locale: fc.constantFrom('en' as const, 'zh-CN' as const),
  }),
);

const key = (i: FunnelIssue) => `${i.code}|${i.stageId ?? ''}|${i.taskId ?? ''}`;

describe('engine laws on generated deals', () => {
  it('evaluateTransition is empty exactly when transition succeeds, with the same issues; no input is mutated', () => {
    fc.assert(
      fc.property(dealAndCommand, ({ pipeline, deal, command, later, locale }) => {
        const at = new Date(lastAt(deal) + later * 60_000);
        const before = snapshot(deal, pipeline, command);
        const dry = evaluateTransition(deal, pipeline, command, { at, locale });
        const real = transition(deal, pipeline, command, { at, locale });
        nextSteps(deal, pipeline, { at, locale });
        expect(snapshot(deal, pipeline, command)).toBe(before);
        expect(real.ok).toBe(dry.length === 0);
        if (!real.ok) expect(real.issues).toEqual(dry);
        else {
          expect(real.opportunity.history).toEqual([...deal.history, ...real.events]);
          expect(real.events.length).toBeGreaterThan(0);
        }
        // Time: an earlier `at` is always refused with time_went_backwards.
        expect(dry.some((i) => i.code === 'time_went_backwards')).toBe(later < 0);
        // Every issue has a message in the requested locale, and renders in both locales
        // with every placeholder filled from its params.
        for (const i of dry) {
          expect(i.message).toBe(formatIssue(i, locale));
          for (const l of ['en', 'zh-CN'] as const) expect(formatIssue(i, l)).not.toMatch(/\{\w+\}/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('no engine function mutates its inputs', () => {
    fc.assert(
      fc.property(dealAndCommand, fc.nat(), ({ pipeline, deal, locale }, pick) => {
        const at = new Date(lastAt(deal) + 60_000);
        const task = pipeline.stages.flatMap((s) => s.keyTasks)[pick % 7]?.id ?? 'none';
        const splits = [{ ownerId: 'rep-1', basisPoints: 2500 + (pick % 5000) }, { ownerId: 'rep-2', basisPoints: 7500 - (pick % 5000) }];
        const amount = money(String(pick % 1_000_000), 'CNY');
        const before = snapshot(deal, pipeline, splits, amount, at);
        completeTask(deal, pipeline, task, { at, locale });
        reopenTask(deal, pipeline, task, { at, locale });
        transferOwnership(deal, `rep-${pick % 3}`, { at, locale });
        setSplits(deal, splits, { at, locale });
        updateAmount(deal, amount, { at, locale });
        updateCloseDate(deal, pick % 2 === 0 ? null : '2026-12-31', { at, locale });
        expect(snapshot(deal, pipeline, splits, amount, at)).toBe(before);
      }),
      { numRuns: 200 },
    );
  });

  it('a refused forward move lists every unmet required key task at once', () => {
    fc.assert(
      fc.property(dealAndCommand, ({ pipeline, deal }) => {
        const open = pipeline.stages.filter((s) => s.kind === 'open');
        const from = open.findIndex((s) => s.id === deal.stageId);
        if (deal.status !== 'open' || from < 0) return;
        const issues = evaluateTransition(deal, pipeline, { type: 'win' });
        const expected = open
          .slice(from)
          .flatMap((s) => s.keyTasks.filter((t) => t.required))
          .filter((t) => (t.check.kind === 'manual' ? !Object.hasOwn(deal.completedTasks, t.id) : deal.expectedCloseDate === undefined))
          .map((t) => `key_task_incomplete|${open.find((s) => s.keyTasks.includes(t))!.id}|${t.id}`);
        expect(issues.map(key)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
