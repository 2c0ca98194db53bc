// The transition plan (src/engine/_lib/planTransition.ts) through `transition` and
// `evaluateTransition`: every refusal is checked as a whole issue (code, params, path,
// stage, message), and every recorded event as a whole (no `reason: undefined` keys).
import { describe, expect, it } from 'vitest';
import {
  completeTask,
  evaluateTransition,
  makeIssue,
  parseOpportunity,
  parsePipeline,
  setProbabilityOverride,
  transition,
  type GuardContext,
  type KeyTaskGuards,
  type Opportunity,
  type Pipeline,
  type TransitionCommand,
  type TransitionOptions,
} from '../../../src/index.js';
import { CREATED, hours, makeDeal, makePipeline, pipelineJson, thrown } from '../_fixtures.js';

const pipeline = makePipeline();


/** Runs a command that must succeed. */
function ok(deal: Opportunity, p: Pipeline, command: TransitionCommand, options: TransitionOptions) {
  const r = transition(deal, p, command, options);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}

/** A pipeline without key tasks: only the stage rules apply. */
const tiny = parsePipeline({
  id: 'tiny',
  name: 'Tiny',
  currency: 'CNY',
  stages: [
    { id: 'a', name: 'A', kind: 'open', probability: '0.2' },
    { id: 'b', name: 'B', kind: 'open', probability: '0.5' },
    { id: 'won', name: 'Won', kind: 'won', probability: 1 },
    { id: 'lost', name: 'Lost', kind: 'lost', probability: 0 },
  ],
});

/** A deal of `tiny` with the given ledger (JSON events) and fields. */
function tinyDeal(extra: Record<string, unknown> = {}): Opportunity {
  return parseOpportunity({
    id: 't-1',
    customerId: 'acme',
    pipelineId: 'tiny',
    name: 'Pilot',
    amount: { amount: '1000', currency: 'CNY' },
    stageId: 'a',
    ownerId: 'rep-zhang',
    history: [{ type: 'created', at: CREATED, stageId: 'a' }],
    ...extra,
  });
}

/** A deal of `tiny`, lost from `a` one hour after creation. */
function tinyLost(): Opportunity {
  const at = hours(1).toISOString();
  return tinyDeal({ stageId: 'lost', status: 'lost', closedAt: at, lossReason: 'x', history: [{ type: 'created', at: CREATED, stageId: 'a' }, { type: 'lost', at, stageId: 'lost', reason: 'x' }] });
}

/** A closed deal of the fixture pipeline with the ledger `events` (JSON), then lost at the end. */
function lostAfter(events: readonly Record<string, unknown>[]): Opportunity {
  const at = hours(events.length).toISOString();
  return makeDeal({ stageId: 'lost', status: 'lost', closedAt: at, lossReason: 'x', history: [...events, { type: 'lost', at, stageId: 'lost', reason: 'x' }] });
}

