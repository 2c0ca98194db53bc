// The `contact_met` key task: a stage gated on the buying centre (决策人 met before 方案提出).
import { describe, expect, it } from 'vitest';
import {
  completeTask,
  evaluateTransition,
  FunnelError,
  logActivity,
  nextSteps,
  parseCustomer,
  parseOpportunity,
  parsePipeline,
  transition,
  type Customer,
  type Opportunity,
} from '../../src/index.js';

const pipeline = parsePipeline({
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
        { id: 'meet-tech', title: '与技术选型人交流', required: false, check: { kind: 'contact_met', role: 'technical_evaluator' } },
      ],
    },
    { id: 'proposal', name: '方案提出', kind: 'open', probability: '0.5' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

const customer: Customer = parseCustomer({
  id: 'c-1',
  name: '华东机械',
  contacts: [
    { id: 'ct-wang', name: '王总', role: 'decision_maker' },
    { id: 'ct-li', name: '李工', role: 'technical_evaluator' },
  ],
});

const deal: Opportunity = parseOpportunity({
  id: 'o-1',
  customerId: 'c-1',
  pipelineId: 'direct',
  name: 'ERP',
  ownerId: 'rep-zhang',
  amount: { amount: '800000', currency: 'CNY' },
  stageId: 'qualify',
  history: [{ type: 'created', at: '2026-03-02T09:00:00+08:00', stageId: 'qualify' }],
});

const at = '2026-03-10T09:00:00+08:00';

function visited(contactId: string): Opportunity {
  const r = logActivity(deal, { kind: 'visit', contactId }, { at: '2026-03-05T10:00:00+08:00', customer });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.opportunity;
}

describe('contact_met key tasks', () => {
  it('without the customer: refused with contact_check_needs_customer, naming the customer', () => {
    const issues = evaluateTransition(deal, pipeline, { type: 'advance' }, { at });
    expect(issues.map((i) => [i.code, i.taskId, i.message])).toEqual([
      ['contact_check_needs_customer', 'meet-dm', 'Key task "拜访决策人" of stage "需求确认" checks who has been met at customer "c-1": pass that customer (option customer) to check it.'],
    ]);
    const zh = evaluateTransition(deal, pipeline, { type: 'advance' }, { at, locale: 'zh-CN' });
    expect(zh[0]?.message).toBe('阶段“需求确认”的关键任务“拜访决策人”要核对客户“c-1”的联系人：请在选项中传入该客户。');
  });

  it('with the customer and no activity: contact_not_met names the missing role, in en and zh-CN', () => {
    const r = transition(deal, pipeline, { type: 'advance' }, { at, customer });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.params])).toEqual([
      [
        'contact_not_met',
        { title: '拜访决策人', stageName: '需求确认', stageId: 'qualify', taskId: 'meet-dm', role: 'decision_maker', customerId: 'c-1', customerName: '华东机械', contacts: 1 },
      ],
    ]);
    expect(r.ok ? '' : r.issues[0]?.message).toBe('Key task "拜访决策人" of stage "需求确认" is not done: no activity with the decision maker of customer "华东机械" is logged on this deal.');
    const zh = evaluateTransition(deal, pipeline, { type: 'advance' }, { at, customer, locale: 'zh-CN' });
    expect(zh[0]?.message).toBe('阶段“需求确认”的关键任务“拜访决策人”尚未完成：本商机还没有与客户“华东机械”的决策人的跟进记录。');
  });

  it('an activity with a contact of another role does not count; one with the decision maker does', () => {
    expect(evaluateTransition(visited('ct-li'), pipeline, { type: 'advance' }, { at, customer }).map((i) => i.code)).toEqual(['contact_not_met']);
    const r = transition(visited('ct-wang'), pipeline, { type: 'advance' }, { at, customer });
    expect(r.ok && r.opportunity.stageId).toBe('proposal');
  });

  it('an activity on the customer ledger counts when it names the deal (and happened by then)', () => {
    const about = (opportunityId: string | undefined, when: string): Customer => ({
      ...customer,
      history: [{ type: 'activity_logged', seq: 1, at: new Date(when), kind: 'meeting', contactId: 'ct-wang', ...(opportunityId === undefined ? {} : { opportunityId: opportunityId as Opportunity['id'] }) }],
    });
    expect(evaluateTransition(deal, pipeline, { type: 'advance' }, { at, customer: about('o-1', '2026-03-04T10:00:00+08:00') })).toEqual([]);
    expect(evaluateTransition(deal, pipeline, { type: 'advance' }, { at, customer: about(undefined, '2026-03-04T10:00:00+08:00') }).map((i) => i.code)).toEqual(['contact_not_met']);
    expect(evaluateTransition(deal, pipeline, { type: 'advance' }, { at, customer: about('o-9', '2026-03-04T10:00:00+08:00') }).map((i) => i.code)).toEqual(['contact_not_met']);
    expect(evaluateTransition(deal, pipeline, { type: 'advance' }, { at, customer: about('o-1', '2026-03-20T10:00:00+08:00') }).map((i) => i.code)).toEqual(['contact_not_met']);
  });

  it('a customer with nobody in the role: contacts 0', () => {
    const noBoss = { ...customer, contacts: customer.contacts.filter((c) => c.role !== 'decision_maker') };
    const [i] = evaluateTransition(deal, pipeline, { type: 'advance' }, { at, customer: noBoss });
    expect(i?.code === 'contact_not_met' && i.params.contacts).toBe(0);
  });

  it('another customer than the deal’s: one customer_mismatch', () => {
    const other = { ...customer, id: 'c-2' as Customer['id'] };
    expect(evaluateTransition(visited('ct-wang'), pipeline, { type: 'win' }, { at, customer: other }).map((i) => i.code)).toEqual(['customer_mismatch']);
  });

  it('nextSteps lists the role still to meet, the optional one too', () => {
    const steps = nextSteps(visited('ct-wang'), pipeline, { at, customer, locale: 'zh-CN' });
    expect(steps.blocking).toEqual([]);
    expect(steps.optional.map((s) => [s.taskId, s.check, s.role, s.issues[0]?.message])).toEqual([
      ['meet-tech', 'contact_met', 'technical_evaluator', '阶段“需求确认”的关键任务“与技术选型人交流”尚未完成：本商机还没有与客户“华东机械”的技术选型人的跟进记录。'],
    ]);
    const before = nextSteps(deal, pipeline, { at, customer });
    expect(before.blocking.map((s) => [s.taskId, s.role])).toEqual([['meet-dm', 'decision_maker']]);
    expect(before.ready).toBe(false);
  });

  it('cannot be marked by hand', () => {
    const r = completeTask(deal, pipeline, 'meet-dm', { at, locale: 'zh-CN' });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.message])).toEqual([['task_not_manual', '关键任务“拜访决策人”由系统按跟进记录自动判定，不能手动标记完成。']]);
    const en = completeTask(deal, pipeline, 'meet-dm', { at });
    expect(en.ok ? '' : en.issues[0]?.message).toBe('Key task "拜访决策人" is satisfied by its contact-met check, not marked by hand.');
  });

  it('refuses a malformed customer option and a check without a known role', () => {
    expect(() => evaluateTransition(deal, pipeline, { type: 'advance' }, { at, customer: 'c-1' as never })).toThrow(FunnelError);
    expect(() =>
      parsePipeline({
        id: 'p',
        name: 'p',
        currency: 'CNY',
        stages: [
          { id: 'a', name: 'a', kind: 'open', probability: '0.5', keyTasks: [{ id: 't', title: 't', check: { kind: 'contact_met', role: 'boss' } }] },
          { id: 'w', name: 'w', kind: 'won', probability: 1 },
          { id: 'l', name: 'l', kind: 'lost', probability: 0 },
        ],
      }),
    ).toThrow();
  });
});
