import { describe, expect, it } from 'vitest';
import { completeTask, makeIssue, nextSteps, parsePipeline, transition, type Opportunity, type Pipeline } from '../../src/index.js';
import { CREATED, hours, makeDeal, makePipeline, pipelineJson, snapshot } from './_fixtures.js';

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

  it('a won deal is reopened into the open stage it was won from', () => {
    const deal = makeDeal({ stageId: 'negotiation', history: [{ type: 'created', at: CREATED, stageId: 'negotiation' }], attributes: { decisionMaker: 'Ms Chen' } });
    const won = transition(deal, pipeline, { type: 'win' }, { at: hours(1) });
    if (!won.ok) throw new Error(JSON.stringify(won.issues));
    expect(nextSteps(won.opportunity, pipeline)).toEqual({
      status: 'won',
      stageId: 'won',
      stageName: 'Won',
      command: { type: 'reopen' },
      targetStageId: 'negotiation',
      targetStageName: 'Negotiation',
      blocking: [],
      optional: [],
      issues: [],
      ready: true,
    });
  });

  it('a deal lost from qualify is reopened into qualify, not into the first stage', () => {
    const moved = transition(makeDeal({ completedTasks: { contact: { at: hours(0.5).toISOString() } } }), pipeline, { type: 'advance' }, { at: hours(1) });
    if (!moved.ok) throw new Error('refused');
    const lost = transition(moved.opportunity, pipeline, { type: 'lose', reason: '价格过高' }, { at: hours(2) });
    if (!lost.ok) throw new Error('refused');
    expect(nextSteps(lost.opportunity, pipeline)).toMatchObject({ command: { type: 'reopen' }, targetStageId: 'qualify', targetStageName: 'Qualify' });
  });

  it('a closed deal whose ledger never saw an open stage is reopened into the first open stage', () => {
    const deal = makeDeal({
      stageId: 'noDecision',
      status: 'lost',
      history: [
        { type: 'created', at: CREATED, stageId: 'noDecision' },
        { type: 'lost', at: hours(1).toISOString(), stageId: 'noDecision', reason: 'no budget' },
      ],
    });
    expect(nextSteps(deal, pipeline)).toMatchObject({ status: 'lost', stageId: 'noDecision', stageName: 'No decision', command: { type: 'reopen' }, targetStageId: 'lead', targetStageName: 'Lead' });
  });

  it('a stage the pipeline does not know: its id stands for its name, no tasks are listed, and the move is refused', () => {
    const open = makeDeal({ stageId: 'gone', history: [{ type: 'created', at: CREATED, stageId: 'gone' }] });
    const now = nextSteps(open, pipeline);
    expect(now).toMatchObject({ status: 'open', stageId: 'gone', stageName: 'gone', command: { type: 'win' }, targetStageId: 'won', targetStageName: 'Won', blocking: [], optional: [], ready: false });
    const notHere = { code: 'stage_not_in_pipeline', params: { stageId: 'gone', pipelineId: 'direct' }, message: 'Stage "gone" is not a stage of pipeline "direct".', path: ['stageId'], stageId: 'gone' };
    expect(now.issues).toEqual([notHere]);
    const closed = makeDeal({
      stageId: 'gone',
      status: 'lost',
      history: [
        { type: 'created', at: CREATED, stageId: 'gone' },
        { type: 'lost', at: hours(1).toISOString(), stageId: 'gone', reason: 'no budget' },
      ],
    });
    expect(nextSteps(closed, pipeline)).toEqual({
      status: 'lost',
      stageId: 'gone',
      stageName: 'gone',
      command: { type: 'reopen' },
      targetStageId: 'lead',
      targetStageName: 'Lead',
      blocking: [],
      optional: [],
      issues: [notHere],
      ready: false,
    });
  });

  it('only the tasks of an open stage are listed, and only for a deal of this pipeline', () => {
    // Key tasks on a closed stage are allowed by the schema; they never block anything.
    const handover = parsePipeline({
      ...pipelineJson,
      stages: pipelineJson.stages.map((s) => (s.id === 'won' ? { ...s, keyTasks: [{ id: 'handover', title: 'Hand over to delivery' }] } : s)),
    });
    const won = makeDeal({ stageId: 'won', status: 'won', history: [{ type: 'created', at: CREATED, stageId: 'negotiation' }, { type: 'won', at: hours(1).toISOString(), stageId: 'won' }] });
    expect(nextSteps(won, handover)).toMatchObject({ command: { type: 'reopen' }, targetStageId: 'negotiation', blocking: [], optional: [] });
    // An open deal standing in a won stage (a hand-edited record) is not asked for the won stage's tasks.
    const stray = makeDeal({ stageId: 'won', history: [{ type: 'created', at: CREATED, stageId: 'won' }] });
    const strayNow = nextSteps(stray, handover);
    expect(strayNow).toMatchObject({ status: 'open', command: { type: 'win' }, targetStageId: 'won', blocking: [], optional: [], ready: false });
    expect(strayNow.issues.map((i) => [i.code, i.message])).toEqual([['status_stage_mismatch', 'Status "open" does not match the won stage "Won".']]);
    // A deal of another pipeline: its stage ids mean nothing here.
    const other = nextSteps(makeDeal({ pipelineId: 'partner' }), pipeline);
    expect(other).toMatchObject({ stageName: 'Lead', command: { type: 'advance' }, blocking: [], optional: [], ready: false });
    expect(other.issues.map((i) => i.code)).toEqual(['pipeline_mismatch']);
  });

  it('a task id a hand-built pipeline repeats in a later stage names the first task: the repeat is not listed', () => {
    const repeated = {
      ...pipeline,
      stages: pipeline.stages.map((s) => (s.id === 'qualify' ? { ...s, keyTasks: [...s.keyTasks, { ...pipeline.stages[0]!.keyTasks[0]!, title: 'Call again' }] } : s)),
    } as Pipeline;
    const deal = makeDeal({ stageId: 'qualify', history: [{ type: 'created', at: CREATED, stageId: 'qualify' }] });
    expect(nextSteps(deal, repeated).blocking.map((s) => [s.taskId, s.title])).toEqual([
      ['budget', 'Confirm the budget'],
      ['closeDate', 'Set an expected close date'],
    ]);
  });

  it('a step carries a role only for a contact_met task', () => {
    const step = nextSteps(makeDeal(), pipeline).blocking[0];
    expect(step).toStrictEqual({
      taskId: 'contact',
      title: 'Make first contact',
      stageId: 'lead',
      stageName: 'Lead',
      required: true,
      check: 'manual',
      issues: [
        {
          code: 'key_task_incomplete',
          params: { taskId: 'contact', title: 'Make first contact', stageId: 'lead', stageName: 'Lead', check: 'manual' },
          message: 'Key task "Make first contact" of stage "Lead" is not done.',
          stageId: 'lead',
          taskId: 'contact',
        },
      ],
    });
  });
});
