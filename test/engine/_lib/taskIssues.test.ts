// How one key task is judged (src/engine/_lib/taskIssues.ts), through the public engine:
// `evaluateTransition` lists the issues of a gate, `nextSteps` shows which tasks count
// as done (a task reported as satisfied is not listed; an unmet one is, with its issues).
import { describe, expect, it } from 'vitest';
import {
  evaluateTransition,
  makeIssue,
  nextSteps,
  parseCustomer,
  parseOpportunity,
  parsePipeline,
  transition,
  type Customer,
  type KeyTaskGuards,
  type Opportunity,
} from '../../../src/index.js';
import { CREATED, hours, makeDeal, makePipeline, thrown } from '../_fixtures.js';

const pipeline = makePipeline();


/** The fixture deal, created in `stageId`. */
const dealIn = (stageId: string, extra: Record<string, unknown> = {}) => makeDeal({ stageId, history: [{ type: 'created', at: CREATED, stageId }], ...extra });

/** What nextSteps lists as still to do in the current stage: [taskId, issue codes]. */
const todo = (deal: Opportunity, options: Parameters<typeof nextSteps>[2] = {}) =>
  nextSteps(deal, pipeline, options).blocking.map((s) => [s.taskId, s.issues.map((i) => i.code)]);

describe('manual and field tasks', () => {
  it('an unmarked manual task: key_task_incomplete with check manual, in en and zh-CN', () => {
    const params = { title: 'Make first contact', stageName: 'Lead', stageId: 'lead', taskId: 'contact', check: 'manual' } as const;
    const en = evaluateTransition(makeDeal(), pipeline, { type: 'advance' });
    expect(en).toEqual([{ code: 'key_task_incomplete', params, message: 'Key task "Make first contact" of stage "Lead" is not done.', stageId: 'lead', taskId: 'contact' }]);
    const zh = evaluateTransition(makeDeal(), pipeline, { type: 'advance' }, { locale: 'zh-CN' });
    expect(zh).toEqual([{ code: 'key_task_incomplete', params, message: '阶段“Lead”的关键任务“Make first contact”尚未完成。', stageId: 'lead', taskId: 'contact' }]);
  });

  it('a field task counts as done exactly when its rule holds on the data', () => {
    expect(todo(dealIn('qualify'))).toEqual([
      ['budget', ['key_task_incomplete']],
      ['closeDate', ['key_task_incomplete']],
    ]);
    expect(todo(dealIn('qualify', { expectedCloseDate: '2026-06-30' }))).toEqual([['budget', ['key_task_incomplete']]]);
  });

  it('a field task marked done in the ledger (when it was manual, say) still needs its data', () => {
    // qualify's tasks are not all manual, so each is judged by its own check, not by the marks.
    const marked = dealIn('qualify', {
      history: [
        { type: 'created', at: CREATED, stageId: 'qualify' },
        { type: 'task_completed', at: hours(1).toISOString(), taskId: 'budget' },
        { type: 'task_completed', at: hours(2).toISOString(), taskId: 'closeDate' },
      ],
      completedTasks: { budget: { at: hours(1).toISOString() }, closeDate: { at: hours(2).toISOString() } },
    });
    expect(marked.completedTasks).toEqual({ budget: { at: hours(1) }, closeDate: { at: hours(2) } });
    expect(evaluateTransition(marked, pipeline, { type: 'advance' })).toEqual([
      makeIssue(
        'key_task_incomplete',
        { title: 'Set an expected close date', stageName: 'Qualify', stageId: 'qualify', taskId: 'closeDate', check: 'field', field: 'expectedCloseDate', rule: 'present' },
        { stageId: 'qualify', taskId: 'closeDate' },
      ),
    ]);
    expect(evaluateTransition({ ...marked, expectedCloseDate: '2026-06-30' } as Opportunity, pipeline, { type: 'advance' })).toEqual([]);
  });
});