describe('the command shape: every problem an invalid_command issue with its path', () => {
  it('a command that is not an object', () => {
    for (const command of ['advance', null, 7]) {
      expect(evaluateTransition(makeDeal(), pipeline, command as never)).toEqual([
        {
          code: 'invalid_command',
          params: { reason: { code: 'command_not_object', en: 'a command must be an object with a "type"', 'zh-CN': '命令必须是带“type”字段的对象' } },
          message: 'Invalid command: a command must be an object with a "type".',
          path: [],
        },
      ]);
    }
  });

  it('a field of the wrong type, for each command that reads it', () => {
    const stringField = (field: string, type: string) => ({
      code: 'invalid_command',
      params: {
        reason: { code: 'command_field_string', params: { field, type }, en: `"${field}" of a ${type} command must be a string`, 'zh-CN': `${type} 命令的“${field}”必须是字符串` },
        field,
      },
      message: `Invalid command: "${field}" of a ${type} command must be a string.`,
      path: [field],
    });
    const cases: readonly [unknown, unknown[]][] = [
      [{ type: 'move', to: 'qualify', reason: 42 }, [stringField('reason', 'move')]],
      [{ type: 'lose', reason: 'x', competitor: 42 }, [stringField('competitor', 'lose')]],
      [{ type: 'lose', reason: 42 }, [stringField('reason', 'lose')]],
      [{ type: 'suspend', reason: 42 }, [stringField('reason', 'suspend')]],
      [{ type: 'reopen', reason: 42 }, [stringField('reason', 'reopen')]],
    ];
    for (const [command, issues] of cases) expect(evaluateTransition(makeDeal(), pipeline, command as never)).toEqual(issues);
    // One literal case, checked by hand.
    expect(evaluateTransition(makeDeal(), pipeline, { type: 'suspend', reason: 42 } as never, { locale: 'zh-CN' })[0]?.message).toBe('无效命令：suspend 命令的“reason”必须是字符串。');
  });

  it('a stage field that is not a stage id', () => {
    const stageField = (field: string, type: string) => ({
      code: 'invalid_command',
      params: { reason: { code: 'command_field_stage', params: { field, type }, en: `"${field}" of a ${type} command must be a stage id`, 'zh-CN': `${type} 命令的“${field}”必须是阶段 ID` }, field },
      message: `Invalid command: "${field}" of a ${type} command must be a stage id.`,
      path: [field],
    });
    expect(evaluateTransition(makeDeal(), pipeline, { type: 'move', to: '' })).toEqual([stageField('to', 'move')]);
    expect(evaluateTransition(makeDeal(), pipeline, { type: 'lose', reason: 'x', stage: 42 } as never)).toEqual([stageField('stage', 'lose')]);
    expect(evaluateTransition(makeDeal(), pipeline, { type: 'win', stage: 42 } as never)).toEqual([stageField('stage', 'win')]);
    expect(evaluateTransition(makeDeal(), pipeline, { type: 'reopen', to: 42 } as never)).toEqual([stageField('to', 'reopen')]);
  });

  it('fields a command does not read are not checked', () => {
    const deal = tinyDeal();
    expect(evaluateTransition(deal, tiny, { type: 'win', reason: 42, competitor: 42, to: 42 } as never)).toEqual([]);
    expect(evaluateTransition(deal, tiny, { type: 'suspend', to: 42, stage: 42, competitor: 42 } as never)).toEqual([]);
    expect(evaluateTransition(deal, tiny, { type: 'advance', to: 42, reason: 42 } as never)).toEqual([]);
  });
});

describe('the deal against the pipeline', () => {
  it('another pipeline: pipeline_mismatch on pipelineId', () => {
    const issues = evaluateTransition({ ...makeDeal(), pipelineId: 'partner' } as Opportunity, pipeline, { type: 'suspend' });
    expect(issues).toEqual([
      { code: 'pipeline_mismatch', params: { expected: 'direct', actual: 'partner' }, message: 'The opportunity belongs to pipeline "partner", not "direct".', path: ['pipelineId'] },
    ]);
  });

  it('a stage the pipeline lacks: stage_not_in_pipeline on stageId', () => {
    const issues = evaluateTransition({ ...makeDeal(), stageId: 'demo' } as Opportunity, pipeline, { type: 'suspend' }, { locale: 'zh-CN' });
    expect(issues).toEqual([
      { code: 'stage_not_in_pipeline', params: { stageId: 'demo', pipelineId: 'direct' }, message: '阶段“demo”不属于销售漏斗“direct”。', path: ['stageId'], stageId: 'demo' },
    ]);
  });

  it('a status that does not fit the stage kind: status_stage_mismatch on status', () => {
    const openInWon = evaluateTransition({ ...makeDeal(), stageId: 'won' } as Opportunity, pipeline, { type: 'suspend' });
    expect(openInWon).toEqual([
      makeIssue('status_stage_mismatch', { status: 'open', stageKind: 'won', stageId: 'won', stageName: 'Won' }, { path: ['status'], stageId: 'won' }),
    ]);
    expect(openInWon[0]?.message).toBe('Status "open" does not match the won stage "Won".');
    const lostInWon = { ...lostAfter([{ type: 'created', at: CREATED, stageId: 'lead' }]), stageId: 'won' } as Opportunity;
    expect(evaluateTransition(lostInWon, pipeline, { type: 'reopen' })).toEqual([
      makeIssue('status_stage_mismatch', { status: 'lost', stageKind: 'won', stageId: 'won', stageName: 'Won' }, { path: ['status'], stageId: 'won' }),
    ]);
    // The same deal in its own stage is fine.
    expect(evaluateTransition(lostAfter([{ type: 'created', at: CREATED, stageId: 'lead' }]), pipeline, { type: 'reopen' })).toEqual([]);
  });
});

