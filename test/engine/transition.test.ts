import { describe, expect, it } from 'vitest';
import {
  completeTask,
  evaluateTransition,
  formatIssue,
  FunnelError,
  makeIssue,
  transition,
  type FunnelIssue,
  type KeyTaskGuards,
  type Opportunity,
  type Pipeline,
  type TransitionCommand,
  type TransitionOptions,
} from '../../src/index.js';
import { CREATED, hours, makeDeal, makePipeline, snapshot } from './_fixtures.js';

const pipeline = makePipeline();
const passCredit: KeyTaskGuards = { creditApproved: () => true };

/** Completes manual tasks one hour apart starting at `from` hours. */
function withTasks(deal: Opportunity, p: Pipeline, ids: readonly string[], from = 1): Opportunity {
  let d = deal;
  ids.forEach((id, i) => {
    const r = completeTask(d, p, id, { at: hours(from + i) });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    d = r.opportunity;
  });
  return d;
}

/** Runs a command that must succeed. */
function ok(deal: Opportunity, p: Pipeline, command: TransitionCommand, options: TransitionOptions) {
  const before = snapshot(deal, p);
  const r = transition(deal, p, command, options);
  expect(snapshot(deal, p)).toBe(before);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  expect(r.opportunity.history).toEqual([...deal.history, ...r.events]);
  return r;
}

/** Runs a command that must be refused; checks evaluateTransition agrees and nothing changed. */
function refused(deal: Opportunity, p: Pipeline, command: TransitionCommand, options: TransitionOptions): readonly FunnelIssue[] {
  const before = snapshot(deal, p);
  const r = transition(deal, p, command, options);
  expect(snapshot(deal, p)).toBe(before);
  if (r.ok) throw new Error('expected a refusal');
  expect(evaluateTransition(deal, p, command, options)).toEqual(r.issues);
  return r.issues;
}

const brief = (issues: readonly FunnelIssue[]) => issues.map((i) => [i.code, i.stageId ?? null, i.taskId ?? null]);
const messages = (issues: readonly FunnelIssue[]) => issues.map((i) => i.message);

describe('advance: leaving a stage needs its required key tasks', () => {
  it('refuses with every missing required task, in both locales (optional tasks never block)', () => {
    const deal = makeDeal();
    const en = refused(deal, pipeline, { type: 'advance' }, { at: hours(1) });
    expect(brief(en)).toEqual([['key_task_incomplete', 'lead', 'contact']]);
    expect(en[0]?.params).toMatchObject({ title: 'Make first contact', stageName: 'Lead', stageId: 'lead', taskId: 'contact' });
    expect(messages(en)).toEqual(['Key task "Make first contact" of stage "Lead" is not done.']);
    const zh = refused(deal, pipeline, { type: 'advance' }, { at: hours(1), locale: 'zh-CN' });
    expect(messages(zh)).toEqual(['阶段“Lead”的关键任务“Make first contact”尚未完成。']);
  });

  it('moves to the next open stage once they are done and records who and when', () => {
    const deal = withTasks(makeDeal(), pipeline, ['contact']);
    const r = ok(deal, pipeline, { type: 'advance' }, { at: hours(5), by: 'rep-zhang' });
    expect(r.events).toEqual([{ type: 'stage_changed', seq: 3, at: hours(5), by: 'rep-zhang', from: 'lead', to: 'qualify', kind: 'advance' }]);
    expect(r.opportunity.stageId).toBe('qualify');
    expect(r.opportunity.status).toBe('open');
  });

  it('lists manual and field tasks together (qualify needs the budget and a close date)', () => {
    const deal = ok(withTasks(makeDeal(), pipeline, ['contact']), pipeline, { type: 'advance' }, { at: hours(5) }).opportunity;
    const en = refused(deal, pipeline, { type: 'advance' }, { at: hours(6) });
    expect(brief(en)).toEqual([
      ['key_task_incomplete', 'qualify', 'budget'],
      ['key_task_incomplete', 'qualify', 'closeDate'],
    ]);
    expect(en[1]?.params).toMatchObject({ check: 'field', field: 'expectedCloseDate', rule: 'present' });
    expect(messages(en)).toEqual([
      'Key task "Confirm the budget" of stage "Qualify" is not done.',
      'Key task "Set an expected close date" of stage "Qualify" is not done.',
    ]);
    const zh = refused(deal, pipeline, { type: 'advance' }, { at: hours(6), locale: 'zh-CN' });
    expect(messages(zh)).toEqual(['阶段“Qualify”的关键任务“Confirm the budget”尚未完成。', '阶段“Qualify”的关键任务“Set an expected close date”尚未完成。']);
    // The field task is satisfied by data, not by marking.
    const dated = { ...withTasks(deal, pipeline, ['budget'], 6), expectedCloseDate: '2026-06-30' } as Opportunity;
    expect(ok(dated, pipeline, { type: 'advance' }, { at: hours(8) }).opportunity.stageId).toBe('proposal');
  });

  it('refuses at the last open stage with no_next_stage', () => {
    const deal = makeDeal({ stageId: 'negotiation', history: [{ type: 'created', at: CREATED, stageId: 'negotiation' }], attributes: { decisionMaker: '王总' } });
    const issues = refused(deal, pipeline, { type: 'advance' }, { at: hours(1) });
    expect(brief(issues)).toEqual([['no_next_stage', 'negotiation', null]]);
    expect(messages(issues)).toEqual(['Stage "Negotiation" is the last open stage; win or lose the deal instead.']);
    expect(messages(refused(deal, pipeline, { type: 'advance' }, { at: hours(1), locale: 'zh-CN' }))).toEqual(['“Negotiation”已是最后一个进行中阶段，请直接标记为赢单或输单。']);
  });
});

