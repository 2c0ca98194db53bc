import { describe, expectTypeOf, it } from 'vitest';
import {
  completeTask,
  definePipeline,
  evaluateTransition,
  nextSteps,
  parsePipeline,
  reopenTask,
  transition,
  type Opportunity,
  type Pipeline,
  type StageIdsOf,
  type TaskIdsOf,
  type TransitionCommand,
} from '../../src/index.js';

const pipeline = definePipeline({
  id: 'direct',
  name: 'Direct',
  currency: 'CNY',
  stages: [
    { id: 'lead', name: 'Lead', kind: 'open', probability: '0.1', keyTasks: [{ id: 'visit', title: 'Visit' }] },
    { id: 'negotiate', name: 'Negotiate', kind: 'open', probability: '0.6', keyTasks: [{ id: 'quote', title: 'Quote' }] },
    { id: 'won', name: 'Won', kind: 'won', probability: 1 },
    { id: 'lost', name: 'Lost', kind: 'lost', probability: 0 },
  ],
});
declare const deal: Opportunity;
const at = '2026-03-02T09:00:00+08:00';

describe('definePipeline keeps stage and task ids as literal types', () => {
  it('types the pipeline with its ids', () => {
    expectTypeOf(pipeline).toEqualTypeOf<Pipeline<'lead' | 'negotiate' | 'won' | 'lost', 'visit' | 'quote'>>();
    // A typed pipeline is still a Pipeline: every function taking one accepts it.
    expectTypeOf(pipeline).toMatchTypeOf<Pipeline>();
  });

  it('works the same with `as const`', () => {
    const p = definePipeline({
      id: 'p',
      name: 'P',
      currency: 'CNY',
      stages: [
        { id: 'a', name: 'A', kind: 'open', probability: '0.5' },
        { id: 'w', name: 'W', kind: 'won', probability: 1 },
        { id: 'l', name: 'L', kind: 'lost', probability: 0 },
      ],
    } as const);
    expectTypeOf(p).toEqualTypeOf<Pipeline<'a' | 'w' | 'l', never>>();
  });

  it('refuses a misspelt stage id in a command at compile time', () => {
    transition(deal, pipeline, { type: 'move', to: 'negotiate' }, { at });
    // @ts-expect-error 'negociate' is not a stage of this pipeline
    transition(deal, pipeline, { type: 'move', to: 'negociate' }, { at });
    // @ts-expect-error nor in win, lose or reopen
    evaluateTransition(deal, pipeline, { type: 'win', stage: 'wonn' });
    // @ts-expect-error
    transition(deal, pipeline, { type: 'reopen', to: 'leed' }, { at });
  });

  it('refuses a misspelt key task id at compile time', () => {
    completeTask(deal, pipeline, 'visit', { at });
    // @ts-expect-error 'vist' is not a key task of this pipeline
    completeTask(deal, pipeline, 'vist', { at });
    // @ts-expect-error
    reopenTask(deal, pipeline, 'qoute', { at });
  });

  it('types what nextSteps returns, so its command goes straight back to transition', () => {
    const next = nextSteps(deal, pipeline);
    expectTypeOf(next.command).toEqualTypeOf<TransitionCommand<'lead' | 'negotiate' | 'won' | 'lost'>>();
    expectTypeOf(next.blocking[0]!.taskId).toEqualTypeOf<'visit' | 'quote'>();
    transition(deal, pipeline, next.command, { at });
  });

  it('leaves pipelines read at run time taking any string', () => {
    const parsed = parsePipeline({});
    expectTypeOf(parsed).toEqualTypeOf<Pipeline>();
    transition(deal, parsed, { type: 'move', to: 'negociate' }, { at });
    completeTask(deal, parsed, 'anything', { at });
    const id: string = 'from-a-form';
    transition(deal, parsed, { type: 'move', to: id }, { at });
  });

  it('derives the ids from a definition type', () => {
    type Def = { stages: readonly [{ id: 'x'; keyTasks: readonly [{ id: 't1' }, { id: 't2' }] }, { id: 'y' }] };
    expectTypeOf<StageIdsOf<Def>>().toEqualTypeOf<'x' | 'y'>();
    expectTypeOf<TaskIdsOf<Def>>().toEqualTypeOf<'t1' | 't2'>();
    expectTypeOf<StageIdsOf<{ stages: { id: string }[] }>>().toEqualTypeOf<string>();
  });
});
