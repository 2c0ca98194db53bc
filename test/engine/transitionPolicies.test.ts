// The pipeline policies of issue 13: a list of loss reasons, the reopen policy (终止 is
// final under `forbid`) and the resume guard of a suspended deal (中止).
import { beforeEach, describe, expect, it } from 'vitest';
import {
  evaluateTransition,
  formatIssue,
  FunnelError,
  makeIssue,
  parseOpportunity,
  parsePipeline,
  safeParsePipeline,
  serializeOpportunity,
  serializePipeline,
  toFunnelIssues,
  transition,
  type FunnelIssue,
  type GuardContext,
  type KeyTaskGuards,
  type Opportunity,
  type Pipeline,
  type TransitionCommand,
  type TransitionOptions,
} from '../../src/index.js';
import { hours, makeDeal, pipelineJson, snapshot } from './_fixtures.js';

const REASONS = ['价格过高', '功能不符', '客户预算取消'];

function withPolicy(extra: Record<string, unknown>): Pipeline {
  return parsePipeline({ ...pipelineJson, ...extra });
}

function ok(deal: Opportunity, p: Pipeline, command: TransitionCommand, options: TransitionOptions) {
  const before = snapshot(deal, p);
  const r = transition(deal, p, command, options);
  expect(snapshot(deal, p)).toBe(before);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}

function refused(deal: Opportunity, p: Pipeline, command: TransitionCommand, options: TransitionOptions): readonly FunnelIssue[] {
  const before = snapshot(deal, p);
  const r = transition(deal, p, command, options);
  expect(snapshot(deal, p)).toBe(before);
  if (r.ok) throw new Error('expected a refusal');
  expect(evaluateTransition(deal, p, command, options)).toEqual(r.issues);
  return r.issues;
}

const codes = (issues: readonly FunnelIssue[]) => issues.map((i) => i.code);

/** The fixture deal, lost from `lead` one hour after creation. */
function lostDeal(p: Pipeline): Opportunity {
  return ok(makeDeal(), p, { type: 'lose', reason: '价格过高', competitor: 'Globex' }, { at: hours(1) }).opportunity;
}

/** The fixture deal, won (the fixture's key tasks block `win`, so the ledger is written by hand). */
function wonDeal(): Opportunity {
  return makeDeal({
    stageId: 'won',
    status: 'won',
    closedAt: hours(1).toISOString(),
    history: [
      { type: 'created', at: hours(0).toISOString(), stageId: 'lead' },
      { type: 'won', at: hours(1).toISOString(), stageId: 'won' },
    ],
  });
}

/** The fixture deal, suspended one hour after creation. */
function suspendedDeal(p: Pipeline): Opportunity {
  return ok(makeDeal(), p, { type: 'suspend', reason: '客户预算冻结' }, { at: hours(1) }).opportunity;
}

describe('pipeline: the new fields parse, validate with paths and round-trip', () => {
  it('lossReasons, reopen and resumeGuard are optional and left out when absent', () => {
    const plain = parsePipeline(pipelineJson);
    expect(plain.lossReasons).toBeUndefined();
    expect(plain.policy).toEqual({ skip: 'gates', backward: 'allow', probabilityOnStageChange: 'reset' });
    const wire = serializePipeline(plain);
    expect('lossReasons' in wire).toBe(false);
    expect(Object.keys(wire.policy ?? {})).toEqual(['skip', 'backward', 'probabilityOnStageChange']);
  });

  it('round-trips through the wire form', () => {
    const p = withPolicy({ lossReasons: REASONS, policy: { reopen: 'reason', resumeGuard: 'budgetUnfrozen' } });
    expect(p.lossReasons).toEqual(REASONS);
    expect(p.policy).toEqual({ skip: 'gates', backward: 'allow', probabilityOnStageChange: 'reset', reopen: 'reason', resumeGuard: 'budgetUnfrozen' });
    const again = parsePipeline(JSON.parse(JSON.stringify(serializePipeline(p))));
    expect(again).toEqual(p);
  });

  it('refuses blank and repeated loss reasons, each with its path', () => {
    const r = safeParsePipeline({ ...pipelineJson, lossReasons: ['价格过高', '  ', ' 价格过高 ', '功能不符'] });
    expect(r.success).toBe(false);
    if (r.success) return;
    const issues = toFunnelIssues(r.error);
    expect(issues.map((i) => [i.code, i.path?.join('.')])).toEqual([
      ['blank_loss_reason', 'lossReasons.1'],
      ['duplicate_loss_reason', 'lossReasons.2'],
    ]);
    expect(issues[1]?.params).toEqual({ lossReason: '价格过高' });
    expect(formatIssue(issues[1]!, 'zh-CN')).toBe('输单原因“价格过高”重复。');
    expect(formatIssue(issues[0]!, 'zh-CN')).toBe('第 2 个输单原因为空。');
  });

  it('refuses an empty list, a bad reopen policy and a blank guard name, each with its path', () => {
    const r = safeParsePipeline({ ...pipelineJson, lossReasons: [], policy: { reopen: 'never', resumeGuard: '' } });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(toFunnelIssues(r.error).map((i) => i.path?.join('.'))).toEqual(['lossReasons', 'policy.reopen', 'policy.resumeGuard']);
  });
});