describe('guard tasks: what each verdict means', () => {
  const inProposal = dealIn('proposal');
  const submitOpen = ['submit', ['key_task_incomplete']];

  it('no guard of that name: guard_missing, and the task is unmet', () => {
    expect(todo(inProposal)).toEqual([['credit', ['guard_missing']], submitOpen]);
    expect(nextSteps(inProposal, pipeline).blocking[0]?.issues).toEqual([
      makeIssue('guard_missing', { guard: 'creditApproved', title: 'Pass the credit check', stageName: 'Proposal', stageId: 'proposal', taskId: 'credit' }, { stageId: 'proposal', taskId: 'credit' }),
    ]);
  });

  it('true and an empty list pass; false is guard_failed', () => {
    expect(todo(inProposal, { guards: { creditApproved: () => true } })).toEqual([submitOpen]);
    expect(todo(inProposal, { guards: { creditApproved: () => [] } })).toEqual([submitOpen]);
    expect(todo(inProposal, { guards: { creditApproved: () => false } })).toEqual([['credit', ['guard_failed']], submitOpen]);
    expect(nextSteps(inProposal, pipeline, { guards: { creditApproved: () => false }, locale: 'zh-CN' }).blocking[0]?.issues).toEqual([
      makeIssue(
        'guard_failed',
        { guard: 'creditApproved', title: 'Pass the credit check', stageName: 'Proposal', stageId: 'proposal', taskId: 'credit' },
        { locale: 'zh-CN', stageId: 'proposal', taskId: 'credit' },
      ),
    ]);
  });

  it("a list of issues is the guard's own reasons, rendered in the caller's locale, pointed at the task", () => {
    const guards: KeyTaskGuards = {
      creditApproved: () => [makeIssue('guard_failed', { guard: 'creditApproved', title: '信用审核', detail: { en: 'over the credit limit', 'zh-CN': '超出信用额度' } }, { locale: 'en' })],
    };
    const [credit] = nextSteps(inProposal, pipeline, { guards, locale: 'zh-CN' }).blocking;
    expect(credit?.issues).toEqual([
      {
        code: 'guard_failed',
        params: { guard: 'creditApproved', title: '信用审核', detail: { en: 'over the credit limit', 'zh-CN': '超出信用额度' } },
        message: '关键任务“信用审核”未通过检查（creditApproved）：超出信用额度。',
        stageId: 'proposal',
        taskId: 'credit',
      },
    ]);
  });

  it('any other verdict is a programmer error naming the guard', () => {
    const call = (verdict: unknown) => () => evaluateTransition(inProposal, pipeline, { type: 'advance' }, { guards: { creditApproved: () => verdict } as never });
    const result = thrown(call('yes'));
    expect(result.params).toEqual({ option: 'guards.creditApproved', reason: { code: 'guard_result_shape', en: 'must return a boolean or an array of issues', 'zh-CN': '必须返回布尔值或问题列表' } });
    expect(result.message).toBe('Invalid option "guards.creditApproved": must return a boolean or an array of issues.');
    expect(thrown(call(1)).params).toEqual(result.params);
    for (const item of [42, null, 'guard_failed']) {
      const e = thrown(call([item]));
      expect(e.code).toBe('invalid_option');
      expect(e.params).toEqual({
        option: 'guards.creditApproved',
        reason: { code: 'guard_issue_shape', en: 'must return issues (objects with a code and params)', 'zh-CN': '必须返回问题对象（带 code 和 params）' },
      });
      expect(e.message).toBe('Invalid option "guards.creditApproved": must return issues (objects with a code and params).');
      expect(e.localizedMessage('zh-CN')).toBe('选项“guards.creditApproved”无效：必须返回问题对象（带 code 和 params）。');
    }
  });
});