describe('move: skips and backward moves follow the policies', () => {
  it('a skip under policy gates needs the tasks of the stage left and of every skipped stage', () => {
    const deal = withTasks(makeDeal(), pipeline, ['contact']);
    // lead → negotiation leaves lead (done) and skips qualify and proposal.
    const issues = refused(deal, pipeline, { type: 'move', to: 'negotiation' }, { at: hours(5) });
    expect(brief(issues)).toEqual([
      ['key_task_incomplete', 'qualify', 'budget'],
      ['key_task_incomplete', 'qualify', 'closeDate'],
      ['guard_missing', 'proposal', 'credit'],
      ['key_task_incomplete', 'proposal', 'submit'],
    ]);
    expect(issues[2]?.message).toBe('No guard named "creditApproved" was registered for key task "Pass the credit check".');
    const zh = refused(deal, pipeline, { type: 'move', to: 'negotiation' }, { at: hours(5), locale: 'zh-CN' });
    expect(zh[2]?.message).toBe('关键任务“Pass the credit check”所需的检查“creditApproved”未注册。');

    const ready = { ...withTasks(deal, pipeline, ['budget', 'submit'], 2), expectedCloseDate: '2026-06-30' } as Opportunity;
    const r = ok(ready, pipeline, { type: 'move', to: 'negotiation' }, { at: hours(5), guards: passCredit });
    expect(r.events).toEqual([{ type: 'stage_changed', seq: 5, at: hours(5), from: 'lead', to: 'negotiation', kind: 'skip' }]);
  });

  it('a move to the next stage is an advance', () => {
    const deal = withTasks(makeDeal(), pipeline, ['contact']);
    expect(ok(deal, pipeline, { type: 'move', to: 'qualify' }, { at: hours(2) }).events[0]).toMatchObject({ kind: 'advance' });
  });

  it('policy skip: forbid refuses skips outright', () => {
    const strict = makePipeline({ skip: 'forbid' });
    const deal = withTasks(makeDeal(), strict, ['contact']);
    const issues = refused(deal, strict, { type: 'move', to: 'proposal' }, { at: hours(5) });
    expect(brief(issues)).toEqual([['stage_skip_forbidden', 'proposal', null]]);
    expect(issues[0]?.params).toMatchObject({ from: 'lead', to: 'proposal', fromName: 'Lead', toName: 'Proposal' });
    expect(messages(issues)).toEqual(['Moving from "Lead" to "Proposal" skips stages, which this pipeline forbids.']);
    expect(messages(refused(deal, strict, { type: 'move', to: 'proposal' }, { at: hours(5), locale: 'zh-CN' }))).toEqual([
      '本销售漏斗不允许跳过阶段：不能从“Lead”直接推进到“Proposal”。',
    ]);
    // The next stage is not a skip.
    expect(ok(deal, strict, { type: 'move', to: 'qualify' }, { at: hours(5) }).opportunity.stageId).toBe('qualify');
  });

  const inQualify = (p: Pipeline) => ok(withTasks(makeDeal(), p, ['contact']), p, { type: 'advance' }, { at: hours(2) }).opportunity;

  it('policy backward: allow lets a deal move back without gates and records an optional reason', () => {
    const deal = inQualify(pipeline);
    expect(ok(deal, pipeline, { type: 'move', to: 'lead' }, { at: hours(3) }).events[0]).toEqual({ type: 'stage_changed', seq: 4, at: hours(3), from: 'qualify', to: 'lead', kind: 'regress' });
    expect(ok(deal, pipeline, { type: 'move', to: 'lead', reason: 'budget cut' }, { at: hours(3) }).events[0]).toMatchObject({ kind: 'regress', reason: 'budget cut' });
  });

  it('policy backward: reason needs a non-blank reason', () => {
    const p = makePipeline({ backward: 'reason' });
    const deal = inQualify(p);
    for (const reason of [undefined, '', '   ']) {
      const command: TransitionCommand = reason === undefined ? { type: 'move', to: 'lead' } : { type: 'move', to: 'lead', reason };
      const issues = refused(deal, p, command, { at: hours(3) });
      expect(brief(issues)).toEqual([['reason_required', 'lead', null]]);
      expect(issues[0]?.params).toMatchObject({ command: 'move back', fromName: 'Qualify', toName: 'Lead' });
      expect(messages(issues)).toEqual(['A reason is required to move back.']);
      expect(messages(refused(deal, p, command, { at: hours(3), locale: 'zh-CN' }))).toEqual(['退回需要填写原因。']);
    }
    expect(ok(deal, p, { type: 'move', to: 'lead', reason: ' 客户重新评估 ' }, { at: hours(3) }).events[0]).toMatchObject({ reason: '客户重新评估' });
  });

  it('policy backward: forbid refuses moving back', () => {
    const p = makePipeline({ backward: 'forbid' });
    const issues = refused(inQualify(p), p, { type: 'move', to: 'lead', reason: 'x' }, { at: hours(3) });
    expect(brief(issues)).toEqual([['backward_move_forbidden', 'lead', null]]);
    expect(messages(issues)).toEqual(['Moving back from "Qualify" to "Lead" is not allowed in this pipeline.']);
    expect(messages(refused(inQualify(p), p, { type: 'move', to: 'lead' }, { at: hours(3), locale: 'zh-CN' }))).toEqual(['本销售漏斗不允许从“Qualify”退回到“Lead”。']);
  });

  it('unknown, closed and current stages are coded issues, not exceptions', () => {
    const deal = makeDeal();
    const unknown = refused(deal, pipeline, { type: 'move', to: 'demo' }, { at: hours(1) });
    expect(unknown).toEqual([makeIssue('unknown_stage', { stageId: 'demo', pipelineId: 'direct' }, { path: ['to'], stageId: 'demo' })]);
    expect(unknown[0]?.message).toBe('Unknown stage "demo".');
    expect(refused(deal, pipeline, { type: 'move', to: 'demo' }, { at: hours(1), locale: 'zh-CN' })[0]?.message).toBe('未知阶段“demo”。');
    const closedStage = refused(deal, pipeline, { type: 'move', to: 'won' }, { at: hours(1) });
    expect(brief(closedStage)).toEqual([['stage_not_open', 'won', null]]);
    expect(closedStage[0]?.message).toBe('Stage "Won" is not an open stage.');
    const same = refused(deal, pipeline, { type: 'move', to: 'lead' }, { at: hours(1), locale: 'zh-CN' });
    expect(brief(same)).toEqual([['already_in_stage', 'lead', null]]);
    expect(same[0]?.message).toBe('商机已处于阶段“Lead”。');
  });
});