describe('lossReasons: lose refuses a reason the pipeline does not list', () => {
  // Built per test (not in the describe body) so that mutation testing attributes it to the tests.
  let p: Pipeline;
  beforeEach(() => {
    p = withPolicy({ lossReasons: REASONS });
  });

  it('refuses an unknown reason with a coded issue listing the allowed reasons, in en and zh-CN', () => {
    const issues = refused(makeDeal(), p, { type: 'lose', reason: '太贵了' }, { at: hours(1) });
    expect(codes(issues)).toEqual(['unknown_loss_reason']);
    expect(issues[0]).toMatchObject({ path: ['reason'], stageId: 'lead' });
    expect(issues[0]?.params).toEqual({ lossReason: '太贵了', allowed: { en: '价格过高, 功能不符, 客户预算取消', 'zh-CN': '价格过高、功能不符、客户预算取消' } });
    expect(issues[0]?.message).toBe('"太贵了" is not a loss reason of this pipeline; choose one of: 价格过高, 功能不符, 客户预算取消.');
    const zh = refused(makeDeal(), p, { type: 'lose', reason: '太贵了' }, { at: hours(1), locale: 'zh-CN' });
    expect(zh[0]?.message).toBe('“太贵了”不是本销售漏斗设定的输单原因，请从以下原因中选择：价格过高、功能不符、客户预算取消。');
  });

  it('accepts a listed reason (compared without surrounding spaces) and records it', () => {
    const r = ok(makeDeal(), p, { type: 'lose', reason: '  功能不符 ', competitor: 'Globex' }, { at: hours(1) });
    expect(r.opportunity).toMatchObject({ status: 'lost', lossReason: '功能不符', competitor: 'Globex' });
    expect(r.events).toEqual([{ type: 'lost', seq: 2, at: hours(1), stageId: 'lost', reason: '功能不符', competitor: 'Globex' }]);
  });

  it('a blank reason is still reason_required, not unknown_loss_reason', () => {
    expect(codes(refused(makeDeal(), p, { type: 'lose', reason: ' ' }, { at: hours(1) }))).toEqual(['reason_required']);
  });

  it('without a list, any reason is accepted', () => {
    expect(ok(makeDeal(), parsePipeline(pipelineJson), { type: 'lose', reason: '太贵了' }, { at: hours(1) }).opportunity.lossReason).toBe('太贵了');
  });

  it('ledgers are not checked against the list (old reasons stay valid history)', () => {
    const deal = lostDeal(parsePipeline(pipelineJson));
    const json = serializeOpportunity({ ...deal, lossReason: '早期原因', history: deal.history.map((e) => (e.type === 'lost' ? { ...e, reason: '早期原因' } : e)) });
    expect(parseOpportunity(json, { pipeline: withPolicy({ lossReasons: REASONS }) }).lossReason).toBe('早期原因');
  });
});