describe('targets: each refusal with its path and stage', () => {
  it('move: already_in_stage and stage_not_open point at `to`', () => {
    expect(evaluateTransition(makeDeal(), pipeline, { type: 'move', to: 'lead' })).toEqual([
      { code: 'already_in_stage', params: { stageId: 'lead', stageName: 'Lead' }, message: 'The opportunity is already in stage "Lead".', path: ['to'], stageId: 'lead' },
    ]);
    expect(evaluateTransition(makeDeal(), pipeline, { type: 'move', to: 'noDecision' })).toEqual([
      { code: 'stage_not_open', params: { stageId: 'noDecision', stageName: 'No decision', kind: 'lost' }, message: 'Stage "No decision" is not an open stage.', path: ['to'], stageId: 'noDecision' },
    ]);
  });

  it('win and lose: an unknown or wrong-kind stage points at `stage`', () => {
    const deal = tinyDeal();
    expect(evaluateTransition(deal, tiny, { type: 'win', stage: 'gold' })).toEqual([
      { code: 'unknown_stage', params: { stageId: 'gold', pipelineId: 'tiny' }, message: 'Unknown stage "gold".', path: ['stage'], stageId: 'gold' },
    ]);
    expect(evaluateTransition(deal, tiny, { type: 'win', stage: 'lost' })).toEqual([
      { code: 'stage_not_won', params: { stageId: 'lost', stageName: 'Lost', kind: 'lost' }, message: 'Stage "Lost" is not a won stage.', path: ['stage'], stageId: 'lost' },
    ]);
    expect(evaluateTransition(deal, tiny, { type: 'lose', stage: 'won', reason: 'x' }, { locale: 'zh-CN' })).toEqual([
      { code: 'stage_not_lost', params: { stageId: 'won', stageName: 'Won', kind: 'won' }, message: '阶段“Won”不是输单阶段。', path: ['stage'], stageId: 'won' },
    ]);
  });

  it('moving back under backward: reason needs a reason, pointed at `reason`', () => {
    const p = makePipeline({ backward: 'reason' });
    const inQualify = makeDeal({ stageId: 'qualify', history: [{ type: 'created', at: CREATED, stageId: 'qualify' }] });
    expect(evaluateTransition(inQualify, p, { type: 'move', to: 'lead' })).toEqual([
      {
        code: 'reason_required',
        params: { command: 'move back', from: 'qualify', to: 'lead', fromName: 'Qualify', toName: 'Lead' },
        message: 'A reason is required to move back.',
        path: ['reason'],
        stageId: 'lead',
      },
    ]);
  });
});