describe('win and lose', () => {
  const inProposal = () => {
    let d = withTasks(makeDeal({ expectedCloseDate: '2026-06-30' }), pipeline, ['contact', 'budget']);
    d = ok(d, pipeline, { type: 'move', to: 'proposal' }, { at: hours(4) }).opportunity;
    return d;
  };

  it('win needs every required task from the current stage through the last open stage', () => {
    const deal = { ...inProposal(), amount: { ...inProposal().amount, amount: inProposal().amount.amount.minus('150000.01') } } as Opportunity;
    // amount 250000 − 150000.01 = 99999.99 < 100000, so "Quote at least 100000" fails too.
    const issues = refused(deal, pipeline, { type: 'win' }, { at: hours(5), guards: passCredit });
    expect(brief(issues)).toEqual([
      ['key_task_incomplete', 'proposal', 'submit'],
      ['key_task_incomplete', 'negotiation', 'bigEnough'],
      ['key_task_incomplete', 'negotiation', 'decisionMaker'],
    ]);
    expect(issues[1]?.params).toMatchObject({ field: 'amount', rule: '>= 100000' });
    expect(messages(refused(deal, pipeline, { type: 'win' }, { at: hours(5), guards: passCredit, locale: 'zh-CN' }))).toEqual([
      '阶段“Proposal”的关键任务“Submit the proposal”尚未完成。',
      '阶段“Negotiation”的关键任务“Quote at least 100000”尚未完成。',
      '阶段“Negotiation”的关键任务“Name the decision maker”尚未完成。',
    ]);
  });

  it('winning moves the deal into the first won stage, sets closedAt and drops overrides', () => {
    const ready = { ...withTasks(inProposal(), pipeline, ['submit'], 5), attributes: { decisionMaker: '王总' }, probabilityOverride: pipeline.stages[0]?.probability, forecastCategoryOverride: 'commit' } as Opportunity;
    const r = ok(ready, pipeline, { type: 'win' }, { at: hours(9), by: 'rep-zhang', guards: passCredit });
    expect(r.events).toEqual([{ type: 'won', seq: 6, at: hours(9), by: 'rep-zhang', stageId: 'won' }]);
    expect(r.opportunity).toMatchObject({ stageId: 'won', status: 'won', closedAt: hours(9) });
    expect(r.opportunity.probabilityOverride).toBeUndefined();
    expect(r.opportunity.forecastCategoryOverride).toBeUndefined();
    expect('probabilityOverride' in r.opportunity).toBe(false);
  });

  it('win { stage } must name a won stage', () => {
    const deal = makeDeal({ stageId: 'negotiation', history: [{ type: 'created', at: CREATED, stageId: 'negotiation' }], attributes: { decisionMaker: '王总' } });
    expect(ok(deal, pipeline, { type: 'win', stage: 'won' }, { at: hours(1) }).opportunity.stageId).toBe('won');
    const wrong = refused(deal, pipeline, { type: 'win', stage: 'lost' }, { at: hours(1) });
    expect(brief(wrong)).toEqual([['stage_not_won', 'lost', null]]);
    expect(wrong[0]?.message).toBe('Stage "Lost" is not a won stage.');
    expect(refused(deal, pipeline, { type: 'win', stage: 'lost' }, { at: hours(1), locale: 'zh-CN' })[0]?.message).toBe('阶段“Lost”不是赢单阶段。');
    expect(brief(refused(deal, pipeline, { type: 'win', stage: 'nope' }, { at: hours(1) }))).toEqual([['unknown_stage', 'nope', null]]);
  });

  it('lose needs a non-empty reason; no key tasks gate it', () => {
    const deal = makeDeal();
    for (const reason of ['', '  ']) {
      const issues = refused(deal, pipeline, { type: 'lose', reason }, { at: hours(1) });
      expect(brief(issues)).toEqual([['reason_required', 'lead', null]]);
      expect(issues[0]?.path).toEqual(['reason']);
      expect(messages(issues)).toEqual(['A reason is required to lose.']);
      expect(messages(refused(deal, pipeline, { type: 'lose', reason }, { at: hours(1), locale: 'zh-CN' }))).toEqual(['输单需要填写原因。']);
    }
  });

  it('losing records the reason and the competitor and closes the deal in a lost stage', () => {
    const deal = { ...makeDeal(), probabilityOverride: pipeline.stages[1]?.probability } as Opportunity;
    const r = ok(deal, pipeline, { type: 'lose', reason: '价格过高', competitor: 'Globex' }, { at: hours(2) });
    expect(r.events).toEqual([{ type: 'lost', seq: 2, at: hours(2), stageId: 'lost', reason: '价格过高', competitor: 'Globex' }]);
    expect(r.opportunity).toMatchObject({ stageId: 'lost', status: 'lost', closedAt: hours(2), lossReason: '价格过高', competitor: 'Globex' });
    expect(r.opportunity.probabilityOverride).toBeUndefined();
    const other = ok(deal, pipeline, { type: 'lose', reason: 'No budget this year', stage: 'noDecision' }, { at: hours(2) });
    expect(other.events).toEqual([{ type: 'lost', seq: 2, at: hours(2), stageId: 'noDecision', reason: 'No budget this year' }]);
    expect('competitor' in other.opportunity).toBe(false);
    const wrong = refused(deal, pipeline, { type: 'lose', reason: 'x', stage: 'won' }, { at: hours(2), locale: 'zh-CN' });
    expect(brief(wrong)).toEqual([['stage_not_lost', 'won', null]]);
    expect(wrong[0]?.message).toBe('阶段“Won”不是输单阶段。');
  });
});