describe('reopen policy', () => {
  it("'allow' (the default) reopens without a reason, and records one when given", () => {
    const p = parsePipeline(pipelineJson);
    expect(ok(lostDeal(p), p, { type: 'reopen' }, { at: hours(2) }).events).toEqual([{ type: 'reopened', seq: 3, at: hours(2), stageId: 'lead' }]);
    const r = ok(lostDeal(p), p, { type: 'reopen', reason: '客户重新招标' }, { at: hours(2) });
    expect(r.events).toEqual([{ type: 'reopened', seq: 3, at: hours(2), stageId: 'lead', reason: '客户重新招标' }]);
  });

  it("'reason' requires a non-blank reason and records it on the reopened event", () => {
    const p = withPolicy({ policy: { reopen: 'reason' } });
    for (const command of [{ type: 'reopen' }, { type: 'reopen', reason: '  ' }] as const) {
      const issues = refused(lostDeal(p), p, command, { at: hours(2) });
      expect(codes(issues)).toEqual(['reason_required']);
      expect(issues[0]?.params).toEqual({ command: 'reopen' });
      expect(issues[0]?.path).toEqual(['reason']);
      expect(formatIssue(issues[0]!, 'zh-CN')).toBe('重新打开需要填写原因。');
    }
    const r = ok(lostDeal(p), p, { type: 'reopen', reason: '客户重新招标' }, { at: hours(2) });
    expect(r.events[0]).toMatchObject({ type: 'reopened', stageId: 'lead', reason: '客户重新招标' });
    expect(r.opportunity).toMatchObject({ status: 'open', stageId: 'lead' });
  });

  it("'reason' applies to won deals too", () => {
    const p = withPolicy({ policy: { reopen: 'reason' } });
    expect(codes(refused(wonDeal(), p, { type: 'reopen' }, { at: hours(2) }))).toEqual(['reason_required']);
  });

  it("'forbid': closing is final (终止), for lost and won deals, with a coded issue in en and zh-CN", () => {
    const p = withPolicy({ policy: { reopen: 'forbid' } });
    const issues = refused(lostDeal(p), p, { type: 'reopen', reason: '客户重新招标' }, { at: hours(2) });
    expect(codes(issues)).toEqual(['reopen_forbidden']);
    expect(issues[0]).toMatchObject({ stageId: 'lost', params: { status: 'lost', stageId: 'lost', stageName: 'Lost' } });
    expect(issues[0]?.message).toBe('This pipeline does not allow reopening a lost deal: closing is final.');
    expect(formatIssue(issues[0]!, 'zh-CN')).toBe('本销售漏斗不允许重新打开已输单的商机：关闭即终止，不再跟进。');
    expect(codes(refused(wonDeal(), p, { type: 'reopen', to: 'qualify' }, { at: hours(2) }))).toEqual(['reopen_forbidden']);
  });

  it('the reopened event with its reason parses back, by the fast path and by zod alike', () => {
    const p = withPolicy({ policy: { reopen: 'reason' } });
    const reopened = ok(lostDeal(p), p, { type: 'reopen', reason: '客户重新招标' }, { at: hours(2), by: 'mgr-li' }).opportunity;
    const json = serializeOpportunity(reopened);
    expect(json.history?.[2]).toMatchObject({ type: 'reopened', reason: '客户重新招标', by: 'mgr-li' });
    expect(parseOpportunity(json, { pipeline: p })).toEqual(reopened);
    // A `Date` where a string is expected leaves the fast path: zod parses it the same.
    expect(parseOpportunity({ ...json, history: json.history?.map((e) => ({ ...e, at: new Date(e.at as string) })) }, { pipeline: p })).toEqual(reopened);
  });
});

