import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeTask, evaluateTransition, nextSteps, reopenTask, type FunnelIssue } from '../../src/index.js';
import { opportunityArb, pipelineArb } from '../../src/testing/index.js';
import { snapshot } from './_fixtures.js';
import { commandArb, lastAt } from './_model.js';

const arb = pipelineArb({ checks: ['manual', 'field'] }).chain((pipeline) => {
  const manual = pipeline.stages.flatMap((s) => s.keyTasks).filter((t) => t.check.kind === 'manual').map((t) => t.id as string);
  return fc.record({
    pipeline: fc.constant(pipeline),
    deal: opportunityArb({ pipeline, startAnywhere: true, maxSteps: 15 }),
    command: commandArb(pipeline),
    task: manual.length === 0 ? fc.constant('none') : fc.constantFrom(...manual),
    locale: fc.constantFrom('en' as const, 'zh-CN' as const),
  });
});

// An issue's identity: what it is about, not its wording.
const key = (i: FunnelIssue) => `${i.code}|${i.stageId ?? ''}|${i.taskId ?? ''}|${JSON.stringify(i.params)}`;

describe('completeTask laws', () => {
  it('completing a task never adds an issue to any command, and removes that task\'s own issue', () => {
    let completed = 0;
    fc.assert(
      fc.property(arb, ({ pipeline, deal, command, task, locale }) => {
        const at = new Date(lastAt(deal) + 3_600_000);
        const before = snapshot(deal, pipeline, command);
        const r = completeTask(deal, pipeline, task, { at, locale });
        expect(snapshot(deal, pipeline, command)).toBe(before);
        if (!r.ok) return;
        completed++;
        const was = new Set(evaluateTransition(deal, pipeline, command, { at, locale }).map(key));
        const now = evaluateTransition(r.opportunity, pipeline, command, { at, locale });
        for (const i of now) expect(was.has(key(i)), `new issue ${key(i)}`).toBe(true);
        expect(now.some((i) => i.code === 'key_task_incomplete' && i.taskId === task)).toBe(false);
        // ... and what nextSteps shows can only shrink.
        const stepsBefore = new Set(nextSteps(deal, pipeline, { at }).blocking.map((s) => s.taskId));
        for (const s of nextSteps(r.opportunity, pipeline, { at }).blocking) expect(stepsBefore.has(s.taskId)).toBe(true);
        // Reopening it again restores the deal's completed tasks exactly.
        const back = reopenTask(r.opportunity, pipeline, task, { at });
        expect(back.ok && back.opportunity.completedTasks).toEqual(deal.completedTasks);
      }),
      { numRuns: 300 },
    );
    expect(completed).toBeGreaterThan(50);
  });
});