describe('suspended, open and closed states', () => {
  const suspended = () => ok(tinyDeal(), tiny, { type: 'suspend' }, { at: hours(1) }).opportunity;

  it('a suspended deal cannot move: opportunity_suspended names its stage', () => {
    expect(evaluateTransition(suspended(), tiny, { type: 'advance' })).toEqual([
      { code: 'opportunity_suspended', params: { stageId: 'a', stageName: 'A' }, message: 'The opportunity is suspended; resume it first.', stageId: 'a' },
    ]);
  });

  it('resume needs a suspended deal, reopen a closed one', () => {
    expect(evaluateTransition(tinyDeal(), tiny, { type: 'resume' })).toEqual([
      { code: 'opportunity_not_suspended', params: { status: 'open', stageId: 'a' }, message: 'The opportunity is not suspended.', stageId: 'a' },
    ]);
    expect(evaluateTransition(suspended(), tiny, { type: 'reopen' }, { locale: 'zh-CN' })).toEqual([
      { code: 'opportunity_not_closed', params: { status: 'suspended', stageId: 'a' }, message: '商机尚未关闭，无法重新打开。', stageId: 'a' },
    ]);
  });
});

describe('reopen goes back to the open stage the ledger last shows', () => {
  const reopenedAt = (deal: Opportunity, p: Pipeline = pipeline) => {
    const r = ok(deal, p, { type: 'reopen' }, { at: hours(10) });
    expect(r.events).toHaveLength(1);
    return r.opportunity.stageId;
  };

  it('the stage of creation, when the deal never moved', () => {
    const won = makeDeal({
      stageId: 'won',
      status: 'won',
      closedAt: hours(1).toISOString(),
      history: [
        { type: 'created', at: CREATED, stageId: 'qualify' },
        { type: 'won', at: hours(1).toISOString(), stageId: 'won' },
      ],
    });
    expect(reopenedAt(won)).toBe('qualify');
  });

  it('the target of the last stage change, even a move back to the first stage', () => {
    const created = { type: 'created', at: CREATED, stageId: 'lead' };
    expect(reopenedAt(lostAfter([created, { type: 'stage_changed', at: hours(1).toISOString(), from: 'lead', to: 'qualify', kind: 'advance' }]))).toBe('qualify');
    const back = lostAfter([
      { type: 'created', at: CREATED, stageId: 'qualify' },
      { type: 'stage_changed', at: hours(1).toISOString(), from: 'qualify', to: 'lead', kind: 'regress' },
    ]);
    expect(reopenedAt(back)).toBe('lead');
  });

  it('the stage of the last reopening', () => {
    const twice = lostAfter([
      { type: 'created', at: CREATED, stageId: 'lead' },
      { type: 'lost', at: hours(1).toISOString(), stageId: 'lost', reason: 'x' },
      { type: 'reopened', at: hours(2).toISOString(), stageId: 'proposal' },
    ]);
    expect(reopenedAt(twice)).toBe('proposal');
  });

  it('skipping stages the pipeline no longer has, or no longer has as open stages', () => {
    const ledger = lostAfter([
      { type: 'created', at: CREATED, stageId: 'qualify' },
      { type: 'stage_changed', at: hours(1).toISOString(), from: 'qualify', to: 'demo', kind: 'advance' },
      { type: 'stage_changed', at: hours(2).toISOString(), from: 'demo', to: 'proposal', kind: 'advance' },
    ]);
    // Today's pipeline has no `demo`, and `proposal` became a lost stage.
    const today = parsePipeline({
      ...pipelineJson,
      stages: pipelineJson.stages.map((s) => (s.id === 'proposal' ? { id: 'proposal', name: 'Proposal', kind: 'lost', probability: 0 } : s)),
    });
    expect(reopenedAt(ledger, today)).toBe('qualify');
  });

  it('reopen { to } the stage it goes back to anyway is a plain reopening; to another stage, a move from there', () => {
    const deal = tinyLost();
    expect(ok(deal, tiny, { type: 'reopen', to: 'a' }, { at: hours(5) }).events).toStrictEqual([{ type: 'reopened', seq: 3, at: hours(5), stageId: 'a' }]);
    expect(ok(deal, tiny, { type: 'reopen', to: 'b', reason: '重新招标' }, { at: hours(5), by: 'mgr-li' }).events).toStrictEqual([
      { type: 'reopened', seq: 3, at: hours(5), by: 'mgr-li', stageId: 'a', reason: '重新招标' },
      { type: 'stage_changed', seq: 4, at: hours(5), by: 'mgr-li', from: 'a', to: 'b', kind: 'advance', reason: '重新招标' },
    ]);
    expect(ok(deal, tiny, { type: 'reopen', to: 'b' }, { at: hours(5) }).events).toStrictEqual([
      { type: 'reopened', seq: 3, at: hours(5), stageId: 'a' },
      { type: 'stage_changed', seq: 4, at: hours(5), from: 'a', to: 'b', kind: 'advance' },
    ]);
  });
});

