// Issue "One API before 1.0": every public function that takes an instant accepts a
// `Date` or an ISO 8601 string with offset, and gives the same result for both.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auditPipeline,
  backtestStageProbabilities,
  cohortFunnel,
  competingRisks,
  completeTask,
  conversionTimes,
  estimateTransitionModel,
  evaluateTransition,
  findStalled,
  funnelSnapshot,
  money,
  nextSteps,
  type Opportunity,
  type Pipeline,
  reopenTask,
  setSplits,
  stageFlow,
  stageVisits,
  toInstant,
  transferOwnership,
  transition,
  updateAmount,
  updateCloseDate,
} from '../../src/index.js';
import { bookArb } from '../../src/testing/index.js';

/** The same instant written with a +08:00 offset, as a CRM in Beijing would send it. */
function inBeijing(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 23);
  return `${local}+08:00`;
}

type Call = (deals: readonly Opportunity[], pipeline: Pipeline, t: Date | string, u: Date | string) => unknown;

// Each call reads the books with instants t ≤ u (or acts at u).
const readers: Record<string, Call> = {
  stageVisits: (d, p, t) => d.map((o) => stageVisits(o, p, { asOf: t })),
  stageFlow: (d, p, t, u) => stageFlow(d, p, { from: t, to: u, asOf: u }),
  funnelSnapshot: (d, p, t) => funnelSnapshot(d, p, { asOf: t }),
  cohortFunnel: (d, p, t, u) => cohortFunnel(d, p, { from: t, to: u, asOf: u }),
  findStalled: (d, p, t) => findStalled(d, p, { asOf: t }),
  auditPipeline: (d, p, t) => auditPipeline(d, p, { asOf: t }),
  conversionTimes: (d, p, t) => conversionTimes(d, p, { asOf: t }),
  competingRisks: (d, p, t) => competingRisks(d, p, { asOf: t }),
  estimateTransitionModel: (d, p, t) => estimateTransitionModel(d, p, { asOf: t }),
  backtestStageProbabilities: (d, p, t, u) => backtestStageProbabilities(d, p, { closedFrom: t, closedTo: u, asOf: u }),
};

// Each command acts at instant u on the first deal; refusals are compared too.
const commands: Record<string, Call> = {
  transition: (d, p, _t, u) => d.map((o) => transition(o, p, { type: 'advance' }, { at: u })),
  evaluateTransition: (d, p, _t, u) => d.map((o) => evaluateTransition(o, p, { type: 'advance' }, { at: u })),
  nextSteps: (d, p, _t, u) => d.map((o) => nextSteps(o, p, { at: u })),
  completeTask: (d, p, _t, u) => d.map((o) => completeTask(o, p, p.stages[0]?.keyTasks[0]?.id ?? 'none', { at: u })),
  reopenTask: (d, p, _t, u) => d.map((o) => reopenTask(o, p, Object.keys(o.completedTasks)[0] ?? 'none', { at: u })),
  transferOwnership: (d, _p, _t, u) => d.map((o) => transferOwnership(o, 'rep-new', { at: u })),
  setSplits: (d, _p, _t, u) =>
    d.map((o) => setSplits(o, [{ ownerId: o.ownerId, basisPoints: 6000 }, { ownerId: 'rep-new', basisPoints: 4000 }], { at: u })),
  updateAmount: (d, _p, _t, u) => d.map((o) => updateAmount(o, money('123.45', o.amount.currency), { at: u })),
  updateCloseDate: (d, _p, _t, u) => d.map((o) => updateCloseDate(o, '2027-01-31', { at: u })),
};

const book = bookArb({ minDeals: 1, maxDeals: 6, from: '2025-01-01', to: '2026-06-30' });
const instants = fc
  .tuple(
    fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }),
  )
  .map(([a, b]): [Date, Date] => (a <= b ? [a, b] : [b, a]));

function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    return { thrown: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

describe('every public function that takes an instant gives the same result for a Date and an ISO string', () => {
  it('the ISO strings used here are the same instants', () => {
    const d = new Date('2026-03-31T16:00:00Z');
    expect(inBeijing(d)).toBe('2026-04-01T00:00:00.000+08:00');
    expect(toInstant(inBeijing(d), 'asOf').getTime()).toBe(d.getTime());
  });

  for (const [name, call] of Object.entries({ ...readers, ...commands })) {
    it(name, () => {
      fc.assert(
        fc.property(book, instants, ({ pipeline, opportunities }, [t, u]) => {
          const withDates = outcome(() => call(opportunities, pipeline, t, u));
          const withStrings = outcome(() => call(opportunities, pipeline, inBeijing(t), inBeijing(u)));
          expect(withStrings).toEqual(withDates);
        }),
        { numRuns: 25 },
      );
    });
  }
});