describe('contact_met tasks', () => {
  // A stage gated on meeting two roles of the buying centre.
  const buying = parsePipeline({
    id: 'direct',
    name: '直销漏斗',
    currency: 'CNY',
    stages: [
      {
        id: 'qualify',
        name: '需求确认',
        kind: 'open',
        probability: '0.25',
        keyTasks: [
          { id: 'meet-dm', title: '拜访决策人', check: { kind: 'contact_met', role: 'decision_maker' } },
          { id: 'meet-te', title: '与技术选型人交流', check: { kind: 'contact_met', role: 'technical_evaluator' } },
        ],
      },
      { id: 'proposal', name: '方案提出', kind: 'open', probability: '0.5' },
      { id: 'won', name: '赢单', kind: 'won', probability: 1 },
      { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
    ],
  });
  const deal = parseOpportunity({
    id: 'o-1',
    customerId: 'c-1',
    pipelineId: 'direct',
    name: 'ERP',
    ownerId: 'rep-zhang',
    amount: { amount: '800000', currency: 'CNY' },
    stageId: 'qualify',
    history: [{ type: 'created', at: '2026-03-02T01:00:00Z', stageId: 'qualify' }],
  });
  const contacts = [
    { id: 'ct-wang', name: '王总', role: 'decision_maker' },
    { id: 'ct-li', name: '李工', role: 'technical_evaluator' },
  ];
  /** The deal's customer, with activities of its own ledger naming the deal at `when`. */
  const customerWith = (when: string, contactIds: readonly string[] = ['ct-wang', 'ct-li'], id = 'c-1'): Customer =>
    parseCustomer({
      id,
      name: '华东机械',
      contacts,
      history: contactIds.map((contactId) => ({ type: 'activity_logged', at: when, kind: 'meeting', contactId, opportunityId: 'o-1' })),
    });
  const at = '2026-03-10T01:00:00Z';
  const codes = (options: Parameters<typeof evaluateTransition>[3]) => evaluateTransition(deal, buying, { type: 'advance' }, options).map((i) => [i.code, i.taskId ?? null]);

  it('another customer than the deal’s: one customer_mismatch for the whole list, after the issues before it', () => {
    const other = customerWith('2026-03-05T01:00:00Z', ['ct-wang', 'ct-li'], 'c-2');
    const mismatch = makeIssue('customer_mismatch', { expected: 'c-1', actual: 'c-2' }, { path: ['customer', 'id'] });
    expect(mismatch.message).toBe('The customer given is "c-2", but the deal belongs to customer "c-1".');
    expect(evaluateTransition(deal, buying, { type: 'advance' }, { at, customer: other })).toEqual([mismatch]);
    // An earlier issue (the time) does not hide it.
    const early = evaluateTransition(deal, buying, { type: 'advance' }, { at: '2026-03-01T00:00:00Z', customer: other, locale: 'zh-CN' });
    expect(early.map((i) => i.code)).toEqual(['time_went_backwards', 'customer_mismatch']);
    expect(early[1]).toEqual({ ...mismatch, message: '传入的客户是“c-2”，但该商机属于客户“c-1”。' });
    // nextSteps judges each task on its own: both are unmet, each for the mismatch.
    expect(nextSteps(deal, buying, { at, customer: other }).blocking.map((s) => [s.taskId, s.issues])).toEqual([
      ['meet-dm', [mismatch]],
      ['meet-te', [mismatch]],
    ]);
  });

  it('without the customer: each task is unmet (contact_check_needs_customer)', () => {
    expect(nextSteps(deal, buying).blocking.map((s) => [s.taskId, s.issues.map((i) => i.code)])).toEqual([
      ['meet-dm', ['contact_check_needs_customer']],
      ['meet-te', ['contact_check_needs_customer']],
    ]);
  });

  it('activities on the customer ledger count up to `at` inclusive, and without `at` whenever they happened', () => {
    expect(codes({ at, customer: customerWith(at) })).toEqual([]);
    expect(codes({ at, customer: customerWith('2026-03-10T01:00:00.001Z') })).toEqual([
      ['contact_not_met', 'meet-dm'],
      ['contact_not_met', 'meet-te'],
    ]);
    expect(codes({ customer: customerWith('2027-01-01T00:00:00Z') })).toEqual([]);
    expect(codes({ customer: customerWith('2027-01-01T00:00:00Z', ['ct-li']) })).toEqual([['contact_not_met', 'meet-dm']]);
  });

  it('a deal ledger without any activity meets nobody, whatever the customer holds', () => {
    // Suspended and resumed: a ledger of events, none an activity.
    const paused = transition(deal, buying, { type: 'suspend' }, { at: '2026-03-03T01:00:00Z' });
    if (!paused.ok) throw new Error(JSON.stringify(paused.issues));
    const resumed = transition(paused.opportunity, buying, { type: 'resume' }, { at: '2026-03-04T01:00:00Z' });
    if (!resumed.ok) throw new Error(JSON.stringify(resumed.issues));
    const busy = resumed.opportunity;
    expect(busy.history.map((e) => e.type)).toEqual(['created', 'suspended', 'resumed']);
    expect(evaluateTransition(busy, buying, { type: 'advance' }, { at, customer: customerWith(at, []) }).map((i) => [i.code, i.params])).toEqual([
      ['contact_not_met', { title: '拜访决策人', stageName: '需求确认', stageId: 'qualify', taskId: 'meet-dm', role: 'decision_maker', customerId: 'c-1', customerName: '华东机械', contacts: 1 }],
      ['contact_not_met', { title: '与技术选型人交流', stageName: '需求确认', stageId: 'qualify', taskId: 'meet-te', role: 'technical_evaluator', customerId: 'c-1', customerName: '华东机械', contacts: 1 }],
    ]);
  });
});