describe('the events written carry only the fields given', () => {
  it('no reason on a move, a suspension or a reopening without one', () => {
    const moved = ok(tinyDeal(), tiny, { type: 'move', to: 'b' }, { at: hours(1) });
    expect(moved.events).toStrictEqual([{ type: 'stage_changed', seq: 2, at: hours(1), from: 'a', to: 'b', kind: 'advance' }]);
    const suspended = ok(tinyDeal(), tiny, { type: 'suspend', reason: '  ' }, { at: hours(1) });
    expect(suspended.events).toStrictEqual([{ type: 'suspended', seq: 2, at: hours(1) }]);
    const lost = ok(tinyDeal(), tiny, { type: 'lose', reason: 'price' }, { at: hours(1) });
    expect(lost.events).toStrictEqual([{ type: 'lost', seq: 2, at: hours(1), stageId: 'lost', reason: 'price' }]);
    expect(ok(lost.opportunity, tiny, { type: 'reopen' }, { at: hours(2) }).events).toStrictEqual([{ type: 'reopened', seq: 3, at: hours(2), stageId: 'a' }]);
  });

  it('closing drops what belongs to an earlier loss (an imported deal may carry it)', () => {
    // A ledger may start midway: the loss reason and competitor come from before it.
    const imported = tinyDeal({ lossReason: '价格过高', competitor: 'Globex' });
    expect(imported).toMatchObject({ lossReason: '价格过高', competitor: 'Globex' });
    const won = ok(imported, tiny, { type: 'win' }, { at: hours(1) }).opportunity;
    expect(won).toMatchObject({ status: 'won', stageId: 'won', closedAt: hours(1) });
    expect('lossReason' in won).toBe(false);
    expect('competitor' in won).toBe(false);
    const lost = ok(imported, tiny, { type: 'lose', reason: '功能不符' }, { at: hours(1) }).opportunity;
    expect(lost).toMatchObject({ status: 'lost', lossReason: '功能不符' });
    expect('competitor' in lost).toBe(false);
  });
});

describe('loss reasons are compared without their surrounding spaces', () => {
  it('a listed reason written with spaces in the pipeline still matches, and is listed trimmed', () => {
    const p = parsePipeline({ ...pipelineJson, lossReasons: [' 价格过高 ', '功能不符'] });
    expect(p.lossReasons).toEqual([' 价格过高 ', '功能不符']);
    expect(ok(makeDeal(), p, { type: 'lose', reason: '价格过高' }, { at: hours(1) }).opportunity.lossReason).toBe('价格过高');
    expect(evaluateTransition(makeDeal(), p, { type: 'lose', reason: '太贵了' })).toEqual([
      makeIssue('unknown_loss_reason', { lossReason: '太贵了', allowed: { en: '价格过高, 功能不符', 'zh-CN': '价格过高、功能不符' } }, { path: ['reason'], stageId: 'lead' }),
    ]);
  });
});

