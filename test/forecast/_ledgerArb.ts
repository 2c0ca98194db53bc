// Books whose ledgers hold every kind of event the forecasts read, overrides included
// (not a test file: vitest only runs *.test.ts). Generated deals (src/testing) carry their
// overrides without events, as imports do; on top of them the engine itself appends a
// random run of commands: probability and category overrides, amounts, close dates,
// owners, splits, key tasks and stage commands, some at the same instant.
import fc from 'fast-check';
import {
  completeTask,
  money,
  setForecastCategory,
  setProbabilityOverride,
  setSplits,
  transferOwnership,
  transition,
  updateAmount,
  updateCloseDate,
  type EngineResult,
  type ForecastCategory,
  type Opportunity,
  type Pipeline,
  type TransitionCommand,
} from '../../src/index.js';
import { OWNERS, pipelineWithDeals, splitsArb } from './_arbitraries.js';

/** One random command, before it knows the deal. */
export type Op =
  | { readonly t: 'probability'; readonly v: number | null }
  | { readonly t: 'category'; readonly v: ForecastCategory | null }
  | { readonly t: 'amount'; readonly v: number }
  | { readonly t: 'closeDate'; readonly v: number | null }
  | { readonly t: 'owner'; readonly v: string }
  | { readonly t: 'splits'; readonly v: ReadonlyArray<{ readonly ownerId: string; readonly basisPoints: number }> | null }
  | { readonly t: 'task'; readonly v: number }
  | { readonly t: 'command'; readonly c: 'advance' | 'win' | 'lose' | 'suspend' | 'resume' | 'reopen' | 'move'; readonly v: number };

/** A command and the minutes after the deal's previous event it happens (0: the same instant). */
export interface TimedOp {
  readonly gap: number;
  readonly op: Op;
}

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('probability' as const), v: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }) }),
  fc.record({ t: fc.constant('category' as const), v: fc.option(fc.constantFrom<ForecastCategory>('pipeline', 'best_case', 'commit', 'omitted'), { nil: null }) }),
  fc.record({ t: fc.constant('amount' as const), v: fc.integer({ min: 0, max: 3_000_000 }) }),
  fc.record({ t: fc.constant('closeDate' as const), v: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null, freq: 6 }) }),
  fc.record({ t: fc.constant('owner' as const), v: fc.constantFrom(...OWNERS) }),
  fc.record({ t: fc.constant('splits' as const), v: fc.option(splitsArb, { nil: null }) }),
  fc.record({ t: fc.constant('task' as const), v: fc.nat({ max: 100 }) }),
  fc.record({
    t: fc.constant('command' as const),
    c: fc.constantFrom('advance' as const, 'advance' as const, 'win' as const, 'lose' as const, 'suspend' as const, 'resume' as const, 'reopen' as const, 'move' as const),
    v: fc.nat({ max: 100 }),
  }),
);

export const timedOpArb: fc.Arbitrary<TimedOp> = fc.record({
  gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 * 24 * 60 })),
  op: opArb,
});

const DAY = 86_400_000;
const DATE0 = Date.UTC(2026, 0, 1);

/** Applies one command; the deal as it is when the engine refuses. */
export function applyOp(o: Opportunity, pipeline: Pipeline, op: Op, at: Date): { readonly deal: Opportunity; readonly result: EngineResult } {
  const options = { at, by: 'rep-1' };
  let result: EngineResult;
  switch (op.t) {
    case 'probability':
      result = setProbabilityOverride(o, op.v === null ? null : (op.v / 20).toString(), options);
      break;
    case 'category':
      result = setForecastCategory(o, op.v, options);
      break;
    case 'amount':
      result = updateAmount(o, money(op.v.toString(), o.amount.currency), options);
      break;
    case 'closeDate':
      result = updateCloseDate(o, op.v === null ? null : new Date(DATE0 + op.v * DAY).toISOString().slice(0, 10), options);
      break;
    case 'owner':
      result = transferOwnership(o, op.v, options);
      break;
    case 'splits':
      result = setSplits(o, op.v, options);
      break;
    case 'task': {
      const tasks = pipeline.stages.find((s) => s.id === o.stageId)?.keyTasks.filter((k) => k.check.kind === 'manual' && o.completedTasks[k.id] === undefined) ?? [];
      const task = tasks[op.v % Math.max(1, tasks.length)];
      if (task === undefined) return { deal: o, result: { ok: false, issues: [] } };
      result = completeTask(o, pipeline, task.id, options);
      break;
    }
    case 'command': {
      const open = pipeline.stages.filter((s) => s.kind === 'open');
      const command: TransitionCommand =
        op.c === 'lose' ? { type: 'lose', reason: '价格过高' }
        : op.c === 'move' ? { type: 'move', to: open[op.v % open.length]!.id, reason: '客户重新评估' }
        : op.c === 'reopen' ? { type: 'reopen', reason: '客户回头' }
        : { type: op.c };
      result = transition(o, pipeline, command, options);
      break;
    }
  }
  return { deal: result.ok ? result.opportunity : o, result };
}

