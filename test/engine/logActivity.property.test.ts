import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateTransition, logActivity, money, nextSteps, type ActivityInput, type FunnelIssue } from '../../src/index.js';
import { opportunityArb, pipelineArb } from '../../src/testing/index.js';
import { snapshot } from './_fixtures.js';
import { commandArb, lastAt } from './_model.js';

const activityArb: fc.Arbitrary<ActivityInput> = fc.record(
  {
    kind: fc.constantFrom('visit' as const, 'call' as const, 'email' as const, 'meeting' as const, 'other' as const),
    contactId: fc.constantFrom('ct-1', 'ct-2'),
    outcome: fc.constantFrom('确认需求', 'demo booked'),
    cost: fc.integer({ min: 0, max: 5000 }).map((n) => money(String(n), 'CNY')),
    note: fc.string({ minLength: 1, maxLength: 20 }),
  },
  { requiredKeys: ['kind'] },
);

const arb = pipelineArb({ checks: ['manual', 'field'] }).chain((pipeline) =>
  fc.record({
    pipeline: fc.constant(pipeline),
    deal: opportunityArb({ pipeline, startAnywhere: true, maxSteps: 15 }),
    command: commandArb(pipeline),
    activity: activityArb,
    gapMs: fc.integer({ min: 0, max: 30 * 86_400_000 }),
  }),
);

const key = (i: FunnelIssue) => `${i.code}|${i.stageId ?? ''}|${i.taskId ?? ''}|${JSON.stringify(i.params)}`;

describe('logActivity laws', () => {
  it('succeeds in every status, appends exactly one event and never changes any other field or any verdict', () => {
    fc.assert(
      fc.property(arb, ({ pipeline, deal, command, activity, gapMs }) => {
        const at = new Date(lastAt(deal) + gapMs);
        const before = snapshot(deal, activity);
        const r = logActivity(deal, activity, { at });
        expect(snapshot(deal, activity)).toBe(before);
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        const { history, ...rest } = r.opportunity;
        const { history: old, ...oldRest } = deal;
        expect(rest).toEqual(oldRest);
        expect(history.slice(0, old.length)).toEqual(old);
        expect(history).toHaveLength(old.length + 1);
        expect(r.events).toEqual([history.at(-1)]);
        // Without contact_met tasks, an activity changes no command's verdict and no next step.
        expect(evaluateTransition(r.opportunity, pipeline, command, { at }).map(key)).toEqual(evaluateTransition(deal, pipeline, command, { at }).map(key));
        expect(nextSteps(r.opportunity, pipeline, { at }).blocking.map((s) => s.taskId)).toEqual(nextSteps(deal, pipeline, { at }).blocking.map((s) => s.taskId));
      }),
      { numRuns: 200 },
    );
  });
});