describe('the resume guard', () => {
  const p = parsePipeline({ ...pipelineJson, policy: { resumeGuard: 'budgetUnfrozen' } });
  const suspended = () => ok(makeDeal(), p, { type: 'suspend' }, { at: hours(1) }).opportunity;

  it('is asked about a key task named for resuming, titled in the locale', () => {
    const tasks: GuardContext['task'][] = [];
    const guards: KeyTaskGuards = {
      budgetUnfrozen: (_deal, context) => {
        tasks.push(context.task);
        return true;
      },
    };
    ok(suspended(), p, { type: 'resume' }, { at: hours(2), guards });
    ok(suspended(), p, { type: 'resume' }, { at: hours(2), guards, locale: 'zh-CN' });
    expect(tasks).toEqual([
      { id: '~resume', title: 'resume the deal', required: true, check: { kind: 'guard', name: 'budgetUnfrozen' } },
      { id: '~resume', title: '恢复商机', required: true, check: { kind: 'guard', name: 'budgetUnfrozen' } },
    ]);
  });

  it('any verdict but a boolean or a list of issues is a programmer error naming the guard', () => {
    const resume = (verdict: unknown) => () => evaluateTransition(suspended(), p, { type: 'resume' }, { guards: { budgetUnfrozen: () => verdict } as never });
    const e = thrown(resume('yes'));
    expect(e.code).toBe('invalid_option');
    expect(e.params).toEqual({ option: 'guards.budgetUnfrozen', reason: { code: 'guard_result_shape', en: 'must return a boolean or an array of issues', 'zh-CN': '必须返回布尔值或问题列表' } });
    expect(e.localizedMessage('zh-CN')).toBe('选项“guards.budgetUnfrozen”无效：必须返回布尔值或问题列表。');
    for (const item of [42, null, 'resume_guard_failed']) {
      const bad = thrown(resume([item]));
      expect(bad.params).toEqual({
        option: 'guards.budgetUnfrozen',
        reason: { code: 'guard_issue_shape', en: 'must return issues (objects with a code and params)', 'zh-CN': '必须返回问题对象（带 code 和 params）' },
      });
      expect(bad.message).toBe('Invalid option "guards.budgetUnfrozen": must return issues (objects with a code and params).');
    }
    // An empty list passes.
    expect(evaluateTransition(suspended(), p, { type: 'resume' }, { guards: { budgetUnfrozen: () => [] } })).toEqual([]);
  });
});

describe('a hand-built pipeline without `policy` follows the default policies', () => {
  const { policy: _policy, ...rest } = makePipeline();
  const bare = rest as Pipeline;

  it('skips pass the gates, moves back are allowed, reopening and resuming need nothing', () => {
    const deal = makeDeal();
    expect(evaluateTransition(deal, bare, { type: 'move', to: 'proposal' }).map((i) => [i.code, i.taskId])).toEqual([
      ['key_task_incomplete', 'contact'],
      ['key_task_incomplete', 'budget'],
      ['key_task_incomplete', 'closeDate'],
    ]);
    const inQualify = makeDeal({ stageId: 'qualify', history: [{ type: 'created', at: CREATED, stageId: 'qualify' }] });
    expect(ok(inQualify, bare, { type: 'move', to: 'lead' }, { at: hours(1) }).events[0]).toMatchObject({ kind: 'regress' });
    expect(ok(lostAfter([{ type: 'created', at: CREATED, stageId: 'lead' }]), bare, { type: 'reopen' }, { at: hours(5) }).opportunity.status).toBe('open');
    const suspended = ok(deal, bare, { type: 'suspend' }, { at: hours(1) }).opportunity;
    expect(ok(suspended, bare, { type: 'resume' }, { at: hours(2) }).opportunity.status).toBe('open');
  });

  it('a stage change resets the probability override', () => {
    const withOverride = setProbabilityOverride(makeDeal(), '0.4', { at: hours(1) });
    if (!withOverride.ok) throw new Error(JSON.stringify(withOverride.issues));
    const done = completeTask(withOverride.opportunity, bare, 'contact', { at: hours(2) });
    if (!done.ok) throw new Error(JSON.stringify(done.issues));
    expect(done.opportunity.probabilityOverride?.toString()).toBe('0.4');
    const advanced = ok(done.opportunity, bare, { type: 'advance' }, { at: hours(3) }).opportunity;
    expect(advanced.stageId).toBe('qualify');
    expect('probabilityOverride' in advanced).toBe(false);
  });
});
