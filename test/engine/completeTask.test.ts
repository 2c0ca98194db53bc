import { describe, expect, it } from 'vitest';
import { completeTask, transition, type Opportunity } from '../../src/index.js';
import { hours, makeDeal, makePipeline, snapshot } from './_fixtures.js';

const pipeline = makePipeline();
const codes = (r: ReturnType<typeof completeTask>) => (r.ok ? [] : r.issues.map((i) => [i.code, i.stageId ?? null, i.taskId ?? null]));

describe('completeTask', () => {
  it('records { at, by } and appends task_completed; the input is untouched', () => {
    const deal = makeDeal();
    const before = snapshot(deal, pipeline);
    const r = completeTask(deal, pipeline, 'contact', { at: hours(1), by: 'rep-zhang' });
    expect(snapshot(deal, pipeline)).toBe(before);
    if (!r.ok) throw new Error('refused');
    expect(r.events).toEqual([{ type: 'task_completed', seq: 2, at: hours(1), by: 'rep-zhang', taskId: 'contact' }]);
    expect(r.opportunity.completedTasks).toEqual({ contact: { at: hours(1), by: 'rep-zhang' } });
    expect(r.opportunity.history).toEqual([...deal.history, ...r.events]);
    expect(deal.completedTasks).toEqual({});
  });

  it('completes a task of a later stage ahead of time', () => {
    const r = completeTask(makeDeal(), pipeline, 'submit', { at: hours(1) });
    expect(r.ok && r.opportunity.completedTasks).toEqual({ submit: { at: hours(1) } });
  });

  it('refuses field and guard tasks: they are satisfied by data or by their guard', () => {
    const field = completeTask(makeDeal(), pipeline, 'closeDate', { at: hours(1) });
    expect(codes(field)).toEqual([['task_not_manual', 'qualify', 'closeDate']]);
    expect(!field.ok && field.issues[0]?.message).toBe('Key task "Set an expected close date" is satisfied by its field check, not marked by hand.');
    const guard = completeTask(makeDeal(), pipeline, 'credit', { at: hours(1), locale: 'zh-CN' });
    expect(codes(guard)).toEqual([['task_not_manual', 'proposal', 'credit']]);
    expect(!guard.ok && guard.issues[0]?.message).toBe('关键任务“Pass the credit check”由系统按自定义规则自动判定，不能手动标记完成。');
  });

  it('refuses unknown and already completed tasks, in both locales', () => {
    const unknown = completeTask(makeDeal(), pipeline, 'demo', { at: hours(1) });
    expect(codes(unknown)).toEqual([['unknown_task', null, 'demo']]);
    expect(!unknown.ok && unknown.issues[0]?.message).toBe('Unknown key task "demo".');
    expect(!unknown.ok && unknown.issues[0]?.path).toEqual(['taskId']);
    // A task id that names a prototype property is still unknown.
    expect(codes(completeTask(makeDeal(), pipeline, 'constructor', { at: hours(1) }))).toEqual([['unknown_task', null, 'constructor']]);
    const once = completeTask(makeDeal(), pipeline, 'contact', { at: hours(1) });
    if (!once.ok) throw new Error('refused');
    const twice = completeTask(once.opportunity, pipeline, 'contact', { at: hours(2), locale: 'zh-CN' });
    expect(codes(twice)).toEqual([['task_already_completed', 'lead', 'contact']]);
    expect(!twice.ok && twice.issues[0]?.message).toBe('关键任务“Make first contact”已完成。');
  });

  it('refuses on a closed deal, on another pipeline, and when time would go backwards (all at once)', () => {
    const lost = transition(makeDeal(), pipeline, { type: 'lose', reason: 'x' }, { at: hours(5) });
    if (!lost.ok) throw new Error('refused');
    expect(codes(completeTask(lost.opportunity, pipeline, 'contact', { at: hours(4) }))).toEqual([
      ['time_went_backwards', null, null],
      ['opportunity_closed', 'lost', null],
    ]);
    const other = { ...makeDeal(), pipelineId: 'partner' } as Opportunity;
    expect(codes(completeTask(other, pipeline, 'contact', { at: hours(1) }))).toEqual([['pipeline_mismatch', null, null]]);
  });

  it('a suspended deal can still have its tasks done', () => {
    const s = transition(makeDeal(), pipeline, { type: 'suspend' }, { at: hours(1) });
    if (!s.ok) throw new Error('refused');
    expect(completeTask(s.opportunity, pipeline, 'contact', { at: hours(2) }).ok).toBe(true);
  });
});

describe('completeTask: a value that is not a pipeline', () => {
  it('throws invalid_argument naming the pipeline (a programmer error), for null, {} and a number', () => {
    for (const p of [null, {}, 5]) {
      expect(() => completeTask(makeDeal(), p as never, 'contact', { at: hours(1) })).toThrowError(
        expect.objectContaining({ code: 'invalid_argument', params: expect.objectContaining({ name: 'pipeline' }) }),
      );
    }
  });
});