describe('resumeGuard: resuming a suspended deal (中止) needs the named guard to pass', () => {
  let p: Pipeline;
  beforeEach(() => {
    p = withPolicy({ policy: { resumeGuard: 'budgetUnfrozen' } });
  });

  it('passes with true, and tells the guard what it is asked about', () => {
    const contexts: GuardContext[] = [];
    const guards: KeyTaskGuards = {
      budgetUnfrozen: (_deal, context) => {
        contexts.push(context);
        return true;
      },
    };
    const r = ok(suspendedDeal(p), p, { type: 'resume' }, { at: hours(2), guards, locale: 'zh-CN' });
    expect(r.opportunity.status).toBe('open');
    expect(contexts).toHaveLength(1);
    expect(contexts[0]).toMatchObject({ purpose: 'resume', stage: { id: 'lead' }, at: hours(2), locale: 'zh-CN', task: { id: '~resume', title: '恢复商机', check: { kind: 'guard', name: 'budgetUnfrozen' } } });
  });

  it('false is resume_guard_failed; a missing guard is resume_guard_missing; in en and zh-CN', () => {
    const failed = refused(suspendedDeal(p), p, { type: 'resume' }, { at: hours(2), guards: { budgetUnfrozen: () => false } });
    expect(codes(failed)).toEqual(['resume_guard_failed']);
    expect(failed[0]).toMatchObject({ stageId: 'lead', params: { guard: 'budgetUnfrozen', stageId: 'lead', stageName: 'Lead' } });
    expect(failed[0]?.message).toBe('Check "budgetUnfrozen" for resuming the deal did not pass.');
    expect(formatIssue(failed[0]!, 'zh-CN')).toBe('恢复商机前的检查（budgetUnfrozen）未通过。');
    const missing = refused(suspendedDeal(p), p, { type: 'resume' }, { at: hours(2) });
    expect(codes(missing)).toEqual(['resume_guard_missing']);
    expect(missing[0]?.message).toBe('No guard named "budgetUnfrozen" was registered for resuming the deal.');
    expect(formatIssue(missing[0]!, 'zh-CN')).toBe('恢复商机所需的检查“budgetUnfrozen”未注册。');
  });

  it("a guard's own issues are passed through, rendered in the caller's locale", () => {
    const guards: KeyTaskGuards = {
      // Written in English on purpose: the engine renders it again in the caller's locale.
      budgetUnfrozen: () => [
        makeIssue('resume_guard_failed', { guard: 'budgetUnfrozen', stageId: 'lead', stageName: '潜在客户', detail: { en: 'budget still frozen', 'zh-CN': '预算仍处于冻结状态' } }, { locale: 'en' }),
      ],
    };
    const issues = refused(suspendedDeal(p), p, { type: 'resume' }, { at: hours(2), guards, locale: 'zh-CN' });
    expect(issues.map((i) => i.message)).toEqual(['恢复商机前的检查（budgetUnfrozen）未通过：预算仍处于冻结状态。']);
    expect(issues[0]?.stageId).toBe('lead');
  });

  it('a guard that returns something else is a programmer error', () => {
    const guards = { budgetUnfrozen: () => 'yes' } as unknown as KeyTaskGuards;
    expect(() => transition(suspendedDeal(p), p, { type: 'resume' }, { at: hours(2), guards })).toThrow(FunnelError);
  });

  it('is not asked when the deal is not suspended, nor when the pipeline names no guard', () => {
    let calls = 0;
    const guards: KeyTaskGuards = {
      budgetUnfrozen: () => {
        calls++;
        return false;
      },
    };
    expect(codes(refused(makeDeal(), p, { type: 'resume' }, { at: hours(2), guards }))).toEqual(['opportunity_not_suspended']);
    const plain = parsePipeline(pipelineJson);
    expect(ok(suspendedDeal(plain), plain, { type: 'resume' }, { at: hours(2), guards }).opportunity.status).toBe('open');
    expect(calls).toBe(0);
  });

  it('suspending is never guarded', () => {
    expect(ok(makeDeal(), p, { type: 'suspend' }, { at: hours(1) }).opportunity.status).toBe('suspended');
  });
});

describe('the new engine issues render in both locales with every placeholder filled', () => {
  it('for each policy', () => {
    const p = withPolicy({ lossReasons: REASONS, policy: { reopen: 'forbid', resumeGuard: 'budgetUnfrozen' } });
    const r = withPolicy({ policy: { reopen: 'reason' } });
    const issues: FunnelIssue[] = [
      ...evaluateTransition(makeDeal(), p, { type: 'lose', reason: 'x' }),
      ...evaluateTransition(lostDeal(r), p, { type: 'reopen' }),
      ...evaluateTransition(lostDeal(r), r, { type: 'reopen' }),
      ...evaluateTransition(suspendedDeal(r), p, { type: 'resume' }),
      ...evaluateTransition(suspendedDeal(r), p, { type: 'resume' }, { guards: { budgetUnfrozen: () => false } }),
    ];
    expect(codes(issues).sort()).toEqual(['reason_required', 'reopen_forbidden', 'resume_guard_failed', 'resume_guard_missing', 'unknown_loss_reason']);
    for (const i of issues) for (const locale of ['en', 'zh-CN'] as const) expect(formatIssue(i, locale), `${i.code} in ${locale}`).not.toMatch(/\{\w+\}/);
  });
});
