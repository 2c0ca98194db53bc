// Hostile input at the engine's boundary: whatever a caller passes as a command, a
// positional argument or an `at`, every engine function answers with coded issues or a
// coded FunnelError (`invalid_option` for a bad option), never a TypeError or
// RangeError, and never changes its inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  completeTask,
  evaluateTransition,
  FunnelError,
  ISSUE_CODES,
  nextSteps,
  reopenTask,
  setSplits,
  transferOwnership,
  transition,
  updateAmount,
  updateCloseDate,
  type EngineResult,
  type FunnelIssue,
  type Opportunity,
  type Pipeline,
} from '../../src/index.js';
import { opportunityArb, pipelineArb } from '../../src/testing/index.js';
import { snapshot } from './_fixtures.js';
import { commandArb, lastAt } from './_model.js';

const CODES = new Set<string>(ISSUE_CODES);

const hostile = fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true });

/** Instants that look plausible but are not, next to real ones (as Date and as string). */
const atArb = (deal: Opportunity): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.integer({ min: -60, max: 60 * 24 * 365 }).map((m) => new Date(lastAt(deal) + m * 60_000)),
    fc.integer({ min: -60, max: 60 * 24 * 365 }).map((m) => new Date(lastAt(deal) + m * 60_000).toISOString()),
    fc.date({ noInvalidDate: false }),
    fc.constantFrom(
      'garbage',
      '',
      '2026-02-30T00:00:00Z',
      '2026-03-01T23:59:60Z',
      '9999-12-31T23:00:00-02:00',
      '0000-12-31T23:00:00Z',
      '2026-03-01',
      '2026-03-01T10:00:00',
      '2026-03-01T10:00:00+24:00',
      new Date(Number.NaN),
      new Date(-62_135_596_800_001),
      new Date(253_402_300_800_000),
    ),
    fc.string(),
    hostile,
  );

/** A command that is well-formed, or nearly (a field swapped for anything), or anything at all. */
const commandLike = (pipeline: Pipeline): fc.Arbitrary<unknown> =>
  fc.oneof(
    commandArb(pipeline),
    fc.tuple(commandArb(pipeline), fc.constantFrom('type', 'to', 'stage', 'reason', 'competitor'), hostile).map(([c, k, v]) => ({ ...c, [k]: v })),
    hostile,
  );

const world = pipelineArb({ checks: ['manual', 'field'] }).chain((pipeline) =>
  fc.record({
    pipeline: fc.constant(pipeline),
    deal: opportunityArb({ pipeline, startAnywhere: true, maxSteps: 10 }),
  }),
);

/** Runs `f`; a throw must be a coded FunnelError, a result must carry only coded issues. */
function coded(f: () => EngineResult | readonly FunnelIssue[] | { readonly issues: readonly FunnelIssue[] }): void {
  let out: ReturnType<typeof f>;
  try {
    out = f();
  } catch (e) {
    expect(e).toBeInstanceOf(FunnelError);
    expect((e as FunnelError).code).toBe('invalid_option');
    return;
  }
  const issues = Array.isArray(out) ? out : 'issues' in out ? out.issues : [];
  for (const i of issues as readonly FunnelIssue[]) {
    expect(CODES.has(i.code), i.code).toBe(true);
    expect(typeof i.message).toBe('string');
    expect(i.message.length).toBeGreaterThan(0);
  }
}

describe('hostile commands, arguments and `at` values give only coded issues', () => {
  it('transition, evaluateTransition and nextSteps', () => {
    fc.assert(
      fc.property(
        world.chain((w) => fc.record({ w: fc.constant(w), command: commandLike(w.pipeline), at: atArb(w.deal) })),
        ({ w: { pipeline, deal }, command, at }) => {
          const before = snapshot(deal, pipeline);
          const options = { at } as never;
          coded(() => transition(deal, pipeline, command as never, options));
          coded(() => evaluateTransition(deal, pipeline, command as never, options));
          coded(() => nextSteps(deal, pipeline, options));
          expect(snapshot(deal, pipeline)).toBe(before);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the other engine functions, with hostile positional arguments too', () => {
    fc.assert(
      fc.property(
        world.chain((w) => fc.record({ w: fc.constant(w), value: hostile, at: atArb(w.deal), options: fc.record({ expectedVersion: hostile, idempotencyKey: hostile }, { requiredKeys: [] }) })),
        ({ w: { pipeline, deal }, value, at, options: extra }) => {
          const before = snapshot(deal, pipeline);
          const options = { at, ...extra } as never;
          coded(() => completeTask(deal, pipeline, value as never, options));
          coded(() => reopenTask(deal, pipeline, value as never, options));
          coded(() => transferOwnership(deal, value as never, options));
          coded(() => setSplits(deal, value as never, options));
          coded(() => setSplits(deal, [value, value] as never, options));
          coded(() => updateAmount(deal, value as never, options));
          coded(() => updateAmount(deal, { amount: value, currency: value } as never, options));
          coded(() => updateCloseDate(deal, value as never, options));
          expect(snapshot(deal, pipeline)).toBe(before);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a Date and the same instant as an ISO string give the same result', () => {
    fc.assert(
      fc.property(
        world.chain((w) => fc.record({ w: fc.constant(w), command: commandArb(w.pipeline), minutes: fc.integer({ min: -30, max: 60 * 24 * 90 }) })),
        ({ w: { pipeline, deal }, command, minutes }) => {
          const at = new Date(lastAt(deal) + minutes * 60_000);
          const offset = at.toISOString().replace('Z', '+00:00');
          const a = transition(deal, pipeline, command, { at });
          expect(transition(deal, pipeline, command, { at: at.toISOString() })).toEqual(a);
          expect(transition(deal, pipeline, command, { at: offset })).toEqual(a);
          expect(evaluateTransition(deal, pipeline, command, { at: at.toISOString() })).toEqual(evaluateTransition(deal, pipeline, command, { at }));
        },
      ),
      { numRuns: 200 },
    );
  });
});