describe('closed and suspended deals', () => {
  const lost = () => ok(withTasks(makeDeal(), pipeline, ['contact']), pipeline, { type: 'lose', reason: '价格过高', competitor: 'Globex' }, { at: hours(3) }).opportunity;

  it('closed deals refuse everything except reopen', () => {
    const deal = lost();
    const commands: TransitionCommand[] = [
      { type: 'advance' },
      { type: 'move', to: 'qualify' },
      { type: 'win' },
      { type: 'lose', reason: 'again' },
      { type: 'suspend' },
      { type: 'resume' },
    ];
    for (const command of commands) {
      const issues = refused(deal, pipeline, command, { at: hours(4) });
      expect(brief(issues)).toEqual([['opportunity_closed', 'lost', null]]);
      expect(messages(issues)).toEqual(['The opportunity is already lost; reopen it first.']);
      expect(messages(refused(deal, pipeline, command, { at: hours(4), locale: 'zh-CN' }))).toEqual(['商机已输单，请先重新打开。']);
    }
  });

  it('reopen goes back to the open stage the deal last stood in and clears the outcome', () => {
    const r = ok(lost(), pipeline, { type: 'reopen' }, { at: hours(10), by: 'manager-wang' });
    expect(r.events).toEqual([{ type: 'reopened', seq: 4, at: hours(10), by: 'manager-wang', stageId: 'lead' }]);
    expect(r.opportunity).toMatchObject({ stageId: 'lead', status: 'open' });
    for (const key of ['closedAt', 'lossReason', 'competitor']) expect(key in r.opportunity).toBe(false);
  });

  it('reopen { to } elsewhere is a move from that stage: it cannot jump a gate', () => {
    const deal = lost(); // lost from lead, with contact done
    const issues = refused(deal, pipeline, { type: 'reopen', to: 'proposal' }, { at: hours(10) });
    expect(brief(issues)).toEqual([
      ['key_task_incomplete', 'qualify', 'budget'],
      ['key_task_incomplete', 'qualify', 'closeDate'],
    ]);
    const back = makePipeline({ backward: 'forbid' });
    const wonInQualify = ok(
      ok(withTasks(makeDeal({ expectedCloseDate: '2026-06-30' }), back, ['contact', 'budget']), back, { type: 'advance' }, { at: hours(3) }).opportunity,
      back,
      { type: 'lose', reason: 'x' },
      { at: hours(4) },
    ).opportunity;
    expect(brief(refused(wonInQualify, back, { type: 'reopen', to: 'lead' }, { at: hours(5) }))).toEqual([['backward_move_forbidden', 'lead', null]]);
    const r = ok(wonInQualify, back, { type: 'reopen', to: 'proposal' }, { at: hours(5) });
    expect(r.events.map((e) => e.type)).toEqual(['reopened', 'stage_changed']);
    expect(r.events[1]).toMatchObject({ from: 'qualify', to: 'proposal', kind: 'advance' });
    expect(brief(refused(wonInQualify, back, { type: 'reopen', to: 'won' }, { at: hours(5) }))).toEqual([['stage_not_open', 'won', null]]);
  });

  it('reopen refuses a deal that is not closed', () => {
    const issues = refused(makeDeal(), pipeline, { type: 'reopen' }, { at: hours(1) });
    expect(brief(issues)).toEqual([['opportunity_not_closed', 'lead', null]]);
    expect(messages(issues)).toEqual(['The opportunity is not closed, so it cannot be reopened.']);
    expect(messages(refused(makeDeal(), pipeline, { type: 'reopen' }, { at: hours(1), locale: 'zh-CN' }))).toEqual(['商机尚未关闭，无法重新打开。']);
  });

  it('suspended deals refuse stage moves until resumed, and still list what the stage needs', () => {
    const suspended = ok(makeDeal(), pipeline, { type: 'suspend', reason: '客户预算冻结' }, { at: hours(1) });
    expect(suspended.events).toEqual([{ type: 'suspended', seq: 2, at: hours(1), reason: '客户预算冻结' }]);
    const deal = suspended.opportunity;
    expect(deal.status).toBe('suspended');
    const issues = refused(deal, pipeline, { type: 'advance' }, { at: hours(2) });
    expect(brief(issues)).toEqual([
      ['opportunity_suspended', 'lead', null],
      ['key_task_incomplete', 'lead', 'contact'],
    ]);
    expect(issues[0]?.message).toBe('The opportunity is suspended; resume it first.');
    expect(refused(deal, pipeline, { type: 'advance' }, { at: hours(2), locale: 'zh-CN' })[0]?.message).toBe('商机已中止，请先恢复（重新激活）。');
    for (const command of [{ type: 'win' }, { type: 'lose', reason: 'x' }, { type: 'suspend' }, { type: 'move', to: 'qualify' }] as TransitionCommand[]) {
      expect(brief(refused(deal, pipeline, command, { at: hours(2) }))[0]).toEqual(['opportunity_suspended', 'lead', null]);
    }
    const resumed = ok(deal, pipeline, { type: 'resume' }, { at: hours(3) });
    expect(resumed.events).toEqual([{ type: 'resumed', seq: 3, at: hours(3) }]);
    expect(resumed.opportunity.status).toBe('open');
    const notSuspended = refused(resumed.opportunity, pipeline, { type: 'resume' }, { at: hours(4), locale: 'zh-CN' });
    expect(brief(notSuspended)).toEqual([['opportunity_not_suspended', 'lead', null]]);
    expect(notSuspended[0]?.message).toBe('商机未处于中止状态。');
  });
});

