import { describe, expect, it } from 'vitest';
import { completeTask, makeIssue, nextSteps, transition, type Opportunity } from '../../src/index.js';
import { CREATED, hours, makeDeal, makePipeline, snapshot } from './_fixtures.js';

const pipeline = makePipeline();

describe('nextSteps: what do I do now (现在我该干什么)', () => {
  it('lists the unmet tasks of the current stage with their titles, required first-class', () => {
    const deal = makeDeal();
    const before = snapshot(deal, pipeline);
    const now = nextSteps(deal, pipeline);
    expect(snapshot(deal, pipeline)).toBe(before);
    expect(now).toMatchObject({ status: 'open', stageId: 'lead', stageName: 'Lead', command: { type: 'advance' }, targetStageId: 'qualify', targetStageName: 'Qualify', ready: false });
    expect(now.blocking.map((s) => [s.taskId, s.title, s.required, s.check])).toEqual([['contact', 'Make first contact', true, 'manual']]);
    expect(now.optional.map((s) => [s.taskId, s.title, s.required])).toEqual([['research', 'Research the account', false]]);
    expect(now.issues.map((i) => i.taskId)).toEqual(['contact']);
    expect(nextSteps(deal, pipeline, { locale: 'zh-CN' }).blocking[0]?.issues[0]?.message).toBe('阶段“Lead”的关键任务“Make first contact”尚未完成。');
  });

  it('is ready once the required tasks are done (optional ones still listed)', () => {
    const r = completeTask(makeDeal(), pipeline, 'contact', { at: hours(1) });
    if (!r.ok) throw new Error('refused');
    const now = nextSteps(r.opportunity, pipeline);
    expect(now.ready).toBe(true);
    expect(now.blocking).toEqual([]);
    expect(now.issues).toEqual([]);
    expect(now.optional.map((s) => s.taskId)).toEqual(['research']);
  });

  it('explains field and guard tasks (the guard says why)', () => {
    const deal = makeDeal({ stageId: 'proposal', history: [{ type: 'created', at: CREATED, stageId: 'proposal' }] });
    const guards = { creditApproved: () => [makeIssue('guard_failed', { guard: 'creditApproved', title: 'Pass the credit check', detail: ': over limit' })] };
    const now = nextSteps(deal, pipeline, { guards });
    expect(now.blocking.map((s) => [s.taskId, s.check, s.issues.map((i) => i.message)])).toEqual([
      ['credit', 'guard', ['Check "creditApproved" for key task "Pass the credit check" did not pass: over limit.']],
      ['submit', 'manual', ['Key task "Submit the proposal" of stage "Proposal" is not done.']],
    ]);
    expect(now.blocking[0]?.issues[0]).toMatchObject({ stageId: 'proposal', taskId: 'credit' });
  });

  it('at the last open stage the next move is win', () => {
    const deal = makeDeal({ stageId: 'negotiation', history: [{ type: 'created', at: CREATED, stageId: 'negotiation' }], amount: { amount: '50000', currency: 'CNY' } });
    const now = nextSteps(deal, pipeline);
    expect(now.command).toEqual({ type: 'win' });
    expect(now.targetStageId).toBe('won');
    // 50 000 < 100 000, and no decision maker on file.
    expect(now.blocking.map((s) => s.taskId)).toEqual(['bigEnough', 'decisionMaker']);
  });

  it('a suspended deal must resume first; a closed one can be reopened into its last open stage', () => {
    const s = transition(makeDeal(), pipeline, { type: 'suspend' }, { at: hours(1) });
    if (!s.ok) throw new Error('refused');
    const paused = nextSteps(s.opportunity, pipeline);
    expect(paused).toMatchObject({ command: { type: 'resume' }, ready: true, targetStageId: undefined });
    expect(paused.blocking.map((t) => t.taskId)).toEqual(['contact']);
    const lost = transition(makeDeal(), pipeline, { type: 'lose', reason: '价格过高' }, { at: hours(1) });
    if (!lost.ok) throw new Error('refused');
    const closed = nextSteps(lost.opportunity as Opportunity, pipeline);
    expect(closed).toMatchObject({ status: 'lost', stageId: 'lost', command: { type: 'reopen' }, targetStageId: 'lead', blocking: [], ready: true });
  });
});