/** A deal after a run of commands, each `gap` minutes after the previous event. */
export function applyOps(o: Opportunity, pipeline: Pipeline, ops: readonly TimedOp[]): Opportunity {
  let deal = o;
  for (const { gap, op } of ops) {
    const last = deal.history.length === 0 ? Date.UTC(2025, 5, 1) : deal.history[deal.history.length - 1]!.at.getTime();
    deal = applyOp(deal, pipeline, op, new Date(last + gap * 60_000)).deal;
  }
  return deal;
}

/** A pipeline and up to `maxDeals` deals with rich ledgers (see the file's header). */
export function ledgerBookArb(maxDeals = 12): fc.Arbitrary<{ pipeline: Pipeline; deals: Opportunity[] }> {
  return pipelineWithDeals(true, maxDeals).chain(({ pipeline, deals }) =>
    fc.array(fc.array(timedOpArb, { maxLength: 8 }), { minLength: deals.length, maxLength: deals.length }).map((runs) => ({
      pipeline,
      deals: deals.map((d, i) => applyOps(d, pipeline, runs[i] ?? [])),
    })),
  );
}

/** An instant from May 2025 to the end of 2026 (the span of the generated ledgers and the commands after them). */
export const instantArb = fc.integer({ min: Date.UTC(2025, 4, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms));

/**
 * A book, two instants `from` ≤ `to` near its events (each within two days of an
 * event, or anywhere) and a period, mostly one its deals are dated in, so that most
 * windows see something move.
 */
export function bookWindowArb(
  maxDeals = 12,
): fc.Arbitrary<{ pipeline: Pipeline; deals: Opportunity[]; from: Date; to: Date; period: string; unit: 'month' | 'quarter' | 'year' }> {
  return ledgerBookArb(maxDeals).chain((book) => {
    const times = book.deals.flatMap((d) => d.history.map((e) => e.at.getTime())).sort((a, b) => a - b);
    const near =
      times.length === 0
        ? instantArb
        : fc.oneof(
            { weight: 4, arbitrary: fc.tuple(fc.nat(times.length - 1), fc.integer({ min: -2 * DAY, max: 2 * DAY })).map(([i, dt]) => new Date(times[i]! + dt)) },
            { weight: 1, arbitrary: instantArb },
          );
    // A period some deal is dated in (or a fixed one), so that most periods hold deals.
    const dates = book.deals.flatMap((d) => [d.expectedCloseDate, d.closedAt?.toISOString().slice(0, 10)]).filter((x): x is string => x !== undefined);
    const period =
      dates.length === 0
        ? periodArb
        : fc.oneof(
            { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...dates), fc.constantFrom('month' as const, 'quarter' as const, 'year' as const)).map(([d, unit]) => ({ period: keyOf(d, unit), unit })) },
            { weight: 1, arbitrary: periodArb },
          );
    return fc
      .tuple(near, near, period)
      .map(([x, y, p]) => ({ ...book, ...p, ...(x.getTime() <= y.getTime() ? { from: x, to: y } : { from: y, to: x }) }));
  });
}

/** The key of the month, quarter or year of a `YYYY-MM-DD` date (in UTC, as the forecasts date instants by default). */
function keyOf(date: string, unit: 'month' | 'quarter' | 'year'): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return unit === 'year' ? year : unit === 'month' ? date.slice(0, 7) : `${year}-Q${Math.ceil(month / 3)}`;
}

/** A period to follow, with its unit. */
export const periodArb = fc.constantFrom(
  { period: '2025-Q4', unit: 'quarter' as const },
  { period: '2026-Q1', unit: 'quarter' as const },
  { period: '2026-Q2', unit: 'quarter' as const },
  { period: '2026-Q3', unit: 'quarter' as const },
  { period: '2026-05', unit: 'month' as const },
  { period: '2026', unit: 'year' as const },
);