describe('probability override on stage change', () => {
  const override = pipeline.stages[2]?.probability; // 0.5
  const deal = () => ({ ...withTasks(makeDeal(), pipeline, ['contact']), probabilityOverride: override }) as Opportunity;

  it('policy reset drops the override; keep keeps it', () => {
    expect('probabilityOverride' in ok(deal(), pipeline, { type: 'advance' }, { at: hours(5) }).opportunity).toBe(false);
    const keep = makePipeline({ probabilityOnStageChange: 'keep' });
    expect(ok(deal(), keep, { type: 'advance' }, { at: hours(5) }).opportunity.probabilityOverride?.toString()).toBe('0.5');
    // Suspending is not a stage change.
    expect(ok(deal(), pipeline, { type: 'suspend' }, { at: hours(5) }).opportunity.probabilityOverride?.toString()).toBe('0.5');
  });
});

describe('guards say why', () => {
  const inProposal = () =>
    ok({ ...withTasks(makeDeal(), pipeline, ['contact', 'budget', 'submit']), expectedCloseDate: '2026-06-30' } as Opportunity, pipeline, { type: 'move', to: 'proposal' }, { at: hours(5) })
      .opportunity;

  it('false becomes guard_failed; issues are passed through with the stage and task ids; true passes', () => {
    const deal = inProposal();
    const failed = refused(deal, pipeline, { type: 'advance' }, { at: hours(6), guards: { creditApproved: () => false } });
    expect(brief(failed)).toEqual([['guard_failed', 'proposal', 'credit']]);
    expect(messages(failed)).toEqual(['Check "creditApproved" for key task "Pass the credit check" did not pass.']);
    const zh = refused(deal, pipeline, { type: 'advance' }, { at: hours(6), locale: 'zh-CN', guards: { creditApproved: () => false } });
    expect(messages(zh)).toEqual(['关键任务“Pass the credit check”未通过检查（creditApproved）。']);

    const seen: unknown[] = [];
    const why: KeyTaskGuards = {
      creditApproved: (o, c) => {
        seen.push([o.id, c.stage.id, c.task.id, c.at?.toISOString(), c.locale, c.pipeline.id]);
        return [makeIssue('guard_failed', { guard: 'creditApproved', title: c.task.title, detail: ': credit limit 200000 < 250000' }, { locale: c.locale })];
      },
    };
    const explained = refused(deal, pipeline, { type: 'advance' }, { at: hours(6), guards: why });
    expect(brief(explained)).toEqual([['guard_failed', 'proposal', 'credit']]);
    expect(explained[0]?.message).toBe('Check "creditApproved" for key task "Pass the credit check" did not pass: credit limit 200000 < 250000.');
    expect(seen[0]).toEqual(['deal-1', 'proposal', 'credit', hours(6).toISOString(), 'en', 'direct']);

    expect(ok(deal, pipeline, { type: 'advance' }, { at: hours(6), guards: { creditApproved: () => [] } }).opportunity.stageId).toBe('negotiation');
    expect(ok(deal, pipeline, { type: 'advance' }, { at: hours(6), guards: passCredit }).opportunity.stageId).toBe('negotiation');
  });

  it("a guard's detail renders in the caller's locale, now and when the issue is rendered again", () => {
    const deal = inProposal();
    const guards: KeyTaskGuards = {
      // The guard writes its issue in English whatever it is asked: the engine renders it in the caller's locale.
      creditApproved: (_o, c) => [
        makeIssue('guard_failed', { guard: 'creditApproved', title: c.task.title, detail: { en: 'credit limit 200000 < 250000', 'zh-CN': '信用额度 200000 < 250000' } }),
      ],
    };
    const zh = refused(deal, pipeline, { type: 'advance' }, { at: hours(6), locale: 'zh-CN', guards });
    expect(messages(zh)).toEqual(['关键任务“Pass the credit check”未通过检查（creditApproved）：信用额度 200000 < 250000。']);
    expect(formatIssue(zh[0]!, 'en')).toBe('Check "creditApproved" for key task "Pass the credit check" did not pass: credit limit 200000 < 250000.');
    // A plain-string detail is shown as it is in every locale.
    const plain: KeyTaskGuards = { creditApproved: (_o, c) => [makeIssue('guard_failed', { guard: 'creditApproved', title: c.task.title, detail: ': 200000 < 250000' })] };
    expect(messages(refused(deal, pipeline, { type: 'advance' }, { at: hours(6), locale: 'zh-CN', guards: plain }))).toEqual([
      '关键任务“Pass the credit check”未通过检查（creditApproved）: 200000 < 250000。',
    ]);
  });

  it('a guard that is not a function, or returns something else, is a programmer error', () => {
    const deal = inProposal();
    expect(() => transition(deal, pipeline, { type: 'advance' }, { at: hours(6), guards: { creditApproved: 42 } as never })).toThrow(FunnelError);
    expect(() => transition(deal, pipeline, { type: 'advance' }, { at: hours(6), guards: { creditApproved: () => 'yes' } as never })).toThrow(/guards.creditApproved/);
  });

  it('only own properties count as registered guards', () => {
    const p = makePipeline();
    const json = { ...p, stages: p.stages.map((s) => (s.id === 'proposal' ? { ...s, keyTasks: [{ ...s.keyTasks[0]!, check: { kind: 'guard' as const, name: 'toString' } }] } : s)) } as Pipeline;
    const deal = { ...inProposal(), pipelineId: json.id } as Opportunity;
    expect(brief(refused(deal, json, { type: 'advance' }, { at: hours(6), guards: {} }))).toEqual([['guard_missing', 'proposal', 'credit']]);
  });
});

