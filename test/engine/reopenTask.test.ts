import { describe, expect, it } from 'vitest';
import { completeTask, reopenTask, transition } from '../../src/index.js';
import { hours, makeDeal, makePipeline, snapshot } from './_fixtures.js';

const pipeline = makePipeline();
const codes = (r: ReturnType<typeof reopenTask>) => (r.ok ? [] : r.issues.map((i) => [i.code, i.stageId ?? null, i.taskId ?? null]));

describe('reopenTask', () => {
  const done = () => {
    const r = completeTask(makeDeal(), pipeline, 'contact', { at: hours(1) });
    if (!r.ok) throw new Error('refused');
    return r.opportunity;
  };

  it('removes the completion, appends task_reopened, and the task gates again', () => {
    const deal = done();
    const before = snapshot(deal);
    const r = reopenTask(deal, pipeline, 'contact', { at: hours(2), by: 'manager-wang' });
    expect(snapshot(deal)).toBe(before);
    if (!r.ok) throw new Error('refused');
    expect(r.events).toEqual([{ type: 'task_reopened', seq: 3, at: hours(2), by: 'manager-wang', taskId: 'contact' }]);
    expect(r.opportunity.completedTasks).toEqual({});
    expect(transition(r.opportunity, pipeline, { type: 'advance' }, { at: hours(3) }).ok).toBe(false);
  });

  it('refuses tasks that are not done, unknown or not manual, in both locales', () => {
    const notDone = reopenTask(makeDeal(), pipeline, 'contact', { at: hours(1) });
    expect(codes(notDone)).toEqual([['task_not_completed', 'lead', 'contact']]);
    expect(!notDone.ok && notDone.issues[0]?.message).toBe('Key task "Make first contact" is not done.');
    const zh = reopenTask(makeDeal(), pipeline, 'contact', { at: hours(1), locale: 'zh-CN' });
    expect(!zh.ok && zh.issues[0]?.message).toBe('关键任务“Make first contact”尚未完成。');
    expect(codes(reopenTask(makeDeal(), pipeline, 'nope', { at: hours(1) }))).toEqual([['unknown_task', null, 'nope']]);
    expect(codes(reopenTask(makeDeal(), pipeline, 'bigEnough', { at: hours(1) }))).toEqual([['task_not_manual', 'negotiation', 'bigEnough']]);
  });

  it('refuses on closed deals and backwards time', () => {
    const won = transition(done(), pipeline, { type: 'lose', reason: 'x' }, { at: hours(3) });
    if (!won.ok) throw new Error('refused');
    expect(codes(reopenTask(won.opportunity, pipeline, 'contact', { at: hours(2) }))).toEqual([
      ['time_went_backwards', null, null],
      ['opportunity_closed', 'lost', null],
    ]);
  });
});
