import { describe, expect, it } from 'vitest';
import { completeTask, definePipeline, parseOpportunity, parsePipeline, serializePipeline, transition } from '../../src/index.js';

const definition = {
  id: 'direct',
  name: '直销',
  currency: 'CNY',
  stages: [
    { id: 'lead', name: '线索', kind: 'open', probability: '0.1', keyTasks: [{ id: 'visit', title: '首次拜访' }] },
    { id: 'negotiate', name: '谈判', kind: 'open', probability: '0.6' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
} as const;

describe('definePipeline', () => {
  it('parses like parsePipeline: the same domain value, defaults filled in', () => {
    const p = definePipeline(definition);
    expect(p).toEqual(parsePipeline(definition));
    expect(p.policy).toEqual({ skip: 'gates', backward: 'allow', probabilityOnStageChange: 'reset' });
    expect(p.stages[0]?.probability.toString()).toBe('0.1');
    expect(p.stages[0]?.keyTasks[0]).toEqual({ id: 'visit', title: '首次拜访', required: true, check: { kind: 'manual' } });
    // The ids are type-level only: nothing extra at run time, and it serialises as any pipeline.
    expect(Object.keys(p)).not.toContain('~ids');
    expect(serializePipeline(p)).toEqual(serializePipeline(parsePipeline(definition)));
  });

  it('works with the engine like any pipeline', () => {
    const p = definePipeline(definition);
    const deal = parseOpportunity({
      id: 'o1', customerId: 'c1', pipelineId: 'direct', name: 'ERP', ownerId: 'rep-zhang', stageId: 'lead',
      amount: { amount: '1000000', currency: 'CNY' },
      history: [{ type: 'created', at: '2026-03-01T09:00:00+08:00', stageId: 'lead' }],
    });
    const visited = completeTask(deal, p, 'visit', { at: '2026-03-02T09:00:00+08:00' });
    if (!visited.ok) throw new Error('refused');
    const moved = transition(visited.opportunity, p, { type: 'move', to: 'negotiate' }, { at: '2026-03-02T10:00:00+08:00' });
    expect(moved.ok && moved.opportunity.stageId).toBe('negotiate');
    // A misspelt id that slips past the type checker (an `any`) is still an issue at run time.
    const typo = transition(visited.opportunity, p, { type: 'move', to: 'negociate' as never }, { at: '2026-03-02T10:00:00+08:00' });
    expect(!typo.ok && typo.issues.map((i) => i.code)).toEqual(['unknown_stage']);
  });

  it('refuses an invalid definition as parsePipeline does (ZodError with the issues)', () => {
    expect(() => definePipeline({ ...definition, stages: definition.stages.filter((s) => s.kind !== 'won') })).toThrow(/no_won_stage|won stage/);
    expect(() => definePipeline({ ...definition, currency: 'XXX1' })).toThrow();
  });
});