describe('boundary: every problem is a coded issue, listed at once', () => {
  it('time never goes backwards: time_went_backwards comes with the other issues', () => {
    const deal = withTasks(makeDeal(), pipeline, ['contact']); // last event at hours(1)
    const issues = refused(deal, pipeline, { type: 'move', to: 'proposal' }, { at: hours(0.5) });
    expect(brief(issues)).toEqual([
      ['time_went_backwards', null, null],
      ['key_task_incomplete', 'qualify', 'budget'],
      ['key_task_incomplete', 'qualify', 'closeDate'],
    ]);
    expect(issues[0]?.message).toBe('The change at 2026-03-01 01:30:00 UTC is earlier than the last ledger event at 2026-03-01 02:00:00 UTC.');
    expect(refused(deal, pipeline, { type: 'advance' }, { at: hours(0.5), locale: 'zh-CN' })[0]?.message).toBe(
      '操作时间 2026-03-01 01:30:00 UTC 早于该商机最近一条变更记录的时间（2026-03-01 02:00:00 UTC）。',
    );
    // The same instant as the last event is fine.
    expect(ok(deal, pipeline, { type: 'advance' }, { at: hours(1) }).events).toHaveLength(1);
  });

  it('a deal of another pipeline, or in a stage the pipeline lacks', () => {
    const other = { ...makeDeal(), pipelineId: 'partner' } as Opportunity;
    const issues = refused(other, pipeline, { type: 'advance' }, { at: hours(1) });
    expect(brief(issues)).toEqual([['pipeline_mismatch', null, null]]);
    expect(issues[0]?.message).toBe('The opportunity belongs to pipeline "partner", not "direct".');
    const stray = { ...makeDeal(), stageId: 'partner-intro' } as Opportunity;
    const stageIssues = refused(stray, pipeline, { type: 'advance' }, { at: hours(1), locale: 'zh-CN' });
    expect(brief(stageIssues)).toEqual([['stage_not_in_pipeline', 'partner-intro', null]]);
    expect(stageIssues[0]?.message).toBe('阶段“partner-intro”不属于销售漏斗“direct”。');
    const mismatch = { ...makeDeal(), status: 'won' } as Opportunity;
    expect(brief(refused(mismatch, pipeline, { type: 'reopen' }, { at: hours(1) }))).toEqual([['status_stage_mismatch', 'lead', null]]);
  });

  it('malformed commands are invalid_command issues with a path', () => {
    const deal = makeDeal();
    const bad: unknown[] = [null, 'advance', { type: 'jump' }, { type: 'move' }, { type: 'move', to: '' }, { type: 'win', stage: 3 }, { type: 'lose', reason: 42 }, { type: 'reopen', to: {} }];
    const paths = bad.map((c) => {
      const issues = refused(deal, pipeline, c as TransitionCommand, { at: hours(1) });
      expect(issues.every((i) => i.code === 'invalid_command')).toBe(true);
      return issues.map((i) => (i.path ?? []).join('.'));
    });
    expect(paths).toEqual([[''], [''], ['type'], ['to'], ['to'], ['stage'], ['reason'], ['to']]);
    const jump = refused(deal, pipeline, { type: 'jump' } as never, { at: hours(1), locale: 'zh-CN' });
    expect(jump[0]?.message).toBe('无效命令：未知命令类型“jump”，应为 advance、move、win、lose、suspend、resume 或 reopen。');
    // The reason is coded too, so a program can branch on it.
    expect(jump[0]?.code === 'invalid_command' && jump[0].params.reason.code).toBe('unknown_command_type');
  });

  it('bad options are programmer errors (FunnelError invalid_option)', () => {
    const deal = makeDeal();
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof FunnelError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => transition(deal, pipeline, { type: 'advance' }, {} as TransitionOptions))).toBe('invalid_option');
    expect(code(() => transition(deal, pipeline, { type: 'advance' }, { at: new Date('nope') }))).toBe('invalid_option');
    for (const at of ['nope', '', '2026-02-30T00:00:00Z', '2026-03-01T23:59:60Z', '2026-03-01', '9999-12-31T23:00:00-02:00', 42]) {
      expect(code(() => transition(deal, pipeline, { type: 'advance' }, { at } as never)), String(at)).toBe('invalid_option');
    }
    expect(code(() => transition(deal, pipeline, { type: 'advance' }, { at: new Date(Date.UTC(10_000, 0, 1)) }))).toBe('invalid_option');
    let error: unknown;
    try {
      transition(deal, pipeline, { type: 'advance' }, { at: 'tomorrow' });
    } catch (e) {
      error = e;
    }
    expect((error as FunnelError).params).toMatchObject({ option: 'at' });
    expect(code(() => transition(deal, pipeline, { type: 'advance' }, { at: hours(1), locale: 'fr' as never }))).toBe('invalid_option');
    expect(code(() => transition(deal, pipeline, { type: 'advance' }, { at: hours(1), by: '' }))).toBe('invalid_option');
    expect(code(() => evaluateTransition(deal, { ...pipeline, stages: pipeline.stages.filter((s) => s.kind === 'open') }, { type: 'advance' }))).toBe('invalid_argument');
  });

  it('`at` may be an ISO 8601 string with an offset: the same instant as a Date gives the same result', () => {
    const deal = withTasks(makeDeal(), pipeline, ['contact']);
    const viaDate = ok(deal, pipeline, { type: 'advance' }, { at: hours(2) });
    const viaString = ok(deal, pipeline, { type: 'advance' }, { at: '2026-03-01T11:00:00+08:00' }); // = hours(2)
    expect(viaString).toEqual(viaDate);
    expect(viaString.events[0]?.at).toEqual(hours(2));
    // Before the last event (hours(1) = 02:00Z), whichever way it is written.
    expect(brief(refused(deal, pipeline, { type: 'advance' }, { at: '2026-03-01T09:59:59+08:00' }))).toEqual([['time_went_backwards', null, null]]);
  });

  it('the events of a success share no mutable Date with the caller', () => {
    const at = hours(2);
    const r = ok(withTasks(makeDeal(), pipeline, ['contact']), pipeline, { type: 'advance' }, { at });
    at.setTime(0);
    expect(r.events[0]?.at).toEqual(hours(2));
  });
});

