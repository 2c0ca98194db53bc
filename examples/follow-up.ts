// Follow-up (跟进) for a small sales team: log visits and calls on deals and customers,
// list who is due for a follow-up by rep (high-priority customers every 7 days, medium
// 14, low 30), count what a won deal took, gate 方案提出 on having met the decision
// maker (决策人), and find the deals nobody has talked about for weeks.
//
//   npx tsx examples/follow-up.ts
import {
  activitySummary,
  findStalled,
  followUpDue,
  logActivity,
  logCustomerActivity,
  money,
  nextSteps,
  parseCustomer,
  parseOpportunity,
  parsePipeline,
  transition,
  updateAmount,
  type Customer,
  type EngineResult,
  type Opportunity,
} from '../src/index.js';

const zone = { timeZone: 'Asia/Shanghai' } as const;
const at = (date: string, time = '10:00') => `2026-${date}T${time}:00+08:00`;

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
      keyTasks: [{ id: 'meet-dm', title: '拜访决策人', check: { kind: 'contact_met', role: 'decision_maker' } }],
    },
    { id: 'proposal', name: '方案提出', kind: 'open', probability: '0.5' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

const claimed = (ownerId: string) => ({ type: 'claimed', at: at('01-05', '09:00'), ownerId });
let customers: Customer[] = [
  parseCustomer({
    id: 'c-1',
    name: '华东机械',
    priority: 'high',
    ownerId: 'rep-li',
    contacts: [
      { id: 'ct-wang', name: '王总', role: 'decision_maker', title: '总经理' },
      { id: 'ct-li', name: '李工', role: 'technical_evaluator', title: '信息部主任' },
    ],
    history: [claimed('rep-li')],
  }),
  parseCustomer({ id: 'c-2', name: '北方能源', priority: 'medium', ownerId: 'rep-zhang', history: [claimed('rep-zhang')] }),
  parseCustomer({ id: 'c-3', name: '星河科技', priority: 'low', createdAt: at('01-20', '09:00') }),
];

const newDeal = (id: string, customerId: string, ownerId: string, amount: string, created: string): Opportunity =>
  parseOpportunity({
    id,
    customerId,
    pipelineId: 'direct',
    name: `${id} ERP`,
    ownerId,
    amount: { amount, currency: 'CNY' },
    stageId: 'qualify',
    history: [{ type: 'created', at: at(created, '09:00'), stageId: 'qualify' }],
  });

function must(r: EngineResult): Opportunity {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.opportunity;
}
const customer = (id: string) => customers.find((c) => c.id === id)!;
const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

// ---- the month's follow-up ----------------------------------------------------------------
let erp = newDeal('o-1', 'c-1', 'rep-li', '800000', '02-02');
let grid = newDeal('o-2', 'c-2', 'rep-zhang', '450000', '02-10');

erp = must(logActivity(erp, { kind: 'visit', contactId: 'ct-li', outcome: '演示系统', cost: money('320', 'CNY') }, { at: at('03-01'), by: 'rep-li', customer: customer('c-1') }));

console.log('方案提出之前（before 方案提出）:');
const before = nextSteps(erp, pipeline, { at: at('03-02'), customer: customer('c-1'), locale: 'zh-CN' });
for (const step of before.blocking) console.log(`  □ ${step.title} [${step.role}]: ${step.issues[0]?.message}`);

erp = must(logActivity(erp, { kind: 'visit', contactId: 'ct-wang', outcome: '认可方案方向', cost: money('480', 'CNY') }, { at: at('03-05'), by: 'rep-li', customer: customer('c-1') }));
erp = must(transition(erp, pipeline, { type: 'advance' }, { at: at('03-06'), customer: customer('c-1') }));
erp = must(logActivity(erp, { kind: 'meeting', contactId: 'ct-wang', outcome: '谈妥价格' }, { at: at('03-12'), by: 'rep-li' }));
erp = must(transition(erp, pipeline, { type: 'win' }, { at: at('03-15'), customer: customer('c-1') }));
console.log(`  ${erp.id}: ${erp.stageId} after meeting 王总 (决策人)`);

const call = logCustomerActivity(customer('c-2'), { kind: 'call', outcome: '客户预算延后' }, { at: at('03-01', '15:00'), by: 'rep-zhang' });
if (!call.ok) throw new Error('refused');
customers = customers.map((c) => (c.id === 'c-2' ? call.customer : c));
grid = must(updateAmount(grid, money('500000', 'CNY'), { at: at('03-08'), by: 'rep-zhang' }));
const deals = [erp, grid];

// ---- who is due for a follow-up, by rep ---------------------------------------------------
const asOf = at('03-20', '09:00');
const due = followUpDue(customers, { asOf, ...zone, cadenceDays: { high: 7, medium: 14, low: 30 }, deals, groupBy: ['owner'] });
console.log(`\nFollow-ups as of ${due.asOfDate} (high 7 / medium 14 / low 30 days):`);
for (const group of due.groups) {
  console.log(`  ${group.key[0]}:`);
  for (const r of group.value) {
    const last = r.lastActivity === null ? `never contacted (counts from ${r.countsFrom})` : `last ${r.lastActivity.kind} on ${r.lastActivity.date}`;
    const when = r.daysOverdue === null ? r.status : r.daysOverdue > 0 ? `${count(r.daysOverdue, 'day')} overdue` : r.daysOverdue === 0 ? 'due today' : `${count(-r.daysOverdue, 'day')} left`;
    console.log(`    ${r.customerName} [${r.customerClass}]: ${last}, due ${r.dueDate}: ${when}`);
  }
}

// ---- what a won deal takes ---------------------------------------------------------------
const month = activitySummary(customers, deals, { from: at('03-01', '00:00'), to: at('04-01', '00:00'), groupBy: ['owner'] });
console.log('\nMarch in numbers (by rep):');
for (const g of month.groups) {
  const s = g.value;
  console.log(
    `  ${g.key[0]}: ${s.activities} ${s.activities === 1 ? 'activity' : 'activities'} (visits ${s.byKind.visit}, calls ${s.byKind.call}, meetings ${s.byKind.meeting}), cost ${s.cost?.amount.toFixed(2)} ${s.cost?.currency}; ` +
      `won ${s.wonDeals}${s.wonDeals === 0 ? '' : `, ${s.visitsPerWonDeal} visits and ${s.costPerWonDeal?.amount.toFixed(2)} CNY per won deal`}`,
  );
}

// ---- stalled: nobody has talked about the deal -------------------------------------------
const stalledOn = (clock: 'last_activity' | 'last_event') =>
  findStalled(deals, pipeline, { asOf, clock, threshold: 21 })
    .total.map((d) => `${d.opportunityId} (${Math.floor(d.days)} days)`)
    .join(', ') || 'none';
console.log(`\nStalled over 21 days as of 03-20, by the last activity: ${stalledOn('last_activity')}`);
console.log(`… by the last change of any kind (an amount edit counts): ${stalledOn('last_event')}`);