describe('every engine issue renders in both locales with all placeholders filled', () => {
  it('for the issues of each rule above', () => {
    const strict = makePipeline({ skip: 'forbid', backward: 'reason' });
    const deal = makeDeal();
    const lost = transition(deal, pipeline, { type: 'lose', reason: 'x' }, { at: hours(1) });
    if (!lost.ok) throw new Error('refused');
    const issues: FunnelIssue[] = [
      ...evaluateTransition(deal, pipeline, { type: 'win' }, { guards: { creditApproved: () => false } }),
      ...evaluateTransition(deal, pipeline, { type: 'win' }),
      ...evaluateTransition(deal, strict, { type: 'move', to: 'proposal' }),
      ...evaluateTransition({ ...deal, stageId: 'qualify' } as Opportunity, strict, { type: 'move', to: 'lead' }),
      ...evaluateTransition({ ...deal, stageId: 'qualify' } as Opportunity, makePipeline({ backward: 'forbid' }), { type: 'move', to: 'lead' }),
      ...evaluateTransition(deal, pipeline, { type: 'move', to: 'nope' }),
      ...evaluateTransition(deal, pipeline, { type: 'move', to: 'won' }),
      ...evaluateTransition(deal, pipeline, { type: 'move', to: 'lead' }),
      ...evaluateTransition(deal, pipeline, { type: 'win', stage: 'lost' }),
      ...evaluateTransition(deal, pipeline, { type: 'lose', reason: '', stage: 'won' }),
      ...evaluateTransition(deal, pipeline, { type: 'resume' }),
      ...evaluateTransition(deal, pipeline, { type: 'reopen' }, { at: hours(-1) }),
      ...evaluateTransition(lost.opportunity, pipeline, { type: 'advance' }),
      ...evaluateTransition({ ...deal, status: 'suspended' } as Opportunity, pipeline, { type: 'suspend' }),
      ...evaluateTransition({ ...deal, stageId: 'negotiation' } as Opportunity, pipeline, { type: 'advance' }),
      ...evaluateTransition({ ...deal, pipelineId: 'x' } as Opportunity, pipeline, { type: 'advance' }),
      ...evaluateTransition({ ...deal, stageId: 'x' } as Opportunity, pipeline, { type: 'advance' }),
      ...evaluateTransition(deal, pipeline, { type: 'jump' } as never),
    ];
    const codes = new Set(issues.map((i) => i.code));
    expect([...codes].sort()).toEqual(
      [
        'already_in_stage', 'backward_move_forbidden', 'guard_failed', 'guard_missing', 'invalid_command', 'key_task_incomplete', 'no_next_stage',
        'opportunity_closed', 'opportunity_not_closed', 'opportunity_not_suspended', 'opportunity_suspended', 'pipeline_mismatch', 'reason_required',
        'stage_not_in_pipeline', 'stage_not_lost', 'stage_not_open', 'stage_not_won', 'stage_skip_forbidden', 'time_went_backwards', 'unknown_stage',
      ].sort(),
    );
    for (const i of issues) {
      for (const locale of ['en', 'zh-CN'] as const) expect(formatIssue(i, locale), `${i.code} in ${locale}`).not.toMatch(/\{\w+\}/);
    }
  });
});
